/** Where the build writes the seeds' snapshot (esbuild.js), relative to the extension's folder. */
export const SEEDS_SNAPSHOT: readonly string[] = ['dist', 'seeds.snapshot.json'];
