// `npm run runtime:install [-- --force]`: installs code-server, its Node and chromium (see scripts/lib/runtime.ts).
import { ensureRuntime } from './lib/runtime';
import { log, seconds } from './lib/proc';

async function main(): Promise<void> {
  const started = Date.now();
  const rt = await ensureRuntime({ force: process.argv.includes('--force') });
  log(`runtime: ${rt.dir} (checked in ${seconds(started)})`);
}

main().catch((error: unknown) => {
  console.error(`[sourcebook] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
