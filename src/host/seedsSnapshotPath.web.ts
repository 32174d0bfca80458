/** seedsSnapshotPath.ts for the browser build: the browser-only VSIX ships dist/web/ only. */
export const SEEDS_SNAPSHOT: readonly string[] = ['dist', 'web', 'seeds.snapshot.json'];

/** Its indexes, written beside it and read when they are restored, half a second after activation. */
export const SEEDS_INDEXES: readonly string[] = ['dist', 'web', 'seeds.indexes.json'];
