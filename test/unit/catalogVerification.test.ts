import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Corpus } from '../../src/core/corpus';
import { formatQuote } from '../../src/core/format/formatQuote';
import { listToJson } from '../../src/core/json';
import { parseCatalog } from '../../src/core/catalog/parseCatalog';
import { normalizeWhitespace } from '../../src/core/text/flexibleMatch';
import { SEEDS_DIR, seedCorpus } from './helpers/seedCorpus';

/** Site chrome of the seeds: none of it may be in a body, a quote or a search result. */
const CHROME = [
  'Leave a Comment', 'Leave a Reply', 'Read More', 'Dive into the heart of innovation', 'Chief AI Sharing Circle specializes',
  'May not be reproduced without permission', 'Image by Freepik', 'AI Easy Learning', 'Contact Us', 'en_USEnglish',
  'Post navigation', 'back to top', 'Coding Chronicles Insights', 'UTC 2024', 'lag behi\n', 'AI Personal Learning',
];
/** What mojibake leaves behind; none of it may survive repair. */
const MOJIBAKE = /ā€|šŸ|āœ|āš|ļø|â€|Ã[\u0080-\u00BF]|Â[\u00A0-\u00BF]/u;

describe('the seed catalog', () => {
  let corpus: Corpus;
  before(async () => {
    corpus = await seedCorpus();
  });

  it('parses and validates against its schema', () => {
    const result = parseCatalog(readFileSync(path.join(SEEDS_DIR, 'catalog.json'), 'utf8'), 'seeds/catalog.json');
    assert.deepEqual(result.problems, []);
    assert.ok(result.ok);
  });

  it('loads with no errors or warnings (only the repair notice)', () => {
    const serious = corpus.problems.filter((p) => p.severity !== 'info');
    assert.deepEqual(serious, []);
  });

  it('has the size the product promises', () => {
    const { kb } = corpus;
    assert.equal(kb.sources.length, 5);
    assert.ok(kb.themes.length >= 8, `${kb.themes.length} themes`);
    assert.ok(kb.terms.length >= 40, `${kb.terms.length} terms`);
    assert.ok(kb.quotes.length >= 60, `${kb.quotes.length} quotes`);
  });

  it('finds every catalog quote verbatim in its repaired source body (whitespace aside)', () => {
    const catalog = JSON.parse(readFileSync(path.join(SEEDS_DIR, 'catalog.json'), 'utf8'));
    assert.equal(corpus.kb.quotes.length, catalog.quotes.length, 'every catalog quote was located');
    for (const entry of catalog.quotes) {
      const quote = corpus.kb.quote(entry.id);
      assert.ok(quote, `quote ${entry.id} was not located`);
      assert.equal(quote.text, normalizeWhitespace(entry.text));
      const bodySpan = quote.source.body.text.slice(quote.bodyRange.start, quote.bodyRange.end);
      assert.equal(normalizeWhitespace(bodySpan), quote.text);
    }
  });

  it('places every quote at the same words in the raw file (mojibake repaired)', () => {
    for (const quote of corpus.kb.quotes) {
      const raw = quote.source.raw.slice(quote.rawRange.start, quote.rawRange.end);
      if (quote.source.repair.repaired === 0) assert.equal(normalizeWhitespace(raw), quote.text, quote.id);
      else assert.ok(raw.length >= quote.text.length * 0.9, `${quote.id}: raw span too short`);
    }
  });

  it('keeps site chrome out of every body and every quote', () => {
    for (const source of corpus.kb.sources) {
      for (const chrome of CHROME) assert.ok(!source.body.text.includes(chrome), `${source.id} body contains "${chrome.trim()}"`);
    }
    // Quotes are single-spaced, so only the chrome phrases (not the line-break pattern) apply to them.
    for (const quote of corpus.kb.quotes) {
      for (const chrome of CHROME.filter((c) => !c.endsWith('\n'))) assert.ok(!quote.text.includes(chrome), `${quote.id} contains "${chrome}"`);
    }
  });

  it('keeps the full lead of 001 once, without its truncated duplicate', () => {
    const body = corpus.kb.source('shift-from-scaling-to-research')!.body.text;
    assert.equal(body.split('The current era of artificial intelligence is transitioning').length - 1, 1);
    assert.ok(body.includes('AI models still lag behind humans in generalization abilities'));
  });

  it('has quotes for every source, theme and term, and reaches every speaker', () => {
    const { kb } = corpus;
    for (const s of kb.sources) assert.ok(kb.quotesForSource(s.id).length > 0, `source ${s.id} has no quotes`);
    for (const t of kb.themes) assert.ok(kb.quotesForTheme(t.id).length > 0, `theme ${t.id} has no quotes`);
    for (const t of kb.terms) assert.ok(kb.quotesForTerm(t.id).length > 0, `term ${t.label} has no quotes`);
    for (const s of kb.speakers) assert.ok(kb.quotesForSpeaker(s.id).length > 0, `speaker ${s.name} is unreachable`);
  });

  it('names the speakers the debate is about, with their aliases', () => {
    const names = corpus.kb.speakers.map((s) => s.name);
    for (const name of ['Ilya Sutskever', 'Andrej Karpathy', 'Yann LeCun', 'Dario Amodei', 'Google DeepMind', 'OpenAI', 'Meta', 'Anthropic', 'Oriol Vinyals', 'Alec Radford', 'Jared Kaplan', 'Lovre Pešut']) {
      assert.ok(names.includes(name), `missing speaker ${name}`);
    }
    const ilya = corpus.kb.speaker('ilya-sutskever')!;
    assert.ok(ilya.aliases.includes('Ilya') && ilya.aliases.includes('Sutskever'));
  });

  it('never gives a reported view to its subject as their own words', () => {
    for (const quote of corpus.kb.quotes.filter((q) => q.attribution === 'reported')) {
      assert.ok(quote.about.length > 0, `${quote.id} reports nobody`);
      assert.ok(!quote.about.includes(quote.speaker), `${quote.id} reports its own speaker`);
      const writers = [quote.source.author?.id, quote.source.publisher?.id];
      assert.ok(writers.includes(quote.speaker.id), `${quote.id}: a reported quote is spoken by its source's writer`);
    }
    const karpathy = corpus.kb.quotes.find((q) => q.text.includes('cognitive self-knowledge'))!;
    assert.equal(karpathy.attribution, 'reported');
    assert.deepEqual(karpathy.about.map((s) => s.name), ['Andrej Karpathy']);
    assert.match(formatQuote(karpathy, 'plaintext'), /reporting Andrej Karpathy’s view/u);
  });

  it('attributes the talk transcript to Sutskever in his own words', () => {
    const peak = corpus.kb.quotes.find((q) => q.text.startsWith("We've reached peak data"))!;
    assert.equal(peak.speaker.name, 'Ilya Sutskever');
    assert.equal(peak.attribution, 'direct');
  });

  it('returns no text with mojibake from any list', () => {
    for (const kind of ['themes', 'speakers', 'sources', 'terms', 'quotes'] as const) {
      const json = JSON.stringify(listToJson(corpus.kb, kind));
      assert.doesNotMatch(json, MOJIBAKE, kind);
    }
    for (const source of corpus.kb.sources) assert.doesNotMatch(source.body.text, MOJIBAKE, source.id);
  });
});
