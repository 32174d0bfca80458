import type { Catalog, CatalogQuote, CatalogSource, CatalogSpeaker, SourceKind } from '../catalog/catalogTypes';
import { findQuotations, Quotation } from '../check/findQuotations';
import { tokenize } from '../check/tokens';
import type { Problem } from '../kb/model';
import { FlexibleText, normalizeWhitespace } from '../text/flexibleMatch';
import { LineTable } from '../text/lineTable';
import { repairMojibake } from '../text/mojibake';
import { extractBody } from '../text/sourceBody';
import { findDateline } from './dateline';
import { CancellationToken, noopToken, throwIfCancelled } from '../util/cancellation';
import { AttributionHit, attributionLineHit, findAttribution, hasSpeechCue, pronounCue, pronounSpeaker, quotationContexts } from './attribution';
import type { DocumentMetadata } from './formats';
import { parseFrontMatter } from './frontMatter';
import { KnownSpeaker, NAME_RUN, NameBook } from './names';
import { slugify, uniqueSlug } from './slug';

export type { KnownSpeaker } from './names';

/** A source file of a folder without a catalog, decoded. */
export interface ExtractInputFile {
  /** Relative to the folder, with forward slashes: becomes the catalog's `file` and the source id. */
  readonly relativePath: string;
  readonly text: string;
  /**
   * What a web page or PDF says about itself (formats.ts): trusted over front matter and the first heading.
   * Plain text and Markdown have none.
   */
  readonly metadata?: DocumentMetadata;
  /** How quotations are found; by default from the file's extension. */
  readonly language?: 'markdown' | 'plaintext';
}

export interface ExtractionResult {
  /** A catalog like a hand-written sourcebook.json: buildKnowledgeBase verifies its quotes like any other. */
  readonly catalog: Catalog;
  /** What the extractor decided and why, per file (severity info, or warning when something was left out). */
  readonly notes: readonly Problem[];
}

/** Quotations shorter than this are scare quotes or terms ("peak data"), not someone's words. */
export const MIN_QUOTE_WORDS = 4;

const SOURCE_KINDS: readonly SourceKind[] = ['talk transcript', 'news report', 'blog post', 'opinion piece', 'interview', 'notes'];

/**
 * Builds a catalog for a folder of Markdown and text files that has no sourcebook.json. Per file: title,
 * author, date, kind and URL from front matter (else the first heading or line); every passage of at least
 * four words in double quotation marks becomes a quote. A quote is given to a person only when the text says
 * explicitly who speaks ("X said", "said X", "according to X", …) and the name is a known speaker or, as the
 * subject of a said-verb right next to the quote, a new two- or three-word name. Any other quote is kept as
 * the source's own words: its author's when the front matter names one (unless the text says someone else,
 * unnamed, speaks: "one engineer told us"), else the file's unsigned writer's.
 */
