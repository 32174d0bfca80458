// The esbuild plugin of the browser build (esbuild.js, and the unit test that measures that build): an import of
// `./x` resolves to `./x.web.ts` (or `./x/index.web.ts`) when that sibling exists, so that call sites stay the same
// and the Node-only module (require, node:path, worker_threads…) is left out of dist/web/. The sibling itself may
// import the module it stands for (src/extension.web.ts wraps src/extension.ts).
const fs = require('node:fs');
const path = require('node:path');

/** @type {import('esbuild').Plugin} */
const webVariantsPlugin = {
  name: 'web-variants',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const base = path.resolve(args.resolveDir, args.path);
      for (const candidate of [`${base}.web.ts`, path.join(base, 'index.web.ts')]) {
        if (candidate !== args.importer && fs.existsSync(candidate)) return { path: candidate };
      }
      return undefined;
    });
  },
};

module.exports = { webVariantsPlugin };
