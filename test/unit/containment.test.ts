import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { locateJsonSyntaxError } from '../../src/core/catalog/locateJsonSyntaxError';
import { parseCatalog } from '../../src/core/catalog/parseCatalog';
import { checkSourcePath } from '../../src/core/files/sourcePath';
import { decodeSourceFile } from '../../src/core/kb/decodeSourceFile';
import { nodeFolderReader } from '../../src/node/folderReader';
import { loadCorpusFromDisk } from '../../src/node/loadCorpus';
import { seedCorpus } from './helpers/seedCorpus';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const QUOTE = '“Every plateau so far has been a bad choice of axis,” Tobias Wren said.';

function runCli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT, timeout: 60_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function catalogNaming(files: readonly string[]): string {
  return JSON.stringify({
    version: 1,
    sources: files.map((file, i) => ({ id: `s${i}`, file, title: `Source ${i}`, kind: 'notes' })),
    speakers: [{ id: 'wren', name: 'Tobias Wren', kind: 'person' }],
    quotes: [],
  });
}

describe('containment: a source file must resolve inside the folder that names it', function () {
  this.timeout(60_000);
  let dir: string;
  let outside: string;
  before(() => {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.js')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    dir = mkdtempSync(path.join(tmpdir(), 'sourcebook-contain-'));
    outside = path.join(dir, 'outside');
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'secret.md'), '# Secret\n\n“This private line must never be served as a source,” Tobias Wren said.\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const folder = (name: string, files: Record<string, string>): string => {
    const root = path.join(dir, name);
    mkdirSync(root, { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(root, file), text);
    return root;
  };

  it('rejects absolute paths and paths that climb out, lexically', () => {
    for (const bad of ['../../../../etc/passwd', '/etc/passwd', 'a/../../x.md', '..\\..\\x.md', 'C:\\Windows\\x.md', '', '.', 'a\u0000b.md']) {
      assert.equal(checkSourcePath(bad).ok, false, bad);
    }
    assert.deepEqual(checkSourcePath('./a/b/../c.md'), { ok: true, path: 'a/c.md' });
  });

  it('refuses a catalog file of ../../../../etc/passwd with one line naming it, and serves the rest', async () => {
    const root = folder('catalogued', { 'sourcebook.json': catalogNaming(['good.md', '../../../../etc/passwd']), 'good.md': `# Good\n\n${QUOTE}\n` });
    const corpus = await loadCorpusFromDisk({ includeSeeds: false, sourceDirs: [root] });
    const refused = corpus.problems.filter((p) => p.file.includes('etc/passwd'));
    assert.equal(refused.length, 1, corpus.problems.map((p) => `${p.file}: ${p.message}`).join('\n'));
    assert.equal(refused[0].skipped, 'outside-folder');
    assert.match(refused[0].message, /leaves its folder/u);
    assert.deepEqual(corpus.kb.sources.map((s) => s.title), ['Source 0']);
    assert.ok(!corpus.kb.sources.some((s) => s.raw.includes('root:')));
  });

  it('gives each refused catalog file exactly one line, an absolute path shown as written', async () => {
    const root = folder('one-line-each', {
      'sourcebook.json': catalogNaming(['good.md', '../../../../etc/passwd', '/dev/zero', 'missing.md', 'link.md']),
      'good.md': `# Good\n\n${QUOTE}\n`,
    });
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'link.md'));
    const corpus = await loadCorpusFromDisk({ includeSeeds: false, sourceDirs: [root] });
    const lines = corpus.problems.filter((p) => p.severity !== 'info').map((p) => `${p.file}: ${p.message}`);
    assert.equal(lines.length, 4, lines.join('\n'));
    assert.ok(!lines.some((l) => /was not found or could not be read/u.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('/dev/zero: is an absolute path')), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('one-line-each/missing.md: ')), lines.join('\n'));
    assert.deepEqual(corpus.kb.sources.map((s) => s.title), ['Source 0']);
  });

  it('refuses a symbolic link in a catalogued folder that leads outside it', async () => {
    const root = folder('catalogued-link', { 'sourcebook.json': catalogNaming(['good.md', 'linked.md']), 'good.md': `# Good\n\n${QUOTE}\n` });
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'linked.md'));
    const corpus = await loadCorpusFromDisk({ includeSeeds: false, sourceDirs: [root] });
    const refused = corpus.problems.find((p) => p.file.endsWith('linked.md'));
    assert.equal(refused?.skipped, 'outside-folder');
    assert.match(refused!.message, /resolves outside catalogued-link/u);
    assert.ok(!corpus.kb.sources.some((s) => s.raw.includes('private line')));
  });

  it('in a folder without a catalog, serves a link that stays inside and refuses one that leaves, by name', async () => {
    const root = folder('extracted', { 'notes.md': `# Notes\n\n${QUOTE}\n` });
    mkdirSync(path.join(root, 'sub'));
    symlinkSync(path.join(root, 'notes.md'), path.join(root, 'sub', 'alias.md'));
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'escape.md'));
    const corpus = await loadCorpusFromDisk({ includeSeeds: false, sourceDirs: [root] });
    const lines = corpus.problems.filter((p) => p.severity === 'warning');
    assert.deepEqual(lines.map((p) => [p.file, p.skipped]), [['extracted/escape.md', 'outside-folder']]);
    assert.deepEqual(corpus.kb.sources.map((s) => s.displayPath).sort(), ['extracted/notes.md', 'extracted/sub/alias.md']);
    assert.ok(!corpus.kb.quotes.some((q) => q.text.includes('private line')));
  });

  it('refuses a FIFO without waiting on it, and a device from its type, before reading', async () => {
    const root = folder('special', { 'notes.md': `# Notes\n\n${QUOTE}\n` });
    execFileSync('mkfifo', [path.join(root, 'pipe.md')]);
    const corpus = await loadCorpusFromDisk({ includeSeeds: false, sourceDirs: [root] });
    const pipe = corpus.problems.find((p) => p.file.endsWith('pipe.md'));
    assert.equal(pipe?.skipped, 'not-a-file');
    assert.match(pipe!.message, /named pipe/u);
    const devices = nodeFolderReader('/dev', 'dev');
    const zero = await devices.read('zero', 4096);
    assert.deepEqual(zero.ok ? 'read' : [zero.code, zero.reason], ['not-a-file', 'is a device, not a regular file']);
    const probe = await devices.stat('zero');
    assert.equal(probe.ok, false);
  });

  it('refuses a 1 GB sparse file from its size, unread, and never reads more than the limit', async () => {
    const root = folder('sparse', { 'notes.md': `# Notes\n\n${QUOTE}\n` });
    const huge = path.join(root, 'huge.md');
    writeFileSync(huge, '');
    truncateSync(huge, 1024 * 1024 * 1024);
    const corpus = await loadCorpusFromDisk({ includeSeeds: false, sourceDirs: [root] });
    const problem = corpus.problems.find((p) => p.file.endsWith('huge.md'));
    assert.equal(problem?.skipped, 'too-large');
    assert.match(problem!.message, /is 1024\.0 MB, over the 2\.0 MB limit/u);
    const read = await nodeFolderReader(root).read('huge.md', 1000);
    assert.equal(read.ok, false);
    const catalogued = folder('sparse-catalogued', { 'sourcebook.json': catalogNaming(['big.md']) });
    writeFileSync(path.join(catalogued, 'big.md'), '');
    truncateSync(path.join(catalogued, 'big.md'), 1024 * 1024 * 1024);
    const fromCatalog = await loadCorpusFromDisk({ includeSeeds: false, sourceDirs: [catalogued] });
    assert.equal(fromCatalog.problems.find((p) => p.file.endsWith('big.md'))?.skipped, 'too-large');
  });

  it('counts a catalogued file it cannot decode as skipped, by its code', async () => {
    const root = folder('undecodable-catalogued', { 'sourcebook.json': catalogNaming(['nul.md', 'latin1.md']) });
    writeFileSync(path.join(root, 'nul.md'), `# Nul\n\n${QUOTE}\u0000\n`);
    writeFileSync(path.join(root, 'latin1.md'), Buffer.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]));
    const corpus = await loadCorpusFromDisk({ includeSeeds: false, sourceDirs: [root] });
    const skipped = corpus.problems.filter((p) => p.skipped !== undefined).map((p) => [path.basename(p.file), p.skipped]);
    assert.deepEqual(skipped.sort(), [['latin1.md', 'encoding'], ['nul.md', 'binary']]);
  });

  it('through the CLI: the refused file is named on stderr, its content never printed, exit 0', () => {
    const root = folder('cli', { 'sourcebook.json': catalogNaming(['good.md', '../../../../../../../../etc/passwd']), 'good.md': `# Good\n\n${QUOTE}\n` });
    const { code, stdout, stderr } = runCli('list', 'sources', '--no-seeds', '--sources', root);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /etc\/passwd: leaves its folder/u);
    assert.doesNotMatch(stdout + stderr, /root:/u);
  });

  it('through the CLI: --sources naming a missing folder says the path and exits 2', () => {
    const missing = path.join(dir, 'no-such-folder');
    const { code, stderr } = runCli('search', 'peak', '--sources', missing);
    assert.equal(code, 2);
    assert.ok(stderr.includes(`there is no folder at ${missing}`), stderr);
  });
});

