import type { SourceKind } from '../catalog/catalogTypes';
import { decodeSourceFile } from '../kb/decodeSourceFile';
import type { SkipCode } from '../kb/model';

/**
 * The one table of source formats: which file names are sources, and how each becomes text. Markdown and
 * plain text are decoded here; web pages and PDFs need readers too heavy for activation (readability on a
 * DOM, pdf.js), which the host injects and loads only when such a file is present (see FormatReaders).
 */
export type FormatId = 'markdown' | 'text' | 'html' | 'pdf';

export interface SourceFormat {
  readonly id: FormatId;
  /** Lower-case, with the dot. */
  readonly extensions: readonly string[];
  /** Whether the format needs the on-demand readers (FormatReaders). */
  readonly heavy: boolean;
  /** How quotations are found in the extracted text. */
  readonly language: 'markdown' | 'plaintext';
  /** How messages name the format ("no … files found"). */
  readonly label: string;
}

export const SOURCE_FORMATS: readonly SourceFormat[] = [
  { id: 'markdown', extensions: ['.md', '.markdown'], heavy: false, language: 'markdown', label: 'Markdown' },
  { id: 'text', extensions: ['.txt'], heavy: false, language: 'plaintext', label: 'text' },
  { id: 'html', extensions: ['.html', '.htm'], heavy: true, language: 'plaintext', label: 'web page' },
  { id: 'pdf', extensions: ['.pdf'], heavy: true, language: 'plaintext', label: 'PDF' },
];

/** The file a folder's catalog is read from. */
export const CATALOG_FILE = 'sourcebook.json';

/** Every source extension, without the dot: for globs like `**\/*.{md,markdown,txt,html,htm,pdf}`. */
export const SOURCE_EXTENSIONS: readonly string[] = SOURCE_FORMATS.flatMap((f) => f.extensions.map((e) => e.slice(1)));

/** "**\/*.{md,markdown,txt,html,htm,pdf}" */
export const SOURCE_GLOB = `**/*.{${SOURCE_EXTENSIONS.join(',')}}`;

/** "`.md`, `.markdown`, `.txt`, `.html`, `.htm` or `.pdf`" in words, for messages. */
export const SOURCE_EXTENSIONS_TEXT = `${SOURCE_EXTENSIONS.slice(0, -1).map((e) => `.${e}`).join(', ')} or .${SOURCE_EXTENSIONS[SOURCE_EXTENSIONS.length - 1]}`;

/** The format of a file by its name, or undefined when it is not a source. */
export function formatOf(relativePath: string): SourceFormat | undefined {
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const extension = name.slice(dot);
  return SOURCE_FORMATS.find((f) => f.extensions.includes(extension));
}

/** What a document says about itself, each field from the most trusted place that has it. */
export interface DocumentMetadata {
  title?: string;
  author?: string;
  date?: string;
  /** The site or organisation that published it (og:site_name). */
  publisher?: string;
  url?: string;
  kind?: SourceKind;
}

/** The text of a source file, ready for quotation and attribution extraction. */
export interface ExtractedDocument {
  readonly text: string;
  readonly metadata: DocumentMetadata;
  readonly language: 'markdown' | 'plaintext';
  /** For a paged source: how many pages. Pages are separated by PAGE_BREAK in the text. */
  readonly pages?: number;
  /** Remarks on the extraction (info severity): "2 running headers removed". */
  readonly notes?: readonly string[];
}

export type ExtractOutcome = { readonly ok: true; readonly document: ExtractedDocument } | { readonly ok: false; readonly code: SkipCode; readonly reason: string };

/** The heavy readers, from the on-demand bundle (dist/formats.js; src/core/extract/heavyReaders.ts). */
export interface FormatReaders {
  /** A saved web page: its decoded text; the file's path, for messages only. */
  html(text: string): ExtractOutcome;
  pdf(bytes: Uint8Array): Promise<ExtractOutcome>;
}

/** Loads the heavy readers; called once, and only when a web page or a PDF is to be read. */
export type FormatReadersLoader = () => Promise<FormatReaders>;

/**
 * Reads one source file's bytes into text. Markdown and text are decoded (UTF-8 or UTF-16 with a BOM, NFC,
 * controls neutralised); a web page is decoded, then reduced to its article; a PDF's text layer is read.
 */
export async function extractDocument(
  format: SourceFormat,
  bytes: Uint8Array,
  maxBytes: number,
  readers: () => Promise<FormatReaders | string>,
): Promise<ExtractOutcome> {
  if (format.id === 'pdf') {
    if (bytes.length > maxBytes) return decodeSourceFile(bytes, maxBytes) as ExtractOutcome;
    const loaded = await readers();
    if (typeof loaded === 'string') return { ok: false, code: 'no-reader', reason: `could not be read: the PDF reader did not load (${loaded})` };
    return loaded.pdf(bytes);
  }
  const decoded = decodeSourceFile(bytes, maxBytes);
  if (!decoded.ok) return decoded;
  if (format.id === 'html') {
    const loaded = await readers();
    if (typeof loaded === 'string') return { ok: false, code: 'no-reader', reason: `could not be read: the web page reader did not load (${loaded})` };
    return loaded.html(decoded.text);
  }
  return { ok: true, document: { text: decoded.text, metadata: {}, language: format.language } };
}

/** The loader, called at most once however many folders ask (a failure is kept too). */
export function memoizeReaders(load: FormatReadersLoader): FormatReadersLoader {
  let loaded: Promise<FormatReaders> | undefined;
  return () => (loaded ??= load());
}

/**
 * Memoises a loader: the bundle is loaded at most once, and a failure is kept as its message (so a folder of
 * a thousand PDFs reports one reason, not a thousand stack traces).
 */
export function onceReaders(load: FormatReadersLoader | undefined): () => Promise<FormatReaders | string> {
  let loaded: Promise<FormatReaders | string> | undefined;
  return () => {
    loaded ??= load
      ? load().catch((error: unknown) => (error instanceof Error ? error.message : String(error)))
      : Promise.resolve('no reader for this format was provided');
    return loaded;
  };
}
