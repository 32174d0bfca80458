/**
 * Our insertions read back by the programs that render them. Every quote of the seed corpus and a list of
 * hostile texts are formatted as they would be inserted, typeset by pdflatex (read back with pdftotext) and
 * rendered by markdown-it; each must come back as its own characters, with no element of its own making.
 *
 * pdflatex and pdftotext are required, not optional: `tsx scripts/install-tools.ts` installs them.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { sourceDate } from '../../src/core/format/dates';
import { formatQuote, sourcePhrase, speakerPhrase } from '../../src/core/format/formatQuote';
import type { Quote } from '../../src/core/kb/model';
import { seedCorpus } from './helpers/seedCorpus';

/** Texts that form markup, ligatures or other glyphs if a formatter lets them. */
const HOSTILE_TEXTS = [
  'a -- b --- c', '<<x>>', "``x''", ',,x', '!`', '?`', '\\input{/etc/passwd}', '$x$', '%', '#', '&', '~', '^', '_',
  '{}', '\\', '|', '"', '<', '>', '[opt] and ]', "'single' ''double'' ’’ ‘‘x’’ –- ?‘ !‘ -‐- ‑-",
  'naïve café, Łódź, š, ½, € 5, « guillemets », “curly” ‘single’ — – …', 'fi fl ffi ff',
  '&amp;', '&lt;b&gt;', '&copy; &#169; &#x41;', 'Q&A', '[x](command:foo)', '<img src=x onerror=alert(1)>', '**bold**',
  '__under__', '*em*', '`code`', '# h', '###### h6', '1. x', '2) y', '- x', '+ x', '* x', '> x', '---', '===',
  '***', '___', '- - -', '```', '~~~', '~strike~ ~~strike~~', 'line with two trailing spaces  \nnext line',
  'trailing backslash\\\nnext line', 'first line\n---', 'first line\n===', 'para\n\n    indented code',
  'para\n\n- item\n\n1. item', 'para\n\n```\nfenced\n```', '| a | b |\n|---|---|\n| 1 | 2 |', '[x]: http://evil',
  '[^1]\n\n[^1]: note', 'http://autolink.example', '<http://x>', 'www.example.com', 'write to me@example.org',
  'mailto:me@example.org', '//example.org/path', '<!-- comment -->', '<div>\nblock\n</div>', '$x^2$ costs $5',
  'a\tb', 'bell\u0007 escape\u001b[31m C1\u009b stop', 'carriage\r\nreturn', ':smile: @mention',
];

/** One per hostile quote, in turn: markup and escapes in the address, and schemes that must not become links. */
const HOSTILE_URLS = [
  'http://x/}\\input{/etc/passwd}\\iffalse{', 'https://example.org/a_b~c?d=1&e=$2#frag', 'https://example.org/a%20b%25',
  'javascript:alert(1)', 'file:///tmp/a b/c.txt', 'mailto:me@example.org', 'https://example.org/--/<<x>>/"q"/`?`',
  'command:workbench.action.quit', 'https://example.org/naïve', 'http://x/\u0007bell', "https://example.org/a--b/it''s,,x",
];

const HOSTILE_TITLE = 'A title: \\emph{x} & 50% #1 $5 a_b ~ ^ {} -- <<>> [opt] *b* `c` <i>';
const HOSTILE_SPEAKER = "Mallory <b> O'Brien_%$ [x](command:evil)";
const HOSTILE_DATE = '2024 -- <2025>';

const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/gu;

interface Case {
  readonly name: string;
  readonly quote: Quote;
  readonly seed: boolean;
}

function hostileCases(base: Quote): Case[] {
  return HOSTILE_TEXTS.map((text, i) => ({
    name: `hostile ${JSON.stringify(text)}`,
    seed: false,
    quote: {
      ...base,
      id: `hostile-${i}`,
      text,
      speaker: { ...base.speaker, name: HOSTILE_SPEAKER },
      source: { ...base.source, title: HOSTILE_TITLE, date: HOSTILE_DATE, url: HOSTILE_URLS[i % HOSTILE_URLS.length] },
    },
  }));
}

