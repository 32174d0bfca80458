// Start and stop code-server (a real VS Code served to a browser) for `npm start` and the tests.
//
// - Each server runs in its own process group (detached spawn) on a free loopback port, with a
//   fresh temporary user-data dir; stop() terminates that group and nothing else.
// - Every server started here is also stopped when this process exits, fails, or gets Ctrl-C/SIGTERM.
// - `--vscode-option enable-smoke-test-driver` makes the web workbench honour the dev payload
//   (extensionDevelopmentPath / extensionTestsPath) and expose codeAutomationLog/codeAutomationExit.
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Runtime } from './runtime';

export interface StartOptions {
  /** Port to bind; default: a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Host:port as the browser's address bar will show it; default `${host}:${port}`. */
  publicAuthority?: string;
  /** VSIX files to install into the (temporary) extensions dir before starting. */
  installVsix?: string[];
  /** Extra user settings merged over the defaults. */
  settings?: Record<string, unknown>;
  /** Keep the temporary state dir after stop (for debugging); also SOURCEBOOK_KEEP_STATE=1. */
  keepState?: boolean;
  /** Milliseconds to wait for /healthz. */
  startTimeoutMs?: number;
}

export interface CodeServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** host:port used in vscode-remote:// URIs; must match the browser's address bar. */
  authority: string;
  port: number;
  /** Process id = process group id. */
  pid: number;
  /** Temporary user-data dir (holds code-server.log, User/settings.json, exts/). */
  stateDir: string;
  extensionsDir: string;
  logFile: string;
  stop(): Promise<void>;
}

/** Default user settings: quiet, offline, no trust prompt, no AI features (fewer helper processes). */
export const DEFAULT_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'editor.hover.delay': 200,
};

interface Running {
  pid: number;
  /** Synchronous: signal the group and remove the state dir (for the 'exit' event). */
  cleanup: () => void;
  /** Asynchronous: terminate the group, wait until it is gone, remove the state dir. */
  stop: () => Promise<void>;
}
const running = new Set<Running>();
let handlersInstalled = false;
let stopping = false;

