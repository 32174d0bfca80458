import * as vscode from 'vscode';
import type { Corpus, CorpusOptions } from '../core/corpus';
import type { Problem } from '../core/kb/model';
import { restoreCorpus } from '../core/snapshot/readSnapshot';
import type { CorpusSnapshot } from '../core/snapshot/snapshotTypes';
import type { Steps } from '../core/util/steps';
import { hostCheckRestore, hostSearchIndexRestore } from './lazyBundles';

/**
 * The corpus the source worker built, read back on the extension host with its search and check indexes, pausing
 * as it goes (CorpusService runs it in slices). The worker names files by file: URLs; the editor compares URIs in
 * its own spelling (vscode.Uri's encoding), so each source's URI is re-spelled.
 */
export function* restoredCorpus(snapshot: CorpusSnapshot, extensionUri: vscode.Uri, loadProblems: readonly Problem[], options: CorpusOptions): Steps<Corpus> {
  const corpus = yield* restoreCorpus(snapshot, { ...options, loadProblems, uri: (uri) => vscode.Uri.parse(uri).toString() });
  if (snapshot.search !== undefined) corpus.adoptIndex(yield* hostSearchIndexRestore(extensionUri)(corpus.searchable, corpus.kb.terms, snapshot.search));
  if (snapshot.check !== undefined) yield* hostCheckRestore(extensionUri)(corpus.checkable, snapshot.check);
  return corpus;
}
