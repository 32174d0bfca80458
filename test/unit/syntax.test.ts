import * as assert from 'node:assert/strict';
import { excludedRegions, exclusionIndex } from '../../src/core/syntax/excludedRegions';
import { latexRegions } from '../../src/core/syntax/latex';
import { createMarkdownBlockParser } from '../../src/core/syntax/markdownIt';
import type { SyntaxRegion } from '../../src/core/syntax/regions';

const parser = createMarkdownBlockParser();

/**
 * Asserts the exact excluded regions of a document, as the texts they cover, and that the lazy per-position
 * lookup a hover uses agrees at their edges: the first and last character inside are excluded, the characters
 * just before and just after are not.
 */
function expectRegions(text: string, languageId: string, expected: readonly string[]): void {
  const regions = excludedRegions(text, languageId, parser);
  assert.deepEqual(regions.map((r) => text.slice(r.start, r.end)), expected);
  for (const region of regions) expectEdges(text, languageId, region, regions);
}

function expectEdges(text: string, languageId: string, region: SyntaxRegion, all: readonly SyntaxRegion[]): void {
  const fresh = () => exclusionIndex(text, languageId, parser);
  const what = JSON.stringify(text.slice(region.start, region.end));
  assert.ok(fresh().excludes(region.start, region.start), `first character of ${what}`);
  assert.ok(fresh().excludes(region.end - 1, region.end - 1), `last character of ${what}`);
  if (region.start > 0 && !all.some((r) => r.end === region.start)) assert.ok(!fresh().excludes(region.start - 1, region.start - 1), `just before ${what}`);
  if (region.end < text.length && !all.some((r) => r.start === region.end)) assert.ok(!fresh().excludes(region.end, region.end), `just after ${what}`);
}

/** The n-th occurrence of `needle` is prose: a hover over any of its characters gets a card. */
function expectProse(text: string, languageId: string, needle: string, occurrence = 1): void {
  let start = -1;
  for (let i = 0; i < occurrence; i++) start = text.indexOf(needle, start + 1);
  assert.ok(start >= 0, `${needle} is not in the text`);
  assert.ok(!exclusionIndex(text, languageId, parser).excludes(start, start + needle.length), `${needle} (#${occurrence}) should be prose`);
}

/** The n-th occurrence of `needle` is excluded at every character. */
function expectExcluded(text: string, languageId: string, needle: string, occurrence = 1): void {
  let start = -1;
  for (let i = 0; i < occurrence; i++) start = text.indexOf(needle, start + 1);
  assert.ok(start >= 0, `${needle} is not in the text`);
  const index = exclusionIndex(text, languageId, parser);
  for (let i = start; i < start + needle.length; i++) assert.ok(index.excludes(i, i), `${needle} (#${occurrence}) at ${i - start}`);
}

