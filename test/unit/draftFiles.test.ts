import * as assert from 'node:assert/strict';
import { combineExcludes, compatibleFixes, draftExtensions, enabledPatterns, gitignoreGlobs, includeGlob, languageOfPath, sourceEntryGlob } from '../../src/features/check/draftFiles';

describe('Check All Drafts: which files are drafts', () => {
  it('knows a draft’s language from its extension, files.associations first', () => {
    assert.equal(languageOfPath('/w/chapters/one.md'), 'markdown');
    assert.equal(languageOfPath('/w/thesis.TEX'), 'latex');
    assert.equal(languageOfPath('/w/notes.txt'), 'plaintext');
    assert.equal(languageOfPath('/w/code.ts'), undefined);
    assert.equal(languageOfPath('/w/.md'), undefined);
    assert.equal(languageOfPath('/w/draft.mdx', { '*.mdx': 'markdown' }), 'markdown');
    assert.equal(languageOfPath('/w/notes.txt', { '*.txt': 'markdown' }), 'markdown');
  });

  it('looks for the extensions of the checked languages only', () => {
    assert.deepEqual(draftExtensions(['plaintext']), ['txt']);
    assert.ok(draftExtensions(['markdown', 'latex']).includes('md'));
    assert.ok(!draftExtensions(['markdown']).includes('tex'));
    assert.deepEqual(draftExtensions(['plaintext'], { '*.note': 'plaintext', '*.mdx': 'markdown' }), ['note', 'txt']);
    assert.equal(includeGlob(['md']), '**/*.md');
    assert.equal(includeGlob(['md', 'txt']), '**/*.{md,txt}');
  });

  it('takes the switched-on patterns of files.exclude and search.exclude, and what lies under them', () => {
    assert.deepEqual(enabledPatterns({ '**/.git': true, '**/out': false, '**/*.js': { when: '$(basename).ts' } }), ['**/.git', '**/*.js']);
    assert.deepEqual(enabledPatterns(undefined), []);
    assert.equal(combineExcludes([]), undefined);
    assert.equal(combineExcludes(['**/node_modules/']), '{**/node_modules,**/node_modules/**}');
    assert.equal(combineExcludes(['drafts/old/**']), 'drafts/old/**');
  });

  it('leaves out the source folders and globs of sourcebook.sources', () => {
    assert.equal(sourceEntryGlob('sources'), 'sources/**');
    assert.equal(sourceEntryGlob('./research/papers/'), 'research/papers/**');
    assert.equal(sourceEntryGlob('research/**/*.md'), 'research/**/*.md');
    assert.equal(sourceEntryGlob('../elsewhere'), undefined);
    assert.equal(sourceEntryGlob('/abs'), undefined);
    assert.equal(sourceEntryGlob('.'), undefined);
  });

  it('reads a .gitignore as globs: folders only, anchored patterns, nested files, no negations', () => {
    const text = ['# build output', 'dist/', '/notes.md', 'drafts/old', '*.bak.md', '!keep.bak.md', '', '  ', '\\#hash.md'].join('\n');
    assert.deepEqual(gitignoreGlobs(text), [
      '**/dist/**',
      'notes.md/**', 'notes.md',
      'drafts/old/**', 'drafts/old',
      '**/*.bak.md/**', '**/*.bak.md',
      '**/#hash.md/**', '**/#hash.md',
    ]);
    assert.deepEqual(gitignoreGlobs('private/\n/top.txt', 'book'), ['book/**/private/**', 'book/top.txt/**', 'book/top.txt']);
    assert.deepEqual(gitignoreGlobs('a,b\n{x}'), []);
  });
});

describe('Fix All in File: which fixes go together', () => {
  const fix = (start: number, end: number, text: string) => ({ range: { start, end }, text });

  it('applies fixes in text order, leaves out the later of two that overlap and those that change nothing', () => {
    const text = 'Yann LeCun said "we have reached peak data".';
    const chosen = compatibleFixes([fix(17, 42, "We've reached peak data"), fix(0, 10, 'Ilya Sutskever'), fix(20, 30, 'x'), fix(0, 4, 'Yann')], (f) => text.slice(f.range.start, f.range.end));
    assert.deepEqual(chosen.map((f) => f.text), ['Ilya Sutskever', "We've reached peak data"]);
  });

  it('keeps two fixes that only touch', () => {
    assert.equal(compatibleFixes([fix(0, 5, 'a'), fix(5, 9, 'b')]).length, 2);
  });
});
