import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkDocument, MisquoteFinding } from '../../src/core/check/checkDocument';
import { checkFiles, formatFinding } from '../../src/node/check';
import { loadCorpusFromDisk } from '../../src/node/loadCorpus';
import { SEEDS_DIR } from './helpers/seedCorpus';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const DEMO_SOURCES = path.join(ROOT, 'demo', 'sources');
const DEMO_CURATED = path.join(ROOT, 'demo', 'sources-curated');

function run(...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('sourcebook check', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.js')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    dir = mkdtempSync(path.join(tmpdir(), 'sourcebook-check-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string | Uint8Array): string => {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };

  it('prints path:line:col: message for an altered quote and exits 1', () => {
    const file = write('draft.md', '# Draft\n\n> "We have reached peak data and there will be no more data to come," said Ilya Sutskever.\n');
    const { code, stdout } = run('check', file);
    assert.equal(code, 1);
    assert.match(stdout, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}:3:4: “.*\\(Ilya Sutskever, NeurIPS 2024\\)\n`, 'u'));
    assert.equal(stdout.trim().split('\n').length, 1);
  });

  it('reports a wrong speaker at the name', () => {
    const file = write('wrong.md', 'As Yann LeCun said, "We\'ve reached peak data, and there\'s no more data to come."\n');
    const { code, stdout } = run('check', file);
    assert.equal(code, 1);
    assert.match(stdout, /wrong\.md:1:4: Attributed to Yann LeCun, but these are Ilya Sutskever’s words/u);
  });

  it('exits 0 and prints nothing for a clean draft, in LaTeX too', () => {
    const md = write('clean.md', '> "We\'ve reached peak data, and there\'s no more data to come," said Ilya Sutskever.\n');
    const tex = write('clean.tex', "Sutskever: ``You could even say that data is the fossil fuel of AI.'' % \"We have reached peak data and there will be no more\"\n");
    const { code, stdout } = run('check', md, tex);
    assert.equal(code, 0);
    assert.equal(stdout, '');
  });

  it('exits 2 without files or with a file it cannot read', () => {
    assert.equal(run('check').code, 2);
    const missing = run('check', path.join(dir, 'missing.md'));
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot check .*missing\.md: no such file/u);
    const latin1 = write('latin1.md', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    assert.equal(run('check', latin1).code, 2);
  });

  it('reads a UTF-16 draft with a byte-order mark as its text, and refuses one without (no silent clean)', () => {
    const draft = 'As Sutskever put it, “We have to use the data that is available because there is only one Internet.”\n';
    const utf16 = (bom: boolean): Uint8Array => new Uint8Array([...(bom ? [0xff, 0xfe] : []), ...Buffer.from(draft, 'utf16le')]);
    const utf8 = run('check', write('utf8.md', draft));
    const withBom = run('check', write('utf16-bom.md', utf16(true)));
    assert.equal(withBom.code, 1, withBom.stderr);
    assert.equal(withBom.stdout.replace('utf16-bom', 'utf8'), utf8.stdout, 'same finding at the same column as the UTF-8 file');
    const withoutBom = run('check', write('utf16-nobom.md', utf16(false)));
    assert.equal(withoutBom.code, 2);
    assert.match(withoutBom.stderr, /cannot check .*utf16-nobom\.md: looks binary \(it contains NUL bytes\); a UTF-16 file needs a byte-order mark/u);
    assert.doesNotMatch(withoutBom.stderr, /Usage:/u, 'a file that cannot be read is not a usage mistake');
  });

  it('checks folders and quoted globs, skipping source folders, and prints a summary on stderr', () => {
    const misquote = '"We have reached peak data and there will be no more data to come," said Ilya Sutskever.\n';
    write('project/chapters/one.md', `# One\n\n${misquote}`);
    write('project/chapters/two.tex', 'Nothing quoted here.\n');
    write('project/notes.txt', misquote);
    write('project/node_modules/pkg/readme.md', misquote);
    write('project/library/sourcebook.json', '{}');
    write('project/library/copy.md', misquote);
    const project = path.join(dir, 'project');
    const folder = run('check', project);
    assert.equal(folder.code, 1, folder.stderr);
    assert.deepEqual(folder.stdout.trim().split('\n').map((l) => path.relative(project, l.split(':')[0])), [path.join('chapters', 'one.md'), 'notes.txt']);
    assert.match(folder.stderr, /^2 findings in 2 of 3 files$/mu);
    const glob = run('check', path.join(project, 'chapters', '*.md'));
    assert.equal(glob.code, 1);
    assert.match(glob.stderr, /^1 finding in 1 of 1 file$/mu);
    const clean = run('check', path.join(project, 'chapters', '*.tex'));
    assert.equal(clean.code, 0);
    assert.match(clean.stderr, /^no findings in 1 file$/mu);
    const nothing = run('check', path.join(project, '*.pdf'));
    assert.equal(nothing.code, 2);
    assert.match(nothing.stderr, /no file matches .*\*\.pdf/u);
    assert.equal(run('check', project, '--format', 'xml').code, 2);
  });

  it('prints findings as stable JSON and as GitHub workflow annotations', () => {
    const file = write('formats.md', '# Draft\n\n"We have reached peak data and there will be no more data to come," said Ilya Sutskever.\n');
    const json = run('check', file, '--format', 'json');
    assert.equal(json.code, 1);
    const [finding] = JSON.parse(json.stdout) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(finding), ['file', 'line', 'column', 'endLine', 'endColumn', 'kind', 'message', 'expected', 'speaker', 'quoteId', 'sourceId', 'sourceTitle', 'fix']);
    assert.equal(finding.line, 3);
    assert.equal(finding.column, 2);
    assert.equal(finding.kind, 'differs');
    assert.equal(finding.speaker, 'Ilya Sutskever');
    assert.equal(finding.expected, "We've reached peak data, and there's no more data to come");
    const github = run('check', file, '--format', 'github');
    assert.equal(github.code, 1);
    assert.match(github.stdout, /^::warning file=[^,]*formats\.md,line=3,col=2,endLine=3,endColumn=\d+,title=Sourcebook%3A misquote::“We've” → “We have”.*\(Ilya Sutskever, NeurIPS 2024\)$/mu);
  });

  it('checks against a folder without sourcebook.json by extracting its quotes', () => {
    const file = write('uses-demo.md', '"Every plateau so far has been a bad choice of axis," Tobias Wren said.\n');
    const without = run('check', file);
    assert.equal(without.code, 0, without.stdout);
    const withSources = run('check', file, '--sources', DEMO_SOURCES);
    assert.equal(withSources.code, 1, withSources.stderr);
    assert.match(withSources.stdout, /uses-demo\.md:1:2: “turned out to be” → “been” \(Tobias Wren, (quoted in )?Interview: Mara Ellison on the data wall.*\)/u);
  });

  it('still uses a folder’s sourcebook.json when it has one', () => {
    const file = write('uses-curated.md', '“Our results say the curve bends, it does not break,” said Priya Castellanos.\n');
    const { code, stdout } = run('check', file, '--sources', DEMO_CURATED);
    assert.equal(code, 1);
    assert.match(stdout, /“own” left out \(Priya Castellanos, Panel: What replaces scale\?.*\)/u);
  });

  it('skips binary, badly encoded and huge files of a sources folder with one warning line each', async () => {
    const sources = path.join(dir, 'my-sources');
    write('my-sources/notes.md', '# Notes\n\n“The benchmarks are saturated and nobody admits it,” said Jonas Feld.\n');
    write('my-sources/nested/more.txt', 'More notes\n\n"We keep training on the test set without meaning to," Hana Okafor warned.\n');
    write('my-sources/image.md', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00]));
    write('my-sources/latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    write('my-sources/huge.md', 'x'.repeat(5000));
    write('my-sources/.hidden/skip.md', '"This hidden file must never be read at all," said Nobody Here.');
    const corpus = await loadCorpusFromDisk({ includeSeeds: true, seedsDir: SEEDS_DIR, sourceDirs: [sources], maxFileBytes: 4096 });
    const warnings = corpus.problems.filter((p) => p.severity === 'warning').map((p) => `${p.file}: ${p.message}`);
    assert.equal(warnings.length, 3, warnings.join('\n'));
    assert.ok(warnings.some((w) => /image\.md: looks binary/u.test(w)));
    assert.ok(warnings.some((w) => /latin1\.txt: is not valid UTF-8/u.test(w)));
    assert.ok(warnings.some((w) => /huge\.md: is 5 KB, over the 4 KB limit \(setting sourcebook\.maxFileSizeKB\); skipped/u.test(w)));
    const workspace = corpus.kb.quotes.filter((q) => q.source.origin === 'workspace');
    assert.deepEqual(workspace.map((q) => [q.speaker.name, q.source.displayPath]).sort(), [
      ['Hana Okafor', 'my-sources/nested/more.txt'],
      ['Jonas Feld', 'my-sources/notes.md'],
    ]);
    assert.deepEqual(corpus.problems.filter((p) => p.severity === 'error'), []);
  });
});