describe('excluded regions: Markdown', () => {
  const md = (text: string, expected: readonly string[]) => expectRegions(text, 'markdown', expected);

  it('code spans, and the same term in prose beside them', () => {
    const text = 'We hit `peak data` and then peak data again. ``a ` peak data`` too.';
    md(text, ['`peak data`', '``a ` peak data``']);
    expectProse(text, 'markdown', 'peak data', 2);
  });

  it('an unmatched backtick is text, not a code span', () => {
    md('a ` peak data', []);
  });

  it('fenced code (backticks and tildes) and indented code, as whole lines', () => {
    md('Prose peak data.\n\n```js\npeak data\n```\n\nAfter peak data.', ['```js\npeak data\n```\n']);
    md('~~~\npeak data\n~~~\npeak data', ['~~~\npeak data\n~~~\n']);
    md('Para.\n\n    peak data code\n\nAfter.', ['    peak data code\n']);
  });

  it('an unclosed fence runs to the end of the document, as CommonMark says', () => {
    md('Before.\n\n```\nunclosed\n\nstill code peak data', ['```\nunclosed\n\nstill code peak data']);
  });

  it('a fence inside a list item, and the next item is prose', () => {
    const text = '- item\n\n  ```\n  peak data\n  ```\n- next peak data';
    md(text, ['  ```\n  peak data\n  ```\n']);
    expectProse(text, 'markdown', 'peak data', 2);
    expectExcluded(text, 'markdown', 'peak data', 1);
  });

  it('inline code inside a blockquote and a list item, on any line of the block', () => {
    const quoted = '> quote `peak data` here\n> more peak data';
    md(quoted, ['`peak data`']);
    expectExcluded(quoted, 'markdown', 'peak data', 1);
    expectProse(quoted, 'markdown', 'peak data', 2);
    md('- item `peak data`\n- peak data', ['`peak data`']);
    md('> - nested `x` item\n>   second `peak data` line', ['`x`', '`peak data`']);
    md('1. first\n   continued `peak data`\n', ['`peak data`']);
  });

  it('a link: the URL and title are excluded, the link text is prose', () => {
    const text = 'See [peak data](https://example.com/peak-data "Peak data") and more.';
    md(text, ['](https://example.com/peak-data "Peak data")']);
    expectProse(text, 'markdown', 'peak data');
    md('[`peak data` in text](url) ok', ['`peak data`', '](url)']);
    md('[a `](` b](url)', ['`](`', '](url)']);
  });

  it('an image: the source is excluded, the alt text is prose', () => {
    md('![peak data chart](img/peak-data.png)', ['](img/peak-data.png)']);
  });

  it('reference links and their definitions', () => {
    const text = '[peak data][pd] and [pd] here.\n\n[pd]: https://example.com/peak-data "Peak data"\n';
    md(text, ['][pd]', ']', '[pd]: https://example.com/peak-data "Peak data"\n']);
    expectProse(text, 'markdown', 'peak data');
  });

  it('autolinks, raw URLs and www hosts (as linkify finds them), but not the sentence around them', () => {
    md('see <https://example.com/peak-data> now', ['<https://example.com/peak-data>']);
    md('see https://example.com/peak-data. Then peak data.', ['https://example.com/peak-data']);
    md('see www.example.com/peak-data now', ['www.example.com/peak-data']);
  });

  it('inline HTML tags and comments, not the text between tags', () => {
    const text = 'a <span title="peak data">peak data</span> b <!-- peak data --> c';
    md(text, ['<span title="peak data">', '</span>', '<!-- peak data -->']);
    expectProse(text, 'markdown', 'peak data', 2);
  });

  it('HTML blocks and multi-line comments', () => {
    md('<!--\npeak data\n-->\n\nprose', ['<!--\npeak data\n-->\n']);
    md('<div>\npeak data\n</div>\n\nprose peak data', ['<div>\npeak data\n</div>\n']);
  });

  it('front matter at the top only, and only when closed', () => {
    md('---\ntitle: peak data\n---\n\n# peak data', ['---\ntitle: peak data\n---\n']);
    md('---\ntitle: peak data\n...\nbody', ['---\ntitle: peak data\n...\n']);
    md('---\ntitle: peak data\n', []);
    md('Intro\n\n---\ntitle: peak data\n---\n', []);
  });

  it('inline math, but not prices', () => {
    md('energy $E = mc^2$ and peak data', ['$E = mc^2$']);
    md('a $$x^2$$ b', ['$$x^2$$']);
    md('costs $5 and $10 in peak data', []);
    md('an escaped \\$x$ is text', []);
    md('$ spaced $ is text', []);
  });

  it('display math blocks, also in a list item; a $$ with no closer before a blank line is not one', () => {
    md('Text\n\n$$\npeak data\n$$\n\nAfter', ['$$\npeak data\n$$\n']);
    md('Text\n$$\nx\n$$\nAfter', ['$$\nx\n$$\n']);
    md('- item\n\n  $$\n  x\n  $$\n', ['  $$\n  x\n  $$\n']);
    md('$$\nno closer\n\npeak data', []);
  });

  it('table cells, found left to right even when two cells hold the same text', () => {
    const text = '| term | note |\n|---|---|\n| `x` | `x` |\n| peak data | [a](b) |\n';
    md(text, ['`x`', '`x`', '](b)']);
    const regions = excludedRegions(text, 'markdown', parser);
    assert.notEqual(regions[0].start, regions[1].start);
  });

  it('headings, ATX and setext', () => {
    md('# peak data `code` #\n\npeak data `x`\n===', ['`code`', '`x`']);
  });

  it('CRLF line breaks and a NUL keep offsets exact', () => {
    md('line one\r\n> quote `peak data`\r\n\r\n```\r\ncode\r\n```\r\n', ['`peak data`', '```\r\ncode\r\n```\r\n']);
    md('a\0b `c`', ['`c`']);
  });

  it('a paragraph indented with a tab inside a list item', () => {
    md('- item\n\n\tpara `x` end', ['`x`']);
  });
});

