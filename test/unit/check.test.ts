import * as assert from 'node:assert/strict';
import { checkDocument, checkDocumentReport, MAX_CHECKED_CHARACTERS, MisquoteFinding } from '../../src/core/check/checkDocument';
import { findQuotations } from '../../src/core/check/findQuotations';
import { formatQuote } from '../../src/core/format/formatQuote';
import { excludedRegions } from '../../src/core/syntax/excludedRegions';
import { createMarkdownBlockParser } from '../../src/core/syntax/markdownIt';
import type { Catalog } from '../../src/core/catalog/catalogTypes';
import type { Corpus } from '../../src/core/corpus';
import { buildKnowledgeBase } from '../../src/core/kb/buildKnowledgeBase';
import type { KnowledgeBase } from '../../src/core/kb/knowledgeBase';
import { CancelledError } from '../../src/core/util/cancellation';
import { seedCorpus } from './helpers/seedCorpus';

const PEAK = "We've reached peak data, and there's no more data to come";
const ALTERED = '> "We have reached peak data and there will be no more data to come," said Ilya Sutskever.\n';

function quoted(text: string, languageId: string): string[] {
  return findQuotations(text, languageId).map((q) => text.slice(q.start, q.end));
}

function applyFix(text: string, finding: MisquoteFinding): string {
  const { range, text: replacement } = finding.replacement;
  return text.slice(0, range.start) + replacement + text.slice(range.end);
}

describe('finding quotations', () => {
  it('finds straight and curly quotes, nested ones whole, and never across a blank line', () => {
    const text = 'He said "one two three" and “four ‘five’ six”.\n\nAn "open quote\n\nthat never closes.';
    assert.deepEqual(quoted(text, 'plaintext'), ['one two three', 'four ‘five’ six']);
  });

  it('does not take inches or a lone mark for a quotation', () => {
    assert.deepEqual(quoted('a 27" screen and a 32" one', 'plaintext'), []);
  });

  it('finds Markdown blockquotes without their attribution line, joined across lines', () => {
    const text = 'Intro.\n\n> Pre-training as we know it\n> will undoubtedly come to an end\n>\n> — Ilya Sutskever, *Talk*\n\nAfter.';
    const found = findQuotations(text, 'markdown');
    assert.equal(found.length, 1);
    assert.equal(found[0].kind, 'blockquote');
    assert.equal(text.slice(found[0].start, found[0].end), 'Pre-training as we know it\n> will undoubtedly come to an end');
    assert.match(text.slice(found[0].attributionLine!.start, found[0].attributionLine!.end), /^— Ilya Sutskever/u);
  });

  it('ignores fenced code, inline code and HTML comments in Markdown', () => {
    const text = '```\n"We have reached peak data and there will be no more"\n```\n\nUse `"a b c d e"` here. <!-- "x y z w v" -->\n\n"real words in a quote"';
    assert.deepEqual(quoted(text, 'markdown'), ['real words in a quote']);
  });

  it('finds LaTeX ``…\'\' and \\enquote{…}, ignoring comments and verbatim', () => {
    const text = "As ``one two three four'' and \\enquote{five \\emph{six} seven}.\n% ``not this one at all''\n\\begin{verbatim}\n``nor this''\n\\end{verbatim}\n50\\% ``after an escaped percent''";
    assert.deepEqual(quoted(text, 'latex'), ['one two three four', 'five \\emph{six} seven', 'after an escaped percent']);
  });

  it('treats a LaTeX quote environment like a blockquote, without its attribution', () => {
    const text = '\\begin{quote}\nYou could even say that data is the fossil fuel of AI.\n\\par --- Ilya Sutskever, \\emph{Talk}\n\\end{quote}\n';
    const found = findQuotations(text, 'latex');
    assert.equal(found.length, 1);
    assert.equal(text.slice(found[0].start, found[0].end), 'You could even say that data is the fossil fuel of AI.');
    assert.ok(found[0].attributionLine);
  });
});

