import { normalizeWhitespace } from '../text/flexibleMatch';
import { extractCatalog } from './extractCatalog';
import type { KnownSpeaker } from '../attribution/names';

/**
 * Scoring of a labelled attribution corpus (test/fixtures/attribution/corpus.json, issue 15): each case is a
 * short passage extracted as a file of its own, with an author in its front matter; the extractor's speaker
 * for the quotation asked about is compared with the label. Used by the unit test and by `npm run bench`.
 */
export interface AttributionCase {
  readonly id: string;
  readonly pattern: string;
  /** A speaker's name, "own" (the source's own words), "unnamed" (someone not named), "none" (no quotation). */
  readonly expect: string;
  /** A fragment of the quotation asked about; null when the passage has none (reported speech). */
  readonly quote: string | null;
  readonly text: string;
}

export interface AttributionCorpus {
  readonly author: string;
  readonly knownSpeakers?: readonly KnownSpeaker[];
  readonly cases: readonly AttributionCase[];
}

export interface CaseOutcome {
  readonly id: string;
  readonly pattern: string;
  readonly expect: string;
  /** A name, "own", "unnamed", "none" (no quotation attributed to a person), or "missing" (quotation not extracted). */
  readonly got: string;
  /** For reported-speech cases: the people the extractor gave any quotation of the passage to. */
  readonly persons: readonly string[];
}

export interface AttributionScore {
  readonly cases: number;
  /** Cases where the extractor named a person, and how many of those were right. */
  readonly named: number;
  readonly rightNamed: number;
  /** Cases whose label is a person. */
  readonly labelledPersons: number;
  readonly precision: number;
  readonly recall: number;
  /** Cases labelled own or unnamed that came out as labelled (own vs unnamed told apart). */
  readonly ownOrUnnamed: number;
  readonly ownOrUnnamedRight: number;
  readonly outcomes: readonly CaseOutcome[];
  /** The outcomes that differ from their label. */
  readonly failures: readonly CaseOutcome[];
}

const NOT_A_PERSON = new Set(['own', 'unnamed', 'none', 'missing']);

/** Runs the extractor over every case and scores it. */
export function scoreAttributionCorpus(corpus: AttributionCorpus, seedSpeakers: readonly KnownSpeaker[]): AttributionScore {
  const known = [...seedSpeakers, ...(corpus.knownSpeakers ?? [])];
  const outcomes = corpus.cases.map((c) => runCase(c, corpus.author, known));
  let named = 0;
  let rightNamed = 0;
  let labelledPersons = 0;
  let ownOrUnnamed = 0;
  let ownOrUnnamedRight = 0;
  for (const o of outcomes) {
    const labelIsPerson = !NOT_A_PERSON.has(o.expect);
    if (labelIsPerson) labelledPersons++;
    if (o.expect === 'none') {
      // Reported speech: any quotation of the passage given to a person is a wrong name.
      named += o.persons.length;
      continue;
    }
    if (!NOT_A_PERSON.has(o.got)) {
      named++;
      if (o.got === o.expect) rightNamed++;
    }
    if (!labelIsPerson) {
      ownOrUnnamed++;
      if (o.got === o.expect) ownOrUnnamedRight++;
    }
  }
  return {
    cases: outcomes.length,
    named,
    rightNamed,
    labelledPersons,
    precision: named === 0 ? 1 : rightNamed / named,
    recall: labelledPersons === 0 ? 1 : rightNamed / labelledPersons,
    ownOrUnnamed,
    ownOrUnnamedRight,
    outcomes,
    failures: outcomes.filter((o) => (o.expect === 'none' ? o.persons.length > 0 : o.got !== o.expect)),
  };
}

function runCase(c: AttributionCase, author: string, known: readonly KnownSpeaker[]): CaseOutcome {
  const file = { relativePath: `${c.id}.md`, text: `---\ntitle: Case ${c.id}\nauthor: ${author}\n---\n\n${c.text}\n` };
  const { catalog } = extractCatalog([file], known);
  const source = catalog.sources[0];
  const speakers = new Map((catalog.speakers ?? []).map((s) => [s.id, s]));
  const whoSaid = (speakerId: string): string => {
    if (speakerId === source.author) return 'own';
    const speaker = speakers.get(speakerId);
    if (!speaker) return 'missing';
    if (speaker.kind === 'unsigned') return /^Unnamed speaker/u.test(speaker.name) ? 'unnamed' : 'own';
    return speaker.name;
  };
  const quotes = catalog.quotes ?? [];
  const persons = quotes.map((q) => whoSaid(q.speaker)).filter((who) => !NOT_A_PERSON.has(who));
  if (c.quote === null) return { id: c.id, pattern: c.pattern, expect: c.expect, got: persons.length > 0 ? persons.join(', ') : 'none', persons };
  const fragment = normalizeWhitespace(c.quote).toLowerCase();
  const quote = quotes.find((q) => normalizeWhitespace(q.text).toLowerCase().includes(fragment));
  return { id: c.id, pattern: c.pattern, expect: c.expect, got: quote ? whoSaid(quote.speaker) : 'missing', persons };
}
