import { COMMONLY_DROPPED_BYTES, WINDOWS_1252_HIGH, WINDOWS_1257_HIGH } from './codePages';
import { OffsetMap, Replacement } from './offsetMap';

/**
 * Repairs "double-encoded" text: UTF-8 bytes that were once decoded as a Windows 8-bit code page (1257 or
 * 1252, byte by byte) and stored as UTF-8 again, so that “ became ā€œ and 🤔 became šŸ¤”.
 *
 * The repair is generic: runs of characters that a code page can produce from bytes 0x80–0xFF are turned back
 * into those bytes and decoded as UTF-8. A fix is kept only where the bytes form valid UTF-8 for a real
 * character, so text that is already right ("Pešut", curly quotes) comes through unchanged. Where a byte was
 * dropped by the first decoder, it is restored only when context leaves exactly one plausible character;
 * otherwise the damaged sequence becomes U+FFFD, so nothing is invented.
 */
export interface RepairResult {
  readonly text: string;
  /** Maps offsets in `text` to offsets in the input. */
  readonly map: OffsetMap;
  /** How many UTF-8 sequences were restored. */
  readonly repaired: number;
  /** How many damaged sequences could not be restored and were replaced with U+FFFD. */
  readonly unrecoverable: number;
}

const REPLACEMENT_CHARACTER = 0xfffd;
const C1_CONTROLS = /[\u0080-\u009f]/gu;

/** A byte that could have produced a character, and which decoders produce it from that byte. */
interface ByteOption {
  readonly byte: number;
  /** Bit set of decoders: 1 = Windows-1257, 2 = Windows-1252, 4 = ISO-8859-1 (C1 controls). */
  readonly decoders: number;
}

/** For each character a decoder produces from a high byte: the bytes that could have produced it. */
const BYTES_BY_CHAR: ReadonlyMap<number, readonly ByteOption[]> = buildReverseCodePage();

function buildReverseCodePage(): Map<number, ByteOption[]> {
  const reverse = new Map<number, ByteOption[]>();
  const add = (codePoint: number, byte: number, decoder: number): void => {
    if (codePoint === 0) return;
    const options = reverse.get(codePoint) ?? [];
    const existing = options.findIndex((o) => o.byte === byte);
    if (existing >= 0) options[existing] = { byte, decoders: options[existing].decoders | decoder };
    else options.push({ byte, decoders: decoder });
    reverse.set(codePoint, options);
  };
  for (let i = 0; i < 128; i++) {
    const byte = 0x80 + i;
    add(WINDOWS_1257_HIGH[i], byte, 1);
    add(WINDOWS_1252_HIGH[i], byte, 2);
    // ISO-8859-1 decoders, and Windows decoders for undefined bytes, give C1 control characters.
    if (byte <= 0x9f) add(byte, byte, 4);
  }
  return reverse;
}

const isContinuation = (byte: number): boolean => byte >= 0x80 && byte <= 0xbf;

function sequenceLength(leadByte: number): number {
  if (leadByte >= 0xc2 && leadByte <= 0xdf) return 2;
  if (leadByte >= 0xe0 && leadByte <= 0xef) return 3;
  if (leadByte >= 0xf0 && leadByte <= 0xf4) return 4;
  return 0;
}

/** Decodes one complete UTF-8 sequence, or returns undefined when it is not valid UTF-8. */
function decodeSequence(bytes: readonly number[]): number | undefined {
  const length = sequenceLength(bytes[0]);
  if (length === 0 || bytes.length !== length) return undefined;
  if (!bytes.slice(1).every(isContinuation)) return undefined;
  let codePoint = bytes[0] & (0xff >> (length + 1));
  for (const byte of bytes.slice(1)) codePoint = (codePoint << 6) | (byte & 0x3f);
  const minimum = [0, 0, 0x80, 0x800, 0x10000][length];
  if (codePoint < minimum || codePoint > 0x10ffff) return undefined;
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return undefined;
  return codePoint;
}

const IMPLAUSIBLE = /[\p{Cn}\p{Cc}\p{Co}\p{Cs}]/u;
const IMPLAUSIBLE_GUESS = /[\p{Cn}\p{Cc}\p{Co}\p{Cs}\p{Cf}\p{Z}]/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const VARIATION_SELECTOR_EMOJI = 0xfe0f;

interface Decoded {
  readonly codePoint: number;
  /** How many input characters the sequence used. */
  readonly consumed: number;
  /** Whether a dropped byte had to be assumed. */
  readonly guessed: boolean;
  /** Whether one decoder explains every byte (mixed readings are possible, but less likely). */
  readonly consistent: boolean;
}

