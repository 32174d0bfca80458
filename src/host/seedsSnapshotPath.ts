/** Where the build writes the seeds' snapshot (esbuild.js), relative to the extension's folder. */
export const SEEDS_SNAPSHOT: readonly string[] = ['dist', 'seeds.snapshot.json'];

/** Its indexes, written beside it and read when they are restored, half a second after activation. */
export const SEEDS_INDEXES: readonly string[] = ['dist', 'seeds.indexes.json'];
