/*
 * dist/snapshot.js: reading a corpus snapshot back, loaded on demand by the extension (src/host/lazyBundles.ts) when
 * the seeds' snapshot or the source worker's corpus arrives, so that the main bundle does not carry it.
 */
export { restoreCorpus } from './readSnapshot';
export { PreviousObjects } from './previousObjects';
export { indexesFromJson, snapshotFromJson } from './snapshotJson';
