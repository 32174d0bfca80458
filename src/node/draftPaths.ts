import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

/** Extensions of the drafts `sourcebook check` finds in a folder or a glob (a named file is checked whatever it is). */
export const DRAFT_EXTENSIONS: readonly string[] = ['.md', '.markdown', '.mdx', '.tex', '.latex', '.ltx', '.txt'];

/** Folders never walked: tools' and version control's own, where no draft lives. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', '.vscode', 'dist', 'out']);

/** A path, folder or glob the writer named that gives nothing to check: exit 2, naming it. */
export class DraftPathError extends Error {}

export interface DraftPathOptions {
  /** Folders of sources (--sources): their files are sources, never drafts. */
  readonly sourceDirs?: readonly string[];
}

/**
 * The files `sourcebook check` reads for its arguments, in order and without repeats: a file as named; a folder,
 * walked for drafts (skipping hidden and tool folders, source folders and any folder with a sourcebook.json, which
 * holds sources); a glob ("drafts/**\/*.md"), expanded as shells do, for shells and CI steps that pass it quoted.
 */
export async function expandDraftPaths(args: readonly string[], options: DraftPathOptions = {}): Promise<string[]> {
  const sourceDirs = new Set((options.sourceDirs ?? []).map((d) => path.resolve(d)));
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(file);
  };
  for (const arg of args) {
    for (const file of await expand(arg, sourceDirs)) add(file);
  }
  return files;
}

async function expand(arg: string, sourceDirs: ReadonlySet<string>): Promise<string[]> {
  const kind = await statKind(arg);
  if (kind === 'file') return [arg];
  if (kind === 'folder') {
    if (isSourceFolder(arg, sourceDirs)) throw new DraftPathError(`${arg} is a folder of sources, not of drafts`);
    const found = await walkDrafts(arg, sourceDirs);
    if (found.length === 0) throw new DraftPathError(`no drafts (${DRAFT_EXTENSIONS.join(' ')}) in ${arg}`);
    return found;
  }
  if (kind === 'other') return [arg]; // checkFiles says what it is
  if (!isDynamicPattern(arg)) return [arg]; // a missing file: checkFiles says so
  const matches = (await glob(arg, { onlyFiles: true, dot: false, ignore: ['**/node_modules/**', '**/.git/**'], expandDirectories: false })).sort();
  const drafts = matches.filter((m) => !insideAny(path.resolve(m), sourceDirs));
  if (drafts.length === 0) throw new DraftPathError(`no file matches ${arg}`);
  return drafts;
}

async function statKind(file: string): Promise<'file' | 'folder' | 'other' | 'missing'> {
  try {
    const stats = await stat(file);
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : 'other';
  } catch {
    return 'missing';
  }
}

/** Drafts under a folder, sorted by path so the output is the same on every machine. */
async function walkDrafts(root: string, sourceDirs: ReadonlySet<string>): Promise<string[]> {
  const found: string[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const folder = pending.pop() as string;
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      continue; // unreadable folder: nothing of it can be a draft we could read
    }
    if (folder !== root && entries.some((e) => e.name === 'sourcebook.json')) continue;
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name) && !sourceDirs.has(path.resolve(full))) pending.push(full);
      } else if (entry.isFile() && DRAFT_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) {
        found.push(full);
      }
    }
  }
  return found.sort();
}

function isSourceFolder(folder: string, sourceDirs: ReadonlySet<string>): boolean {
  return sourceDirs.has(path.resolve(folder));
}

function insideAny(file: string, folders: ReadonlySet<string>): boolean {
  for (const folder of folders) if (file.startsWith(folder + path.sep)) return true;
  return false;
}