/** What a reader sees of an insertion, before the renderer: the quote, the attribution and (templates) the URL. */
function visibleAttribution(quote: Quote): string {
  return `— ${speakerPhrase(quote)}, ${sourcePhrase(quote)}`;
}

const LINK_SCHEME = /^(?:https?|file|mailto):/iu;

// ---- LaTeX ---------------------------------------------------------------------------------------------

const LATEX_TEMPLATE = '${text} / ${speaker} / ${source} / ${date} / ${url}';

/** The preamble the comparison needs: T1 fonts, in which every ASCII character has its own glyph. */
const PREAMBLE = String.raw`\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{lmodern}
\usepackage{textcomp}
\usepackage{url}
\pagestyle{empty}
\hyphenpenalty=10000 \exhyphenpenalty=10000 \sloppy
\pdfpagewidth=60cm \paperwidth=60cm \hoffset=-1in \oddsidemargin=2cm \textwidth=55cm
\tracinglostchars=2
\begin{document}
`;

/** LaTeX's defaults (OT1, Computer Modern): insertions must not stop a document that chose nothing. */
const DEFAULT_PREAMBLE = String.raw`\documentclass{article}
\usepackage{url}
\begin{document}
`;

/**
 * Characters compared as equal: a straight apostrophe typesets as ’ (decided: every LaTeX writer expects it), and
 * the font has one hyphen glyph for U+2010 and U+2011, which pdftotext reads back as "-". NFKC makes the fi/fl
 * ligature glyphs and … (set as three periods) compare as their letters; whitespace is the renderer's.
 */
function latexComparable(text: string): string {
  return text.replace(CONTROLS, '').normalize('NFKC').replace(/'/gu, '’').replace(/[\u2010\u2011]/gu, '-').replace(/\s+/gu, '');
}

/** A URL as we typeset it: controls dropped, a space as the %20 a browser would send. */
function typesetUrl(url: string): string {
  return url.replace(/[\u0000-\u001F\u007F-\u009F]/gu, '').trim().replace(/ /gu, '%20');
}

interface Typeset {
  readonly text: string;
  readonly log: string;
  readonly seconds: number;
}

function runTool(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.error) {
    throw new Error(`${command} could not be run (${result.error.message}); install it with: npx tsx scripts/install-tools.ts`);
  }
  if (result.status !== 0) throw new Error(`${command} failed (exit ${result.status}):\n${result.stdout.slice(-3000)}`);
}