export function extractCatalog(
  files: readonly ExtractInputFile[],
  knownSpeakers: readonly KnownSpeaker[],
  token: CancellationToken = noopToken,
): ExtractionResult {
  const notes: Problem[] = [];
  const book = new NameBook(knownSpeakers);
  const usedSpeakers = new Map<string, CatalogSpeaker>();
  const knownIds = new Set(knownSpeakers.map((s) => s.id));
  const newSpeakersByName = new Map<string, CatalogSpeaker>();
  const sources: CatalogSource[] = [];
  const quotes: CatalogQuote[] = [];
  const sourceIds = new Set<string>();

  const useKnown = (speaker: KnownSpeaker): string => {
    if (!usedSpeakers.has(speaker.id)) {
      usedSpeakers.set(speaker.id, { id: speaker.id, name: speaker.name, kind: speaker.kind, aliases: [...(speaker.aliases ?? [])], role: speaker.role });
    }
    return speaker.id;
  };
  const useNew = (name: string, aliases: readonly string[] = []): CatalogSpeaker => {
    const existing = newSpeakersByName.get(name);
    if (existing) return existing;
    const id = uniqueSlug(slugify(name, 'speaker'), (candidate) => knownIds.has(candidate) || usedSpeakers.has(candidate));
    const speaker: CatalogSpeaker = { id, name, kind: 'person', aliases: [...aliases] };
    newSpeakersByName.set(name, speaker);
    usedSpeakers.set(id, speaker);
    return speaker;
  };

  const useOrganisation = (name: string): CatalogSpeaker => {
    const speaker = useNew(name);
    speaker.kind = 'organisation';
    return speaker;
  };

  const sorted = [...files].sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
  for (const file of sorted) {
    throwIfCancelled(token);
    const text = repairMojibake(file.text).text;
    const lines = new LineTable(text);
    const note = (message: string, severity: Problem['severity'] = 'info', offset?: number): void => {
      notes.push({ severity, file: file.relativePath, line: offset === undefined ? undefined : lines.lineAt(offset) + 1, message });
    };
    const frontMatter = parseFrontMatter(text);
    const fields = new Map<string, string>(frontMatter?.fields ?? []);
    for (const [key, value] of Object.entries(file.metadata ?? {})) if (typeof value === 'string' && value.trim()) fields.set(key, value.trim());
    const frontMatterText = frontMatter ? text.slice(frontMatter.start, frontMatter.end) : '';
    const exclude = frontMatterText.trim().length >= 8 ? [frontMatterText.trim()] : undefined;
    const body = extractBody(text, { exclude });
    for (const problem of body.problems) note(`body: ${problem}`, 'warning');

    const id = uniqueSlug(slugify(file.relativePath, 'source'), (candidate) => sourceIds.has(candidate));
    sourceIds.add(id);
    // A heading or field of nothing but markup ("# *") gives no title: fall back rather than serve an empty one.
    const title = fields.get('title')?.trim() || firstHeading(body.text) || fileName(file.relativePath);
    const source: CatalogSource = { id, file: file.relativePath, title, kind: 'notes' };
    const kind = fields.get('kind') ?? fields.get('type');
    if (kind !== undefined) {
      const known = SOURCE_KINDS.find((k) => k === kind.toLowerCase());
      if (known) source.kind = known;
      else note(`front matter kind "${kind}" is not one of ${SOURCE_KINDS.join(', ')}; using "notes"`, 'warning');
    }
    // A plain article without front matter says who and when under its title: "The Lattice Review, 2 April 2025".
    const dateline = frontMatter ? undefined : findDateline(body.text);
    if (dateline) {
      fields.set('date', dateline.date);
      if (dateline.author && !fields.has('author')) fields.set('author', dateline.author);
      if (dateline.publisher && !source.publisher) {
        const known = book.lookup(dateline.publisher);
        source.publisher = known ? useKnown(known) : useOrganisation(dateline.publisher).id;
      }
    }
    const date = fields.get('date');
    if (date) source.date = date;
    const url = fields.get('url') ?? fields.get('link');
    const sourceField = fields.get('source');
    if (url) source.url = url;
    else if (sourceField && /^https?:\/\//u.test(sourceField)) source.url = sourceField;
    else if (sourceField) source.note = `Source: ${sourceField}`;
    const publisher = fields.get('publisher');
    if (publisher && file.metadata?.publisher) {
      const known = book.lookup(publisher);
      source.publisher = known ? useKnown(known) : useOrganisation(publisher).id;
    }
    const author = fields.get('author');
    let authorId: string | undefined;
    if (author) {
      const known = book.lookup(author);
      authorId = known ? useKnown(known) : useNew(author).id;
      source.author = authorId;
    }

    const language = file.language ?? (/\.(?:md|markdown|mdx)$/iu.test(file.relativePath) ? 'markdown' : 'plaintext');
    const marked = findQuotations(body.text, language).filter((q) => q.kind === 'marks');
    const contexts = quotationContexts(body.text, marked);
    const candidates = marked
      .map((quotation, i) => ({ quotation, context: contexts[i] }))
      .filter(({ quotation }) => tokenize(body.text, quotation.start, quotation.end, false).length >= MIN_QUOTE_WORDS);

    // First pass: names this file introduces as the subject of a said-verb next to a quote.
    const fileBook = new NameBook(knownSpeakers);
    const introduced: CatalogSpeaker[] = [];
    const introducedNames = new Set<string>();
    for (const { context } of candidates) {
      const hit = findAttribution(body.text, context, book, true);
      if (hit?.resolution.kind !== 'new') continue;
      const name = hit.resolution.name;
      if (introducedNames.has(name)) continue;
      introducedNames.add(name);
      const surname = name.split(' ').pop() ?? name;
      const speaker = useNew(name, !book.has(surname) ? [surname] : []);
      introduced.push(speaker);
      note(`new speaker "${name}", named as the subject of a said-verb next to a quote`, 'info', body.toText(hit.range.start));
    }
    for (const speaker of introduced) fileBook.add({ ...speaker, aliases: speaker.aliases ?? [] });
    // A surname alone ("…,” Okonkwo told me") may stand for a full name the file mentions anywhere ("Samuel
    // Okonkwo showed us the plans"), when no other name of the file or known speaker has that surname.
    const surnames = mentionedSurnames(body.text, book, fileBook);


    // Second pass: attribute, with the file's own names known.
    let unsignedId: string | undefined;
    let unnamedId: string | undefined;
    let attributed = 0;
    let own = 0;
    let n = 0;
    const searchable = new FlexibleText(body.text);
    /** The last person a quotation was attributed to by name, and where the name is: "she said" may be them. */
    let lastNamed: { speaker: KnownSpeaker; at: number } | undefined;
    for (const { quotation, context } of candidates) {
      const quoteText = normalizeWhitespace(body.text.slice(quotation.start, quotation.end));
      const occurrence = occurrenceOf(searchable, quoteText, quotation);
      if (occurrence === undefined) {
        note(`could not place the quotation “${shorten(quoteText)}”; left out`, 'warning', body.toText(quotation.start));
        continue;
      }
      let hit: AttributionHit | undefined =
        findAttribution(body.text, context, fileBook, false) ??
        (quotation.attributionLine ? attributionLineHit(body.text, quotation.attributionLine, fileBook) : undefined);
      const bySurname = hit ? undefined : findAttribution(body.text, context, surnames.book, false);
      if (bySurname?.resolution.kind === 'known') {
        const full = surnames.fullNames.get(bySurname.resolution.speaker.id);
        if (full) {
          const speaker = useNew(full, [bySurname.resolution.speaker.name]);
          fileBook.add({ ...speaker, aliases: speaker.aliases ?? [] });
          hit = findAttribution(body.text, context, fileBook, false);
        }
      }
      const pronounAt = hit || !lastNamed ? undefined : pronounCue(body.text, context);
      const byPronoun = lastNamed && pronounAt !== undefined && pronounSpeaker(body.text, lastNamed.speaker, lastNamed.at, pronounAt, fileBook) ? lastNamed.speaker : undefined;
      let speakerId: string;
      if (hit && hit.resolution.kind === 'known') {
        const speaker = hit.resolution.speaker;
        speakerId = newSpeakersByName.get(speaker.name)?.id ?? useKnown(speaker);
        lastNamed = { speaker, at: hit.range.start };
        attributed++;
      } else if (byPronoun) {
        speakerId = newSpeakersByName.get(byPronoun.name)?.id ?? useKnown(byPronoun);
        attributed++;
        note(`“${shorten(quoteText)}” is attributed by a pronoun to ${byPronoun.name}, the only person named since`, 'info', body.toText(quotation.start));
      } else if (authorId && !hasSpeechCue(body.text, context)) {
        speakerId = authorId;
        own++;
      } else if (authorId) {
        // Someone the text does not name speaks ("one engineer told us"): not the author's words either.
        if (!unnamedId) {
          unnamedId = uniqueSlug(`unnamed-${id}`, (candidate) => knownIds.has(candidate) || usedSpeakers.has(candidate));
          usedSpeakers.set(unnamedId, { id: unnamedId, name: `Unnamed speaker (${title})`, kind: 'unsigned' });
        }
        speakerId = unnamedId;
        own++;
        note(`“${shorten(quoteText)}” is attributed to someone the text does not name; kept as the source's words, not the author's`, 'info', body.toText(quotation.start));
      } else {
        if (!unsignedId) {
          unsignedId = uniqueSlug(`unsigned-${id}`, (candidate) => knownIds.has(candidate) || usedSpeakers.has(candidate));
          usedSpeakers.set(unsignedId, { id: unsignedId, name: `Unsigned writer (${title})`, kind: 'unsigned' });
          source.author = unsignedId;
        }
        speakerId = unsignedId;
        own++;
      }
      n++;
      const entry: CatalogQuote = { id: `${id}-${n}`, source: id, text: quoteText, speaker: speakerId, attribution: 'direct' };
      if (occurrence > 1) entry.occurrence = occurrence;
      quotes.push(entry);
    }
    const skipped = marked.length - candidates.length;
    note(
      `${n} quote(s): ${attributed} attributed by name, ${own} kept as the source's own words` +
        (skipped > 0 ? `; ${skipped} short quotation(s) of under ${MIN_QUOTE_WORDS} words ignored` : ''),
    );
    sources.push(source);
  }

  return { catalog: { version: 1, sources, speakers: [...usedSpeakers.values()], quotes }, notes };
}

/**
 * Surnames of full names a text mentions (two- or three-word runs that look like a person's name) that no
 * known speaker or name of the file already uses: a book of those surnames alone, and each one's full name.
 */
function mentionedSurnames(text: string, book: NameBook, fileBook: NameBook): { book: NameBook; fullNames: Map<string, string> } {
  const byFull = new Map<string, string>();
  for (const m of text.matchAll(new RegExp(NAME_RUN, 'gu'))) {
    const resolution = book.resolve(m[0]);
    if (resolution.kind !== 'new' || fileBook.has(resolution.name)) continue;
    const surname = resolution.name.split(' ').pop() ?? '';
    if (surname.length < 2 || book.has(surname) || fileBook.has(surname)) continue;
    byFull.set(resolution.name, surname);
  }
  const surnameBook = new NameBook([]);
  const fullNames = new Map<string, string>();
  for (const [full, surname] of byFull) {
    const id = `mentioned:${full}`;
    surnameBook.add({ id, name: surname, kind: 'person' });
    fullNames.set(id, full);
  }
  return { book: surnameBook, fullNames };
}

/** Which occurrence (1-based) of the quote's text, as buildKnowledgeBase will search it, is this quotation. */
function occurrenceOf(body: FlexibleText, quoteText: string, quotation: Quotation): number | undefined {
  const matches = body.findAll(quoteText);
  // Occurrences are in order: find this quotation's by binary search (a draft may repeat a quote 10,000 times).
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (matches[mid].start < quotation.start) lo = mid + 1;
    else hi = mid;
  }
  return lo < matches.length && matches[lo].start === quotation.start ? lo + 1 : undefined;
}

