import type { Term } from '../../core/kb/model';
import type { SourcebookConfig } from '../../host/config';

/** Terms the user muted in sourcebook.hover.mutedTerms, by label (or id), ignoring case. */
export function isMutedBy(config: SourcebookConfig): (term: Term) => boolean {
  const muted = new Set(config.hoverMutedTerms.map((t) => t.trim().toLowerCase()));
  return (term) => muted.size > 0 && (muted.has(term.label.toLowerCase()) || muted.has(term.id));
}