/** All the ways the characters starting at `chars[start]` can be read as one UTF-8 sequence. */
function decodeCandidates(chars: readonly number[], start: number): Decoded[] {
  const results: Decoded[] = [];
  const leads = (BYTES_BY_CHAR.get(chars[start]) ?? []).filter((o) => sequenceLength(o.byte) > 0);
  for (const lead of leads) collect([lead.byte], lead.decoders, start + 1, sequenceLength(lead.byte), false);
  return results;

  function collect(bytes: number[], decoders: number, next: number, length: number, guessed: boolean): void {
    if (bytes.length === length) {
      const codePoint = decodeSequence(bytes);
      const pattern = guessed ? IMPLAUSIBLE_GUESS : IMPLAUSIBLE;
      if (codePoint !== undefined && !pattern.test(String.fromCodePoint(codePoint))) {
        results.push({ codePoint, consumed: next - start, guessed, consistent: decoders !== 0 });
      }
      return;
    }
    const options = next < chars.length ? (BYTES_BY_CHAR.get(chars[next]) ?? []).filter((o) => isContinuation(o.byte)) : [];
    for (const o of options) collect([...bytes, o.byte], decoders & o.decoders, next + 1, length, guessed);
    // A dropped byte is assumed at most once per sequence, and only in sequences of 3 or 4 bytes whose other
    // bytes are all present: a lone lead byte plus a guess would "repair" ordinary accented letters.
    if (!guessed && length >= 3) {
      for (const byte of COMMONLY_DROPPED_BYTES) collect([...bytes, byte], decoders, next, length, true);
    }
  }
}

/** Picks the reading of a damaged sequence that context supports, or undefined when it stays ambiguous. */
function resolveGuess(candidates: readonly Decoded[], preceding: PrecedingText): number | undefined {
  const codePoints = [...new Set(candidates.map((c) => c.codePoint))];
  if (codePoints.length === 1) return codePoints[0];
  const lastChar = preceding.lastCodePoint();
  if (lastChar !== undefined && PICTOGRAPHIC.test(String.fromCodePoint(lastChar))) {
    if (codePoints.includes(VARIATION_SELECTOR_EMOJI)) return VARIATION_SELECTOR_EMOJI;
  }
  const closing = codePoints.filter((cp) => /\p{Pf}/u.test(String.fromCodePoint(cp)));
  if (closing.length === 1 && preceding.hasUnclosedOpeningQuote()) return closing[0];
  return undefined;
}

/**
 * What a guess needs to know of the text before it (the repaired text so far): its last code point, and
 * whether the current paragraph (since the last \n) has an opening quotation mark that no closing one has
 * matched. Kept up to date as text is read, each character once: rebuilding the text and rescanning its
 * paragraph for every guess made a long paragraph of damaged characters quadratic (minutes for 400 KB).
 */
class PrecedingText {
  private depth = 0;
  /** The last two UTF-16 units read (-1: none). */
  private last = -1;
  private beforeLast = -1;

  /** Reads text[from, to) as the continuation of the preceding text. */
  read(text: string, from: number, to: number): void {
    if (to <= from) return;
    for (let i = from; i < to; i++) {
      const code = text.charCodeAt(i);
      if (code === 10) this.depth = 0;
      // Every \p{Pi} and \p{Pf} character is in the BMP, and all but « and » lie in U+2018–U+2E21.
      if (code !== 0xab && code !== 0xbb && (code < 0x2018 || code > 0x2e21)) continue;
      const ch = String.fromCharCode(code);
      if (/\p{Pi}/u.test(ch)) this.depth++;
      else if (/\p{Pf}/u.test(ch) && this.depth > 0) this.depth--;
    }
    this.beforeLast = to - from >= 2 ? text.charCodeAt(to - 2) : this.last;
    this.last = text.charCodeAt(to - 1);
  }

  /** The last code point, as codePointAt reads it at the last unit or, for a trailing low surrogate, the one before. */
  lastCodePoint(): number | undefined {
    if (this.last < 0) return undefined;
    if (this.last < 0xdc00 || this.last > 0xdfff || this.beforeLast < 0) return this.last;
    if (this.beforeLast >= 0xd800 && this.beforeLast <= 0xdbff) return (this.beforeLast - 0xd800) * 0x400 + (this.last - 0xdc00) + 0x10000;
    return this.beforeLast;
  }

  hasUnclosedOpeningQuote(): boolean {
    return this.depth > 0;
  }
}

/**
 * Chooses among complete (nothing guessed) readings: the one that uses the most characters, then one that a
 * single decoder explains (¯ is 0x9D in Windows-1257 but 0xAF in Windows-1252: after Ã, only 1252 fits).
 */
function bestExact(candidates: readonly Decoded[]): Decoded | undefined {
  let best: Decoded | undefined;
  for (const candidate of candidates) {
    if (candidate.guessed) continue;
    const better = !best || candidate.consumed > best.consumed || (candidate.consumed === best.consumed && candidate.consistent && !best.consistent);
    if (better) best = candidate;
  }
  return best;
}

