// Writes the seeds' snapshot that activation reads (src/host/restoredCorpus.ts), seeds.snapshot.json, and its indexes,
// seeds.indexes.json, into each folder given: run by esbuild.js on every build, bundled first, so that the shipped
// snapshot is always the seeds as this code builds them.
//   node out/build/seedsSnapshot.js seeds dist dist/web
import * as fs from 'node:fs';
import * as path from 'node:path';
import { snapshotToJsonFiles } from '../src/core/snapshot/snapshotJson';
import { buildSeedsSnapshot } from '../src/node/seedsSnapshot';

async function main(): Promise<void> {
  const [seedsDir, ...outputs] = process.argv.slice(2);
  if (!seedsDir || outputs.length === 0) throw new Error('usage: seedsSnapshot <seeds folder> <output folder>…');
  const json = snapshotToJsonFiles(await buildSeedsSnapshot(path.resolve(seedsDir)));
  for (const output of outputs) {
    fs.mkdirSync(output, { recursive: true });
    fs.writeFileSync(path.join(output, 'seeds.snapshot.json'), json.corpus);
    fs.writeFileSync(path.join(output, 'seeds.indexes.json'), json.indexes);
  }
}

main().catch((error: unknown) => {
  console.error(`The seeds' snapshot could not be written: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
