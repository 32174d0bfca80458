/** Why a file is not served as a source, in words a user can act on. */
export type DecodeResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

const BINARY_SNIFF_BYTES = 8192;

/**
 * Decodes a source file as UTF-8, refusing what would only show garbage: binary files (a NUL byte near the
 * start), files over the size limit, and bytes that are not UTF-8 (a Latin-1 or UTF-16 file).
 */
export function decodeSourceFile(bytes: Uint8Array, maxBytes = DEFAULT_MAX_FILE_BYTES): DecodeResult {
  if (bytes.length > maxBytes) {
    return { ok: false, reason: `is ${formatSize(bytes.length)}, over the ${formatSize(maxBytes)} limit (setting sourcebook.maxFileSizeKB)` };
  }
  if (looksUtf16(bytes)) return { ok: false, reason: 'is UTF-16 encoded; save it as UTF-8' };
  const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (sniff.includes(0)) return { ok: false, reason: 'looks binary (it contains NUL bytes)' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    return { ok: false, reason: `is not valid UTF-8 (byte ${firstInvalidUtf8Offset(bytes)}); save it as UTF-8` };
  }
}

function looksUtf16(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  // The longest prefix that streaming decoding accepts (it tolerates a sequence cut at the end), by bisection.
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  // The accepted prefix may end with the start of the broken sequence: report where that sequence begins.
  let start = lo;
  while (start > 0 && start > lo - 4 && bytes[start - 1] >= 0x80 && bytes[start - 1] <= 0xbf) start--;
  return start > 0 && bytes[start - 1] >= 0xc0 ? start - 1 : lo;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
