import type { CatalogSpeaker } from '../../core/catalog/catalogTypes';
import type { CollectionInput } from '../../core/kb/buildKnowledgeBase';
import type { Problem } from '../../core/kb/model';
import type { FileProbe, FileRead } from '../../core/files/folderReader';
import type { ReaderRole } from './inputRecords';
import type { CorpusSnapshot, QuoteTable, SourceRecord } from '../../core/snapshot/snapshotTypes';

/*
 * The messages between the extension host and the source worker (sourceWorker.ts, workerMain.ts): plain data,
 * copied by structured clone. The host finds the files (VS Code's globs and exclusions); the worker reads and
 * extracts them, keeping each folder's extraction results between loads so that a change re-reads one file, and
 * builds the corpus, which comes back as a snapshot for the host to read back.
 */

/**
 * One entry of sourcebook.sources. Its locations are paths on the local disk for the Node worker, URIs (as
 * vscode.Uri spells them) for the browser's, which asks the host to read them (SourceWorker.locationOf).
 */
export interface WorkerFolder {
  /** How the folder is named in messages: "project/notes". */
  readonly label: string;
  /** The workspace folder's location: files are relative to it, and their display paths start with rootName. */
  readonly root: string;
  readonly rootName: string;
  /** The folder files must resolve inside (symbolic links followed where the host can). */
  readonly boundary: string;
  /** Where a sourcebook.json would be; absent for a glob, which never has one. */
  readonly catalogRoot?: string;
  /** The files the host found, relative to root, forward slashes. */
  readonly files: readonly string[];
}

export interface LoadRequest {
  readonly type: 'load';
  readonly id: number;
  readonly folders: readonly WorkerFolder[];
  /** The speakers already known (the seeds'), whom extraction may name. */
  readonly knownSpeakers: readonly CatalogSpeaker[];
  readonly maxFileBytes: number;
  /** Folders of at least this many files report progress and can be cancelled on their own. */
  readonly progressFrom: number;
  /** Where the persistent extraction cache lives (core/extract/extractionStore.ts), and the extension's version. */
  readonly store?: { readonly file: string; readonly version: string; readonly snapshotFile?: string };
  /** What the corpus is built from besides the folders (corpusBuilder.ts). */
  readonly build: BuildRequest;
}

export interface BuildRequest {
  /** The collections loaded before the folders (the seeds'), which the corpus includes. */
  readonly earlier: readonly CollectionInput[];
  readonly maxFileBytes: number;
  /** The extension's version: part of the snapshot's key. */
  readonly version: string;
}

/** Where a load's corpus came from: built now, the one kept from the previous load, or the one stored on disk. */
export type CorpusOrigin = 'built' | 'memory' | 'disk';

export interface CancelRequest {
  readonly type: 'cancel';
  readonly id: number;
  /** Only this folder's reading (its notification was cancelled); the whole load when absent. */
  readonly folder?: string;
}

/** A piece of a load's corpus was received: the worker sends the next one only then (see CorpusPartReply). */
export interface PartReceived {
  readonly type: 'received';
  readonly id: number;
}

/**
 * Read the stored corpus now (a new window's first load is coming): the host finds the files meanwhile, and the load
 * finds the file read, checked and deserialized. Sent once, when the worker starts.
 */
export interface PrefetchRequest {
  readonly type: 'prefetch';
  readonly file: string;
}

/**
 * Finish the writes of what is kept between windows (storeWrites.ts: the stored corpus, the extraction cache), which
 * the worker makes after a load's reply: sent before the worker is stopped, which waits for the FlushedReply a
 * bounded time (sourceWorkerClient.ts's FLUSH_TIMEOUT_MS).
 */
export interface FlushRequest {
  readonly type: 'flush';
  /** This request's number, which its FlushedReply repeats (numbered with the loads). */
  readonly id: number;
}

export type ToWorker = LoadRequest | CancelRequest | PartReceived | PrefetchRequest | FlushRequest | IoReply;

