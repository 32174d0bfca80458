// `npm run test:electron`: the same integration suite (test/integration) in a downloaded desktop
// VS Code via @vscode/test-electron, for machines that can download VS Code and run Electron
// (needs network access to the VS Code update service and a display, e.g. xvfb-run on Linux).
// On the project's CI machines VS Code cannot be downloaded: there `npm run test:integration`
// runs the suite in code-server instead.
//
//   VSCODE_VERSION=1.139.1 npm run test:electron    (default: 'stable')
//   VSCODE_EXECUTABLE=/path/to/code npm run test:electron   (use an installed VS Code)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { copyWorkspace, removeWorkspaceCopy } from './lib/codeServer';
import { run } from './lib/proc';
import { buildTests, TEST_OUT } from './test-integration';

const ROOT = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  await run(process.execPath, [path.join(ROOT, 'esbuild.js')], { cwd: ROOT });
  await buildTests();
  const workspace = copyWorkspace(path.join(ROOT, 'demo'));
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'sourcebook-electron-'));
  try {
    await runTests({
      ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : { version: process.env.VSCODE_VERSION ?? 'stable' }),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: TEST_OUT,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', userData],
      ...(process.env.SOURCEBOOK_GREP ? { extensionTestsEnv: { SOURCEBOOK_GREP: process.env.SOURCEBOOK_GREP } } : {}),
    });
  } finally {
    removeWorkspaceCopy(workspace);
    fs.rmSync(userData, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`[sourcebook] test:electron failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
