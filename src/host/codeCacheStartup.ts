/*
 * The extension's side of V8's code cache (src/node/codeCache.ts, used by the desktop entry src/extensionLoader.ts):
 * how this start was compiled, and saving the cache for the next one once the first load is done. No Node built-in
 * here: the browser build's entry shares src/extension.ts.
 */

/** How the bundle was compiled this time: from the cache, refused by V8, without one, or not by the loader at all. */
export type CodeCacheUse = 'used' | 'rejected' | 'none' | 'off';

/** What the loader hands the extension: how it was compiled, and how to save the cache for the next start. */
export interface CodeCacheStartup {
  readonly cache: CodeCacheUse;
  /** Writes the code cache (with every function compiled so far), replacing older ones; resolves when written. */
  save(): Promise<void>;
}

/** A start the desktop loader did not compile (the browser build, the tests' own bundles). */
export const NO_CODE_CACHE: CodeCacheStartup = { cache: 'off', save: async () => undefined };

/** After the first load, once the editor has settled: long enough that the first hovers' functions are compiled too. */
export const SAVE_DELAY_MS = 5_000;

interface WarnLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** The save planned after a start: what the tests' API shows, and a disposable that cancels it. */
export interface CodeCacheSaving {
  /** How this start was compiled. */
  readonly use: CodeCacheUse;
  /** Resolves true once a cache is saved, false when none is to be (a start from the cache) or it failed or was cancelled. */
  readonly saved: Promise<boolean>;
  dispose(): void;
}

/**
 * Saves the code cache `delayMs` after `ready` when this start did not use one (the first start of a build, or a
 * cache V8 refused), off the way of activation; a failure is logged, never thrown. Disposing cancels it.
 */
export function saveCodeCacheLater(startup: CodeCacheStartup, ready: Promise<unknown>, logger: WarnLogger, delayMs = SAVE_DELAY_MS): CodeCacheSaving {
  if (startup.cache === 'used' || startup.cache === 'off') return { use: startup.cache, saved: Promise.resolve(false), dispose: () => undefined };
  if (startup.cache === 'rejected') logger.info("V8 refused the extension's code cache (another V8 or other flags): it is made again.");
  let cancel = () => undefined as void;
  const saved = new Promise<boolean>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelled = false;
    cancel = () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
      resolve(false);
    };
    const save = () =>
      startup.save().then(
        () => resolve(true),
        (error: unknown) => {
          logger.warn(`The extension's code cache could not be written (${error instanceof Error ? error.message : String(error)}); the next start compiles the bundle again.`);
          resolve(false);
        },
      );
    void ready.catch(() => undefined).then(() => {
      if (!cancelled) timer = setTimeout(save, delayMs);
    });
  });
  return { use: startup.cache, saved, dispose: () => cancel() };
}
