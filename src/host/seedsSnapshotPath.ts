/** Where the build writes the seeds' snapshot (esbuild.js), relative to the extension's folder. */
export const SEEDS_SNAPSHOT = ['dist', 'seeds.snapshot.json'] as const;
