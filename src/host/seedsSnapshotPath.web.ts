/** seedsSnapshotPath.ts for the browser build: the browser-only VSIX ships dist/web/ only. */
export const SEEDS_SNAPSHOT: readonly string[] = ['dist', 'web', 'seeds.snapshot.json'];
