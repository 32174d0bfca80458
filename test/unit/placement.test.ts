import * as assert from 'node:assert/strict';
import { isBlock, LinePosition, placeInsertions } from '../../src/core/format/placement';

const BLOCK = '> Words.\n>\n> — Someone, *Source*\n';

/** Applies the placed edits to a text given with `|` marking each cursor (or `[` … `]` a selection). */
function insertAt(marked: string, formatted = BLOCK): string {
  const selections: { anchor: LinePosition; active: LinePosition }[] = [];
  const lines: string[] = [];
  marked.split('\n').forEach((raw, line) => {
    let text = '';
    let open: LinePosition | undefined;
    for (const ch of raw) {
      if (ch === '|') selections.push({ anchor: { line, character: text.length }, active: { line, character: text.length } });
      else if (ch === '[') open = { line, character: text.length };
      else if (ch === ']') selections.push({ anchor: open!, active: { line, character: text.length } });
      else text += ch;
    }
    lines.push(text);
  });
  const edits = placeInsertions({ lineCount: lines.length, lineAt: (i) => lines[i] }, selections, formatted);
  let text = lines.join('\n');
  const offset = (p: LinePosition) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  for (const edit of edits) text = text.slice(0, offset(edit.start)) + edit.text + text.slice(offset(edit.end));
  return text;
}

describe('where an inserted quote goes', () => {
  it('tells blocks from inline text', () => {
    assert.equal(isBlock(BLOCK), true);
    assert.equal(isBlock('\\begin{quote}\nx\n\\end{quote}\n'), true);
    assert.equal(isBlock('“x” — A\n'), false);
    assert.equal(isBlock('> x'), true);
  });

  it('after another blockquote: a blank line between, so the two quotes stay apart', () => {
    assert.equal(insertAt('> First quote.\n> — A, *S*|\n\nNext paragraph.'), `> First quote.\n> — A, *S*\n\n${BLOCK.trimEnd()}\n\nNext paragraph.`);
  });

  it('from inside a word: after the paragraph, never splitting the word', () => {
    assert.equal(insertAt('The end of pre-|training is near.\nSecond line of it.\n\nNext.'), `The end of pre-training is near.\nSecond line of it.\n\n${BLOCK.trimEnd()}\n\nNext.`);
  });

  it('on an empty line between paragraphs: exactly one blank line before and after', () => {
    assert.equal(insertAt('Before.\n|\nAfter.'), `Before.\n\n${BLOCK.trimEnd()}\n\nAfter.`);
    assert.equal(insertAt('Before.\n\n|\n\nAfter.'), `Before.\n\n${BLOCK.trimEnd()}\n\nAfter.`);
  });

  it('at the start and the end of a document', () => {
    assert.equal(insertAt('|'), BLOCK);
    assert.equal(insertAt('|\nText.'), `${BLOCK.trimEnd()}\n\nText.`);
    assert.equal(insertAt('Last line|'), `Last line\n\n${BLOCK}`);
  });

  it('replaces a selection and keeps the text around it as paragraphs', () => {
    assert.equal(insertAt('first [REPLACE] line'), `first\n\n${BLOCK.trimEnd()}\n\nline`);
    assert.equal(insertAt('Intro.\n[whole line]\nOutro.'), `Intro.\n\n${BLOCK.trimEnd()}\n\nOutro.`);
  });

  it('puts one quote per place when several cursors share a paragraph, one per paragraph otherwise', () => {
    const text = insertAt('One| two| three.\n\nOther |paragraph.');
    assert.equal(text.split('> Words.').length - 1, 2, text);
    assert.equal(text, `One two three.\n\n${BLOCK.trimEnd()}\n\nOther paragraph.\n\n${BLOCK}`);
  });

  it('works the same for LaTeX and plain-text blocks', () => {
    const latex = '\\begin{quote}\nWords.\n\\par --- A\n\\end{quote}\n';
    assert.equal(insertAt('Some te|x here.\n\nMore.', latex), `Some tex here.\n\n${latex.trimEnd()}\n\nMore.`);
    const plain = '“Words.”\n— A, Source\n';
    assert.equal(insertAt('Note|\nmore note', plain), `Note\nmore note\n\n${plain}`);
  });

  it('puts an inline template at a word boundary, not inside a word', () => {
    assert.equal(insertAt('pre-tra|ining is over', '“x” (A)'), 'pre-training“x” (A) is over');
    assert.equal(insertAt('word |next', '“x” (A)'), 'word “x” (A)next');
    assert.equal(insertAt('a [sel] b', '“x”'), 'a “x” b');
  });
});
