import type { SpeakerKind } from '../catalog/catalogTypes';

/** A speaker the extractor may attribute quotes to: a Speaker of the model or a catalog's entry both fit. */
export interface KnownSpeaker {
  readonly id: string;
  readonly name: string;
  readonly kind: SpeakerKind;
  readonly aliases?: readonly string[];
  readonly role?: string;
}

/** What a run of capitalised words next to a said-verb turned out to be. */
export type NameResolution =
  | { readonly kind: 'known'; readonly speaker: KnownSpeaker; readonly at: number; readonly length: number }
  | { readonly kind: 'new'; readonly name: string; readonly at: number; readonly length: number }
  | { readonly kind: 'none' };

/**
 * A capitalised word: "Sutskever", "LeCun", "O’Brien", "Pešut", "Jean-Luc", an initial "V.". Each part after a
 * hyphen or apostrophe is one run of letters ([\p{L}\p{M}]+ already allows a capital first): the former
 * `\p{Lu}?[\p{L}\p{M}]+` matched a capitalised part two ways, so an expression that failed after a name of
 * many hyphenated parts backtracked exponentially (7 s for "A-Bb-Bb-…" of 22 parts before "said").
 */
export const CAP_WORD = String.raw`(?:\p{Lu}\.|\p{Lu}[\p{L}\p{M}]*(?:[-'’][\p{L}\p{M}]+)*)`;
/** Up to four capitalised words, possibly with a particle ("Ludwig van Beethoven"). */
export const NAME_RUN = String.raw`${CAP_WORD}(?:[ \t\u00A0]+(?:(?:van|von|der|de|da|di|du|le|la|bin|al)[ \t\u00A0]+)?${CAP_WORD}){0,3}`;

/**
 * Capitalised words that start a sentence or precede a name without being part of it ("Then Sutskever",
 * "Professor Mara Ellison"), and words that make a run something other than a person's name.
 */
const LEADING_NON_NAME = new Set(
  (
    'The A An And But Or So Then Yet Also Still Now Later Earlier Here There When While As If Though Although Because Since ' +
    'After Before Meanwhile However Indeed Instead Even Only Just Finally First Second Third Last Next In On At For From By ' +
    'With Without To Of Today Yesterday Tomorrow This That These Those Both Neither Either Some Many Most Few Several Every ' +
    'Dr Dr. Mr Mr. Mrs Mrs. Ms Ms. Prof Prof. Professor Sir Dame Lord Lady Rev Rev. Chief Former Co-founder Founder CEO CTO ' +
    'President Senator Minister Director Researcher Scientist Host Interviewer Moderator Reporter ' +
    // Titles and roles written before a name ("Harbourmaster Ines Rocha", "Mayor Rafael Ortiz").
    'Mx Mx. Mayor Deputy Governor Gov Gov. Sen Sen. Rep Rep. Captain Capt Capt. Commander Colonel Col Col. General Gen Gen. ' +
    'Lieutenant Lt Lt. Sergeant Sgt Sgt. Inspector Insp Insp. Detective Officer Constable Councillor Councilor ' +
    'Cllr Alderman Commissioner Ambassador Chancellor Chairman Chairwoman Father Sister Brother Bishop Rabbi Imam Pastor ' +
    'Reverend Harbourmaster Harbormaster Engineer Nurse Doctor Coach Editor Historian Economist Analyst Spokesperson Spokesman ' +
    'Spokeswoman Farmer Fisherman Teacher Headteacher Superintendent Supt Supt.'
  ).split(' '),
);
/** Words that, first in a run, make the name after them an object rather than a speaker ("Unlike Tomas Berg, …"). */
const OBJECT_MAKERS = new Set('Unlike Like Besides Except Despite Against Including Beyond Than About Toward Towards Among Between'.split(' '));
const NEVER_IN_A_NAME = new Set(
  (
    'I He She It We They You His Her Its Our Their My Your Who What Which Whom Whose Someone Somebody Everyone Nobody ' +
    'One Critics Experts Researchers Scientists People Officials Sources Reports Analysts Others Skeptics Optimists ' +
    'January February March April May June July August September October November December ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday Q A Speaker Audience Question Answer Note Notes Update ' +
    'Unlike Like Besides Except Despite Against Including Beyond Than About Toward Towards Among Between'
  ).split(' '),
);

