import * as fc from 'fast-check';
import { WINDOWS_1252_HIGH, WINDOWS_1257_HIGH } from '../../../src/core/text/codePages';

/**
 * Generators for the property-based tests (test/unit/properties.test.ts): hostile text in all its forms, and
 * an oracle for "verbatim, whitespace-flexibly" that does not share code with the functions under test.
 */

/** Characters a Windows-1252 or Windows-1257 decoder makes of bytes 0x80–0xFF, and the C1 controls. */
export const HIGH_BYTE_CHARS: readonly string[] = [
  ...new Set([
    ...WINDOWS_1252_HIGH.filter((cp) => cp !== 0),
    ...WINDOWS_1257_HIGH.filter((cp) => cp !== 0),
    ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i),
  ]),
].map((cp) => String.fromCodePoint(cp));

const codeUnit = (min: number, max: number): fc.Arbitrary<string> => fc.integer({ min, max }).map((u) => String.fromCharCode(u));

const SPACES = [' ', ' ', ' ', '\n', '\n\n', '\t', '\r', '\r\n', '\u00a0', '\u2028', '\u3000', '\v', '\f', '\u200b'];
const MARKS = [
  '"', '“', '”', '‘', '’', "'", '«', '»', '„', '‚', '`', '``', "''", '…', '...', '. . .', '[', ']', '—', '–', '--', '-', '@', '#',
  '\\', '{', '}', '$', '%', '&', '>', '> ', '*', '_', '~', ':', ',', '.', '!', '?', '(', ')', '|', '<', '/', '\\enquote{', '\\ldots',
  '\\begin{quote}', '\\end{quote}', '```', '<!--', '-->', '# ', '- ', '1. ', '---', '${text}',
];
const WORDS = [
  'peak', 'data', 'said', 'says', 'according to', 'the', 'of', 'pre-training', 'pretraining', 'Pre Training', 'LLMs', 'AGI',
  'test time compute', 'world model', 'Ilya', 'Sutskever', 'Ilya Sutskever', 'Karpathy', 'LeCun', 'Pešut', 'DeepMind', 'We’ve',
  'reached', 'fossil', 'fuel', 'compute', 'scaling', 'laws', 'Gemini 2.0', 'Moore’s', "don't", 'I', 'He', 'Tobias Wren',
];

/** One unit of hostile text: a character of any kind, or a short piece that drives a parser somewhere. */
export const wildUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.constantFrom(...SPACES) },
  { weight: 3, arbitrary: fc.constantFrom(...MARKS) },
  { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.oneof(codeUnit(0, 0x1f), codeUnit(0x7f, 0x9f)) },
  { weight: 1, arbitrary: codeUnit(0xd800, 0xdfff) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.oneof(codeUnit(0x300, 0x36f), fc.constantFrom('\u200d', '\ufeff', '\ufffd', '\ufe0f', '\u0000', '\u202e')) },
  { weight: 2, arbitrary: fc.constantFrom(...HIGH_BYTE_CHARS) },
);

/** Text of up to `maxLength` hostile units (a unit is one to a few characters). */
export function wildString(maxLength: number): fc.Arbitrary<string> {
  return fc.string({ unit: wildUnit, maxLength });
}

/** Text in which runs of Windows-1252/1257 images of high bytes are common, so that the repair actually runs. */
export function highByteString(maxLength: number): fc.Arbitrary<string> {
  return fc.string({
    unit: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...HIGH_BYTE_CHARS) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
      { weight: 1, arbitrary: fc.constantFrom(' ', '\n', '“', '”', '🤔', 'é') },
      { weight: 1, arbitrary: wildUnit },
    ),
    maxLength,
  });
}

/** Which code page the "first decoder" of a double encoding used, per byte. */
type CodePage = '1252' | '1257' | 'latin1' | 'mixed';

/**
 * Real mojibake: the UTF-8 bytes of `text` read byte by byte through a Windows code page (bytes it leaves
 * undefined are dropped, as common decoders do, or kept as C1 controls, as Latin-1 does).
 */
export function doubleEncode(text: string, page: CodePage, choices: readonly number[]): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  bytes.forEach((byte, i) => {
    if (byte < 0x80) {
      out += String.fromCharCode(byte);
      return;
    }
    const pick = page === 'mixed' ? (['1252', '1257', 'latin1'] as const)[(choices[i % Math.max(1, choices.length)] ?? 0) % 3] : page;
    const cp = pick === '1252' ? WINDOWS_1252_HIGH[byte - 0x80] : pick === '1257' ? WINDOWS_1257_HIGH[byte - 0x80] : byte;
    if (cp !== 0) out += String.fromCodePoint(cp);
  });
  return out;
}

export const mojibakeString: fc.Arbitrary<string> = fc
  .tuple(
    fc.string({ unit: fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), fc.constantFrom('“', '”', '’', '—', 'š', 'é', '🤔', '👍🏽', ' ', 'a')), maxLength: 40 }),
    fc.constantFrom<CodePage>('1252', '1257', 'latin1', 'mixed'),
    fc.array(fc.nat(2), { maxLength: 8 }),
  )
  .map(([text, page, choices]) => doubleEncode(text, page, choices));

/** Runs of whitespace as one space, trimmed: the oracle's own, not the code under test's. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Whether `needle` occurs in `haystack` when runs of whitespace are compared as one space. */
export function occursFlexibly(haystack: string, needle: string): boolean {
  return collapseWhitespace(haystack).includes(collapseWhitespace(needle));
}
