import type { FormatReaders } from './formats';
import { readHtml } from './html';
import { readPdf } from './pdf';

/**
 * The entry of the on-demand bundle dist/formats.js (esbuild.js): the readers of saved web pages
 * (readability on linkedom) and PDFs (pdf.js), about 3 MB together, loaded only when such a file is read.
 */
export const formatReaders: FormatReaders = {
  html: readHtml,
  pdf: readPdf,
};
