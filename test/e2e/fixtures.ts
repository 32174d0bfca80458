// Mocha global fixtures for the e2e run (loaded through test/e2e/.mocharc.json `require`):
// start code-server with the packaged VSIX once before all files, stop it (and the browser) after.
import { e2eServer, shutdownE2e } from './workbench';

export async function mochaGlobalSetup(): Promise<void> {
  const server = await e2eServer();
  console.log(`[sourcebook] e2e: code-server ${server.url} (pid ${server.pid}) with the packaged VSIX`);
}

export async function mochaGlobalTeardown(): Promise<void> {
  await shutdownE2e();
}
