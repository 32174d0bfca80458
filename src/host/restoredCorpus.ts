import * as vscode from 'vscode';
import type { Corpus, CorpusOptions } from '../core/corpus';
import type { Problem } from '../core/kb/model';
import { CORPUS_MAKERS } from '../core/snapshot/corpusMakers';
import type * as SnapshotBundle from '../core/snapshot/snapshotBundle';
import type { SnapshotIndexes } from '../core/snapshot/snapshotJson';
import type { CorpusSnapshot } from '../core/snapshot/snapshotTypes';
import type { Logger } from '../core/util/logger';
import type { Steps } from '../core/util/steps';
import { hostCheckRestore, hostSearchIndexRestore } from './lazyBundles';
import { SEEDS_INDEXES, SEEDS_SNAPSHOT } from './seedsSnapshotPath';

/** Reading snapshots back: dist/snapshot.js (src/core/snapshot/snapshotBundle.ts), loaded by CorpusService first. */
export type SnapshotReader = typeof SnapshotBundle;

/**
 * The corpus the source worker built, read back on the extension host with its search and check indexes, pausing
 * as it goes (CorpusService runs it in slices). The worker names files by file: URLs; the editor compares URIs in
 * its own spelling (vscode.Uri's encoding), so each source's URI is re-spelled.
 */
export function* restoredCorpus(
  reader: SnapshotReader,
  snapshot: CorpusSnapshot,
  extensionUri: vscode.Uri,
  loadProblems: readonly Problem[],
  options: CorpusOptions,
  /** The corpus served now: what the snapshot holds unchanged is taken from it rather than made again. */
  served?: Corpus,
): Steps<Corpus> {
  const previous = served && new reader.PreviousObjects(served);
  const corpus = yield* reader.restoreCorpus(snapshot, CORPUS_MAKERS, { ...options, loadProblems, previous, uri: (uri) => vscode.Uri.parse(uri).toString() });
  yield* restoredIndexes(corpus, snapshot, extensionUri);
  return corpus;
}

/** The search and check indexes of a corpus restored from a snapshot, read back (their bundles load first). */
export function* restoredIndexes(corpus: Corpus, snapshot: SnapshotIndexes, extensionUri: vscode.Uri): Steps<void> {
  if (snapshot.search !== undefined) corpus.adoptIndex(yield* hostSearchIndexRestore(extensionUri)(corpus.searchable, corpus.kb.terms, snapshot.search));
  if (snapshot.check !== undefined) yield* hostCheckRestore(extensionUri)(corpus.checkable, snapshot.check);
}

/**
 * The embedded seeds as the build made them (scripts/seedsSnapshot.ts): their URIs are relative to the extension.
 * Undefined, with the reason in the log, when the snapshot is missing or unreadable: the seeds are then read from
 * their files.
 */
export function readSeedsSnapshot(reader: SnapshotReader, extensionUri: vscode.Uri, logger: Logger): Promise<CorpusSnapshot | undefined> {
  return readBuiltFile(vscode.Uri.joinPath(extensionUri, ...SEEDS_SNAPSHOT), reader.snapshotFromJson, logger, 'the seeds are read from their files');
}

/** The seeds' search and check indexes (written beside their snapshot); undefined, logged, when unreadable: they are then built. */
export function readSeedsIndexes(reader: SnapshotReader, extensionUri: vscode.Uri, logger: Logger): Promise<SnapshotIndexes | undefined> {
  return readBuiltFile(vscode.Uri.joinPath(extensionUri, ...SEEDS_INDEXES), reader.indexesFromJson, logger, 'they are built instead');
}

async function readBuiltFile<T>(file: vscode.Uri, parse: (text: string) => T, logger: Logger, fallback: string): Promise<T | undefined> {
  try {
    return parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
  } catch (error) {
    logger.warn(`The seeds' snapshot ${file.toString()} could not be read (${error instanceof Error ? error.message : String(error)}); ${fallback}.`);
    return undefined;
  }
}

/** The seeds' corpus from their snapshot, without its indexes (restoredIndexes reads them back shortly after). */
export function* restoredSeeds(reader: SnapshotReader, snapshot: CorpusSnapshot, extensionUri: vscode.Uri, options: CorpusOptions): Steps<Corpus> {
  return yield* reader.restoreCorpus(snapshot, CORPUS_MAKERS, { ...options, uri: (uri) => vscode.Uri.joinPath(extensionUri, ...uri.split('/')).toString() });
}