/** Looks speakers up by name and alias, exactly and case-sensitively, as a writer names them. */
export class NameBook {
  private readonly byName = new Map<string, KnownSpeaker | null>();

  constructor(speakers: readonly KnownSpeaker[]) {
    for (const speaker of speakers) this.add(speaker);
  }

  /** Adds a speaker; a name or alias two speakers share becomes ambiguous and resolves to nobody. */
  add(speaker: KnownSpeaker, extraNames: readonly string[] = []): void {
    for (const name of new Set([speaker.name, ...(speaker.aliases ?? []), ...extraNames])) {
      const key = normalizeName(name);
      const existing = this.byName.get(key);
      if (existing === undefined) this.byName.set(key, speaker);
      else if (existing !== null && existing.id !== speaker.id) this.byName.set(key, null);
    }
  }

  lookup(name: string): KnownSpeaker | undefined {
    return this.byName.get(normalizeName(name)) ?? undefined;
  }

  has(name: string): boolean {
    return this.byName.has(normalizeName(name));
  }

  /**
   * What a run of capitalised words names. A known name or alias resolves to its speaker only when it is the
   * whole run ("Dario Gil" is not Dario Amodei); a possessive ("Meta’s") names nobody; an unknown run of two or
   * three words that looks like a person's name is a new name.
   */
  resolve(run: string): NameResolution {
    let words = run.trim().split(/[ \t\u00A0]+/u);
    while (words.length > 1 && LEADING_NON_NAME.has(words[0])) words = words.slice(1);
    if (words.length === 0) return { kind: 'none' };
    const last = words[words.length - 1];
    if (/['’]s$/u.test(last) || /s['’]$/u.test(last)) return { kind: 'none' };
    const name = words.join(' ');
    // Where the name is within the run, as written (the run may start with "Then" and use any spacing).
    const at = run.length - run.trimStart().length + nthWordOffset(run.trimStart(), run.trim().split(/[ \t\u00A0]+/u).length - words.length);
    const length = run.trimEnd().length - at;
    if (this.has(name)) {
      const speaker = this.lookup(name);
      return speaker ? { kind: 'known', speaker, at, length } : { kind: 'none' };
    }
    if (words.some((w) => NEVER_IN_A_NAME.has(w) || LEADING_NON_NAME.has(w))) return { kind: 'none' };
    const personal = words.filter((w) => !/^(?:van|von|der|de|da|di|du|le|la|bin|al)$/u.test(w));
    if (personal.length < 2 || personal.length > 3) return { kind: 'none' };
    if (!/^\p{Lu}\p{Ll}/u.test(personal[0]) || !/^\p{Lu}/u.test(personal[personal.length - 1]) || personal[personal.length - 1].length < 2) return { kind: 'none' };
    if (personal.some((w) => /^\p{Lu}{2,}$/u.test(w))) return { kind: 'none' }; // "NASA Ames", "CEO"
    return { kind: 'new', name, at, length };
  }
}

/** Whom a run of capitalised words mentions, object or subject: `resolve` after any leading "Unlike", "Like", …. */
export function mentionOf(book: NameBook, run: string): NameResolution {
  const words = run.trim().split(/[ \t\u00A0]+/u);
  let skip = 0;
  while (skip < words.length - 1 && (OBJECT_MAKERS.has(words[skip]) || LEADING_NON_NAME.has(words[skip]))) skip++;
  if (skip === 0) return book.resolve(run);
  const rest = words.slice(skip).join(' ');
  const resolution = book.resolve(rest);
  if (resolution.kind === 'none') return resolution;
  const at = run.indexOf(rest.split(' ')[0], run.length - run.trimStart().length) + resolution.at;
  return { ...resolution, at };
}

/** Whether a single capitalised word is one that never names a person by itself ("The", "Then", "She", "March"). */
export function isNonNameWord(word: string): boolean {
  return LEADING_NON_NAME.has(word) || NEVER_IN_A_NAME.has(word) || OBJECT_MAKERS.has(word);
}

/** The offset of word n (0-based) in a string of words separated by spaces. */
function nthWordOffset(text: string, n: number): number {
  const re = /[^ \t\u00A0]+/gu;
  let i = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (i === n) return m.index;
    i++;
  }
  return 0;
}

function normalizeName(name: string): string {
  return name.normalize('NFC').replace(/[\s\u00A0]+/gu, ' ').replace(/’/gu, "'").trim();
}
