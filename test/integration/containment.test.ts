import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { setSetting, sourcebook } from './helpers';

const QUOTE = '“Every plateau so far has been a bad choice of axis,” Tobias Wren said.';

/**
 * The editor reads sources through workspace.fs; the same rule holds there as in the CLI: a source file must
 * resolve inside the folder that names it, and devices, pipes and giants are refused before a byte is read.
 */
describe('hostile source folders in the editor', () => {
  let workspaceRoot: string;
  let outside: string;

  before(async () => {
    workspaceRoot = vscode.workspace.workspaceFolders![0].uri.fsPath;
    outside = mkdtempSync(path.join(tmpdir(), 'sourcebook-outside-'));
    writeFileSync(path.join(outside, 'secret.md'), '# Secret\n\n“This private line must never be served as a source,” Tobias Wren said.\n');
    const curated = path.join(workspaceRoot, 'hostile-curated');
    mkdirSync(curated, { recursive: true });
    writeFileSync(path.join(curated, 'good.md'), `# Good\n\n${QUOTE}\n`);
    symlinkSync(path.join(outside, 'secret.md'), path.join(curated, 'linked.md'));
    execFileSync('mkfifo', [path.join(curated, 'pipe.md')]);
    writeFileSync(path.join(curated, 'giant.md'), '');
    truncateSync(path.join(curated, 'giant.md'), 1024 * 1024 * 1024);
    writeFileSync(path.join(curated, 'sourcebook.json'), JSON.stringify({
      version: 1,
      sources: ['good.md', '../../../../../../../../etc/passwd', 'linked.md', 'pipe.md', 'giant.md'].map((file, i) => ({ id: `hostile-${i}`, file, title: `Hostile ${i}`, kind: 'notes' })),
      speakers: [{ id: 'wren', name: 'Tobias Wren', kind: 'person' }],
    }));
    const loose = path.join(workspaceRoot, 'hostile-loose');
    mkdirSync(loose, { recursive: true });
    writeFileSync(path.join(loose, 'notes.md'), `# Loose notes\n\n${QUOTE}\n`);
    symlinkSync(path.join(outside, 'secret.md'), path.join(loose, 'escape.md'));
    execFileSync('mkfifo', [path.join(loose, 'pipe.md')]);
    writeFileSync(path.join(loose, 'sparse.md'), '');
    truncateSync(path.join(loose, 'sparse.md'), 1024 * 1024 * 1024);
    await setSetting('sources', ['hostile-curated', 'hostile-loose', '../..']);
    await (await sourcebook()).reload();
  });

  after(async () => {
    await setSetting('sources', undefined);
    await (await sourcebook()).reload();
    for (const dir of ['hostile-curated', 'hostile-loose']) rmSync(path.join(workspaceRoot, dir), { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  const problem = async (fileEnd: string) => (await sourcebook()).corpus().problems.find((p) => p.file.endsWith(fileEnd));

  it('refuses a catalog path that climbs out, and a link that leads out, each with one line naming it', async () => {
    const api = await sourcebook();
    assert.equal((await problem('etc/passwd'))?.skipped, 'outside-folder');
    assert.equal((await problem('hostile-curated/linked.md'))?.skipped, 'outside-folder');
    assert.deepEqual(api.corpus().kb.sources.filter((s) => s.title.startsWith('Hostile')).map((s) => s.title), ['Hostile 0']);
    assert.ok(!api.corpus().kb.sources.some((s) => s.raw.includes('root:') || s.raw.includes('private line')));
  });

  it('refuses a FIFO and a 1 GB sparse file that a catalog names, from their type and size, unread', async () => {
    assert.equal((await problem('hostile-curated/pipe.md'))?.skipped, 'not-a-file');
    assert.equal((await problem('hostile-curated/giant.md'))?.skipped, 'too-large');
  });

  it('refuses a link out and a 1 GB sparse file of a folder without a catalog, and serves the rest', async () => {
    const api = await sourcebook();
    assert.equal((await problem('hostile-loose/escape.md'))?.skipped, 'outside-folder');
    assert.equal((await problem('hostile-loose/sparse.md'))?.skipped, 'too-large');
    // VS Code's file search lists regular files only, so the FIFO never reaches the reader; the load finished.
    assert.ok(!api.corpus().kb.sources.some((s) => s.displayPath.endsWith('pipe.md')));
    assert.ok(api.corpus().kb.sources.some((s) => s.title === 'Loose notes'));
    assert.ok(!api.corpus().kb.quotes.some((q) => q.text.includes('private line')));
  });

  it('ignores a sourcebook.sources entry that leaves the workspace folder, saying so', async () => {
    const refused = await problem('/../..');
    assert.match(refused?.message ?? '', /leaves its folder.*\(setting sourcebook\.sources\); ignored/u);
  });
});
