/**
 * The lexical half of containment: a path named by a catalog or a listing must be relative and stay inside
 * the folder that names it. (The other half, where symbolic links lead, only the file system can answer:
 * every FolderReader checks it before it reads.)
 */
export type SourcePathCheck = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly reason: string };

export function checkSourcePath(path: string): SourcePathCheck {
  if (path.length === 0) return { ok: false, reason: 'is an empty path' };
  if (/[\u0000-\u001f\u007f]/u.test(path)) return { ok: false, reason: 'has control characters in its path' };
  const normalized = normalizeInside(path);
  if (typeof normalized !== 'string') return { ok: false, reason: normalized.leaves };
  if (normalized === '') return { ok: false, reason: 'names the folder itself, not a file' };
  return { ok: true, path: normalized };
}

/**
 * A relative path with "." and ".." resolved and forward slashes ("" for the folder itself), or why it
 * leaves the folder: it is absolute, or ".." takes it above. Backslashes are separators on Windows, so
 * "..\\x" counts as leaving the folder everywhere.
 */
export function normalizeInside(path: string): string | { readonly leaves: string } {
  const slashed = path.replace(/\\/gu, '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:/u.test(slashed)) return { leaves: 'is an absolute path; name files relative to the folder' };
  const parts: string[] = [];
  for (const part of slashed.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') parts.push(part);
    else if (parts.length === 0) return { leaves: 'leaves its folder (the path goes above it with "..")' };
    else parts.pop();
  }
  return parts.join('/');
}

/** Whether `child` is `parent` or inside it; both absolute paths in one style, without trailing separators. */
export function isInsideFolder(parent: string, child: string, separator = '/'): boolean {
  if (child === parent) return true;
  const prefix = parent.endsWith(separator) ? parent : parent + separator;
  return child.startsWith(prefix);
}

/**
 * How a path named by a catalog is shown: under the folder's display prefix, or as written when it is
 * absolute (prefixing "/dev/zero" with the folder would name a file that is not the one refused).
 */
export function displayPathIn(displayPrefix: string | undefined, relativePath: string): string {
  if (!displayPrefix || relativePath.startsWith('/') || relativePath.startsWith('\\') || /^[A-Za-z]:/u.test(relativePath)) return relativePath;
  return `${displayPrefix}/${relativePath}`;
}
