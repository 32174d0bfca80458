import type { Source } from '../kb/model';

/**
 * Where a source comes from, as shown beside it in lists: nothing for the embedded corpus, the folder for the
 * user's own ("notes/sources/"), so the two are never confused. A list, to spread into a description.
 */
export function originLabel(source: Source): string[] {
  if (source.origin === 'seed') return [];
  const slash = source.displayPath.lastIndexOf('/');
  return [slash < 0 ? 'workspace' : `${source.displayPath.slice(0, slash)}/`];
}