describe('misquote check', () => {
  let corpus: Corpus;
  before(async () => {
    corpus = await seedCorpus();
  });

  it('flags the altered peak-data quote with the exact source words as the fix', () => {
    const findings = checkDocument(ALTERED, 'markdown', corpus.kb);
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding.kind, 'differs');
    assert.equal(finding.replacement.text, PEAK);
    assert.equal(finding.quote.speaker.name, 'Ilya Sutskever');
    assert.match(finding.message, /^“.*\(Ilya Sutskever, NeurIPS 2024\)$/u);
    assert.match(finding.message, /“there's” → “there will be”/u);
    assert.equal(ALTERED.slice(finding.range.start, finding.range.end), 'We have reached peak data and there will be no more data to come');
    const fixed = applyFix(ALTERED, finding);
    assert.equal(fixed, `> "${PEAK}," said Ilya Sutskever.\n`);
    assert.deepEqual(checkDocument(fixed, 'markdown', corpus.kb), []);
  });

  it('gives nothing for exact quotes, whatever the typography', () => {
    const texts = [
      `> "${PEAK}," said Ilya Sutskever.`,
      '“We’ve reached peak data — and there’s no more   data to come,” Sutskever said.',
      'Sutskever: "we\'ve reached peak data, and there\'s no more data to come."',
    ];
    for (const text of texts) assert.deepEqual(checkDocument(text, 'markdown', corpus.kb), [], text);
  });

  it('accepts omissions marked with … or ... and [editorial insertions]', () => {
    const texts = [
      'Sutskever: “We’ve reached peak data … no more data to come.”',
      'He said "We\'ve reached peak data ... there\'s no more data to come".',
      '“[The] pre-training route as we know it will undoubtedly end,” Sutskever said.',
      '“But the pre-training route … will undoubtedly end. Why will it end?” asked Sutskever.',
    ];
    for (const text of texts) assert.deepEqual(checkDocument(text, 'markdown', corpus.kb), [], text);
  });

  it('flags a part after an omission that differs, keeping the omission in the fix', () => {
    const text = '“We’ve reached peak data … no more data is coming,” said Sutskever.';
    const findings = checkDocument(text, 'markdown', corpus.kb);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].replacement.text, 'We’ve reached peak data … no more data to come'.replace('We’ve', "We've"));
  });

  it('flags a correct quote attributed to the wrong person, with the right name as the fix', () => {
    const text = `> "${PEAK}," said Yann LeCun.\n`;
    const findings = checkDocument(text, 'markdown', corpus.kb);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].kind, 'wrong-speaker');
    assert.equal(text.slice(findings[0].range.start, findings[0].range.end), 'Yann LeCun');
    assert.equal(findings[0].replacement.text, 'Ilya Sutskever');
    assert.match(findings[0].message, /^Attributed to Yann LeCun, but these are Ilya Sutskever’s words \(NeurIPS 2024\)$/u);
    assert.deepEqual(checkDocument(applyFix(text, findings[0]), 'markdown', corpus.kb), []);
  });

  it('reads the speaker from "X said" before the quote and from a blockquote attribution line', () => {
    const before = checkDocument(`Andrej Karpathy said: “${PEAK}.”`, 'markdown', corpus.kb);
    assert.deepEqual(before.map((f) => f.kind), ['wrong-speaker']);
    const line = checkDocument(`> ${PEAK}\n>\n> — Yann LeCun, *Talk*\n`, 'markdown', corpus.kb);
    assert.deepEqual(line.map((f) => [f.kind, f.replacement.text]), [['wrong-speaker', 'Ilya Sutskever']]);
  });

  it('finds nothing to say about any seed quote as the picker inserts it, in every language', () => {
    const flagged: string[] = [];
    for (const languageId of ['markdown', 'latex', 'plaintext']) {
      for (const quote of corpus.kb.quotes) {
        const findings = checkDocument(`Some prose.\n\n${formatQuote(quote, languageId)}\nMore prose.\n`, languageId, corpus.kb);
        for (const f of findings) flagged.push(`${languageId} ${quote.id}: ${f.message}`);
      }
    }
    // Reported quotes name their subjects after "reporting": those names are not the speaker.
    assert.deepEqual(flagged, []);
  });

  it('leaves quotations in code, comments, math and citation keys alone, as the hover does', () => {
    const misquote = '"We have reached peak data and there will be no more data to come," said Ilya Sutskever.';
    const markdown = createMarkdownBlockParser();
    const check = (text: string, languageId: string): number =>
      checkDocumentReport(text, languageId, corpus.kb, { excluded: excludedRegions(text, languageId, markdown) }).findings.length;
    assert.equal(check(`${misquote}\n`, 'markdown'), 1, 'prose is checked');
    assert.equal(check(`Para.\n\n    ${misquote}\n`, 'markdown'), 0, 'indented code');
    assert.equal(check(`\`\`\`\n${misquote}\n\`\`\`\n`, 'markdown'), 0, 'fenced code');
    assert.equal(check(`<!-- ${misquote} -->\n`, 'markdown'), 0, 'HTML comment');
    assert.equal(check(`${misquote}\n`, 'latex'), 1, 'LaTeX prose is checked');
    assert.equal(check(`% ${misquote}\n`, 'latex'), 0, 'LaTeX comment');
    assert.equal(check(`\\begin{verbatim}\n${misquote}\n\\end{verbatim}\n`, 'latex'), 0, 'verbatim');
    assert.equal(check(`$x = ${misquote}$\n`, 'latex'), 0, 'math');
  });

  it('never lets a reported view pass as the words of its subject', () => {
    const text = 'Andrej Karpathy said that "Andrej Karpathy, another former OpenAI co-founder, highlights the lack of “cognitive self-knowledge” in current LLMs".';
    const findings = checkDocument(text, 'markdown', corpus.kb).filter((f) => f.kind === 'wrong-speaker');
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /but this is an unsigned writer, reporting Andrej Karpathy’s view \(/u);
  });

  it('checks LaTeX ``…\'\' quotations and escapes the fix for LaTeX', () => {
    const text = "Sutskever put it this way: ``Minerva, a language model fine-tuned on maths problems, could solve 50.3\\% of the MATH dataset''.";
    const exact = "Pešut wrote: ``Minerva, a language model fine-tuned on mathematical problems, could solve 50.3\\% of the MATH dataset''.";
    const findings = checkDocument(text, 'latex', corpus.kb);
    const differs = findings.find((f) => f.kind === 'differs')!;
    assert.ok(differs, JSON.stringify(findings));
    assert.match(differs.replacement.text, /mathematical problems, could solve 50\.3\\% of the MATH dataset/u);
    assert.ok(findings.some((f) => f.kind === 'wrong-speaker' && f.replacement.text === 'Lovre Pešut'));
    assert.deepEqual(checkDocument(exact, 'latex', corpus.kb), []);
  });

  it('finds nothing inside code blocks or inline code', () => {
    const text = '```markdown\n> "We have reached peak data and there will be no more data to come," said Yann LeCun.\n```\n\n`"We have reached peak data and there will be no more data to come"`\n';
    assert.deepEqual(checkDocument(text, 'markdown', corpus.kb), []);
  });

  it('leaves scare quotes, short phrases and unrelated quotations alone', () => {
    const text = 'The "peak data" claim, the “end of pre-training”, "the end of pre-training", and "a quotation from somewhere else entirely that matches nothing".';
    assert.deepEqual(checkDocument(text, 'markdown', corpus.kb), []);
  });

  it('does not flag a quotation that runs verbatim past the end of a catalog quote', () => {
    const text = '“You could even say that data is the fossil fuel of AI. It’s like it was created in a certain way,” Sutskever said.';
    assert.deepEqual(checkDocument(text, 'plaintext', corpus.kb), []);
  });

  it('honours cancellation', () => {
    assert.throws(() => checkDocument(ALTERED, 'markdown', corpus.kb, { isCancellationRequested: true }), CancelledError);
  });
});

