// `npm run test:integration`: runs test/integration/**/*.test.ts with mocha INSIDE a real VS Code
// extension host (code-server 1.139 + headless chromium), with this repository loaded as the
// extension under development on a fresh copy of demo/. Exit code = mocha's (0 = all passed).
//
// How: code-server is started with `--vscode-option enable-smoke-test-driver`, so the workbench
// honours the dev `payload` (extensionDevelopmentPath + extensionTestsPath) and calls
// window.codeAutomationLog / window.codeAutomationExit, which this script hooks.
//
// Environment:
//   SOURCEBOOK_TEST_TIMEOUT_MS   overall timeout per window (default 300000)
//   SOURCEBOOK_SELFTEST=0        skip the self-test window (a deliberately failing run that must exit non-zero)
//   SOURCEBOOK_SELFTEST_FAIL=1   make the MAIN run include a failing test (to prove `npm test` fails)
//   SOURCEBOOK_VERBOSE=1         print all workbench/extension-host log lines, not only test output
//   SOURCEBOOK_NO_BUILD=1        do not rebuild dist/ first (test what is there, e.g. the packaged build)
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './lib/browser';
import { copyWorkspace, removeWorkspaceCopy, startCodeServer, workbenchUrl, type CodeServer } from './lib/codeServer';
import { log, run, seconds } from './lib/proc';
import { ensureRuntime } from './lib/runtime';

const ROOT = path.resolve(__dirname, '..');
const TEST_SRC = path.join(ROOT, 'test', 'integration');
export const TEST_OUT = path.join(ROOT, 'out', 'test', 'integration');
const TIMEOUT_MS = Number(process.env.SOURCEBOOK_TEST_TIMEOUT_MS ?? 300_000);
const TITLE_TIMEOUT_MS = 60_000;
const VERBOSE = process.env.SOURCEBOOK_VERBOSE === '1';

/**
 * Workbench and extension-host chatter that says nothing about the tests: offline gallery and auth
 * lookups, the native log addons skipped at install, shutdown cancellations, and any stack trace
 * from VS Code's own bundles (test failures have stacks in out/test/ and mocha instead).
 */
const QUIET = new RegExp([
  '/static/out/vs/', 'extensionHostProcess\\.js', 'ENOTFOUND', 'getaddrinfo',
  'spdlog', 'watchdog', 'Could not locate the bindings', 'DeprecationWarning', 'ExperimentalWarning',
  'vscode\\.lock', 'EEXIST', '^Canceled', '^Unable to read file', '^Failed to resolve files',
  '^Resolving connection token', '^Resolved connection token', '^Creating a socket', '^Updating additional builtin',
  '^No default agent', '^\\[(reconnection-grace-time|Service Worker|AgentHost|AccountPolicyGate|lifecycle|ChatModelSelection|RemoteAgentHostProtocol)',
].join('|'), 'i');

function walk(dir: string, suffix: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full, suffix);
    return entry.name.endsWith(suffix) ? [full] : [];
  });
}

/** Compiles the integration tests to out/test/integration (vscode and mocha stay external). */
export async function buildTests(): Promise<void> {
  fs.rmSync(TEST_OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: walk(TEST_SRC, '.ts'),
    outbase: TEST_SRC,
    outdir: TEST_OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    sourcesContent: false,
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}

interface WindowResult {
  code: number;
  output: string;
}

/** Opens one workbench window that runs the test suite and resolves with its exit code. */
async function runWindow(
  browser: Browser, server: CodeServer, workspace: string, env: Record<string, string>, quiet = false,
): Promise<WindowResult> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  let output = '';
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => {
    resolveExit = resolve;
  });
  await page.exposeFunction('codeAutomationLog', (_level: unknown, args: unknown[]) => {
    const line = Array.isArray(args) && args.length > 0 ? format(...(args as [unknown, ...unknown[]])) : String(args);
    output += `${line}\n`;
    if (process.env.SOURCEBOOK_LOG_LEVELS === '1') process.stdout.write(`<${String(_level)}> `);
    if (VERBOSE || (!quiet && !QUIET.test(line))) process.stdout.write(`${line.replace(/\s+$/, '')}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(Number(code)));
  if (process.env.SOURCEBOOK_SHOW_PAGE_ERRORS === '1') {
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`[page] ${message.text()}`);
    });
  }

  const url = workbenchUrl(server, {
    folder: workspace,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: TEST_OUT,
    extensionEnvironment: env,
  });
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      console.error(`[sourcebook] timeout: the test window did not finish within ${TIMEOUT_MS} ms`);
      resolve(1);
    }, TIMEOUT_MS);
  });
  // Fail fast when the dev payload is ignored (e.g. a server without enable-smoke-test-driver):
  // the symptom would otherwise be a hang until the overall timeout.
  const titleCheck = (async () => {
    while (Date.now() - started < TITLE_TIMEOUT_MS) {
      const title = await page.title().catch(() => '');
      if (title.includes('Extension Development Host')) return new Promise<number>(() => undefined);
      await page.waitForTimeout(500).catch(() => undefined);
    }
    console.error(`[sourcebook] the window title lacks "Extension Development Host" after ${TITLE_TIMEOUT_MS / 1000} s: `
      + 'the dev payload was ignored (is code-server started with --vscode-option enable-smoke-test-driver?)');
    return 1;
  })();

  try {
    await page.goto(url);
    const code = await Promise.race([exited, timedOut, titleCheck]);
    return { code, output };
  } finally {
    if (timer) clearTimeout(timer);
    await context.close().catch(() => undefined);
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const rt = await ensureRuntime();
  if (process.env.SOURCEBOOK_NO_BUILD !== '1') await run(process.execPath, [path.join(ROOT, 'esbuild.js')], { cwd: ROOT });
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build`');
  await buildTests();

  const workspace = copyWorkspace(path.join(ROOT, 'demo'));
  const selfTestWorkspace = copyWorkspace(path.join(ROOT, 'demo'));
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer(rt);
    browser = await launchBrowser(rt);
    log(`code-server ${server.url} (pid ${server.pid}); running integration tests in the extension host…`);

    const mainEnv: Record<string, string> = {};
    if (process.env.SOURCEBOOK_GREP) mainEnv.SOURCEBOOK_GREP = process.env.SOURCEBOOK_GREP;
    if (process.env.SOURCEBOOK_SELFTEST_FAIL === '1') mainEnv.SOURCEBOOK_SELFTEST_FAIL = '1';
    const result = await runWindow(browser, server, workspace, mainEnv);
    log(`integration tests exited with code ${result.code} (${seconds(started)})`);
    if (result.code !== 0) return result.code;

    if (process.env.SOURCEBOOK_SELFTEST !== '0') {
      // The runner itself rests on internal VS Code hooks; prove once per run that a failure still fails.
      log('self-test: a window with a deliberately failing test must exit non-zero…');
      const selfTest = await runWindow(browser, server, selfTestWorkspace, { SOURCEBOOK_SELFTEST_FAIL: '1', SOURCEBOOK_SELFTEST_ONLY: '1' }, true);
      if (selfTest.code === 0 || !selfTest.output.includes('fails on purpose')) {
        console.error(selfTest.output);
        console.error('[sourcebook] SELF-TEST FAILED: a deliberately failing integration test did not make the runner fail.');
        return 1;
      }
      log(`self-test ok: the failing window exited with code ${selfTest.code} (${seconds(started)})`);
    }
    return 0;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    for (const ws of [workspace, selfTestWorkspace]) removeWorkspaceCopy(ws);
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`[sourcebook] ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
