// `npm run package`: builds the VSIX with @vscode/vsce into out/sourcebook.vsix (vsce runs the
// `vscode:prepublish` production build first) and checks that it ships exactly what it should.
// fuse.js and everything else the extension imports is bundled by esbuild, hence --no-dependencies.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { log, run } from './lib/proc';

const ROOT = path.resolve(__dirname, '..');
export const VSIX = path.join(ROOT, 'out', 'sourcebook.vsix');

/** Entry names of a zip file, read from its central directory (no unzip binary needed). */
export function zipEntries(file: string): string[] {
  const data = fs.readFileSync(file);
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = data.readUInt16LE(eocd + 10);
  let offset = data.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (data.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    names.push(data.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/(readme|changelog)\.md$/i,
  /^extension\/LICENSE(\.txt|\.md)?$/i,
  /^extension\/dist\/(extension|cli|sourceWorker|syntax|markdownSyntax|formats|search|extract|catalog|bibtex|check)\.js$/,
  /^extension\/media\/[^/].*$/,
  /^extension\/seeds\/[^/].*$/,
];
// The syntax, format, search, extraction, catalog, BibTeX and check bundles are required at run time by dist/extension.js, not imported:
// nothing else would notice them missing.
const REQUIRED = [
  'extension/package.json',
  'extension/dist/extension.js',
  'extension/dist/cli.js',
  // The source worker (src/host/worker/workerMain.ts): without it the writer's folders load on the host's thread.
  'extension/dist/sourceWorker.js',
  'extension/dist/syntax.js',
  'extension/dist/markdownSyntax.js',
  'extension/dist/formats.js',
  'extension/dist/search.js',
  'extension/dist/extract.js',
  'extension/dist/catalog.js',
  'extension/dist/bibtex.js',
  'extension/dist/check.js',
];

async function main(): Promise<void> {
  fs.mkdirSync(path.dirname(VSIX), { recursive: true });
  fs.rmSync(VSIX, { force: true });
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  // The README's screenshots are repository files, not shipped (they would double the VSIX), and the
  // repository has no public URL to rewrite them to: keep its links relative instead of failing.
  await run(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', VSIX], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  const entries = zipEntries(VSIX);
  const unexpected = entries.filter((name) => !ALLOWED.some((pattern) => pattern.test(name)));
  const missing = REQUIRED.filter((name) => !entries.includes(name));
  if (unexpected.length > 0 || missing.length > 0) {
    if (unexpected.length > 0) console.error(`[sourcebook] unexpected files in the VSIX (tighten .vscodeignore):\n  ${unexpected.join('\n  ')}`);
    if (missing.length > 0) console.error(`[sourcebook] missing from the VSIX:\n  ${missing.join('\n  ')}`);
    process.exit(1);
  }
  log(`${path.relative(ROOT, VSIX)}: ${entries.length} files, ${(fs.statSync(VSIX).size / 1024).toFixed(1)} KB, contents checked`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`[sourcebook] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
