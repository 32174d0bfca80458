/**
 * A content fingerprint for telling whether a file changed since it was extracted: two independent 32-bit FNV-1a
 * hashes over the bytes (and the length), 16 hex digits. Not for security: a cache keyed by it is still checked
 * against each file's size and modification time, and a changed file is simply extracted again.
 */
export function contentHash(bytes: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ bytes.length;
  for (let i = 0; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i], 0x01000193);
    b = Math.imul(b ^ bytes[i], 0x5bd1e995);
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}:${bytes.length}`;
}