function typeset(body: string, preamble = PREAMBLE): Typeset {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcebook-latex-'));
  try {
    fs.writeFileSync(path.join(dir, 'insertions.tex'), `${preamble}${body}\n\\end{document}\n`);
    const started = Date.now();
    runTool('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', '-no-shell-escape', 'insertions.tex'], dir);
    const seconds = (Date.now() - started) / 1000;
    // -raw: in the order typeset, and without joining a line that ends in a hyphen to the next ("---" stays three).
    runTool('pdftotext', ['-raw', '-enc', 'UTF-8', '-nopgbrk', 'insertions.pdf', 'insertions.txt'], dir);
    return { text: fs.readFileSync(path.join(dir, 'insertions.txt'), 'utf8'), log: fs.readFileSync(path.join(dir, 'insertions.log'), 'latin1'), seconds };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const marker = (n: number, end: boolean): string => `SBMARK${String(n).padStart(4, '0')}${end ? 'END' : 'BEGIN'}`;

/** The text pdftotext read between an insertion's two marker lines. */
function between(text: string, n: number): string {
  const start = text.indexOf(marker(n, false));
  const end = text.indexOf(marker(n, true));
  assert.ok(start >= 0 && end > start, `markers of insertion ${n} not found in the PDF text`);
  return text.slice(start + marker(n, false).length, end);
}

interface Insertion {
  readonly name: string;
  /** In the seed corpus, else in the hostile list. */
  readonly seed: boolean;
  readonly quoteText: string;
  readonly latex: string;
  readonly expected: string;
}

function latexInsertions(cases: readonly Case[]): Insertion[] {
  return cases.flatMap(({ name, quote, seed }) => [
    { name: `${name} (built-in format)`, seed, quoteText: quote.text, latex: formatQuote(quote, 'latex'), expected: `${quote.text}${visibleAttribution(quote)}` },
    {
      name: `${name} (template with \${url})`,
      seed,
      quoteText: quote.text,
      latex: formatQuote(quote, 'latex', { template: LATEX_TEMPLATE }),
      expected: `${quote.text} / ${speakerPhrase(quote)} / ${quote.source.title} / ${sourceDate(quote.source)} / ${typesetUrl(quote.source.url ?? quote.source.uri)}`,
    },
  ]);
}

describe('insertions typeset by pdflatex read back as their own characters', function () {
  this.timeout(120_000);
  let seedCount = 0;
  let insertions: Insertion[] = [];
  let result: Typeset;
  let inDefaultDocument: Typeset;

  before(async () => {
    const corpus = await seedCorpus();
    const seeds: Case[] = corpus.kb.quotes.map((quote) => ({ name: `seed ${quote.id}`, quote, seed: true }));
    seedCount = seeds.length;
    insertions = latexInsertions([...seeds, ...hostileCases(corpus.kb.quotes[0])]);
    const document = (list: readonly Insertion[]): string =>
      list.map((insertion, n) => `\\par\\noindent ${marker(n, false)}\\par\n${insertion.latex}\n\\par\\noindent ${marker(n, true)}\\par\n`).join('\n');
    result = typeset(document(insertions));
    // OT1 has no « » and the like (a document that needs them chooses T1): the seeds and the ASCII hostile texts.
    const ascii = /^[\u0000-\u007F]*$/u;
    inDefaultDocument = typeset(document(insertions.filter((i) => i.seed || ascii.test(i.quoteText))), DEFAULT_PREAMBLE);
    console.log(`      (${insertions.length} insertions of ${seedCount} seed and ${HOSTILE_TEXTS.length} hostile quotes typeset in ${result.seconds.toFixed(1)} s, and ${inDefaultDocument.seconds.toFixed(1)} s with OT1)`);
  });

  it('typesets every seed quote and every hostile text as exactly its characters', () => {
    assert.ok(seedCount >= 100, `the seed corpus has ${seedCount} quotes`);
    const wrong = insertions
      .map((insertion, n) => ({ insertion, got: latexComparable(between(result.text, n)), want: latexComparable(insertion.expected) }))
      .filter(({ got, want }) => got !== want);
    assert.deepEqual(wrong.map(({ insertion, got, want }) => ({ name: insertion.name, got, want })), []);
  });

  it('leaves no character out: pdflatex knows every character of the seed corpus and the hostile list', () => {
    // Characters outside what inputenc and the T1/TS1 fonts can set would stop the run ("not set up for use
    // with LaTeX") or be dropped ("Missing character"). None of the corpus is: nothing is excluded above.
    assert.doesNotMatch(result.log, /Missing character|not set up for use with LaTeX/u);
  });

  it('runs nothing a source wrote: no command, no file read, no error', () => {
    assert.doesNotMatch(result.log, /Undefined control sequence|Runaway argument|LaTeX Error|^!/mu);
    assert.doesNotMatch(result.log, /\(\/etc\/passwd/u, 'pdflatex opened /etc/passwd');
    assert.doesNotMatch(result.text, /root:x:0:0/u);
    assert.ok(result.text.includes('\\input{/etc/passwd}'), 'the hostile \\input is typeset as text');
  });

  it('compiles in a document with LaTeX\'s default OT1 encoding too, running nothing a source wrote', () => {
    // OT1 lacks some ASCII glyphs (~ and ^ come out as accents, _ as a rule), so only safety is compared here.
    assert.doesNotMatch(inDefaultDocument.log, /Undefined control sequence|Runaway argument|LaTeX Error|^!/mu);
    assert.doesNotMatch(inDefaultDocument.log, /\(\/etc\/passwd/u, 'pdflatex opened /etc/passwd');
    assert.ok(inDefaultDocument.text.includes('\\input{/etc/passwd}'), 'the hostile \\input is typeset as text');
  });
});

// ---- Markdown ------------------------------------------------------------------------------------------

const MARKDOWN_TEMPLATE = '> ${text}\n>\n> — ${speaker}, *${source}* (${date}) ${url}\n';

/**
 * Two renderers: markdown-it as CommonMark with raw HTML on, and as VS Code's preview configures it (linkify on,
 * without scheme-less domains). Every link is allowed through, so that a link a quote formed cannot hide behind
 * markdown-it's own list of unsafe schemes.
 */
function renderers(): Record<string, InstanceType<typeof MarkdownIt>> {
  const commonmark = new MarkdownIt({ html: true });
  const preview = new MarkdownIt({ html: true, linkify: true });
  preview.linkify.set({ fuzzyLink: false });
  for (const md of [commonmark, preview]) md.validateLink = () => true;
  return { commonmark, 'vscode preview': preview };
}

function elementNames(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)\b/gu)].map((m) => m[1].toLowerCase());
}

