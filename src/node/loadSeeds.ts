import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The embedded seeds, found next to the bundle (dist/../seeds) or the sources (src/node/../../seeds). */
export function defaultSeedsDir(): string {
  const candidates = [path.resolve(__dirname, '..', 'seeds'), path.resolve(__dirname, '..', '..', 'seeds')];
  return candidates.find((dir) => existsSync(path.join(dir, 'catalog.json'))) ?? candidates[0];
}
