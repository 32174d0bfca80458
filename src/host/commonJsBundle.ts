/*
 * A bundle of the browser build (esbuild's CommonJS output with nothing external) evaluated from its text: the web
 * worker extension host has no `require` and blocks importScripts, so bundleFiles.web.ts reads a bundle's text and
 * evaluates it with `new Function` (the extension host's worker allows eval); the browser's source worker does the
 * same with the web page and PDF readers the host sends it (webWorkerMain.ts).
 */

/** What a bundle's optional Node-only requires get (linkedom's canvas in a try/catch): the module is not there. */
function noRequire(id: string): never {
  throw new Error(`Cannot find module '${id}' in a web extension host`);
}

/** The exports of the bundle whose text is `source`; `sourceUrl` names it in stack traces and the debugger. */
export function evaluateBundle(source: string, sourceUrl: string): Record<string, unknown> {
  const module: { exports: Record<string, unknown> } = { exports: {} };
  // `module` and `exports` are all such a bundle uses.
  const body = new Function('module', 'exports', 'require', `${source}\n//# sourceURL=${sourceUrl}`) as (m: typeof module, e: unknown, r: typeof noRequire) => void;
  body(module, module.exports, noRequire);
  return module.exports;
}
