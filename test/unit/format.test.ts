import * as assert from 'node:assert/strict';
import type { Corpus } from '../../src/core/corpus';
import { escapeLatex, escapeMarkdownInline, escapeMarkdownStrict } from '../../src/core/format/escape';
import { displayDate, sourceDate } from '../../src/core/format/dates';
import { formatQuote, nestQuotationMarks, outputFormatFor, reportedView, shortOccasion, shortTitle, speakerPhrase, validateTemplate, whoseView } from '../../src/core/format/formatQuote';
import type { Quote } from '../../src/core/kb/model';
import { seedCorpus } from './helpers/seedCorpus';

describe('formatting quotes', () => {
  let corpus: Corpus;
  let peak: Quote;
  let alphacode: Quote;
  let karpathy: Quote;
  before(async () => {
    corpus = await seedCorpus();
    const find = (re: RegExp): Quote => corpus.kb.quotes.find((q) => re.test(q.text))!;
    peak = find(/^We've reached peak data/u);
    alphacode = find(/outdid 54%/u);
    karpathy = find(/cognitive self-knowledge/u);
  });

  it('writes Markdown as a blockquote with an attribution line', () => {
    assert.equal(
      formatQuote(peak, 'markdown'),
      "> We've reached peak data, and there's no more data to come\n>\n> — Ilya Sutskever, *Ilya Sutskever Blows Up at NeurIPS to Declare: Pretraining Will End, Data Squeeze Comes to an End* (NeurIPS 2024)\n",
    );
  });

  it('writes LaTeX as a quote environment with every special escaped', () => {
    const latex = formatQuote(alphacode, 'latex');
    assert.match(latex, /^\\begin\{quote\}\n/u);
    assert.match(latex, /outdid 54\\% of other competitors/u);
    assert.match(latex, /\\par --- Lovre Pešut, \\emph\{Fruits of scale\}\n\\end\{quote\}\n$/u);
    assert.doesNotMatch(latex.replace(/\\%/gu, ''), /%/u);
  });

  it('writes plain text with typographic quotes, and falls back to it for unknown languages', () => {
    const plain = formatQuote(peak, 'plaintext');
    assert.equal(plain, "“We've reached peak data, and there's no more data to come”\n— Ilya Sutskever, Ilya Sutskever Blows Up at NeurIPS to Declare: Pretraining Will End, Data Squeeze Comes to an End (NeurIPS 2024)\n");
    assert.equal(formatQuote(peak, 'python'), plain);
    assert.equal(outputFormatFor('tex'), 'latex');
  });

  it('never attributes a reported view to its subject', () => {
    for (const language of ['markdown', 'latex', 'plaintext']) {
      const text = formatQuote(karpathy, language);
      assert.match(text, /Unsigned writer, reporting Andrej Karpathy’s view/u, language);
      assert.doesNotMatch(text, /— Andrej Karpathy/u);
    }
  });

  it('builds the phrase of a reported quote in one place, the same for the picker, cards, sidebar and insertions', () => {
    assert.equal(reportedView(karpathy), 'reporting Andrej Karpathy’s view');
    assert.equal(speakerPhrase(karpathy), `Unsigned writer, ${reportedView(karpathy)}`);
    assert.equal(speakerPhrase(peak), 'Ilya Sutskever');
    for (const language of ['markdown', 'latex', 'plaintext']) assert.ok(formatQuote(karpathy, language).includes(speakerPhrase(karpathy)), language);
  });

  it('keeps every line of a multi-line quote inside the Markdown blockquote', () => {
    const quote = { ...peak, text: 'first line\n\nafter a blank line\n---' };
    assert.match(formatQuote(quote, 'markdown'), /^> first line\n>\n> after a blank line\n> \\---\n>\n> — /u);
  });

  it('keeps attribution fields on one line, whatever line breaks a catalog put in them', () => {
    const quote = { ...peak, source: { ...peak.source, title: 'Two\n\nlines' } };
    assert.match(formatQuote(quote, 'markdown'), /\*Two lines\*/u);
    assert.match(formatQuote(quote, 'latex'), /\\emph\{Two lines\}/u);
  });

  it('drops control characters from plain text', () => {
    const quote = { ...peak, text: 'peak\u001b[2J data\u0007\u009b' };
    assert.match(formatQuote(quote, 'plaintext'), /^“peak\[2J data”\n/u);
  });

  it('escapes ${url} for its language: no live \\input from a catalog URL', () => {
    const hostile = 'http://x/}\\input{/etc/passwd}\\iffalse{';
    const quote = { ...alphacode, source: { ...alphacode.source, url: hostile } };
    const latex = formatQuote(quote, 'latex', { template: '${text} ${url}' });
    assert.doesNotMatch(latex, /\\input|\\iffalse/u);
    assert.ok(latex.endsWith(' \\texttt{http://x/\\}\\textbackslash{}input\\{/etc/passwd\\}\\textbackslash{}iffalse\\{}'));
    assert.ok(formatQuote(quote, 'markdown', { template: '${text} ${url}' }).endsWith(` <${hostile}>`));
    const seedUrl = formatQuote(peak, 'latex', { template: '${text} ${url}' });
    assert.match(seedUrl, /\\url\{file:\/\/\/[^}]*\}$/u);
  });

  it('inserts a ${url} of another scheme as text, not as a link', () => {
    const quote = { ...peak, source: { ...peak.source, url: 'javascript:alert(1)#<b>' } };
    assert.ok(formatQuote(quote, 'markdown', { template: '${text} ${url}' }).endsWith(' javascript:alert(1)#\\<b\\>'));
    assert.ok(formatQuote(quote, 'latex', { template: '${text} ${url}' }).endsWith(' javascript:alert(1)\\#\\textless{}b\\textgreater{}'));
  });

  it('continues a template\'s blockquote on every line of a multi-line value', () => {
    const quote = { ...peak, text: 'one\n\ntwo' };
    assert.equal(formatQuote(quote, 'markdown', { template: '> ${text}\n> — ${speaker}' }), '> one\n>\n> two\n> — Ilya Sutskever');
  });

  it('applies user templates with escaped values and rejects unknown tokens', () => {
    const template = '${text} (${speaker}, ${source}, ${date})';
    assert.equal(validateTemplate(template), undefined);
    assert.equal(formatQuote(alphacode, 'latex', { template }).includes('54\\%'), true);
    assert.match(validateTemplate('${text} ${author}') ?? '', /unknown token \$\{author\}/u);
    assert.match(validateTemplate('no quote here') ?? '', /no \$\{text\}/u);
  });
});

describe('escaping', () => {
  it('escapes all ten LaTeX specials', () => {
    assert.equal(escapeLatex('54% & $5 #1 a_b {x} ~ ^ \\'), '54\\% \\& \\$5 \\#1 a\\_b \\{x\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}');
  });

  it('makes hostile Markdown inert for hovers', () => {
    const hostile = '[x](command:workbench.action.quit) <img src=x onerror=alert(1)> **bold** `code`';
    const escaped = escapeMarkdownStrict(hostile);
    assert.doesNotMatch(escaped, /(?<!\\)[[\]()<>*`]/u);
    assert.ok(escaped.includes('command\\:'));
  });

  it('escapes only what changes rendering in inserted Markdown', () => {
    assert.equal(escapeMarkdownInline("We've reached peak data, and there's more."), "We've reached peak data, and there's more.");
    assert.equal(escapeMarkdownInline('a *b* [c] <d>'), 'a \\*b\\* \\[c\\] \\<d\\>');
    assert.equal(escapeMarkdownInline('# not a heading'), '\\# not a heading');
    assert.equal(escapeMarkdownInline('1. not a list'), '1\\. not a list');
  });
});

describe('one voice on every surface', () => {
  it('shows calendar dates as "17 Nov 2024", occasions as given, and "undated" only without a date', () => {
        assert.equal(displayDate('2024-11-17'), '17 Nov 2024');
    assert.equal(displayDate('2025-03'), 'Mar 2025');
    assert.equal(displayDate('2025-03-14T09:00:00Z'), '14 Mar 2025');
    assert.equal(displayDate('NeurIPS 2024'), 'NeurIPS 2024');
    assert.equal(displayDate('2024-13-01'), '2024-13-01');
    assert.equal(sourceDate({ date: undefined }), 'undated');
  });

  it('names a source briefly in messages: an event as given, else a short title with its date', async () => {
    const corpus = await seedCorpus();
    const neurips = corpus.kb.quotes.find((q) => q.text.startsWith("We've reached peak data"))!;
    assert.equal(shortOccasion(neurips), 'NeurIPS 2024');
    assert.equal(shortTitle('Ilya Sutskever Blows Up at NeurIPS to Declare: Pretraining Will End'), 'Ilya Sutskever Blows Up at NeurIPS to…');
    assert.equal(shortTitle('Interview: Mara Ellison on the data wall'), 'Interview: Mara Ellison on the data wall');
    assert.equal(shortTitle('AI Race Shifts Focus from Sheer Scale to Smarter Algorithms and Data'), 'AI Race Shifts Focus from Sheer Scale…');
    const dated = corpus.kb.quotes.find((q) => q.source.title.startsWith('AI Race Shifts') && q.attribution === 'direct' && !q.original)!;
    assert.match(shortOccasion(dated), /^(quoted in )?AI Race Shifts Focus from Sheer Scale…, 17 Nov 2024$/u);
  });

  it('names a reported view grammatically for one or several people, and possessives of names ending in s', () => {
        const person = (name: string) => ({ id: name, name, kind: 'person' as const, aliases: [] });
    assert.equal(whoseView([person('Google DeepMind')]), 'Google DeepMind’s view');
    assert.equal(whoseView([person('Coding Chronicles')]), 'Coding Chronicles’ view');
    assert.equal(whoseView([person('A'), person('B'), person('C')]), 'the views of A, B and C');
  });

  it('nests quotation marks inside a quote that is put in double marks', async () => {
        assert.equal(nestQuotationMarks('DeepMind’s “world models” or'), 'DeepMind’s ‘world models’ or');
    assert.equal(nestQuotationMarks('just "let\'s use neurons" - that'), 'just ‘let\'s use neurons’ - that');
    const corpus = await seedCorpus();
    const quote = corpus.kb.quote('world-simulation-converge')!;
    assert.match(formatQuote(quote, 'plaintext'), /^“Importance of World Simulation: Whether it’s DeepMind’s ‘world models’ or/u);
    assert.match(formatQuote(quote, 'markdown', { template: '“${text}” (${speaker})' }), /DeepMind’s ‘world models’/u);
    assert.match(formatQuote(quote, 'markdown'), /DeepMind’s “world models”/u, 'a blockquote has no marks of its own: inner marks stay');
  });
});
