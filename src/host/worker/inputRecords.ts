import type { ExtractionCaches } from '../../core/extract/extractionCaches';
import type { FileProbe, FileRead, FolderReader } from '../../core/files/folderReader';
import { contentHash } from '../../core/util/contentHash';

/*
 * What a load read, file by file, so that a new window can tell whether the corpus stored on disk is still the
 * corpus of these files without reading them into a knowledge base again (issue #19's warm start): each file the
 * load depended on is read again and must give the same content fingerprint (or be refused for the same reason).
 */

/** Which of a folder's readers was asked: the catalog's folder or the files' (workerMain.ts's sourceFolder). */
export type ReaderRole = 'catalog' | 'files';

export interface InputRecord {
  readonly folder: string;
  readonly role: ReaderRole;
  readonly path: string;
  /**
   * Read: `content:<fingerprint>` (the bytes the corpus was built from) or `refused:<code>`, checked again by reading
   * at most `maxBytes`. Only probed: `stat:<size>:<mtime>` or `stat-refused:<code>`, checked again by probing.
   */
  readonly outcome: string;
  readonly maxBytes?: number;
}

function readOutcome(read: FileRead): string {
  return read.ok ? `content:${contentHash(read.bytes)}` : `refused:${read.code}`;
}

function statOutcome(probe: FileProbe): string {
  return probe.ok ? `stat:${probe.size}:${probe.mtime}` : `stat-refused:${probe.code}`;
}

/** Records every probe and read of the readers it wraps, during one load. */
export class InputRecorder {
  private readonly reads = new Map<string, InputRecord>();
  private readonly stats = new Map<string, InputRecord>();

  wrap(folder: string, role: ReaderRole, reader: FolderReader): FolderReader {
    const key = (path: string): string => `${folder}\u0000${role}\u0000${path}`;
    return {
      ...reader,
      stat: async (path) => {
        const probe = await reader.stat(path);
        this.stats.set(key(path), { folder, role, path, outcome: statOutcome(probe) });
        return probe;
      },
      read: async (path, maxBytes) => {
        const read = await reader.read(path, maxBytes);
        this.reads.set(key(path), { folder, role, path, outcome: readOutcome(read), maxBytes });
        return read;
      },
    };
  }

  /**
   * One record per file: what was read, else what was only probed. A file the extraction cache answered by its size
   * and time alone counts by the fingerprint of the bytes its cached extraction came from.
   */
  records(caches: ExtractionCaches, maxBytes: number): InputRecord[] {
    const records = new Map(this.reads);
    for (const [key, stat] of this.stats) {
      if (records.has(key)) continue;
      const hash = stat.role === 'files' && stat.outcome.startsWith('stat:') ? caches.folders.get(stat.folder)?.cache.get(stat.path)?.hash : undefined;
      records.set(key, hash ? { ...stat, outcome: `content:${hash}`, maxBytes } : stat);
    }
    return [...records.values()];
  }
}

/** How the records are checked again: each folder's reader, and a faster synchronous read of a file's content. */
export interface RecordChecks {
  readerOf(folder: string, role: ReaderRole): FolderReader | undefined;
  /** The outcome a read would record, or undefined to ask the reader. */
  contentOf?(folder: string, role: ReaderRole, path: string, maxBytes: number): string | undefined;
}

/** Quick checks between two pauses: about three milliseconds of reading. */
const CHECKS_PER_PAUSE = 64;

/**
 * Whether every file still gives what it gave when recorded: read again, or probed. Pauses every few milliseconds,
 * so that the worker still hears the host meanwhile (a cancelled load, the next request).
 */
export async function inputsUnchanged(records: readonly InputRecord[], checks: RecordChecks): Promise<boolean> {
  const pending: InputRecord[] = [];
  for (const [n, record] of records.entries()) {
    if (n > 0 && n % CHECKS_PER_PAUSE === 0) await new Promise((resolve) => setImmediate(resolve));
    const quick = record.outcome.startsWith('content:') && record.maxBytes !== undefined ? checks.contentOf?.(record.folder, record.role, record.path, record.maxBytes) : undefined;
    if (quick === undefined) pending.push(record);
    else if (quick !== record.outcome) return false;
  }
  const same = await Promise.all(
    pending.map(async (record) => {
      const reader = checks.readerOf(record.folder, record.role);
      if (!reader) return false;
      if (record.outcome.startsWith('stat')) return statOutcome(await reader.stat(record.path)) === record.outcome;
      return record.maxBytes !== undefined && readOutcome(await reader.read(record.path, record.maxBytes)) === record.outcome;
    }),
  );
  return same.every(Boolean);
}
