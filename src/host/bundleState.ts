import { BUNDLE_NOT_LOADED, requireBundle } from './bundleFiles';

/** A bundle for good, or why it cannot be loaded. */
export interface BundleState<T> {
  readonly module?: T;
  readonly failure?: string;
}

/**
 * dist/<name> (checked for `entry`) or why it cannot be loaded, to be kept once and for all by the caller; undefined
 * while the browser build is still reading its file (ask again later).
 */
export function bundleState<T>(name: string, entry: string): BundleState<T> | undefined {
  try {
    return { module: requireBundle<T>(name, entry) };
  } catch (error) {
    if (error instanceof Error && error.name === BUNDLE_NOT_LOADED) return undefined;
    return { failure: error instanceof Error ? error.message : String(error) };
  }
}
