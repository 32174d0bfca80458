// `npm start`: builds the extension, installs the runtime if needed (code-server, its Node, chromium),
// serves a real VS Code (code-server) with Sourcebook loaded from this repository on the demo/
// workspace, prints the URL to open, and runs until Ctrl-C, then stops everything it started.
//
// Options (flags after `npm start --`, or environment):
//   --port N     / SOURCEBOOK_PORT   port to serve on (default 8080, or a free one if 8080 is taken)
//   --host H     / SOURCEBOOK_HOST   interface to bind (default 127.0.0.1; 0.0.0.0 exposes it, no auth!)
//   --workspace DIR                  folder to open instead of demo/ (opened in place, not copied)
//   SOURCEBOOK_PUBLIC_AUTHORITY      host:port as your browser's address bar shows it, if different
//
// Each reload of the browser tab reads dist/ again: run `npm run watch` in another terminal and reload.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort, portIsFree, startCodeServer, workbenchUrl } from './lib/codeServer';
import { run, seconds } from './lib/proc';
import { ensureRuntime } from './lib/runtime';

const ROOT = path.resolve(__dirname, '..');

function tailOf(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
}

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const started = Date.now();
  await run(process.execPath, [path.join(ROOT, 'esbuild.js')], { cwd: ROOT });
  const rt = await ensureRuntime();

  const host = flag('host') ?? process.env.SOURCEBOOK_HOST ?? '127.0.0.1';
  const probeHost = host === '0.0.0.0' ? '127.0.0.1' : host;
  const requested = flag('port') ?? process.env.SOURCEBOOK_PORT;
  let port: number;
  if (requested) {
    port = Number(requested);
    if (!(await portIsFree(port, probeHost))) throw new Error(`port ${port} is already in use`);
  } else {
    port = (await portIsFree(8080, probeHost)) ? 8080 : await freePort(probeHost);
  }
  const workspace = path.resolve(flag('workspace') ?? path.join(ROOT, 'demo'));
  const publicAuthority = process.env.SOURCEBOOK_PUBLIC_AUTHORITY;
  const server = await startCodeServer(rt, { host, port, ...(publicAuthority ? { publicAuthority } : {}) });

  const options = {
    folder: workspace,
    extensionDevelopmentPath: ROOT,
    ...(flag('workspace') ? {} : { openFile: path.join(workspace, 'essay.md') }),
  };
  const url = workbenchUrl(server, options);
  const localhostUrl = workbenchUrl(server, { ...options, authority: `localhost:${port}` }, `http://localhost:${port}`);
  console.log(`
Sourcebook is running in VS Code (code-server, Code 1.139) — ready in ${seconds(started)}.

  Open this URL in a browser:

    ${url}

  (or, if you open it as localhost:${port}:  ${localhostUrl} )

  The URL carries Sourcebook as the extension under development (window title: [Extension Development Host]).
  A plain ${server.url}/ opens VS Code WITHOUT Sourcebook.

  On a remote machine, forward the port first, then open the URL on your own computer:
    ssh -L ${port}:127.0.0.1:${port} <this machine>
  (VS Code Remote-SSH: Ports view -> Forward a Port -> ${port}). Keep the same port number on both
  sides, or set SOURCEBOOK_PUBLIC_AUTHORITY=localhost:<local port> so the URL matches your address bar.

  Workspace: ${workspace}   Server log: ${server.logFile}
  Rebuild with \`npm run watch\` and reload the tab to pick up changes. Press Ctrl-C to stop.
`);
  // Stay up until Ctrl-C / SIGTERM (the handlers in lib/codeServer stop the server group on exit),
  // or until the server dies on its own.
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      try {
        process.kill(server.pid, 0);
      } catch {
        clearInterval(timer);
        resolve();
      }
    }, 1000);
  });
  console.error(`[sourcebook] code-server exited unexpectedly. Last lines of its log:\n${tailOf(server.logFile)}`);
  process.exit(1);
}

main().catch((error: unknown) => {
  console.error(`[sourcebook] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
