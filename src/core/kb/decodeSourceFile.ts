import type { SkipCode } from './model';

/** Why a file is not served as a source, in words a user can act on. */
export type DecodeResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly code: SkipCode; readonly reason: string };

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Decodes a source file to the text every surface works from: UTF-8 (or UTF-16 with a byte-order mark), in
 * Unicode's composed form (NFC), so that "pe\u0301ak" and "péak" are the same words everywhere. Refused: files
 * over the size limit, binary files (a NUL byte anywhere), and bytes that are neither. Control characters
 * other than tab and line breaks are never shown or inserted: each becomes U+FFFD (one for one, so offsets
 * stay put), since an escape sequence from a source must not reach a terminal or a document.
 */
export function decodeSourceFile(bytes: Uint8Array, maxBytes = DEFAULT_MAX_FILE_BYTES): DecodeResult {
  if (bytes.length > maxBytes) {
    return { ok: false, code: 'too-large', reason: `is ${formatSize(bytes.length)}, over the ${formatSize(maxBytes)} limit (setting sourcebook.maxFileSizeKB)` };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  if (decoded.text.includes('\u0000')) return { ok: false, code: 'binary', reason: 'looks binary (it contains NUL bytes)' };
  return { ok: true, text: neutraliseControls(decoded.text.normalize('NFC')) };
}

/** Text from bytes: UTF-16 when a byte-order mark says so, else strict UTF-8; a BOM is dropped. */
export function decodeText(bytes: Uint8Array): DecodeResult {
  const utf16 = utf16Encoding(bytes);
  if (utf16) {
    try {
      return { ok: true, text: new TextDecoder(utf16, { fatal: true }).decode(bytes) };
    } catch {
      return { ok: false, code: 'encoding', reason: `starts with a ${utf16.toUpperCase()} byte-order mark but is not valid ${utf16.toUpperCase()}` };
    }
  }
  // A NUL in the first bytes is the cheap tell of a binary file (or UTF-16 without a BOM): say so before
  // reporting an encoding error that would only confuse.
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, code: 'binary', reason: 'looks binary (it contains NUL bytes); a UTF-16 file needs a byte-order mark' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { ok: false, code: 'encoding', reason: `is not valid UTF-8 (byte ${firstInvalidUtf8Offset(bytes)}); save it as UTF-8` };
  }
}

function utf16Encoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 2) return undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** C0 controls but tab, line feed and carriage return; form feed and vertical tab are only spacing. */
const C0_CONTROLS = /[\u0001-\u0008\u000e-\u001f\u007f]/gu;
const SPACING_CONTROLS = /[\u000b\u000c]/gu;

/**
 * Control characters made harmless without moving any offset. C1 controls (U+0080–U+009F) are left to the
 * encoding repair, for which they are evidence of double encoding; it neutralises those that remain.
 */
export function neutraliseControls(text: string): string {
  return text.replace(C0_CONTROLS, '\uFFFD').replace(SPACING_CONTROLS, ' ');
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
