import type { CitationFinding } from '../citations/checkCitations';
import type { MisquoteFinding } from './checkDocument';

/**
 * Anything the check reports in a draft: a misquote or wrong speaker (core/check/checkDocument.ts), or a citation
 * problem (core/citations/checkCitations.ts). Every finding has a range, a kind and a message; a citation of an
 * unknown key has no source quote and no fix.
 */
export type DraftFinding = MisquoteFinding | CitationFinding;
export type DraftFindingKind = DraftFinding['kind'];

/** The diagnostic code of a finding: a misquote, or its kind. */
export type FindingCode = 'misquote' | Exclude<DraftFindingKind, 'differs'>;

/** The diagnostic code of a finding (also the CLI's GitHub annotation title). */
export function findingCode(kind: DraftFindingKind): FindingCode {
  return kind === 'differs' ? 'misquote' : kind;
}

export function isCitationFinding(finding: DraftFinding): finding is CitationFinding {
  return finding.kind === 'wrong-citation' || finding.kind === 'unknown-key';
}
