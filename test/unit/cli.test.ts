import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

function run(...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('sourcebook CLI', function () {
  this.timeout(30_000);
  before(() => {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.js')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  });

  it('search "peek data" shows Sutskever’s quote first with its attribution', () => {
    const { code, stdout } = run('search', 'peek data');
    assert.equal(code, 0);
    const first = stdout.split('\n\n')[0];
    assert.match(first, /^1\. “We've reached peak data, and there's no more data to come”\n {3}— Ilya Sutskever, Ilya Sutskever Blows Up at NeurIPS/u);
  });

  it('search --json prints quotes in the documented shape, best first with scores', () => {
    const { code, stdout } = run('search', 'peek data', '--limit', '3', '--json');
    assert.equal(code, 0);
    const quotes = JSON.parse(stdout);
    assert.equal(quotes.length, 3);
    assert.deepEqual(Object.keys(quotes[0]).sort(), ['about', 'attribution', 'id', 'kind', 'score', 'source', 'speaker', 'terms', 'text', 'themes']);
    assert.deepEqual(quotes[0].speaker, { name: 'Ilya Sutskever', kind: 'person' });
    assert.equal(quotes[0].attribution, 'direct');
    assert.ok(quotes[0].score >= quotes[1].score);
  });

  it('hover finds pre-training with Sutskever’s “will undoubtedly come to an end”', () => {
    const { code, stdout } = run('hover', 'The end of Pre-Training as we know it', '12', '--json');
    assert.equal(code, 0);
    const hover = JSON.parse(stdout);
    assert.equal(hover.term.label, 'pre-training');
    assert.deepEqual(hover.range, { start: 11, end: 23 });
    assert.equal(hover.quotes[0].text, 'Pre-training as we know it will undoubtedly come to an end');
    assert.equal(hover.quotes[0].speaker.name, 'Ilya Sutskever');
  });

  it('hover prints null where there is no term, and exits 0', () => {
    const { code, stdout } = run('hover', 'the data alone', '5', '--json');
    assert.equal(code, 0);
    assert.equal(stdout.trim(), 'null');
  });

  it('format writes a LaTeX quote with escaped specials', () => {
    const id = (JSON.parse(run('search', 'alphacode 54', '--json', '--limit', '1').stdout) as { id: string }[])[0].id;
    const { code, stdout } = run('format', id, '--language', 'latex');
    assert.equal(code, 0);
    assert.match(stdout, /\\begin\{quote\}\n.*outdid 54\\% of other competitors/u);
  });

  it('list prints the documented shapes', () => {
    const speakers = JSON.parse(run('list', 'speakers', '--json').stdout);
    const ilya = speakers.find((s: { name: string }) => s.name === 'Ilya Sutskever');
    assert.ok(ilya.quoteCount > 10 && ilya.aliases.includes('Ilya') && ilya.kind === 'person');
    const sources = JSON.parse(run('list', 'sources', '--json').stdout);
    assert.equal(sources.length, 5);
    for (const key of ['id', 'title', 'author', 'publisher', 'date', 'kind', 'quoteCount']) assert.ok(key in sources[0], key);
    const terms = JSON.parse(run('list', 'terms', '--json').stdout);
    for (const key of ['label', 'variants', 'definition', 'themes', 'quoteCount']) assert.ok(key in terms[0], key);
    const themes = JSON.parse(run('list', 'themes', '--json').stdout);
    for (const key of ['label', 'description', 'quoteCount']) assert.ok(key in themes[0], key);
  });

  it('prints an empty result and exits 0 when nothing is found', () => {
    const { code, stdout } = run('search', 'zqxjv', '--json');
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), []);
  });

  for (const args of [[], ['search'], ['search', '  '], ['hover', 'text'], ['hover', 'text', 'x'], ['format', 'nope', '--language', 'latex'], ['format', 'x'], ['list', 'cars'], ['frobnicate'], ['search', 'x', '--limit', '0'], ['search', '--bogus', 'x']]) {
    it(`exits 2 with a clear message for: sourcebook ${args.join(' ')}`, () => {
      const { code, stderr } = run(...args);
      assert.equal(code, 2);
      assert.match(stderr, /sourcebook: |Usage:/u);
    });
  }
});
