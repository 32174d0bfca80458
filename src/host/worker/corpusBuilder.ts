import { createHash } from 'node:crypto';
import { BuildMemo } from '../../core/buildMemo';
import type { CollectionInput } from '../../core/kb/buildKnowledgeBase';
import { builtSnapshot } from '../../core/snapshot/buildSnapshot';
import { CorpusSnapshot, SNAPSHOT_FORMAT } from '../../core/snapshot/snapshotTypes';
import { hashCollections } from './corpusStore';
import type { BuildRequest, CorpusOrigin, LoadRequest } from './protocol';

/*
 * The source worker's second half (issue #19): the knowledge base, the passages, the search index and the check's
 * index are built here, off the editor's thread, and sent as a snapshot (core/snapshot) the host only reads back.
 * The last snapshot is kept in memory and on disk, under a key made from everything it was built from, so that a
 * reload with nothing changed, or a new window on the same files, builds nothing.
 */

/** Whether this worker has built a corpus: then its own copy is newer than any stored one. */
export function hasBuilt(): boolean {
  return lastBuilt !== undefined;
}

/** The last corpus built in this worker, under the key of the collections it was built from. */
let lastBuilt: { readonly key: string; readonly snapshot: CorpusSnapshot } | undefined;

/** What the last build made, per source and per text, for the next build to reuse where nothing changed. */
const buildMemo = new BuildMemo();

/**
 * The corpus of these collections, as a snapshot: the one kept in memory when its key matches, otherwise built now
 * and kept. Storing it on disk is the caller's, after the load's reply (folderLoad.ts, storeWrites.ts).
 */
export function corpusSnapshot(request: LoadRequest, own: readonly CollectionInput[]): { snapshot: CorpusSnapshot; from: CorpusOrigin } {
  const collections = [...request.build.earlier, ...own];
  const key = collectionsKey(request.build, collections);
  if (lastBuilt?.key === key) return { snapshot: lastBuilt.snapshot, from: 'memory' };
  const snapshot = builtSnapshot(request.build, collections, buildMemo);
  lastBuilt = { key, snapshot };
  return { snapshot, from: 'built' };
}

/**
 * A fingerprint of everything the corpus is built from: the collections (catalogs, files' text or bytes), the size
 * limit, the snapshot format and the extension's version. Any change gives another key. Node's own SHA-256: the
 * text of a thousand notes is hashed in a few milliseconds, where a hash in JavaScript took a hundred.
 */
function collectionsKey(build: BuildRequest, collections: readonly CollectionInput[]): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ format: SNAPSHOT_FORMAT, version: build.version, maxFileBytes: build.maxFileBytes }));
  hashCollections(hash, collections);
  return hash.digest('hex');
}