/**
 * A piece of a load's corpus (replies.ts): a hundred of its sources, a block of its quotes, or one of its indexes,
 * before the reply that carries the rest, so that no single message takes the extension host long to receive. The
 * worker sends a piece only once the previous one was received (PartReceived): Node hands a port's queued messages
 * over in one go, which would add up again.
 */
export interface CorpusPartReply {
  readonly type: 'corpus-part';
  readonly id: number;
  readonly sources?: readonly SourceRecord[];
  readonly quotes?: QuoteTable;
  /** The search index's snapshot, then the check index's, each a piece of its own. */
  readonly search?: unknown;
  readonly check?: unknown;
}

export interface LoadedReply {
  readonly type: 'loaded';
  readonly id: number;
  /** The load's warnings and errors (the extraction's notes, of severity info, stay in the worker). */
  readonly problems: Problem[];
  /** How many files were read and extracted by this load (the others came from the worker's cache). */
  readonly extractedFiles: number;
  /** How many files' extraction came from the persistent cache, verified against the files, in this load. */
  readonly restoredFiles: number;
  /**
   * Why the persistent cache or the stored corpus was not used, when that happened (for the log). Why one was not
   * written comes later, in a StoreNoteReply: they are written after this reply.
   */
  readonly storeNote?: string;
  /** The corpus, joined from its pieces by the receiving side (sourceWorker.ts). */
  readonly corpus: { readonly snapshot: CorpusSnapshot; readonly from: CorpusOrigin };
  /**
   * Set when the corpus is the stored one, sent while the worker reads its files again: a CheckedReply follows, and
   * the corpus may be served only if it says they are unchanged.
   */
  readonly checking?: boolean;
}

/**
 * Whether the files a stored corpus was built from are unchanged (after a LoadedReply with `checking`). When they
 * are not, the worker has set that corpus aside: the host loads again, and the worker reads and builds.
 */
export interface CheckedReply {
  readonly type: 'checked';
  readonly id: number;
  readonly unchanged: boolean;
}

export interface ProgressReply {
  readonly type: 'progress';
  readonly id: number;
  readonly folder: string;
  readonly done: number;
  readonly total: number;
  readonly path: string;
}

export interface FailedReply {
  readonly type: 'failed';
  readonly id: number;
  readonly cancelled: boolean;
  readonly message: string;
}

/** Every write asked for before (and while) FlushRequest `id` waited is made, or failed with a StoreNoteReply. */
export interface FlushedReply {
  readonly type: 'flushed';
  readonly id: number;
}

/**
 * Why a write made after a load's reply failed (the store is then rebuilt by the next window): for the log, as a
 * LoadedReply's storeNote is, since the reply it belongs to went out before it.
 */
export interface StoreNoteReply {
  readonly type: 'store-note';
  readonly note: string;
}

export type FromWorker = LoadedReply | CheckedReply | CorpusPartReply | ProgressReply | FailedReply | FlushedReply | StoreNoteReply | WorkerRequest;

/*
 * The browser's source worker (webWorkerMain.ts) cannot reach VS Code's API: it asks the extension host, which reads
 * through the same readers as its own loads (workspaceFolderReader.ts: every containment check stays there) and
 * reads the extension's own bundles. The Node worker reads the disk itself and never asks.
 */

/** One file's status or bytes, of a folder of load `load`, through the host's reader of that folder. */
export interface IoRequest {
  readonly type: 'io';
  /** This request's number, which its IoReply repeats. */
  readonly id: number;
  readonly load: number;
  /** The folder's label (WorkerFolder.label). */
  readonly folder: string;
  readonly role: ReaderRole;
  readonly op: 'stat' | 'read';
  readonly path: string;
  readonly maxBytes: number;
}

/** The text of one of the extension's browser bundles (dist/web/<name>): the web page and PDF readers. */
export interface BundleRequest {
  readonly type: 'bundle';
  readonly id: number;
  readonly name: string;
}

export type WorkerRequest = IoRequest | BundleRequest;

/** The host's answer to a WorkerRequest: the reader's result (its bytes transferred), a bundle's text, or why not. */
export interface IoReply {
  readonly type: 'io-reply';
  readonly id: number;
  readonly value?: FileProbe | FileRead | string;
  readonly error?: string;
}