describe('excluded regions: LaTeX', () => {
  const tex = (text: string, expected: readonly string[]) => expectRegions(text, 'latex', expected);

  it('comments, unless the % is escaped (an odd number of backslashes)', () => {
    tex('peak data % peak data comment\nnext peak data', ['% peak data comment']);
    tex('54\\% of peak data', []);
    tex('line\\\\% comment', ['% comment']);
    tex('a\\\\\\% not a comment', []);
  });

  it('verbatim environments, and an unclosed one runs to the end', () => {
    tex('a\n\\begin{verbatim}\npeak data\n\\end{verbatim}\npeak data', ['\\begin{verbatim}\npeak data\n\\end{verbatim}']);
    tex('\\begin{verbatim*}x\\end{verbatim*} y', ['\\begin{verbatim*}x\\end{verbatim*}']);
    tex('\\begin{lstlisting}[language=Python]\n% not a comment\n\\end{lstlisting}', ['\\begin{lstlisting}[language=Python]\n% not a comment\n\\end{lstlisting}']);
    tex('\\begin{minted}{python}\nx = "$"\n\\end{minted} after', ['\\begin{minted}{python}\nx = "$"\n\\end{minted}']);
    tex('\\begin{comment}\npeak data\n\\end{comment}', ['\\begin{comment}\npeak data\n\\end{comment}']);
    tex('\\begin{verbatim}\npeak data', ['\\begin{verbatim}\npeak data']);
  });

  it('\\verb with any delimiter, starred, closed on its line', () => {
    tex('use \\verb|peak data| here', ['\\verb|peak data|']);
    tex('use \\verb*+a % b+ here', ['\\verb*+a % b+']);
    tex('use \\verb|unclosed\nnext peak data', ['\\verb|unclosed']);
  });

  it('inline and display math in every form', () => {
    tex('energy $E = mc^2$ and peak data', ['$E = mc^2$']);
    tex('a $$x^2$$ b', ['$$x^2$$']);
    tex('a \\(x\\) b \\[y\\] c', ['\\(x\\)', '\\[y\\]']);
    for (const env of ['equation', 'equation*', 'align', 'align*', 'gather', 'multline', 'math', 'displaymath']) {
      tex(`a \\begin{${env}}\npeak data\n\\end{${env}} b`, [`\\begin{${env}}\npeak data\n\\end{${env}}`]);
    }
  });

  it('math: a $ in a comment or escaped does not close it, nested math in \\text does not either', () => {
    tex('$a % $ \nb$ c', ['$a % $ \nb$']);
    tex('$a \\$ b$ c', ['$a \\$ b$']);
    tex('$a \\text{b $c$ d} e$ f', ['$a \\text{b $c$ d} e$']);
    tex('\\begin{equation}a \\end{cases} b\\end{equation} c', ['\\begin{equation}a \\end{cases} b\\end{equation}']);
  });

  it('unclosed inline math ends at the next blank line, not at the end of the document', () => {
    const text = 'a $x + y\n\npeak data';
    tex(text, ['$x + y']);
    expectProse(text, 'latex', 'peak data');
  });

  it('citation keys, references and labels, with options and stars; \\emph is prose', () => {
    const text = '\\emph{peak data} and \\cite{peak-data} and \\citep[p.~3]{peak-data} and \\citet*{x}';
    tex(text, ['\\cite{peak-data}', '\\citep[p.~3]{peak-data}', '\\citet*{x}']);
    expectExcluded(text, 'latex', 'peak-data', 1);
    expectProse(text, 'latex', 'peak data');
    for (const command of ['autocite', 'textcite', 'parencite', 'footcite', 'nocite', 'ref', 'eqref', 'autoref', 'cref', 'Cref', 'pageref', 'label']) {
      tex(`see \\${command}{peak-data}.`, [`\\${command}{peak-data}`]);
    }
    tex('\\autocite[see][12]{a,b} x', ['\\autocite[see][12]{a,b}']);
    tex('\\cite \n{peak-data} x', ['\\cite \n{peak-data}']);
    tex('\\cite{a,% comment }\n b} x', ['\\cite{a,% comment }\n b}']);
  });

  it('URLs, file names and packages; \\href keeps its link text', () => {
    tex('\\url{https://example.com/a%20b} x', ['\\url{https://example.com/a%20b}']);
    const href = '\\href{https://example.com/peak-data}{peak data} x';
    tex(href, ['\\href{https://example.com/peak-data}']);
    expectProse(href, 'latex', 'peak data');
    for (const command of ['input', 'include', 'bibliography', 'usepackage', 'documentclass']) tex(`\\${command}{peak-data}\n`, [`\\${command}{peak-data}`]);
    tex('\\includegraphics[width=\\textwidth]{fig/peak-data}', ['\\includegraphics[width=\\textwidth]{fig/peak-data}']);
    tex('\\usepackage[utf8]{inputenc}', ['\\usepackage[utf8]{inputenc}']);
    tex('\\documentclass[12pt]{article}', ['\\documentclass[12pt]{article}']);
  });

  it('environment names of \\begin and \\end, but not the environment body', () => {
    const text = '\\begin{quote}\npeak data\n\\end{quote}';
    tex(text, ['\\begin{quote}', '\\end{quote}']);
    expectProse(text, 'latex', 'peak data');
  });

  it('a line break \\\\ with an optional argument is not display math', () => {
    tex('a \\\\[2pt] peak data', []);
  });

  it('bare URLs in prose', () => {
    tex('see https://example.com/x.', ['https://example.com/x']);
  });

  it('the tex language id reads the same way', () => {
    expectRegions('% c\n$x$', 'tex', ['% c', '$x$']);
  });
});