function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is gone
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // Synchronous last resort: whatever is still running when this process exits goes with it.
  process.on('exit', () => {
    for (const server of running) server.cleanup();
    for (const parent of workspaceCopies) fs.rmSync(parent, { recursive: true, force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      // 128 + signal number is the shell convention. A second signal while stopping exits at once.
      const code = signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 129;
      if (running.size === 0 || stopping) process.exit(code);
      stopping = true;
      console.error(`[sourcebook] ${signal}: stopping code-server…`);
      void Promise.allSettled([...running].map((server) => server.stop())).then(() => process.exit(code));
    });
  }
}

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.on('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

function healthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(`${url}/healthz`, { timeout: 1000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => {
      request.destroy();
      resolve(false);
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Installs a VSIX offline into `extensionsDir` (about 1 s). */
export function installVsix(rt: Runtime, vsix: string, stateDir: string, extensionsDir: string): void {
  execFileSync(rt.node, [
    rt.entry, '--config', '/dev/null', '--user-data-dir', stateDir, '--extensions-dir', extensionsDir,
    '--install-extension', path.resolve(vsix), '--force',
  ], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
}

export async function startCodeServer(rt: Runtime, options: StartOptions = {}): Promise<CodeServer> {
  installExitHandlers();
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? await freePort(host);
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcebook-code-server-'));
  const extensionsDir = path.join(stateDir, 'exts');
  const logFile = path.join(stateDir, 'code-server.log');
  const keepState = options.keepState ?? process.env.SOURCEBOOK_KEEP_STATE === '1';
  fs.mkdirSync(path.join(stateDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(
    path.join(stateDir, 'User', 'settings.json'),
    `${JSON.stringify({ ...DEFAULT_SETTINGS, ...options.settings }, null, 2)}\n`,
  );
  for (const vsix of options.installVsix ?? []) installVsix(rt, vsix, stateDir, extensionsDir);

  const out = fs.openSync(logFile, 'a');
  const child = spawn(rt.node, [
    rt.entry,
    '--config', '/dev/null', // without it code-server writes ~/.config/code-server/config.yaml with a password
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--bind-addr', `${host}:${port}`,
    '--user-data-dir', stateDir,
    '--extensions-dir', extensionsDir,
    '--reconnection-grace-time', '5', // closed tabs do not keep extension hosts alive for hours
    '--vscode-option', 'enable-smoke-test-driver',
  ], {
    detached: true, // own process group: stop() kills the group, nothing else
    stdio: ['ignore', out, out],
    env: { ...process.env, PATH: `${path.dirname(rt.node)}${path.delimiter}${process.env.PATH ?? ''}` },
  });
  fs.closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error('code-server did not start');
  let exited: string | undefined;
  child.on('exit', (code, signal) => {
    exited = signal ?? `exit code ${code}`;
  });
  child.unref();

  const removeState = () => {
    if (!keepState) fs.rmSync(stateDir, { recursive: true, force: true });
  };

  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (killGroup(pid, 'SIGTERM')) {
      const deadline = Date.now() + 10_000;
      while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
      if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
    }
    running.delete(entry);
    removeState();
  };
  const entry: Running = {
    pid,
    cleanup: () => {
      killGroup(pid, 'SIGTERM');
      removeState();
    },
    stop,
  };
  running.add(entry);

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (!(await healthy(url))) {
    if (exited !== undefined || Date.now() > deadline) {
      const why = exited !== undefined ? `exited (${exited})` : 'did not answer /healthz in time';
      const logTail = tail(logFile);
      await stop();
      throw new Error(`code-server ${why}. Last lines of its log:\n${logTail}`);
    }
    await sleep(150);
  }
  return {
    url,
    authority: options.publicAuthority ?? `${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    pid,
    stateDir,
    extensionsDir,
    logFile,
    stop,
  };
}

export interface WorkbenchUrlOptions {
  /** Absolute path of the folder to open. */
  folder: string;
  /** Absolute path of an extension folder to load as in "Run Extension" (package.json + dist/). */
  extensionDevelopmentPath?: string;
  /** Absolute path of a module exporting `run(): Promise<void>` (the @vscode/test-electron contract). */
  extensionTestsPath?: string;
  /** Absolute path of a file to open at start. */
  openFile?: string;
  /** Environment variables for the extension host (dev payload only). */
  extensionEnvironment?: Record<string, string>;
  /** Override the host:port used in the vscode-remote:// URIs (must match the address bar). */
  authority?: string;
}

/**
 * The workbench URL. Dev options travel in the `payload` query parameter as vscode-remote:// URIs
 * whose authority must equal the browser's host:port.
 */
export function workbenchUrl(server: Pick<CodeServer, 'url' | 'authority'>, options: WorkbenchUrlOptions, base?: string): string {
  const authority = options.authority ?? server.authority;
  const remote = (p: string) => `vscode-remote://${authority}${path.resolve(p)}`;
  const payload: [string, string][] = [];
  if (options.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  if (options.openFile) payload.push(['openFile', remote(options.openFile)]);
  if (options.extensionEnvironment) payload.push(['extensionEnvironment', JSON.stringify(options.extensionEnvironment)]);
  let url = `${base ?? server.url}/?folder=${encodeURIComponent(path.resolve(options.folder))}`;
  if (payload.length > 0) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

const workspaceCopies = new Set<string>();

/**
 * Copies a workspace (e.g. demo/) to a fresh temp folder so a run can edit files freely. The copy is
 * removed by removeWorkspaceCopy(), or at the latest when this process exits (also on Ctrl-C).
 */
export function copyWorkspace(source: string, prefix = 'sourcebook-ws-'): string {
  installExitHandlers();
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  workspaceCopies.add(parent);
  const target = path.join(parent, path.basename(source));
  fs.cpSync(source, target, { recursive: true });
  return target;
}

/** Deletes a copy made by copyWorkspace(). */
export function removeWorkspaceCopy(workspace: string): void {
  const parent = path.dirname(workspace);
  workspaceCopies.delete(parent);
  fs.rmSync(parent, { recursive: true, force: true });
}
