import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { checkDocument } from '../../src/core/check/checkDocument';
import { MisquoteIndex } from '../../src/core/check/misquoteIndex';
import { Corpus } from '../../src/core/corpus';
import type { Quote, Source, Speaker } from '../../src/core/kb/model';
import { CORPUS_MAKERS } from '../../src/core/snapshot/corpusMakers';
import { restoreCorpus } from '../../src/core/snapshot/readSnapshot';
import type { CorpusSnapshot } from '../../src/core/snapshot/snapshotTypes';
import { snapshotCorpus } from '../../src/core/snapshot/writeSnapshot';
import { runToEnd } from '../../src/core/util/steps';
import { createQuoteIndex, loadCorpusFromDisk } from '../../src/node/loadCorpus';
import { SEEDS_DIR } from './helpers/seedCorpus';

const DEMO_SOURCES = path.resolve(__dirname, '..', '..', 'demo', 'sources');
const DEMO_CATALOG = path.resolve(__dirname, '..', '..', 'demo', 'sources-curated');

/** A quote as a reader sees it, its shared objects named by id (so that the comparison does not recurse). */
/** Absent and undefined fields alike, as a reader of the object sees them. */
function plain<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value));
}

function described(quote: Quote) {
  return plain({
    ...quote,
    source: quote.source.id,
    speaker: quote.speaker,
    original: quote.original?.id,
    quotedIn: quote.quotedIn?.map((s) => s.id),
    terms: quote.terms.map((t) => ({ ...t, themes: t.themes.map((th) => th.id) })),
  });
}

function describedSource(source: Source) {
  const { body, repair, ...rest } = source;
  return plain({ ...rest, body: body.text, bodyOffsets: [0, 7, body.text.length - 1].map((o) => body.toText(o)), repair: { ...repair, map: [0, 5, 50, repair.text.length].map((o) => repair.map.toOriginal(o)) } });
}

function cloned(snapshot: CorpusSnapshot): CorpusSnapshot {
  return v8.deserialize(v8.serialize(snapshot)) as CorpusSnapshot;
}