describe('formatFinding (path:line:col of a finding)', () => {
  const ALTERED = '"We have reached peak data and there will be no more data to come," said Ilya Sutskever.';
  let kb: Awaited<ReturnType<typeof loadCorpusFromDisk>>['kb'];
  before(async () => {
    kb = (await loadCorpusFromDisk({ includeSeeds: true, sourceDirs: [], seedsDir: SEEDS_DIR })).kb;
  });

  const positions = (text: string): string[] =>
    checkDocument(text, 'markdown', kb).map((f) => formatFinding('d.md', text, f).split(': ')[0]);

  it('counts CRLF, CR alone (old Mac) and LF as one line break each, as editors do', () => {
    const lines = ['# Draft', '', 'Some prose.', '', `  ${ALTERED}`];
    assert.deepEqual(positions(lines.join('\n')), ['d.md:5:4']);
    assert.deepEqual(positions(lines.join('\r\n')), ['d.md:5:4']);
    assert.deepEqual(positions(lines.join('\r')), ['d.md:5:4']);
    assert.deepEqual(positions(`# Draft\r\n\rSome prose.\n\r\n  ${ALTERED}`), ['d.md:5:4']);
  });

  it('reports the same positions when the CLI checks a file with CR line endings', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sourcebook-cr-'));
    try {
      const file = path.join(dir, 'mac.md');
      writeFileSync(file, `# Draft\r\rSome prose.\r\r  ${ALTERED}\r`);
      const corpus = await loadCorpusFromDisk({ includeSeeds: true, sourceDirs: [], seedsDir: SEEDS_DIR });
      const [result] = await checkFiles([file], corpus);
      assert.deepEqual(result.findings.map((f) => formatFinding('mac.md', result.text, f).split(': ')[0]), ['mac.md:5:4']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('formats 100,000 findings of one file without counting lines from the start for each', function () {
    // The timeout is the assertion: before, each finding split the text up to it (minutes for this file).
    this.timeout(5_000);
    const line = 'A line of the draft with a "misquote in it" somewhere.';
    const text = Array.from({ length: 100_000 }, () => line).join('\n');
    const quote = kb.quotes[0];
    const findings: MisquoteFinding[] = Array.from({ length: 100_000 }, (_, i) => {
      const range = { start: i * (line.length + 1) + 28, end: i * (line.length + 1) + 42 };
      return { range, kind: 'differs', message: 'Differs', quote, replacement: { range, text: '' } };
    });
    const formatted = findings.map((f) => formatFinding('d.md', text, f));
    assert.equal(formatted[0], 'd.md:1:29: Differs');
    assert.equal(formatted[99_999], 'd.md:100000:29: Differs');
  });
});