describe('excluded regions: plain text', () => {
  it('only URLs: http, https and www, without trailing punctuation', () => {
    expectRegions('see https://example.com/peak-data. And www.example.org/a_(b)) then.', 'plaintext', ['https://example.com/peak-data', 'www.example.org/a_(b)']);
    expectRegions('`peak data` $x$ % comment <!-- c --> \\cite{x}', 'plaintext', []);
  });

  it('other languages read as plain text', () => {
    expectRegions('x https://a.b/c', 'restructuredtext', ['https://a.b/c']);
  });

  it('Markdown without a parser falls back to URLs only', () => {
    assert.deepEqual(excludedRegions('`x` https://a.b/c', 'markdown').map((r) => r.kind), ['url']);
  });
});

/**
 * Linear time on hostile input. The generous timeouts are the assertion: each input is a few megabytes or
 * 100,000 repetitions, where a scan that restarts per construct or per hover (quadratic) takes minutes or hours,
 * and a linear one well under a second; the margin keeps a slow CI machine from failing a correct scanner.
 */
describe('excluded regions: linear time on pathological input', function () {
  this.timeout(20_000);
  const FIVE_MB_LINE = 'peak data lorem ipsum '.repeat(240_000);

  function lookupsAreCheap(text: string, languageId: string): void {
    const index = exclusionIndex(text, languageId, parser);
    for (let i = 0; i < 1000; i++) index.excludes((i * 7919) % text.length, ((i * 7919) % text.length) + 9);
  }

  it('LaTeX: an unclosed $ before a 5 MB line, 100,000 backslashes, repeated unclosed constructs', () => {
    assert.equal(latexRegions(`$ ${FIVE_MB_LINE}`).length, 1);
    latexRegions('\\'.repeat(100_000));
    latexRegions('\\'.repeat(100_001) + '% c');
    latexRegions('\\verb|'.repeat(100_000));
    latexRegions('\\cite{'.repeat(100_000));
    latexRegions('\\cite['.repeat(100_000));
    latexRegions('\\begin{'.repeat(100_000));
    latexRegions('\\begin{equation}'.repeat(100_000));
    latexRegions('$'.repeat(100_001));
    latexRegions('\\(' + ' a'.repeat(1_000_000));
    lookupsAreCheap(`% ${FIVE_MB_LINE}\n${FIVE_MB_LINE}`, 'latex');
  });

  it('Markdown: a 5 MB line, 100,000 unclosed $ and backticks, 100,000 backslashes', () => {
    lookupsAreCheap(`$x ${FIVE_MB_LINE}`, 'markdown');
    excludedRegions('$a '.repeat(100_000), 'markdown', parser);
    excludedRegions('`a '.repeat(100_000), 'markdown', parser);
    excludedRegions('\\'.repeat(100_000), 'markdown', parser);
    excludedRegions('[a]('.repeat(50_000), 'markdown', parser);
    excludedRegions('$$\n'.repeat(50_000), 'markdown', parser);
    excludedRegions('> '.repeat(50_000), 'markdown', parser);
  });

  it('plain text: a URL of 5 MB of dots and parentheses', () => {
    excludedRegions(`https://${'.'.repeat(5_000_000)}`, 'plaintext');
    excludedRegions(`https://a${')'.repeat(1_000_000)}`, 'plaintext');
    lookupsAreCheap(FIVE_MB_LINE, 'plaintext');
  });
});
