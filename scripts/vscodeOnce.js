// An esbuild plugin: every `import * as vscode from 'vscode'` of the bundle shares one namespace object.
// Without it, esbuild wraps `require('vscode')` in its own copy of the API's properties at each of the thirty
// files that import it: thirty copies of a few hundred getters, made before activation can start.
const NAMESPACE = 'vscode-once';

const vscodeOncePlugin = {
  name: NAMESPACE,
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === NAMESPACE ? { path: 'vscode', external: true } : { path: 'vscode', namespace: NAMESPACE }));
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

module.exports = { vscodeOncePlugin };
