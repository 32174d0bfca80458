// Writes the seeds' snapshot that activation reads (src/host/seedsSnapshot.ts): run by esbuild.js on every build,
// bundled first, so that the shipped snapshot is always the seeds as this code builds them.
//   node out/build/seedsSnapshot.js seeds dist/seeds.snapshot.json dist/web/seeds.snapshot.json
import * as fs from 'node:fs';
import * as path from 'node:path';
import { snapshotToJson } from '../src/core/snapshot/snapshotJson';
import { buildSeedsSnapshot } from '../src/node/seedsSnapshot';

async function main(): Promise<void> {
  const [seedsDir, ...outputs] = process.argv.slice(2);
  if (!seedsDir || outputs.length === 0) throw new Error('usage: seedsSnapshot <seeds folder> <output.json>…');
  const json = snapshotToJson(await buildSeedsSnapshot(path.resolve(seedsDir)));
  for (const output of outputs) {
    fs.mkdirSync(path.dirname(output), { recursive: true });
    fs.writeFileSync(output, json);
  }
}

main().catch((error: unknown) => {
  console.error(`The seeds' snapshot could not be written: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