export function repairMojibake(input: string): RepairResult {
  const out = new RepairedText(input);
  for (const run of findCandidateRuns(input)) {
    const chars = Array.from(input.slice(run.start, run.end), (c) => c.codePointAt(0) as number);
    const offsets = charOffsets(run.start, chars);
    let i = 0;
    while (i < chars.length) {
      const candidates = decodeCandidates(chars, i);
      const exact = bestExact(candidates);
      let decoded: number | undefined;
      let consumed = 0;
      if (exact) {
        decoded = exact.codePoint;
        consumed = exact.consumed;
      } else if (candidates.length > 0) {
        consumed = Math.max(...candidates.map((c) => c.consumed));
        decoded = resolveGuess(candidates.filter((c) => c.consumed === consumed), out.precedingAt(offsets[i])) ?? REPLACEMENT_CHARACTER;
      }
      if (decoded === undefined) {
        i++;
        continue;
      }
      out.replace(offsets[i], offsets[i + consumed], decoded);
      i += consumed;
    }
  }
  return out.finish();
}

/**
 * The repaired text as it is built: the input with spans replaced by decoded characters, the replacements
 * (for the offset map), and the text before any input offset for guesses (read lazily, each character once).
 */
class RepairedText {
  private readonly pieces: string[] = [];
  private length = 0;
  private copiedUpTo = 0;
  private readonly replacements: Replacement[] = [];
  /** The character each replacement put in the text, in the same order. */
  private readonly derived: string[] = [];
  private repaired = 0;
  private unrecoverable = 0;
  private readonly preceding = new PrecedingText();
  /** How far (input offset, replacements) the preceding text has been read. */
  private readTo = 0;
  private replacementsRead = 0;

  constructor(private readonly input: string) {}

  /** Replaces input[originalStart, originalEnd) with a code point; adjacent U+FFFD become one mark. */
  replace(originalStart: number, originalEnd: number, codePoint: number): void {
    this.copy(originalStart);
    const previous = this.replacements.length - 1;
    const mergesIntoPrevious =
      codePoint === REPLACEMENT_CHARACTER && previous >= 0 &&
      this.replacements[previous].originalEnd === originalStart && this.derived[previous] === REPLACEMENT;
    if (mergesIntoPrevious) {
      // Nothing was copied since the previous U+FFFD: one mark for one damaged spot.
      this.replacements[previous] = { ...this.replacements[previous], originalEnd };
    } else {
      const char = String.fromCodePoint(codePoint);
      this.replacements.push({ originalStart, originalEnd, derivedStart: this.length, derivedEnd: this.length + char.length });
      this.derived.push(char);
      this.pieces.push(char);
      this.length += char.length;
      if (codePoint === REPLACEMENT_CHARACTER) this.unrecoverable++;
      else this.repaired++;
    }
    this.copiedUpTo = originalEnd;
  }

  /** The repaired text followed by input[copiedUpTo, offset), as a guess at `offset` sees it. */
  precedingAt(offset: number): PrecedingText {
    for (; this.replacementsRead < this.replacements.length; this.replacementsRead++) {
      const r = this.replacements[this.replacementsRead];
      this.preceding.read(this.input, this.readTo, r.originalStart);
      this.preceding.read(this.derived[this.replacementsRead], 0, this.derived[this.replacementsRead].length);
      this.readTo = r.originalEnd;
    }
    // A U+FFFD read earlier may have grown over more input since (a merge): that input is not in the text.
    if (this.replacementsRead > 0) this.readTo = Math.max(this.readTo, this.replacements[this.replacementsRead - 1].originalEnd);
    this.preceding.read(this.input, this.readTo, offset);
    this.readTo = Math.max(this.readTo, offset);
    return this.preceding;
  }

  finish(): RepairResult {
    this.copy(this.input.length);
    // C1 controls left over are no double encoding: made harmless one for one, so offsets stay put.
    return { text: this.pieces.join('').replace(C1_CONTROLS, '\uFFFD'), map: new OffsetMap(this.replacements), repaired: this.repaired, unrecoverable: this.unrecoverable };
  }

  private copy(upTo: number): void {
    if (upTo <= this.copiedUpTo) return;
    const piece = this.input.slice(this.copiedUpTo, upTo);
    this.pieces.push(piece);
    this.length += piece.length;
  }
}

const REPLACEMENT = String.fromCodePoint(REPLACEMENT_CHARACTER);

/** Runs of two or more characters that are each the image of a high byte: the only places worth decoding. */
const CANDIDATE_RUN = new RegExp(
  `[${[...BYTES_BY_CHAR.keys()].map((cp) => `\\u{${cp.toString(16)}}`).join('')}]{2,}`,
  'gu',
);

/** Maximal runs of characters that are each the image of a high byte under one of the code pages. */
function* findCandidateRuns(text: string): Generator<{ start: number; end: number }> {
  for (const match of text.matchAll(CANDIDATE_RUN)) {
    const start = match.index ?? 0;
    yield { start, end: start + match[0].length };
  }
}

/** UTF-16 offsets of each character of a run, plus the run's end. */
function charOffsets(start: number, chars: readonly number[]): number[] {
  const offsets = [start];
  let offset = start;
  for (const cp of chars) {
    offset += cp > 0xffff ? 2 : 1;
    offsets.push(offset);
  }
  return offsets;
}