describe('hostile bytes and text', function () {
  this.timeout(60_000);

  it('treats a NUL anywhere as binary, not only in the first 8 KB', () => {
    const bytes = new TextEncoder().encode(`${'a'.repeat(20_000)}\u0000tail`);
    const decoded = decodeSourceFile(bytes);
    assert.equal(decoded.ok, false);
    assert.equal((decoded as { code: string }).code, 'binary');
  });

  it('decodes UTF-16 with a byte-order mark, both byte orders', () => {
    const text = 'Pešut said “peak data”.';
    const le = Uint8Array.from([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    const be = Uint8Array.from([0xfe, 0xff, ...[...text].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff])]);
    assert.deepEqual(decodeSourceFile(le), { ok: true, text });
    assert.deepEqual(decodeSourceFile(be), { ok: true, text });
  });

  it('neutralises control characters one for one, and composes decomposed text', () => {
    const decoded = decodeSourceFile(new TextEncoder().encode('a\u001b[31mred\u0007\tb\r\nc\u000cd pe\u0301ak'));
    assert.deepEqual(decoded, { ok: true, text: 'a\uFFFD[31mred\uFFFD\tb\r\nc d péak' });
  });

  it('keeps escape sequences of a source out of every quote and out of the terminal', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sourcebook-controls-'));
    try {
      writeFileSync(path.join(dir, 'notes.md'), '# Notes\n\n“Every plateau \u001b]0;owned\u0007so far has been a bad choice of axis,” Tobias Wren said.\n');
      const corpus = await loadCorpusFromDisk({ includeSeeds: false, sourceDirs: [dir] });
      assert.equal(corpus.kb.quotes.length, 1);
      assert.doesNotMatch(corpus.kb.quotes[0].text, /[\u0000-\u001f\u007f-\u009f]/u);
      const { stdout, stderr } = runCli('search', 'plateau', '--no-seeds', '--sources', dir);
      assert.doesNotMatch(stdout + stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u);
      const json = runCli('search', 'plateau', '--json', '--no-seeds', '--sources', dir);
      assert.equal(JSON.parse(json.stdout)[0].speaker.name, 'Tobias Wren');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives a message, not a stack overflow, for a catalog nested 20,000 levels deep', () => {
    const unclosed = `{"version": 1, "sources": ${'['.repeat(20_000)}`;
    assert.equal(locateJsonSyntaxError(unclosed), unclosed.length);
    const parsed = parseCatalog(unclosed, 'deep/sourcebook.json');
    assert.equal(parsed.ok, false);
    assert.match(parsed.problems[0].path, /^line 1, column \d+$/u);
    const closed = `{"version": 1, "sources": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const deep = parseCatalog(closed, 'deep/sourcebook.json');
    assert.equal(deep.ok, false);
    assert.match(deep.problems[0].message, /nests deeper than 32 levels/u);
  });

  it('through the CLI: a 20,000-deep catalog is a warning naming the file, exit 0, the seeds still served', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sourcebook-deep-'));
    try {
      writeFileSync(path.join(dir, 'sourcebook.json'), `{"version": 1, "sources": ${'['.repeat(20_000)}`);
      const { code, stdout, stderr } = runCli('search', 'peek data', '--limit', '1', '--sources', dir);
      assert.equal(code, 0, stderr);
      assert.match(stderr, /sourcebook\.json: .*is not valid JSON/u);
      assert.match(stdout, /peak data/u);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a usage error exits 2 even when the sources are broken as well', () => {
    const missing = path.join(tmpdir(), 'sourcebook-no-such-folder');
    for (const args of [['search', '--sources', missing], ['format', 'x', '--sources', missing], ['list', 'cars', '--sources', missing]]) {
      const { code, stderr } = runCli(...args);
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
      assert.doesNotMatch(stderr, /no folder at/u, 'the usage error is reported, not the missing folder');
    }
  });

  it('searches decomposed (NFD) queries exactly as composed ones', async () => {
    const corpus = await seedCorpus();
    const ids = (q: string) => corpus.index.search(q, { limit: 5 }).map((h) => h.quote.id);
    assert.deepEqual(ids('pe\u0301ak data'), ids('péak data'));
    assert.deepEqual(ids('Pes\u030cut'), ids('Pešut'));
    assert.ok(ids('Pes\u030cut').length > 0);
  });

  it('finds a catalog quote typed decomposed in its composed source', () => {
    const parsed = parseCatalog(JSON.stringify({ version: 1, sources: [{ id: 's', file: 'x.md', title: 'Pes\u030cut', kind: 'notes' }] }), 'x.json');
    assert.ok(parsed.ok);
    assert.equal(parsed.ok && parsed.catalog.sources[0].title, 'Pešut');
  });
});



describe('catalog keys that name built-in object members', () => {
  it('rejects "constructor", "toString" and "__proto__" as unknown keys like any other', () => {
    for (const key of ['constructor', 'toString', '__proto__']) {
      const parsed = parseCatalog(`{"version": 1, "sources": [], ${JSON.stringify(key)}: 1}`, 'x.json');
      assert.equal(parsed.ok, false, key);
      assert.match(parsed.problems.map((p) => p.message).join('\n'), new RegExp(`unknown property "${key}"`, 'u'));
    }
  });
});
