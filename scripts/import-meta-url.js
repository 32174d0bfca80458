// Injected by esbuild.js into every bundle: ES modules bundled into CommonJS lose `import.meta` (esbuild leaves
// `{}`), so packages that compute their own path from `import.meta.url` (fdir under tinyglobby, pdf.js) get the
// bundle file's URL instead.
/* global __filename */
export const __importMetaUrl = require('url').pathToFileURL(__filename).href;
