// Entry point loaded by VS Code's extension host as `extensionTestsPath` (the @vscode/test-electron
// contract: a module exporting `run(): Promise<void>`). Runs every compiled `*.test.js` beside it
// with mocha. It runs inside the real extension host (code-server's Node 24, or Electron's Node with
// `npm run test:electron`); `mocha` resolves from the repository's node_modules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith('.test.js') ? [full] : [];
  }).sort();
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.SOURCEBOOK_MOCHA_TIMEOUT_MS ?? 20_000),
    ...(process.env.SOURCEBOOK_GREP ? { grep: process.env.SOURCEBOOK_GREP } : {}),
  });
  let files = testFiles(__dirname);
  // The runner's self-test window runs only the deliberately failing suite.
  if (process.env.SOURCEBOOK_SELFTEST_ONLY === '1') files = files.filter((file) => file.endsWith('selftest.test.js'));
  for (const file of files) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
        else resolve();
      });
    } catch (error) {
      reject(error);
    }
  });
}
