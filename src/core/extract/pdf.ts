// Before pdf.js: it builds a DOMMatrix when it loads (see domMatrix.ts).
import { endQuietLoad } from './domMatrix';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import * as pdfjsWorker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import type { DocumentMetadata, ExtractOutcome } from './formats';
import { documentText, firstPageHeading, linesOf, normaliseGlyphs, PdfLine, removeRunningLines, TextRun } from './pdfText';

/*
 * PDFs through pdf.js's text layer (the legacy build, for Node and the extension host), in process: the
 * worker's message handler is given to pdf.js directly (globalThis.pdfjsWorker), so no worker thread or file
 * is started and the bundle is self-contained. No fonts are loaded, nothing is evaluated or rendered.
 */
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= pdfjsWorker;
endQuietLoad();

/** What to say for a scanned PDF: the code is 'no-text-layer'. */
export const NO_TEXT_LAYER = 'no text layer: scanned pages need OCR first';

export async function readPdf(bytes: Uint8Array): Promise<ExtractOutcome> {
  // pdf.js takes the buffer over: give it a copy, the caller keeps its bytes.
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false, verbosity: 0 });
  let document: Awaited<typeof task.promise>;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    return pdfFailure(error, bytes);
  }
  try {
    const pages: PdfLine[][] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [a, b, , , x, y] = item.transform as number[];
        runs.push({ str: normaliseGlyphs(item.str), x, y, width: item.width, size: Math.hypot(a, b) || item.height });
      }
      pages.push(linesOf(runs));
      page.cleanup();
    }
    if (!pages.some((lines) => lines.some((line) => /\p{L}/u.test(line.text)))) {
      return { ok: false, code: 'no-text-layer', reason: NO_TEXT_LAYER };
    }
    const running = removeRunningLines(pages);
    const text = documentText(running.pages);
    const metadata = await readMetadata(document, pages[0] ?? []);
    const notes = running.removed > 0 ? [`${running.removed} running header, footer or page number line(s) removed`] : [];
    return { ok: true, document: { text, metadata, language: 'plaintext', pages: document.numPages, notes } };
  } catch (error) {
    return pdfFailure(error, bytes);
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

async function readMetadata(document: { getMetadata(): Promise<{ info: unknown }> }, firstPage: readonly PdfLine[]): Promise<DocumentMetadata> {
  const metadata: DocumentMetadata = {};
  let info: Record<string, unknown> = {};
  try {
    info = ((await document.getMetadata()).info ?? {}) as Record<string, unknown>;
  } catch {
    // No metadata: the first page still gives a title.
  }
  const field = (name: string): string | undefined => {
    const value = info[name];
    if (typeof value !== 'string') return undefined;
    const text = normaliseGlyphs(value).replace(/\s+/gu, ' ').trim();
    return text.length > 0 ? text : undefined;
  };
  const title = field('Title');
  // Titles that word processors write for their own files say nothing about the document.
  const usable = title && !/^(?:untitled|microsoft word\b|document\d*$|.*\.(?:docx?|pdf|tex|odt|indd)$)/iu.test(title) ? title : undefined;
  const heading = firstPageHeading(firstPage);
  if (usable ?? heading) metadata.title = usable ?? heading;
  const author = field('Author');
  if (author) metadata.author = author;
  const date = pdfDate(field('CreationDate') ?? field('ModDate'));
  if (date) metadata.date = date;
  return metadata;
}

/** "D:20240301120000+01'00'" → "2024-03-01". */
export function pdfDate(value: string | undefined): string | undefined {
  const m = value ? /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/u.exec(value) : null;
  if (!m) return undefined;
  return [m[1], m[2], m[3]].filter(Boolean).join('-');
}

/** Why pdf.js could not read a file, in one line: encrypted, not a PDF, truncated, or damaged. */
export function pdfFailure(error: unknown, bytes: Uint8Array): ExtractOutcome {
  const name = (error as { name?: string } | undefined)?.name;
  const message = error instanceof Error ? error.message : String((error as { message?: string } | undefined)?.message ?? error);
  if (name === 'PasswordException') return { ok: false, code: 'encrypted', reason: 'is encrypted (it needs a password to open); save an unprotected copy to read it' };
  if (/encrypt/iu.test(`${name ?? ''} ${message}`)) return { ok: false, code: 'encrypted', reason: 'is encrypted in a way that cannot be read' };
  const latin1 = (from: number, to: number): string => String.fromCharCode(...bytes.subarray(Math.max(0, from), Math.max(0, to)));
  if (!latin1(0, 1024).includes('%PDF-')) return { ok: false, code: 'corrupt', reason: 'is not a PDF (it does not start with %PDF-)' };
  if (!latin1(bytes.length - 1024, bytes.length).includes('%%EOF')) return { ok: false, code: 'corrupt', reason: 'is truncated (it ends before the end-of-file marker of a PDF): download or copy it again' };
  const detail = message.replace(/\s+/gu, ' ').trim().slice(0, 120);
  return { ok: false, code: 'corrupt', reason: `is not a readable PDF (damaged or truncated: ${detail || name || 'unknown error'})` };
}
