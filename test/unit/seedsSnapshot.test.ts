import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDocument } from '../../src/core/check/checkDocument';
import { MisquoteIndex, MisquoteIndexSnapshot } from '../../src/core/check/misquoteIndex';
import type { Corpus } from '../../src/core/corpus';
import type { Quote } from '../../src/core/kb/model';
import { QuoteIndex, QuoteIndexSnapshot } from '../../src/core/search/quoteIndex';
import { CORPUS_MAKERS } from '../../src/core/snapshot/corpusMakers';
import { restoreCorpus } from '../../src/core/snapshot/readSnapshot';
import { indexesFromJson, snapshotFromJson, snapshotToJsonFiles } from '../../src/core/snapshot/snapshotJson';
import { runToEnd } from '../../src/core/util/steps';
import { createQuoteIndex } from '../../src/node/loadCorpus';
import { buildSeedsSnapshot } from '../../src/node/seedsSnapshot';
import { SEEDS_DIR, seedCorpus } from './helpers/seedCorpus';

const SHIPPED = path.resolve(__dirname, '..', '..', 'dist');

/** A quote as a reader sees it, with its source by id and its place. */
function described(quote: Quote) {
  return JSON.parse(JSON.stringify({ ...quote, source: quote.source.id, original: quote.original?.id, quotedIn: quote.quotedIn?.map((s) => s.id), terms: quote.terms.map((t) => t.id) })) as unknown;
}

/**
 * Activation serves the seeds from a snapshot made at build time (scripts/seedsSnapshot.ts, run by esbuild.js): this
 * checks, on every run, that the snapshot made from the seed files is the corpus those files load into.
 */
describe("the seeds' snapshot read at activation", () => {
  let json: { readonly corpus: string; readonly indexes: string };
  let fromFiles: Corpus;
  let fromSnapshot: Corpus;

  before(async () => {
    json = snapshotToJsonFiles(await buildSeedsSnapshot(SEEDS_DIR));
    fromFiles = await seedCorpus();
    const snapshot = snapshotFromJson(json.corpus);
    const indexes = indexesFromJson(json.indexes);
    const seedsUri = (uri: string): string => fromFiles.kb.sources.find((s) => s.displayPath === uri)?.uri ?? `missing:${uri}`;
    fromSnapshot = runToEnd(restoreCorpus(snapshot, CORPUS_MAKERS, { createIndex: createQuoteIndex, uri: seedsUri }));
    fromSnapshot.adoptIndex(runToEnd(QuoteIndex.fromSnapshot(fromSnapshot.searchable, fromSnapshot.kb.terms, indexes.search as QuoteIndexSnapshot)));
    runToEnd(MisquoteIndex.restore(fromSnapshot.checkable, indexes.check as MisquoteIndexSnapshot));
  });

  it('holds the corpus the seed files load into: sources, quotes, sentences, problems', () => {
    assert.deepEqual(
      fromSnapshot.kb.sources.map((s) => [s.id, s.uri, s.raw, s.repair.text, s.body.text]),
      fromFiles.kb.sources.map((s) => [s.id, s.uri, s.raw, s.repair.text, s.body.text]),
    );
    assert.deepEqual(fromSnapshot.kb.quotes.map(described), fromFiles.kb.quotes.map(described));
    assert.deepEqual(fromSnapshot.passages.map(described), fromFiles.passages.map(described));
    assert.deepEqual(fromSnapshot.problems.map((p) => p.message), fromFiles.problems.map((p) => p.message));
  });

  it('stores each seed by its path in the extension, which is installed anywhere', () => {
    const stored = snapshotFromJson(json.corpus).sources.map((s) => s.uri);
    assert.ok(stored.every((uri) => /^seeds\/[^/]+\.txt$/u.test(uri)), stored.join(', '));
    assert.ok(!json.corpus.includes(SEEDS_DIR) && !json.indexes.includes(SEEDS_DIR), 'no path of the machine that built it');
  });

  it('searches and checks with the indexes it carries as the files do', () => {
    for (const query of ['peak data', 'pretraning', 'sutskever', '#synthetic', 'scaling laws']) {
      assert.deepEqual(fromSnapshot.index.search(query).map((h) => [h.quote.id, h.score]), fromFiles.index.search(query).map((h) => [h.quote.id, h.score]), query);
    }
    const quote = fromFiles.kb.quotes.find((q) => q.attribution === 'direct' && q.text.split(' ').length > 10) as Quote;
    const words = quote.text.split(' ');
    words[3] = 'surely';
    const draft = `${quote.speaker.name} said: "${words.join(' ')}"\n`;
    const findings = (corpus: Corpus) => checkDocument(draft, 'markdown', corpus.checkable).map((f) => ({ ...f, quote: f.quote?.id }));
    assert.ok(findings(fromFiles).length > 0);
    assert.deepEqual(findings(fromSnapshot), findings(fromFiles));
  });

  it('keeps its indexes apart, so that activation parses the corpus only', () => {
    assert.equal(snapshotFromJson(json.corpus).search, undefined);
    assert.equal(snapshotFromJson(json.corpus).check, undefined);
    assert.throws(() => indexesFromJson(json.corpus), /not the indexes/u);
    assert.ok(json.indexes.length > json.corpus.length / 2, `${json.indexes.length} of ${json.corpus.length}`);
  });

  it('is what the build shipped, when there is a build', function () {
    if (!fs.existsSync(path.join(SHIPPED, 'seeds.snapshot.json'))) this.skip();
    for (const [file, text] of [['seeds.snapshot.json', json.corpus], ['seeds.indexes.json', json.indexes]] as const) {
      assert.equal(fs.readFileSync(path.join(SHIPPED, file), 'utf8'), text, `dist/${file} is older than the seeds or this code: run npm run build`);
    }
  });
});