/** The text a browser shows: tags removed, markdown-it's four entities decoded. */
function textContent(html: string): string {
  return html.replace(/<[^>]*>/gu, '').replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/&amp;/gu, '&');
}

function markdownComparable(text: string): string {
  return text.replace(CONTROLS, '').replace(/\s+/gu, '');
}

function countOf(names: readonly string[], name: string): number {
  return names.filter((n) => n === name).length;
}

/** Problems with one rendering: wrong elements, text not the quote's, anything outside the one blockquote. */
function markdownProblems(html: string, expected: string, links: number): string[] {
  const problems: string[] = [];
  const names = elementNames(html);
  const stray = names.filter((n) => !['blockquote', 'p', 'em', 'a'].includes(n));
  if (stray.length > 0) problems.push(`elements ${[...new Set(stray)].join(', ')}`);
  if (countOf(names, 'a') !== links) problems.push(`${countOf(names, 'a')} links, expected ${links}`);
  if (countOf(names, 'em') !== 1) problems.push(`${countOf(names, 'em')} em, expected 1 (the title)`);
  if (countOf(names, 'blockquote') !== 1 || !/^<blockquote>[\s\S]*<\/blockquote>$/u.test(html.trim())) problems.push('not all in one blockquote');
  const got = markdownComparable(textContent(html));
  if (got !== markdownComparable(expected)) problems.push(`text ${JSON.stringify(got)} ≠ ${JSON.stringify(markdownComparable(expected))}`);
  return problems;
}

describe('insertions rendered by markdown-it read back as their own characters', function () {
  this.timeout(30_000);
  let cases: Case[] = [];

  before(async () => {
    const corpus = await seedCorpus();
    cases = [...corpus.kb.quotes.map((quote) => ({ name: `seed ${quote.id}`, quote, seed: true })), ...hostileCases(corpus.kb.quotes[0])];
  });

  for (const [rendererName, md] of Object.entries(renderers())) {
    it(`renders every quote as text in one blockquote (${rendererName})`, () => {
      const failures = cases
        .map(({ name, quote }) => ({ name, problems: markdownProblems(md.render(formatQuote(quote, 'markdown')), `${quote.text}${visibleAttribution(quote)}`, 0) }))
        .filter((f) => f.problems.length > 0);
      assert.deepEqual(failures, []);
    });

    it(`renders the \${url} of a template as one link, or as text when its scheme is not a link's (${rendererName})`, () => {
      const failures = cases
        .map(({ name, quote }) => {
          const url = quote.source.url ?? quote.source.uri;
          const html = md.render(formatQuote(quote, 'markdown', { template: MARKDOWN_TEMPLATE }));
          // A link shows its address percent-decoded for reading (markdown-it's normalizeLinkText), as browsers do.
          const shown = LINK_SCHEME.test(url) ? md.normalizeLinkText(typesetUrl(url)) : url;
          const expected = `${quote.text}— ${speakerPhrase(quote)}, ${quote.source.title} (${sourceDate(quote.source)}) ${shown}`;
          return { name, problems: markdownProblems(html, expected, LINK_SCHEME.test(url) ? 1 : 0) };
        })
        .filter((f) => f.problems.length > 0);
      assert.deepEqual(failures, []);
    });
  }
});
