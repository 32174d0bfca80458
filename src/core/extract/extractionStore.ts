import type { CachedFile, ExtractionCache } from './loadExtractedCollection';

/*
 * The persistent extraction cache: what the source worker extracted from each file of the writer's folders,
 * written to the extension's storage after a load that completed, read at the next start so that unchanged files
 * are not extracted again (a folder of PDFs takes seconds). Nothing in it is trusted on its own word: the file
 * must be of the extension's version and format, every entry well formed, and each file's size, modification
 * time and content fingerprint the same as when it was extracted (loadExtractedCollection checks the last two).
 */

/** Bumped whenever the shape of an entry or of an extraction result changes. */
export const STORE_FORMAT = 1;

export interface StoredFolder {
  /** The known speakers the folder was extracted with (they decide attributions): another key, another cache. */
  readonly knownKey: string;
  readonly cache: ExtractionCache;
}

interface StoredEntry {
  readonly path: string;
  readonly size: number;
  readonly mtime: number;
  readonly hash: string;
  readonly text: string;
  readonly result: CachedFile['result'];
}

interface StoreFile {
  readonly format: number;
  /** The extension's version: extraction may change between versions. */
  readonly version: string;
  readonly folders: Record<string, { readonly knownKey: string; readonly entries: StoredEntry[] }>;
}

/** The store's text for these folders: only entries with a stat and a fingerprint (those verified or extracted). */
export function serializeStore(version: string, folders: ReadonlyMap<string, StoredFolder>): string {
  const file: StoreFile = { format: STORE_FORMAT, version, folders: {} };
  for (const [label, folder] of folders) {
    const entries: StoredEntry[] = [];
    for (const [path, entry] of folder.cache) {
      if (!entry.stat || entry.hash === undefined || (entry.origin === 'disk' && !entry.verified)) continue;
      entries.push({ path, size: entry.stat.size, mtime: entry.stat.mtime, hash: entry.hash, text: entry.text, result: entry.result });
    }
    file.folders[label] = { knownKey: folder.knownKey, entries };
  }
  return JSON.stringify(file);
}

/** The folders of a store, every entry to be verified before use; or why the store was not used. */
export function parseStore(text: string, version: string): Map<string, StoredFolder> | { readonly unusable: string } {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return { unusable: 'it is not valid JSON (a write was interrupted?)' };
  }
  if (!isRecord(file) || file.format !== STORE_FORMAT) return { unusable: `it is not of format ${STORE_FORMAT}` };
  if (file.version !== version) return { unusable: `it was written by version ${String(file.version)}, not ${version}` };
  if (!isRecord(file.folders)) return { unusable: 'it has no folders' };
  const folders = new Map<string, StoredFolder>();
  for (const [label, folder] of Object.entries(file.folders)) {
    if (!isRecord(folder) || typeof folder.knownKey !== 'string' || !Array.isArray(folder.entries)) return { unusable: `folder "${label}" is malformed` };
    const cache: ExtractionCache = new Map();
    for (const entry of folder.entries) {
      if (!isStoredEntry(entry)) return { unusable: `an entry of folder "${label}" is malformed` };
      cache.set(entry.path, { stat: { size: entry.size, mtime: entry.mtime }, hash: entry.hash, text: entry.text, bytes: new Uint8Array(0), result: entry.result, origin: 'disk', verified: false });
    }
    folders.set(label, { knownKey: folder.knownKey, cache });
  }
  return folders;
}

function isStoredEntry(value: unknown): value is StoredEntry {
  if (!isRecord(value)) return false;
  const { path, size, mtime, hash, text, result } = value;
  if (typeof path !== 'string' || typeof size !== 'number' || typeof mtime !== 'number' || typeof hash !== 'string' || typeof text !== 'string') return false;
  return isRecord(result) && isRecord(result.catalog) && Array.isArray(result.catalog.sources) && Array.isArray(result.notes);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