describe('corpus snapshots (the source worker sends and stores a built corpus)', () => {
  let original: Corpus;
  let restored: Corpus;

  before(async () => {
    // The seeds (repaired text, turns, repeated quotes), the demo's sources (a PDF with pages, a web page) and its
    // catalogued folder (a speaker no quote names yet).
    original = await loadCorpusFromDisk({ includeSeeds: true, sourceDirs: [DEMO_SOURCES, DEMO_CATALOG], seedsDir: SEEDS_DIR });
    // Blocks of seven rows: an echo and its original in different blocks, every block boundary crossed.
    const snapshot = snapshotCorpus(original, { check: MisquoteIndex.for(original.checkable).toSnapshot(), rowsPerBlock: 7 });
    assert.ok(snapshot.quotes.length > 20);
    restored = runToEnd(restoreCorpus(cloned(snapshot), CORPUS_MAKERS, { createIndex: createQuoteIndex }));
  });

  it('restores every source, speaker, term, quote and passage as they were', () => {
    const { kb } = original;
    assert.ok(kb.sources.some((s) => s.repair.repaired > 0), 'a repaired source is covered');
    assert.ok(kb.sources.some((s) => s.turns?.length), 'a source with speaker turns is covered');
    assert.ok(kb.allQuotes.some((q) => q.original), 'a repeated quote is covered');
    assert.ok(original.passages.some((q) => q.page !== undefined), 'a paged source is covered');
    const quoted = new Set(kb.quotes.flatMap((q) => [q.speaker, ...q.about]));
    assert.ok(kb.speakers.some((s) => !quoted.has(s)), 'a speaker no quote names is covered');
    assert.deepEqual(restored.kb.sources.map(describedSource), kb.sources.map(describedSource));
    assert.deepEqual(plain(restored.kb.speakers), plain(kb.speakers));
    assert.deepEqual(plain(restored.kb.terms.map((t) => ({ ...t, themes: t.themes.map((th) => th.id) }))), plain(kb.terms.map((t) => ({ ...t, themes: t.themes.map((th) => th.id) }))));
    assert.deepEqual(plain(restored.kb.themes), plain(kb.themes));
    assert.deepEqual(restored.kb.allQuotes.map(described), kb.allQuotes.map(described));
    assert.deepEqual(restored.kb.quotes.map(described), kb.quotes.map(described));
    assert.deepEqual(restored.passages.map(described), original.passages.map(described));
    assert.deepEqual(plain(restored.problems), plain(original.problems));
  });

  it('shares objects as the original does, so lookups and identity comparisons hold', () => {
    const { kb } = restored;
    for (const quote of [...kb.allQuotes, ...restored.passages]) {
      assert.equal(quote.source, kb.source(quote.source.id), quote.id);
      const known: Speaker | undefined = kb.speaker(quote.speaker.id);
      if (known) assert.equal(quote.speaker, known, quote.id);
      if (quote.original) assert.equal(quote.original, kb.quote(quote.original.id));
    }
    for (const source of kb.sources) assert.deepEqual(kb.quotesForSource(source.id).map((q) => q.id), original.kb.quotesForSource(source.id).map((q) => q.id));
    for (const term of kb.terms) assert.deepEqual(kb.quotesForTerm(term.id).map((q) => q.id), original.kb.quotesForTerm(term.id).map((q) => q.id));
    for (const speaker of kb.speakers) assert.deepEqual(kb.quotesForSpeaker(speaker.id).map((q) => q.id), original.kb.quotesForSpeaker(speaker.id).map((q) => q.id));
    for (const theme of kb.themes) assert.deepEqual(kb.quotesForTheme(theme.id).map((q) => q.id), original.kb.quotesForTheme(theme.id).map((q) => q.id));
    // Every list, also of a person only named in a quote (not a speaker of the knowledge base), is the original's.
    const ids = (lists: ReturnType<typeof kb.quoteLists>) => Object.fromEntries(Object.entries(lists).map(([name, map]) => [name, [...map].map(([key, quotes]) => [key, quotes.map((q) => q.id)])]));
    assert.deepEqual(ids(kb.quoteLists()), ids(original.kb.quoteLists()));
  });

  it('reads the quote lists back as written, without grouping, sorting or ranking them again', () => {
    const snapshot = cloned(snapshotCorpus(original));
    const term = snapshot.kbLists.quotesByTerm;
    const k = Array.from(term.rows.ends).findIndex((end, i) => end - (i === 0 ? 0 : term.rows.ends[i - 1]) > 1);
    assert.ok(k >= 0, 'a term with several quotes is covered');
    const start = k === 0 ? 0 : term.rows.ends[k - 1];
    term.rows.items.subarray(start, term.rows.ends[k]).reverse();
    const kb = runToEnd(restoreCorpus(snapshot, CORPUS_MAKERS, { createIndex: createQuoteIndex })).kb;
    assert.deepEqual(kb.quotesForTerm(term.keys[k]).map((q) => q.id), [...original.kb.quotesForTerm(term.keys[k])].reverse().map((q) => q.id));
  });

  it('searches and checks a draft as the original does, the check index restored from the snapshot', () => {
    for (const query of ['peak data', 'peek dat', 'pre', '@sutskever', 'synthetic data lattice', 'annual report']) {
      assert.deepEqual(restored.index.search(query).map((h) => [h.quote.id, h.score]), original.index.search(query).map((h) => [h.quote.id, h.score]), query);
    }
    const snapshot = snapshotCorpus(original, { check: MisquoteIndex.for(original.checkable).toSnapshot() });
    const again = runToEnd(restoreCorpus(cloned(snapshot), CORPUS_MAKERS, { createIndex: createQuoteIndex }));
    const index = runToEnd(MisquoteIndex.restore(again.checkable, snapshot.check as never));
    assert.equal(MisquoteIndex.for(again.checkable), index, 'the restored index is the one a check uses');
    const quote = original.kb.quotes.find((q) => q.text.split(' ').length > 12 && q.attribution === 'direct');
    assert.ok(quote);
    const words = quote.text.split(' ');
    words[4] = 'definitely';
    const draft = `As ${quote.speaker.name} put it, "${words.join(' ')}"\n`;
    const findings = (corpus: Corpus) => checkDocument(draft, 'markdown', corpus.checkable).map((f) => ({ ...f, quote: f.quote?.id }));
    assert.ok(findings(original).length > 0, 'the altered quotation is found');
    assert.deepEqual(findings(again), findings(original));
  });

  it('refuses a snapshot of another format, and re-spells source URIs as the host asks', () => {
    const snapshot = snapshotCorpus(original);
    assert.throws(() => runToEnd(restoreCorpus({ ...snapshot, format: 999 }, CORPUS_MAKERS)), /format 999/u);
    const respelled = runToEnd(restoreCorpus(snapshot, CORPUS_MAKERS, { uri: (uri) => `x:${uri}` }));
    assert.ok(respelled.kb.sources.every((s, k) => s.uri === `x:${original.kb.sources[k].uri}`));
  });

  it('holds only plain data: arrays, plain objects, strings, numbers and typed arrays', () => {
    const walk = (value: unknown, where: string): void => {
      if (value === null || typeof value !== 'object') return;
      if (ArrayBuffer.isView(value)) return;
      const proto = Object.getPrototypeOf(value);
      assert.ok(proto === Object.prototype || proto === Array.prototype, `${where} is a ${proto?.constructor?.name}`);
      for (const [key, item] of Object.entries(value)) walk(item, `${where}.${key}`);
    };
    walk(snapshotCorpus(original, { check: MisquoteIndex.for(original.checkable).toSnapshot() }), 'snapshot');
  });
});
