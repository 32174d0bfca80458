import * as vscode from 'vscode';
import { evaluateBundle } from './commonJsBundle';

/*
 * bundleFiles.ts for the browser build (esbuild.js swaps this file in): the on-demand bundles are dist/web/<name>,
 * built for the browser, and the web worker extension host has no `require` and blocks importScripts. A bundle is
 * read through workspace.fs from the extension's own location (local, remote or a CDN alike) and evaluated as a
 * CommonJS module with `new Function` (the extension host's worker allows eval). Reading is asynchronous: the
 * bundles that hovers, the picker and the check need synchronously are loaded before activation ends
 * (extension.web.ts); the others load on first use.
 */

interface Loading {
  readonly promise: Promise<Record<string, unknown>>;
  module?: Record<string, unknown>;
  failure?: Error;
}

const bundles = new Map<string, Loading>();
/** The extension's folder, known from activation on (the loaders of syntax and citations are not given it). */
let extensionLocation: vscode.Uri | undefined;

/** What requireBundle throws for a bundle whose file is still being read: try again later, nothing is broken. */
export const BUNDLE_NOT_LOADED = 'BundleNotLoaded';

/**
 * The text of dist/web/<name> and where it was read, not evaluated: what the browser's source worker runs
 * (sourceWorker.web.ts) and what it asks for, the web page and PDF readers.
 */
export async function readBundleText(name: string, extensionUri?: vscode.Uri): Promise<{ text: string; uri: vscode.Uri }> {
  const base = extensionUri ?? extensionLocation;
  if (!base) throw new Error(`dist/web/${name}: the extension's location is not known yet`);
  const uri = vscode.Uri.joinPath(base, 'dist', 'web', name);
  return { text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), uri };
}

function load(name: string, extensionUri?: vscode.Uri): Loading {
  let loading = bundles.get(name);
  if (loading) return loading;
  const promise = (async () => {
    const { text, uri } = await readBundleText(name, extensionUri);
    return evaluateBundle(text, uri.toString(true));
  })();
  const entry: Loading = { promise };
  promise.then((module) => (entry.module = module), (error: unknown) => (entry.failure = error instanceof Error ? error : new Error(String(error))));
  loading = entry;
  bundles.set(name, loading);
  return loading;
}

function checked<T>(module: Record<string, unknown>, name: string, entry: string): T {
  if (module[entry] === undefined) throw new Error(`dist/web/${name} does not export ${entry}`);
  return module as T;
}

/**
 * The module of dist/web/<name> if it has been read; throws why it could not be, or (error name BUNDLE_NOT_LOADED)
 * that it is still on its way, after starting to read it.
 */
export function requireBundle<T>(name: string, entry: string, extensionUri?: vscode.Uri): T {
  const loading = load(name, extensionUri);
  if (loading.module) return checked<T>(loading.module, name, entry);
  if (loading.failure) throw loading.failure;
  const pending = new Error(`dist/web/${name} is still being read`);
  pending.name = BUNDLE_NOT_LOADED;
  throw pending;
}

/** The module of dist/web/<name>, read on the first call. */
export async function loadBundle<T>(name: string, entry: string, extensionUri?: vscode.Uri): Promise<T> {
  return checked<T>(await load(name, extensionUri).promise, name, entry);
}

/** Reads the bundles in parallel; resolves when each has loaded or failed (requireBundle then tells why). */
export async function preloadBundles(extensionUri: vscode.Uri, names: readonly string[]): Promise<void> {
  extensionLocation = extensionUri;
  await Promise.allSettled(names.map((name) => load(name, extensionUri).promise));
}
