import type { StoredFolder } from './extractionStore';
import type { ExtractionCache } from './loadExtractedCollection';

/**
 * Per-folder extraction results kept between loads, so that a change to one file re-extracts that file only.
 * A folder's cache is dropped when the known speakers change, since they decide attributions. The editor keeps
 * one for folders read on its own thread, the source worker one for the folders it reads (and persists).
 */
export class ExtractionCaches {
  private readonly caches = new Map<string, StoredFolder>();

  for(folderLabel: string, knownKey: string): ExtractionCache {
    const existing = this.caches.get(folderLabel);
    if (existing && existing.knownKey === knownKey) return existing.cache;
    const cache: ExtractionCache = new Map();
    this.caches.set(folderLabel, { knownKey, cache });
    return cache;
  }

  /** Takes folders restored from the persistent store (extractionStore.ts), where none is kept yet. */
  adopt(folders: ReadonlyMap<string, StoredFolder>): void {
    for (const [label, folder] of folders) if (!this.caches.has(label)) this.caches.set(label, folder);
  }

  /** Every folder's cache, for the persistent store. */
  get folders(): ReadonlyMap<string, StoredFolder> {
    return this.caches;
  }
}
