import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkDocument, MisquoteFinding } from '../../src/core/check/checkDocument';
import type { Corpus } from '../../src/core/corpus';
import { checkFiles } from '../../src/node/check';
import { seedCorpus } from './helpers/seedCorpus';

// Issue 15, the draft side: the misquote check reads who a quotation is attributed to with the same
// patterns as extraction ("X said: “…”", "According to X, “…”", "“…,” X said", "X put it this way: “…”",
// "— X", LaTeX \enquote{…} and ``…''), flags a quotation whose words a source gives to someone else, and says
// nothing about a quotation with no attribution nearby.

const DRAFTS = path.join(__dirname, '..', 'fixtures', 'drafts');
const FILES = ['attribution-lines.md', 'attribution-lines.tex'];

interface Expected {
  readonly kind: string;
  readonly marks: string;
  readonly fix: string;
}

const expectedFindings = JSON.parse(readFileSync(path.join(DRAFTS, 'attribution-lines.expected.json'), 'utf8')) as Record<string, Record<string, Expected>>;

const languageOf = (file: string): string => (file.endsWith('.tex') ? 'latex' : 'markdown');

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The findings of a text by line: kind, the marked text and the fix. */
function byLine(text: string, findings: readonly MisquoteFinding[]): Map<number, Expected> {
  const result = new Map<number, Expected>();
  for (const f of findings) {
    const line = lineOf(text, f.range.start);
    assert.ok(!result.has(line), `two findings on line ${line}`);
    result.set(line, { kind: f.kind, marks: text.slice(f.range.start, f.range.end), fix: f.replacement.text });
  }
  return result;
}

/** The lines that are draft cases: not empty, not a heading or a comment. */
function caseLines(text: string): number[] {
  return text
    .split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => line.trim() !== '' && !/^\s*[#%]/u.test(line))
    .map(({ n }) => n);
}

describe('draft attribution (issue 15)', () => {
  let corpus: Corpus;
  before(async () => {
    corpus = await seedCorpus();
  });

  it('has at least 30 draft lines, clean and wrong, in Markdown and LaTeX', () => {
    let lines = 0;
    let wrong = 0;
    for (const file of FILES) {
      lines += caseLines(readFileSync(path.join(DRAFTS, file), 'utf8')).length;
      wrong += Object.keys(expectedFindings[file]).length;
    }
    assert.ok(lines >= 30, `${lines} lines`);
    assert.ok(wrong >= 10 && lines - wrong >= 10, `${wrong} wrong of ${lines}`);
  });

  for (const file of FILES) {
    it(`finds exactly the expected wrong speakers in ${file}, each with the right name as its fix`, () => {
      const text = readFileSync(path.join(DRAFTS, file), 'utf8');
      const found = byLine(text, checkDocument(text, languageOf(file), corpus.kb));
      const expected = new Map(Object.entries(expectedFindings[file]).map(([line, e]) => [Number(line), e]));
      assert.deepEqual([...found.entries()].sort((a, b) => a[0] - b[0]), [...expected.entries()].sort((a, b) => a[0] - b[0]));
    });

    it(`reads each line of ${file} alone as it reads it in the whole draft`, () => {
      const text = readFileSync(path.join(DRAFTS, file), 'utf8');
      const lines = text.split('\n');
      for (const n of caseLines(text)) {
        const alone = [...byLine(lines[n - 1], checkDocument(lines[n - 1], languageOf(file), corpus.kb)).values()];
        const e = expectedFindings[file][String(n)];
        assert.deepEqual(alone, e ? [e] : [], `line ${n}: ${lines[n - 1]}`);
      }
    });

    it(`leaves nothing to say about ${file} once every quick fix is applied`, () => {
      let text = readFileSync(path.join(DRAFTS, file), 'utf8');
      const findings = checkDocument(text, languageOf(file), corpus.kb).sort((a, b) => b.replacement.range.start - a.replacement.range.start);
      for (const f of findings) text = text.slice(0, f.replacement.range.start) + f.replacement.text + text.slice(f.replacement.range.end);
      assert.deepEqual(checkDocument(text, languageOf(file), corpus.kb).map((f) => f.message), []);
    });
  }

  it('agrees with sourcebook check (the CLI’s checkFiles) on every fixture line', async () => {
    const results = await checkFiles(FILES.map((f) => path.join(DRAFTS, f)), corpus);
    for (const [i, result] of results.entries()) {
      const expected = new Map(Object.entries(expectedFindings[FILES[i]]).map(([line, e]) => [Number(line), e]));
      assert.deepEqual([...byLine(result.text, result.findings).entries()].sort((a, b) => a[0] - b[0]), [...expected.entries()].sort((a, b) => a[0] - b[0]), FILES[i]);
    }
  });

  it('finds nothing in a 5,000-line draft of unrelated prose with attributed quotations', function () {
    this.timeout(20_000);
    const text = unrelatedDraft(5_000, 15);
    assert.equal(text.split('\n').length, 5_000);
    for (const languageId of ['markdown', 'latex', 'plaintext']) {
      assert.deepEqual(checkDocument(text, languageId, corpus.kb).map((f) => f.message), [], languageId);
    }
    // The same draft with one wrong attribution of a seed quote: exactly that one is found.
    const wrong = `${text}\n\nYann LeCun said: “We've reached peak data, and there's no more data to come.”\n`;
    assert.deepEqual(checkDocument(wrong, 'markdown', corpus.kb).map((f) => [f.kind, f.replacement.text]), [['wrong-speaker', 'Ilya Sutskever']]);
  });
});

const WORDS = (
  'harbour river valley winter morning council bridge village market garden ferry lantern orchard quay meadow ' +
  'library kitchen window letter station mountain coast evening harvest festival cottage road forest island ' +
  'painted walked carried opened closed followed measured repaired remembered counted listened waited built ' +
  'quiet narrow ancient bright heavy early late green grey small long warm cold old new'
).split(' ');
const NAMES = ['Ilya Sutskever', 'Yann LeCun', 'Andrej Karpathy', 'Lovre Pešut', 'Dario Amodei', 'Sutskever', 'Karpathy'];
const FORMS: readonly ((name: string, words: string) => string)[] = [
  (x, w) => `${x} said: “${w}.”`,
  (x, w) => `According to ${x}, “${w}.”`,
  (x, w) => `“${w},” ${x} said.`,
  (x, w) => `${x} put it this way: “${w}.”`,
  (x, w) => `“${w}.” — ${x}`,
  (x, w) => `\\enquote{${w},} said ${x}.`,
  (x, w) => `\`\`${w},'' ${x} said.`,
];

/** A draft of `lines` lines of prose about other things, with an attributed quotation every `every` lines. */
function unrelatedDraft(lines: number, every: number): string {
  let seed = 15;
  const next = (n: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  const words = (n: number): string => Array.from({ length: n }, () => WORDS[next(WORDS.length)]).join(' ');
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    if (i % every === every - 1) {
      out.push(FORMS[next(FORMS.length)](NAMES[next(NAMES.length)], words(6 + next(8))));
    } else if (i % 4 === 3) {
      out.push('');
    } else {
      const sentence = words(8 + next(10));
      out.push(`${sentence[0].toUpperCase()}${sentence.slice(1)}.`);
    }
  }
  return out.join('\n');
}
