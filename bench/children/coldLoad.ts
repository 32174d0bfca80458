// One cold load of the seeds, in a fresh process, bundled by the benchmark (esbuild, as the extension is) and
// run by plain Node: `node cold-load.js <seeds dir>`. Prints one JSON line of timings (ms): how long the
// extension's first load takes on its path (read + parse the trusted seeds catalog, decode + repair + body + locate quotes,
// term matcher), then the first quote index build and the first search, all with cold code.
import { performance } from 'node:perf_hooks';
import { Corpus } from '../../src/core/corpus';
import { buildKnowledgeBase } from '../../src/core/kb/buildKnowledgeBase';
import { loadCatalogCollection, parseTrustedCatalog } from '../../src/core/kb/loadCollection';
import { nodeFolderReader } from '../../src/node/folderReader';
import { createQuoteIndex } from '../../src/node/loadCorpus';

async function main(): Promise<void> {
  const seedsDir = process.argv[2];
  const t0 = performance.now();
  const seeds = await loadCatalogCollection(nodeFolderReader(seedsDir, 'seeds'), 'catalog.json', 'seed', { parser: async () => parseTrustedCatalog });
  const t1 = performance.now();
  if (!seeds.collection) throw new Error('the seeds did not load');
  const kb = buildKnowledgeBase([seeds.collection]);
  const t2 = performance.now();
  const corpus = new Corpus(kb, seeds.problems, { createIndex: createQuoteIndex });
  const t3 = performance.now();
  const index = corpus.index;
  const t4 = performance.now();
  index.search('peek data');
  const t5 = performance.now();
  corpus.matcher.termAt('We have reached peak data, and pre-training as we know it will end.', 17);
  const t6 = performance.now();
  process.stdout.write(
    `${JSON.stringify({
      readCatalog: t1 - t0,
      buildKnowledgeBase: t2 - t1,
      termMatcher: t3 - t2,
      load: t3 - t0,
      quoteIndex: t4 - t3,
      firstSearch: t5 - t4,
      firstHover: t6 - t5,
      quotes: kb.quotes.length,
      problems: corpus.problems.length,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ error: String(error instanceof Error ? error.stack : error) })}\n`);
  process.exit(1);
});