describe('misquote check of drafts in NFD (decomposed accents)', () => {
  const QUOTE = 'the café at the peak of the résumé season will close soon, and then the naïve plans end';
  let kb: KnowledgeBase;
  let seeds: Corpus;
  before(async () => {
    seeds = await seedCorpus();
    const catalog: Catalog = {
      version: 1,
      sources: [{ id: 'notes', file: 'notes.md', title: 'Notes on Cafés', kind: 'notes' }],
      speakers: [
        { id: 'lovre-pesut', name: 'Lovre Pešut', kind: 'person' },
        { id: 'ilya-sutskever', name: 'Ilya Sutskever', kind: 'person' },
      ],
      quotes: [{ id: 'cafe', source: 'notes', text: QUOTE, speaker: 'lovre-pesut', attribution: 'direct' }],
    };
    const text = `Lovre Pešut wrote that “${QUOTE}” in the end.\n`;
    kb = buildKnowledgeBase([{ origin: 'workspace', catalogFile: 'sourcebook.json', catalog, files: [{ name: 'notes.md', uri: 'file:///notes.md', displayPath: 'notes.md', bytes: new Uint8Array(), text }] }]);
    assert.equal(kb.quotes.length, 1);
  });

  it('gives nothing for an exact quote written in NFD, as for its NFC form', () => {
    const draft = `“${QUOTE},” Lovre Pešut wrote.`;
    assert.deepEqual(checkDocument(draft, 'markdown', kb), []);
    assert.notEqual(draft.normalize('NFD'), draft);
    assert.deepEqual(checkDocument(draft.normalize('NFD'), 'markdown', kb), []);
  });

  it('flags an altered NFD quote like its NFC form, with ranges in the NFD draft', () => {
    const nfc = `“${QUOTE.replace('close', 'shut')},” Lovre Pešut wrote.`;
    const nfd = nfc.normalize('NFD');
    const [composed] = checkDocument(nfc, 'markdown', kb);
    const findings = checkDocument(nfd, 'markdown', kb);
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding.kind, 'differs');
    assert.equal(finding.message, composed.message);
    assert.match(finding.message, /“close” → “shut”/u);
    assert.equal(finding.replacement.text, composed.replacement.text);
    assert.equal(nfd.slice(finding.range.start, finding.range.end), QUOTE.replace('close', 'shut').normalize('NFD'));
    // The fix puts the source's (composed) words in place of the writer's, and leaves the rest as written.
    assert.equal(applyFix(nfd, finding), nfd.replace(QUOTE.replace('close', 'shut').normalize('NFD'), QUOTE));
  });

  it('reads an NFD name as the speaker it names, and marks it where it is written', () => {
    const draft = `Lovre Pes\u030cut said, "${PEAK}."`;
    const [finding, ...rest] = checkDocument(draft, 'markdown', seeds.kb);
    assert.deepEqual(rest, []);
    assert.equal(finding.kind, 'wrong-speaker');
    assert.equal(draft.slice(finding.range.start, finding.range.end), 'Lovre Pes\u030cut');
    assert.equal(finding.replacement.text, 'Ilya Sutskever');
    assert.deepEqual(checkDocument(`Ilya Sutskever wrote: “${QUOTE.normalize('NFD')}.”`, 'markdown', kb).map((f) => [f.kind, f.replacement.text]), [['wrong-speaker', 'Lovre Pešut']]);
  });
});

