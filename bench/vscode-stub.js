'use strict';
// A fake `vscode` module for timing activation in plain Node (see bench/activation-child.js).
//
// Real, working implementations for what activation actually relies on (Uri, workspace.fs over node:fs,
// configuration defaults from package.json, EventEmitter, Disposable, CancellationTokenSource, TreeItem,
// output channels); everything else is a generic Proxy that can be read, called, constructed and extended
// without crashing, and whose results are disposable. So new API use in src/host or src/features does not
// break the benchmark: it shows up in the `touched` list instead.

const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { URI, Utils } = require('vscode-uri');

/** The values the real `vscode` module exports (namespaces, classes, enums, constants), from @types/vscode. */
function apiNames() {
  const types = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  return [...types.matchAll(/^\texport (?:namespace|class|enum|const|function|let) (\w+)/gmu)].map((m) => m[1]);
}

function createVscodeStub(extensionRoot) {
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
  const defaults = {};
  for (const block of [].concat(pkg.contributes?.configuration ?? [])) {
    for (const [key, spec] of Object.entries(block.properties ?? {})) defaults[key] = spec.default;
  }
  /** API members touched through the generic fallback, with counts: what a real fake would need next. */
  const touched = new Map();
  const touch = (name) => touched.set(name, (touched.get(name) ?? 0) + 1);

  class Disposable {
    constructor(callOnDispose) {
      this._callOnDispose = callOnDispose;
    }
    static from(...items) {
      return new Disposable(() => items.forEach((d) => d && typeof d.dispose === 'function' && d.dispose()));
    }
    dispose() {
      if (this._callOnDispose) this._callOnDispose();
      this._callOnDispose = undefined;
    }
  }
  const noopDisposable = () => new Disposable(() => undefined);

  class EventEmitter {
    constructor() {
      this._listeners = new Set();
      this.event = (listener, thisArg, disposables) => {
        const entry = thisArg ? listener.bind(thisArg) : listener;
        this._listeners.add(entry);
        const d = new Disposable(() => this._listeners.delete(entry));
        if (Array.isArray(disposables)) disposables.push(d);
        return d;
      };
    }
    fire(value) {
      for (const l of [...this._listeners]) l(value);
    }
    dispose() {
      this._listeners.clear();
    }
  }
  const noEvent = () => noopDisposable();

  class CancellationTokenSource {
    constructor() {
      const emitter = new EventEmitter();
      this._emitter = emitter;
      this.token = { isCancellationRequested: false, onCancellationRequested: emitter.event };
    }
    cancel() {
      if (!this.token.isCancellationRequested) {
        this.token.isCancellationRequested = true;
        this._emitter.fire(undefined);
      }
    }
    dispose() {
      this._emitter.dispose();
    }
  }

  // The real thing: vscode-uri is the Uri implementation VS Code itself ships (scheme, fsPath, toString encoding),
  // with vscode.Uri.joinPath from its Utils; `x instanceof vscode.Uri` holds for its URIs.
  class Uri {
    static [Symbol.hasInstance](thing) {
      return thing instanceof URI;
    }
    static file(p) {
      return URI.file(p);
    }
    static parse(value) {
      return URI.parse(value);
    }
    static from(components) {
      return URI.from(components);
    }
    static joinPath(base, ...segments) {
      return Utils.joinPath(base, ...segments);
    }
  }

  class Position {
    constructor(line, character) {
      this.line = line;
      this.character = character;
    }
  }
  class Range {
    constructor(a, b, c, d) {
      this.start = typeof a === 'number' ? new Position(a, b) : a;
      this.end = typeof a === 'number' ? new Position(c, d) : b;
    }
  }
  class Selection extends Range {}
  class TreeItem {
    constructor(labelOrUri, collapsibleState) {
      if (typeof labelOrUri === 'string' || (labelOrUri && !(labelOrUri instanceof Uri))) this.label = labelOrUri;
      else this.resourceUri = labelOrUri;
      this.collapsibleState = collapsibleState ?? 0;
    }
  }
  class ThemeIcon {
    constructor(id, color) {
      this.id = id;
      this.color = color;
    }
  }
  ThemeIcon.File = new ThemeIcon('file');
  ThemeIcon.Folder = new ThemeIcon('folder');
  class MarkdownString {
    constructor(value = '', supportThemeIcons = false) {
      this.value = value;
      this.supportThemeIcons = supportThemeIcons;
    }
    appendMarkdown(v) {
      this.value += v;
      return this;
    }
    appendText(v) {
      this.value += v;
      return this;
    }
    appendCodeblock(v) {
      this.value += `\n\`\`\`\n${v}\n\`\`\`\n`;
      return this;
    }
  }
  class Diagnostic {
    constructor(range, message, severity = 0) {
      this.range = range;
      this.message = message;
      this.severity = severity;
    }
  }
  class Hover {
    constructor(contents, range) {
      this.contents = Array.isArray(contents) ? contents : [contents];
      this.range = range;
    }
  }
  class Location {
    constructor(uri, rangeOrPosition) {
      this.uri = uri;
      this.range = rangeOrPosition;
    }
  }
  class RelativePattern {
    constructor(base, pattern) {
      this.baseUri = base instanceof Uri ? base : base.uri ?? Uri.file(String(base));
      this.base = this.baseUri.fsPath;
      this.pattern = pattern;
    }
  }

  /** A value of any shape: readable, callable, constructible, extendable, awaitable (not a thenable), disposable. */
  const autoCache = new Map();
  function auto(name) {
    const cached = autoCache.get(name);
    if (cached) return cached;
    const store = new Map();
    const target = function StubValue() {};
    const proxy = new Proxy(target, {
      get(t, prop) {
        if (prop === 'then') return undefined;
        if (prop === 'prototype') return t.prototype;
        if (prop === Symbol.toPrimitive) return (hint) => (hint === 'number' ? 0 : `[vscode stub ${name}]`);
        if (prop === Symbol.iterator) return function* empty() {};
        if (typeof prop === 'symbol') return undefined;
        if (store.has(prop)) return store.get(prop);
        if (prop === 'dispose') return () => undefined;
        if (prop === 'toJSON') return () => `[vscode stub ${name}]`;
        if (prop === 'length') return 0;
        return auto(`${name}.${prop}`);
      },
      set(_t, prop, value) {
        store.set(prop, value);
        return true;
      },
      has(_t, prop) {
        return store.has(prop) || prop === 'dispose';
      },
      apply() {
        touch(`${name}()`);
        // Events (onDid…) take a listener and give a disposable; anything else gives another stub value.
        if (/\.on[A-Z]\w*$/.test(name)) return noopDisposable();
        return makeObject(`${name}()`);
      },
      construct(_t, args, newTarget) {
        touch(`new ${name}`);
        return Reflect.construct(function StubObject(...a) {
          this.args = a;
        }, args, newTarget === proxy ? target : newTarget);
      },
    });
    autoCache.set(name, proxy);
    return proxy;
  }
  /** A fresh object per call (so state set on one result does not leak to another), backed by `auto`. */
  function makeObject(name) {
    const own = {};
    return new Proxy(own, {
      get(o, prop) {
        if (prop in o) return o[prop];
        if (prop === 'then') return undefined;
        if (typeof prop === 'symbol') return prop === Symbol.iterator ? function* empty() {} : undefined;
        if (prop === 'dispose') return () => undefined;
        touch(`${name}.${String(prop)}`);
        if (/^on[A-Z]/.test(prop)) return noEvent;
        return auto(`${name}.${String(prop)}`);
      },
    });
  }
  const fallbackGet = (name) => (o, prop) => {
    if (prop in o) return o[prop];
    if (typeof prop === 'symbol' || prop === 'then' || prop === '__esModule' || prop === 'default') return undefined;
    touch(`${name}.${prop}`);
    if (/^on[A-Z]/.test(prop)) return noEvent;
    return auto(`${name}.${prop}`);
  };
  /**
   * Real members first; anything missing falls back to a generic stub (and is recorded). Bundlers copy a
   * CommonJS module's own keys into a namespace object (esbuild's __toESM) whose prototype is the module's
   * prototype: so the prototype is a fallback too, and `import * as vscode` sees every member.
   */
  function withFallback(name, real, traps = {}) {
    const prototype = new Proxy(Object.create(Object.prototype), { get: fallbackGet(name) });
    return new Proxy(real, { get: fallbackGet(name), getPrototypeOf: () => prototype, ...traps });
  }
  /**
   * The module itself also lists every name the real API has as its own (the bundle re-exports its own keys once,
   * scripts/vscodeOnce.js), each read through the fallback when the stub has no real member for it. Listing a name
   * does not read it, so `touched` still tells what activation used.
   */
  function apiModule(real) {
    const names = new Set([...Object.keys(real), ...apiNames()]);
    return withFallback('vscode', real, {
      ownKeys: () => [...names],
      getOwnPropertyDescriptor: (o, key) => (key in o ? Reflect.getOwnPropertyDescriptor(o, key) : names.has(key) ? { configurable: true, enumerable: true, writable: false, value: undefined } : undefined),
    });
  }

  const configuration = (section) => {
    const full = (key) => (section ? `${section}.${key}` : key);
    return withFallback('WorkspaceConfiguration', {
      get: (key, fallback) => (defaults[full(key)] !== undefined ? JSON.parse(JSON.stringify(defaults[full(key)])) : fallback),
      has: (key) => full(key) in defaults,
      inspect: (key) => ({ key: full(key), defaultValue: defaults[full(key)] }),
      update: () => Promise.resolve(),
    });
  };

  const outputChannel = (name) =>
    withFallback('OutputChannel', {
      name,
      logLevel: 2,
      onDidChangeLogLevel: noEvent,
      append() {},
      appendLine() {},
      replace() {},
      clear() {},
      show() {},
      hide() {},
      dispose() {},
      trace() {},
      debug() {},
      info() {},
      warn() {},
      error() {},
    });

  const fileSystem = withFallback('workspace.fs', {
    async readFile(uri) {
      return new Uint8Array(await fs.promises.readFile(uri.fsPath));
    },
    async stat(uri) {
      const s = await fs.promises.stat(uri.fsPath);
      return { type: s.isDirectory() ? 2 : 1, ctime: s.ctimeMs, mtime: s.mtimeMs, size: s.size };
    },
    async readDirectory(uri) {
      const entries = await fs.promises.readdir(uri.fsPath, { withFileTypes: true });
      return entries.map((e) => [e.name, e.isDirectory() ? 2 : 1]);
    },
  });

  const commandRegistry = new Map();
  const vscode = apiModule({
    version: '1.138.0',
    Uri,
    Disposable,
    EventEmitter,
    CancellationTokenSource,
    Position,
    Range,
    Selection,
    TreeItem,
    ThemeIcon,
    MarkdownString,
    RelativePattern,
    Diagnostic,
    Hover,
    Location,
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2, Three: 3 },
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    DecorationRangeBehavior: { OpenOpen: 0, ClosedClosed: 1, OpenClosed: 2, ClosedOpen: 3 },
    TextEditorRevealType: { Default: 0, InCenter: 1, InCenterIfOutsideViewport: 2, AtTop: 3 },
    QuickPickItemKind: { Separator: -1, Default: 0 },
    FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    workspace: withFallback('workspace', {
      fs: fileSystem,
      workspaceFolders: undefined,
      textDocuments: [],
      isTrusted: true,
      name: undefined,
      getConfiguration: configuration,
      onDidChangeConfiguration: noEvent,
      onDidChangeWorkspaceFolders: noEvent,
      onDidGrantWorkspaceTrust: noEvent,
      onDidChangeTextDocument: noEvent,
      onDidOpenTextDocument: noEvent,
      onDidCloseTextDocument: noEvent,
      onDidSaveTextDocument: noEvent,
      registerTextDocumentContentProvider: noopDisposable,
      createFileSystemWatcher: () => withFallback('FileSystemWatcher', { onDidChange: noEvent, onDidCreate: noEvent, onDidDelete: noEvent, dispose() {} }),
      findFiles: async () => [],
      asRelativePath: (p) => (typeof p === 'string' ? p : p.fsPath),
    }),
    window: withFallback('window', {
      activeTextEditor: undefined,
      visibleTextEditors: [],
      createOutputChannel: outputChannel,
      createTreeView: (id) =>
        withFallback(`TreeView(${id})`, {
          visible: false,
          selection: [],
          onDidChangeVisibility: noEvent,
          onDidChangeSelection: noEvent,
          onDidExpandElement: noEvent,
          onDidCollapseElement: noEvent,
          reveal: async () => undefined,
          dispose() {},
        }),
      registerTreeDataProvider: noopDisposable,
      createTextEditorDecorationType: () => withFallback('TextEditorDecorationType', { key: 'decoration', dispose() {} }),
      createStatusBarItem: () => withFallback('StatusBarItem', { show() {}, hide() {}, dispose() {} }),
      onDidChangeActiveTextEditor: noEvent,
      onDidChangeVisibleTextEditors: noEvent,
      onDidChangeTextEditorSelection: noEvent,
      setStatusBarMessage: noopDisposable,
      showInformationMessage: async () => undefined,
      showWarningMessage: async () => undefined,
      showErrorMessage: async () => undefined,
      withProgress: (_options, task) => task({ report() {} }, new CancellationTokenSource().token),
    }),
    commands: withFallback('commands', {
      registerCommand: (id, fn) => {
        commandRegistry.set(id, fn);
        return new Disposable(() => commandRegistry.delete(id));
      },
      registerTextEditorCommand: (id, fn) => {
        commandRegistry.set(id, fn);
        return new Disposable(() => commandRegistry.delete(id));
      },
      executeCommand: async (id, ...args) => (commandRegistry.has(id) ? commandRegistry.get(id)(...args) : undefined),
      getCommands: async () => [...commandRegistry.keys()],
    }),
    languages: withFallback('languages', {
      registerHoverProvider: noopDisposable,
      registerCodeActionsProvider: noopDisposable,
      registerCompletionItemProvider: noopDisposable,
      createDiagnosticCollection: (name) =>
        withFallback('DiagnosticCollection', { name, set() {}, delete() {}, clear() {}, forEach() {}, get: () => undefined, has: () => false, dispose() {} }),
      match: () => 0,
    }),
    env: withFallback('env', {
      appName: 'Visual Studio Code (bench stub)',
      language: 'en',
      machineId: 'bench',
      sessionId: 'bench',
      uiKind: 1,
      clipboard: { readText: async () => '', writeText: async () => undefined },
    }),
    l10n: withFallback('l10n', { t: (message, ...args) => String(typeof message === 'string' ? message : message.message).replace(/\{(\d+)\}/g, (_m, i) => String(args[i])) }),
  });

  const memento = () => {
    const values = new Map();
    return withFallback('Memento', {
      get: (key, fallback) => (values.has(key) ? values.get(key) : fallback),
      update: async (key, value) => void values.set(key, value),
      keys: () => [...values.keys()],
      setKeysForSync() {},
    });
  };
  const storage = path.join(os.tmpdir(), 'sourcebook-bench-storage');
  const extensionUri = Uri.file(extensionRoot);
  const context = withFallback('ExtensionContext', {
    subscriptions: [],
    extensionUri,
    extensionPath: extensionRoot,
    extensionMode: 1,
    globalState: memento(),
    workspaceState: memento(),
    storageUri: Uri.file(path.join(storage, 'workspace')),
    storagePath: path.join(storage, 'workspace'),
    globalStorageUri: Uri.file(path.join(storage, 'global')),
    globalStoragePath: path.join(storage, 'global'),
    logUri: Uri.file(path.join(storage, 'log')),
    logPath: path.join(storage, 'log'),
    asAbsolutePath: (p) => path.join(extensionRoot, p),
    extension: { id: `${pkg.publisher}.${pkg.name}`, extensionUri, extensionPath: extensionRoot, packageJSON: pkg, isActive: true, extensionKind: 1 },
  });
  return { vscode, context, touched };
}

