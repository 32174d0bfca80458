import * as assert from 'node:assert/strict';
import {
  escapeLabelIcons,
  escapeLatex,
  escapeMarkdownInline,
  escapeMarkdownStrict,
  escapePlainText,
  escapeSeparatorIcons,
  latexUrl,
  markdownUrl,
  stripControlChars,
} from '../../src/core/format/escape';

describe('escaping for LaTeX', () => {
  it('keeps dashes, quotes and guillemets from forming ligatures', () => {
    assert.equal(escapeLatex('a -- b --- c'), 'a -{}- b -{}-{}- c');
    assert.equal(escapeLatex(",,x'' ’’ ‘‘y"), ",{},x'{}' ’{}’ ‘{}‘y");
    assert.equal(escapeLatex('–- ?‘ !‘'), '–{}- ?{}‘ !{}‘');
    assert.equal(escapeLatex('<<x>>'), '\\textless{}\\textless{}x\\textgreater{}\\textgreater{}');
  });

  it('writes the characters that fonts print as other glyphs as text commands', () => {
    assert.equal(escapeLatex('| " ` !` ?`'), '\\textbar{} {\\ttfamily\\string"} \\textasciigrave{} !\\textasciigrave{} ?\\textasciigrave{}');
  });

  it('braces square brackets, so a value after \\\\ or \\item is never an optional argument', () => {
    assert.equal(escapeLatex('[sic] x]'), '{[}sic{]} x{]}');
  });

  it('leaves a single apostrophe, which typesets as ’', () => {
    assert.equal(escapeLatex("We've reached peak data"), "We've reached peak data");
  });

  it('turns a hostile \\input into text', () => {
    assert.equal(escapeLatex('\\input{/etc/passwd}'), '\\textbackslash{}input\\{/etc/passwd\\}');
  });
});

describe('control characters', () => {
  const HOSTILE = 'a\u0000b\u0007c\u001b[31md\u007fe\u0085f\u009bg\th\ni\r\nj\rk';

  it('are dropped, except tabs and line feeds; a carriage return becomes a line feed', () => {
    assert.equal(stripControlChars(HOSTILE), 'abc[31mdefg\th\ni\nj\nk');
    assert.equal(escapePlainText(HOSTILE), 'abc[31mdefg\th\ni\nj\nk');
  });

  it('are dropped by every escaper', () => {
    for (const escape of [escapeLatex, escapeMarkdownInline, escapeMarkdownStrict]) {
      assert.doesNotMatch(escape('x\u0007\u001b\u009by'), /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u, escape.name);
    }
  });
});

describe('escaping inserted Markdown', () => {
  it('escapes an & that would start an entity, and leaves other ampersands', () => {
    assert.equal(escapeMarkdownInline('&amp; &#169; &lt;b&gt; Q&A'), '\\&amp; \\&#169; \\&lt;b\\&gt; Q&A');
  });

  it('escapes block markers at the start of every line', () => {
    assert.equal(escapeMarkdownInline('## h'), '\\## h');
    assert.equal(escapeMarkdownInline('first line\n==='), 'first line\n\\===');
    assert.equal(escapeMarkdownInline('first line\n---'), 'first line\n\\---');
    assert.equal(escapeMarkdownInline('- - -'), '\\- - -');
    assert.equal(escapeMarkdownInline('x\n+ item\n2) item'), 'x\n\\+ item\n2\\) item');
    assert.equal(escapeMarkdownInline('#hashtag, a - b, 1.5'), '#hashtag, a - b, 1.5');
  });

  it('drops the whitespace that would make a code block or a hard line break', () => {
    assert.equal(escapeMarkdownInline('para\n\n    code\ttwo  \nnext'), 'para\n\ncode\ttwo\nnext');
  });

  it('escapes math dollars and every tilde (GFM strikes ~one~)', () => {
    assert.equal(escapeMarkdownInline('$x$ ~one~'), '\\$x\\$ \\~one\\~');
  });

  it('keeps bare URLs, www hosts and e-mail addresses from being linkified', () => {
    assert.equal(escapeMarkdownInline('http://x.org www.y.org me@z.org mailto:me'), 'http:\\//x.org www\\.y.org me\\@z.org mailto\\:me');
  });
});

describe('escaping URLs', () => {
  const HOSTILE = 'http://x/}\\input{/etc/passwd}\\iffalse{';

  it('writes a URL of plain URL characters as \\url in LaTeX', () => {
    assert.equal(latexUrl('https://example.org/a_b~c?d=1&e=$2#frag'), '\\url{https://example.org/a_b~c?d=1&e=$2#frag}');
  });

  it('typesets any other URL as escaped text in LaTeX, so nothing in it is read as TeX', () => {
    assert.equal(latexUrl(HOSTILE), '\\texttt{http://x/\\}\\textbackslash{}input\\{/etc/passwd\\}\\textbackslash{}iffalse\\{}');
    assert.equal(latexUrl('https://x.org/a%20b'), '\\texttt{https://x.org/a\\%20b}');
  });

  it('writes a Markdown autolink with <, > and spaces percent-encoded and controls dropped', () => {
    assert.equal(markdownUrl('file:///a b/<c>\u0007'), '<file:///a%20b/%3Cc%3E>');
    assert.equal(markdownUrl(HOSTILE), `<${HOSTILE}>`);
  });

  it('inserts a URL of another scheme as plain escaped text, not as a link', () => {
    assert.equal(latexUrl('javascript:alert(1)#x'), 'javascript:alert(1)\\#x');
    assert.equal(markdownUrl('command:workbench.action.quit'), 'command:workbench.action.quit');
    assert.equal(markdownUrl('javascript:<b>'), 'javascript:\\<b\\>');
  });
});

describe('escaping quick-pick labels', () => {
  it('shows $(name) as text instead of an icon', () => {
    assert.equal(escapeLabelIcons('costs $(zap) and $(sync~spin)'), 'costs \\$(zap) and \\$(sync~spin)');
  });

  it('keeps a backslash the source wrote, and leaves $ that is no icon', () => {
    assert.equal(escapeLabelIcons('\\$(eye) $5 $(not an icon'), '\\\\$(eye) $5 $(not an icon');
  });

  it('breaks $(name) with a zero-width space in separator labels, which are also shown as plain text', () => {
    assert.equal(escapeSeparatorIcons('Title $(zap)'), 'Title $\u200B(zap)');
  });
});
