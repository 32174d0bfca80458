import { createHash, Hash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { statSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { CollectionInput } from '../../core/kb/buildKnowledgeBase';
import type { Problem } from '../../core/kb/model';
import { replaceFile } from '../../node/replaceFile';
import { CorpusSnapshot, SNAPSHOT_FORMAT } from '../../core/snapshot/snapshotTypes';
import type { InputRecord } from './inputRecords';
import type { LoadRequest } from './protocol';

/*
 * The corpus the source worker built, kept on disk between windows (issue #19's warm start): read back when
 * nothing it was built from has changed, written after a complete load. Light on purpose: a new window's worker
 * answers from here without loading extraction, the knowledge base builder or the indexes (folderLoad.ts).
 */

/** A stored corpus whose key and checksum hold, not yet checked against the files it was built from. */
export interface StoredCandidate {
  readonly key: string;
  readonly snapshot: CorpusSnapshot;
  readonly problems: readonly Problem[];
  readonly records: readonly InputRecord[];
  /** How many of the writer's files it stands for. */
  readonly files: number;
}

/**
 * The corpus stored on disk by an earlier window for this request (its key: folders, listings, settings, seeds,
 * extension version), read whole and checked against its checksum, but not yet against the files it was built
 * from (inputsUnchanged, inputRecords.ts): the worker sends it while it reads them again (workerMain.ts), and the host serves it
 * only if they are unchanged. Then nothing is extracted or built. A string says why it was not used, when that is news.
 */
export async function storedCandidate(request: LoadRequest): Promise<StoredCandidate | string | undefined> {
  const file = request.store?.snapshotFile;
  if (!file) {
    prefetched = undefined;
    return undefined;
  }
  const stored = await readStored(file, inputsKey(request));
  if (stored === undefined || typeof stored === 'string') return stored;
  const files = new Set(stored.records.filter((r) => r.role === 'files').map((r) => `${r.folder}\u0000${r.path}`)).size;
  return { ...stored, files };
}

/**
 * A fingerprint of a load request: the folders and the files the host listed, the settings, the speakers and
 * collections known before (the seeds'), the snapshot format and the extension's version. With the records of what
 * the load read, it decides whether a stored corpus is still this request's.
 */
export function inputsKey(request: LoadRequest): string {
  const hash = createHash('sha256');
  const { folders, knownSpeakers, maxFileBytes, build } = request;
  hash.update(JSON.stringify({ format: SNAPSHOT_FORMAT, version: build.version, code: codeFingerprint(), maxFileBytes, buildMax: build.maxFileBytes, folders, knownSpeakers }));
  hashCollections(hash, build.earlier);
  return hash.digest('hex');
}

let code: string | undefined;

/**
 * The code that builds a corpus, by the size and time of its bundle (beside this one once bundled): a development
 * build changes it without changing the extension's version, and a corpus it built differently must not be served.
 */
function codeFingerprint(): string {
  if (code === undefined) {
    try {
      const stats = statSync(path.join(__dirname, 'sourceWorkerLoad.js'));
      code = `${stats.size}:${stats.mtimeMs}`;
    } catch {
      code = 'unbundled';
    }
  }
  return code;
}

export function hashCollections(hash: Hash, collections: readonly CollectionInput[]): void {
  for (const { files, refused, ...collection } of collections) {
    hash.update(JSON.stringify({ ...collection, refused: refused ? [...refused] : undefined }));
    for (const { bytes, text, ...file } of files) {
      hash.update(JSON.stringify(file));
      if (text !== undefined) hash.update(`text:${text.length}:`).update(text);
      else hash.update(`bytes:${bytes.length}:`).update(bytes);
    }
  }
}

/**
 * The stored snapshot's checksum, named by its algorithm: CRC-32 where Node has it (zlib.crc32, Node 20.15 and 22.2
 * on), three times faster than SHA-256 over the 17 MB of a thousand notes, and as sure to catch a damaged file
 * (the file is the extension's own; nothing here needs a cryptographic hash). A file checked otherwise is rebuilt.
 */
function checksum(bytes: Uint8Array): string {
  const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  return crc32 ? `crc32:${crc32(bytes).toString(16)}` : `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** A corpus as stored: what it was built from, what the load read and reported, and the snapshot. */
export interface StoredCorpus {
  readonly key: string;
  readonly records: readonly InputRecord[];
  readonly problems: readonly Problem[];
  readonly snapshot: CorpusSnapshot;
}

/**
 * On disk: the key, the records and the problems, and the snapshot serialized apart with a checksum, so that a
 * damaged file is never read as a corpus, and a stored corpus of other files is set aside without reading it.
 */
interface StoredFile {
  readonly key: string;
  readonly records: readonly InputRecord[];
  readonly problems: readonly Problem[];
  readonly checksum: string;
  readonly payload: Uint8Array;
}

type ReadOutcome = StoredCorpus | string | undefined;

/** The stored corpus being read ahead of the load that will ask for it (prefetchStored). */
let prefetched: { readonly file: string; readonly outcome: Promise<ReadOutcome> } | undefined;

/**
 * Starts reading, checking and deserializing the stored corpus now, off the load's path (a PrefetchRequest); settles
 * once it is read (the worker does not wait for it: the load that needs it does).
 */
export function prefetchStored(file: string): Promise<unknown> {
  const outcome = readStoredFile(file);
  prefetched = { file, outcome };
  return outcome;
}

/** The stored corpus when its key matches and its checksum holds; a string saying why it was not used. */
async function readStored(file: string, key: string): Promise<ReadOutcome> {
  // Read once: the prefetched copy serves the first load only, and is not kept in memory after it.
  const outcome = prefetched?.file === file ? prefetched.outcome : readStoredFile(file);
  prefetched = undefined;
  const stored = await outcome;
  if (stored === undefined || typeof stored === 'string') return stored;
  return stored.key === key ? stored : undefined; // other folders, settings or version: rebuilt, silently
}

/** The stored corpus in `file`, whatever its key, when its checksum holds; a string saying why it was not used. */
async function readStoredFile(file: string): Promise<ReadOutcome> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    return undefined; // none yet
  }
  try {
    const stored = v8.deserialize(bytes) as Partial<StoredFile>;
    if (typeof stored.key !== 'string' || !(stored.payload instanceof Uint8Array) || checksum(stored.payload) !== stored.checksum || !Array.isArray(stored.records) || !Array.isArray(stored.problems)) {
      return `the stored corpus ${file} is damaged; it is rebuilt`;
    }
    const snapshot = v8.deserialize(stored.payload) as CorpusSnapshot;
    if (snapshot?.format !== SNAPSHOT_FORMAT) return `the stored corpus ${file} has another format; it is rebuilt`;
    return { key: stored.key, records: stored.records, problems: stored.problems, snapshot };
  } catch (error) {
    return `the stored corpus ${file} could not be read (${error instanceof Error ? error.message : String(error)}); it is rebuilt`;
  }
}

/** Writes the stored corpus whole (replaceFile); a string says why it could not be. */
export async function writeStored(file: string, stored: StoredCorpus): Promise<string | undefined> {
  try {
    const payload = v8.serialize(stored.snapshot);
    const { key, records, problems } = stored;
    await replaceFile(file, v8.serialize({ key, records, problems, checksum: checksum(payload), payload } satisfies StoredFile));
    return undefined;
  } catch (error) {
    return `the stored corpus ${file} could not be written: ${error instanceof Error ? error.message : String(error)}`;
  }
}