/**
 * The Node built-ins the real extension host has loaded before any extension activates (its process.moduleLoadList,
 * read from an extension activating in code-server 4.139's extension host, 2026-12-02; internal modules left out).
 * The stub loads them first, as the host has: otherwise the first require of node:crypto, say, would be counted as
 * the extension's (about 6 ms in a fresh process).
 */
const HOST_MODULES = [
  'events', 'buffer', 'diagnostics_channel', 'async_hooks', 'timers', 'path', 'querystring', 'fs', 'util', 'url', 'string_decoder',
  'stream/promises', 'stream', 'net', 'dgram', 'child_process', 'module', 'os', 'perf_hooks', 'http', 'assert', 'crypto', 'tls', 'zlib',
  'worker_threads', 'fs/promises', 'console', 'dns', 'https', 'tty', 'readline', 'constants', 'vm',
];

/** Makes `require('vscode')` return the stub, from now on, in this process. */
function installVscodeStub(extensionRoot) {
  const Module = require('node:module');
  for (const name of HOST_MODULES) require(`node:${name}`);
  const stub = createVscodeStub(extensionRoot);
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function resolveWithVscode(request, ...rest) {
    if (request === 'vscode') return 'vscode';
    return resolve.call(this, request, ...rest);
  };
  const mod = new Module('vscode');
  mod.filename = 'vscode';
  mod.loaded = true;
  mod.exports = stub.vscode;
  require.cache.vscode = mod;
  return stub;
}

module.exports = { createVscodeStub, installVscodeStub };