describe('misquote check of long documents', () => {
  let corpus: Corpus;
  before(async () => {
    corpus = await seedCorpus();
  });
  const WRONG = `Yann LeCun said, "${PEAK}."`;

  it('checks a 5 MB single line in part, quickly, and says what was skipped', function () {
    // The timeout is the assertion: before, the line's 1.7 million unclosed "-\"a" marks took hours to read.
    this.timeout(10_000);
    const text = `${WRONG} ${'-"a'.repeat(1_700_000)}`;
    const report = checkDocumentReport(text, 'markdown', corpus.kb);
    assert.deepEqual(report.findings.map((f) => f.kind), ['wrong-speaker']);
    assert.ok(report.skipped);
    assert.equal(report.skipped.from, MAX_CHECKED_CHARACTERS);
    assert.equal(report.skipped.characters, text.length - MAX_CHECKED_CHARACTERS);
    assert.match(report.skipped.message, /first 1,000,000 of 5,100,0\d\d characters .*remaining 4,100,0\d\d characters were not checked/u);
    assert.deepEqual(checkDocument(text, 'markdown', corpus.kb).map((f) => f.kind), ['wrong-speaker']);
  });

  it('stops at a paragraph break before the limit, and checks everything under it', () => {
    const filler = 'Words of the draft that quote nobody at all. '.repeat(20);
    const text = `${WRONG}\n\n${filler}\n\n${WRONG}\n`;
    const limit = text.length - 10;
    const report = checkDocumentReport(text, 'markdown', corpus.kb, { maxCharacters: limit });
    assert.equal(report.findings.length, 1);
    assert.equal(report.skipped?.from, text.lastIndexOf(WRONG));
    assert.equal(text.slice(0, report.skipped?.from).endsWith('\n\n'), true);
    const whole = checkDocumentReport(text, 'markdown', corpus.kb, { maxCharacters: text.length });
    assert.equal(whole.findings.length, 2);
    assert.equal(whole.skipped, undefined);
  });
});