/**
 * The title a Markdown file gives itself: its first ATX heading (`# Title #`), else a setext heading on the
 * first line, else its first non-empty line. A heading of nothing but markup (`# *`) is no title: a catalog
 * source needs a non-empty one.
 */
function firstHeading(body: string): string | undefined {
  const heading = firstAtxHeading(body);
  const atx = heading === undefined ? '' : stripInlineMarkup(heading);
  if (atx) return atx;
  const setext = /^(.+)\n(?:=+|-+)[ \t]*$/muy.exec(body);
  const underlined = setext ? stripInlineMarkup(setext[1]) : '';
  if (underlined) return underlined;
  for (const l of body.split('\n')) {
    const line = stripInlineMarkup(l);
    if (line.length > 0) return line.length > 100 ? `${line.slice(0, 99).trimEnd()}…` : line;
  }
  return undefined;
}

/** Line terminators as `^`, `$` and `.` of a JavaScript regular expression know them. */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/u;

/**
 * The text of the first line that /^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$/mu matches, as its group 1, computed
 * without the regular expression: its lazy group before three optional runs backtracks cubically on a
 * heading followed by thousands of spaces (9 s for one line of 3,000).
 */
function firstAtxHeading(body: string): string | undefined {
  for (const line of body.split(LINE_TERMINATOR)) {
    let hashes = 0;
    while (line.charCodeAt(hashes) === 35) hashes++; // #
    if (hashes < 1 || hashes > 6 || !isBlank(line.charCodeAt(hashes))) continue;
    let contentStart = hashes;
    while (isBlank(line.charCodeAt(contentStart))) contentStart++;
    if (contentStart === line.length) {
      // Only blanks after the hashes: the regex's [ \t]+ gives its last blank to (.+?), if it has two.
      if (contentStart - hashes >= 2) return line.slice(contentStart - 1);
      continue;
    }
    // The shortest non-empty group whose remainder is blanks, hashes, blanks: the longest such suffix is cut.
    let end = line.length;
    while (end > contentStart && isBlank(line.charCodeAt(end - 1))) end--;
    while (end > contentStart && line.charCodeAt(end - 1) === 35) end--;
    while (end > contentStart && isBlank(line.charCodeAt(end - 1))) end--;
    return line.slice(contentStart, Math.max(end, contentStart + 1));
  }
  return undefined;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

function stripInlineMarkup(line: string): string {
  return line.replace(/^[\s>#*+-]+/u, '').replace(/[*_`]+/gu, '').trim();
}

function fileName(relativePath: string): string {
  return relativePath.split('/').pop() ?? relativePath;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
