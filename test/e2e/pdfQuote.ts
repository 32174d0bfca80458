import * as assert from 'node:assert/strict';
import type { Workbench } from './workbench';

/** The quote of the demo's PDF (demo/sources/annual-report-2024.pdf, page 3) both builds find in the picker. */
export const PDF_QUOTE = 'The end of cheap data is not the end of progress';

/**
 * Opens the quote picker, finds the PDF's quote from three of its words and checks its row: who said it, then the
 * report's title and the page. Leaves the picker open on it, with a screenshot.
 */
export async function findPdfQuoteInPicker(wb: Workbench, screenshot: string): Promise<void> {
  await wb.runCommand('Sourcebook: Insert Quote…');
  await wb.quickInputType('cheap data progress');
  const rows = await wb.waitForQuickInputRow(new RegExp(`^${PDF_QUOTE}`, 'u'));
  const row = rows.find((r) => r.startsWith(PDF_QUOTE)) ?? '';
  assert.match(row, /Hana Okafor/u, row);
  assert.match(row, /Annual Report 2024 · p\. 3 · /u, `the page of the PDF in the row: ${row}`);
  await wb.screenshot(screenshot);
}
