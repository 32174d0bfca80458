import type { Problem } from '../kb/model';

/**
 * A writer's bibliography, read from a BibTeX/BibLaTeX `.bib` or a CSL-JSON file: the entries Sourcebook can
 * match against its sources and resolve citation keys to. Pure data, so a bibliography parsed in the on-demand
 * bundle (dist/bibtex.js) crosses into the extension as is.
 */
export interface BibPerson {
  readonly family?: string;
  readonly given?: string;
  /** An organisation or a name given as one literal. */
  readonly literal?: string;
}

export interface BibEntry {
  readonly key: string;
  /** The entry type as written: `article`, `online` (BibTeX, lower case) or `article-journal` (CSL). */
  readonly type: string;
  readonly title?: string;
  readonly authors: readonly BibPerson[];
  /** Four digits, when the entry has a year. */
  readonly year?: string;
  readonly doi?: string;
  readonly url?: string;
  /** Where the entry stands: the file as given, 1-based line. */
  readonly file: string;
  readonly line: number;
}

export interface Bibliography {
  readonly file: string;
  readonly entries: readonly BibEntry[];
  /**
   * Keys of entries that could not be parsed: a citation of one is not "unknown" (it is reported once, as the
   * malformed entry, with its line).
   */
  readonly brokenKeys: readonly string[];
  readonly problems: readonly Problem[];
}

/** Bibliography files by their name: `.json` is CSL-JSON, anything else BibTeX/BibLaTeX. */
export function isCslJsonFile(file: string): boolean {
  return /\.json$/iu.test(file);
}

/** A person as a bibliography names them: "Sutskever", "Google DeepMind". */
export function personName(person: BibPerson): string {
  return person.literal ?? [person.given, person.family].filter(Boolean).join(' ');
}

/** 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
