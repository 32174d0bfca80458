/** "112 quotes · 114 sentences · 5 sources (2 files skipped). Click for the Sources view." */
export function corpusSummary(quotes: number, passages: number | undefined, sources: number, skipped: number): string {
  const parts = [`${quotes} ${quotes === 1 ? 'quote' : 'quotes'}`];
  if (passages !== undefined) parts.push(`${passages} ${passages === 1 ? 'sentence' : 'sentences'}`);
  parts.push(`${sources} ${sources === 1 ? 'source' : 'sources'}`);
  const skippedNote = skipped > 0 ? ` (${skipped} ${skipped === 1 ? 'file' : 'files'} skipped)` : '';
  return `Sourcebook: ${parts.join(' · ')}${skippedNote}. Click for the Sources view.`;
}
