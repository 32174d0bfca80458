import type { Catalog, CatalogQuote, CatalogSource, CatalogSpeaker, SourceKind } from '../catalog/catalogTypes';
import { findQuotations, Quotation } from '../check/findQuotations';
import { tokenize } from '../check/tokens';
import type { Problem } from '../kb/model';
import { FlexibleText, normalizeWhitespace } from '../text/flexibleMatch';
import { LineTable } from '../text/lineTable';
import { repairMojibake } from '../text/mojibake';
import { extractBody, type SourceBody } from '../text/sourceBody';
import { findDateline } from './dateline';
import { firstIndexWhere } from '../util/binarySearch';
import { CancellationToken, noopToken, throwIfCancelled } from '../util/cancellation';
import { AttributionHit, attributionLineHit, findAttribution, hasSpeechCue, pronounCue, pronounSpeaker } from '../attribution/attribution';
import { QuotationContext, quotationContexts } from '../attribution/sentences';
import type { DocumentMetadata } from './formats';
import { parseFrontMatter } from './frontMatter';
import { KnownSpeaker, NAME_RUN, NameBook } from '../attribution/names';
import { slugify, uniqueSlug } from './slug';

export type { KnownSpeaker } from '../attribution/names';

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
  const speakers = new SpeakerRegistry(knownSpeakers);
  const sources: CatalogSource[] = [];
  const quotes: CatalogQuote[] = [];
  const sourceIds = new Set<string>();
  const sorted = [...files].sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
  for (const file of sorted) {
    throwIfCancelled(token);
    const reading = readFile(file, notes);
    const { source, authorId } = describeSource(reading, speakers, sourceIds);
    const { candidates, ignored } = quoteCandidates(reading);
    const books = introduceSpeakers(reading, candidates, speakers);
    const attributor = new Attributor(reading, source, authorId, speakers, books);
    for (const candidate of candidates) {
      const entry = attributor.quote(candidate);
      if (entry) quotes.push(entry);
    }
    reading.note(
      `${attributor.count} quote(s): ${attributor.attributed} attributed by name, ${attributor.own} kept as the source's own words` +
        (ignored > 0 ? `; ${ignored} short quotation(s) of under ${MIN_QUOTE_WORDS} words ignored` : ''),
    );
    sources.push(source);
  }
  return { catalog: { version: 1, sources, speakers: speakers.all(), quotes }, notes };
}

/** The speakers of the catalog being built: known ones as they are used, and the names the files introduce. */
class SpeakerRegistry {
  readonly book: NameBook;
  private readonly used = new Map<string, CatalogSpeaker>();
  private readonly knownIds: ReadonlySet<string>;
  private readonly newByName = new Map<string, CatalogSpeaker>();

  constructor(readonly known: readonly KnownSpeaker[]) {
    this.book = new NameBook(known);
    this.knownIds = new Set(known.map((s) => s.id));
  }

  /** Every speaker used, in the order of first use. */
  all(): CatalogSpeaker[] {
    return [...this.used.values()];
  }

  useKnown(speaker: KnownSpeaker): string {
    if (!this.used.has(speaker.id)) {
      this.used.set(speaker.id, { id: speaker.id, name: speaker.name, kind: speaker.kind, aliases: [...(speaker.aliases ?? [])], role: speaker.role });
    }
    return speaker.id;
  }

  /** A person the files name, once per name. */
  useNew(name: string, aliases: readonly string[] = []): CatalogSpeaker {
    const existing = this.newByName.get(name);
    if (existing) return existing;
    const speaker: CatalogSpeaker = { id: this.freeId(slugify(name, 'speaker')), name, kind: 'person', aliases: [...aliases] };
    this.newByName.set(name, speaker);
    this.used.set(speaker.id, speaker);
    return speaker;
  }

  useOrganisation(name: string): CatalogSpeaker {
    const speaker = this.useNew(name);
    speaker.kind = 'organisation';
    return speaker;
  }

  /** The id of a name from the known book or the file's: a name the files introduced keeps its new speaker. */
  idOf(speaker: KnownSpeaker): string {
    return this.newByName.get(speaker.name)?.id ?? this.useKnown(speaker);
  }

  /** The id of a named person or organisation: a known speaker's, else a new one of this kind. */
  idOfName(name: string, kind: 'person' | 'organisation'): string {
    const known = this.book.lookup(name);
    if (known) return this.useKnown(known);
    return (kind === 'person' ? this.useNew(name) : this.useOrganisation(name)).id;
  }

  /** A speaker who is nobody's name: a file's unsigned writer, or someone it does not name. */
  useUnsigned(idBase: string, name: string): string {
    const id = this.freeId(idBase);
    this.used.set(id, { id, name, kind: 'unsigned' });
    return id;
  }

  private freeId(base: string): string {
    return uniqueSlug(base, (candidate) => this.knownIds.has(candidate) || this.used.has(candidate));
  }
}

/** A file as read: its body, its fields (front matter, overridden by the file's own metadata), and its notes. */
interface FileReading {
  readonly file: ExtractInputFile;
  readonly body: SourceBody;
  readonly fields: Map<string, string>;
  readonly hasFrontMatter: boolean;
  /** Adds a note on the file, at the line of an offset of the repaired text when given. */
  note(message: string, severity?: Problem['severity'], offset?: number): void;
}

function readFile(file: ExtractInputFile, notes: Problem[]): FileReading {
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
  return { file, body, fields, hasFrontMatter: frontMatter !== undefined, note };
}

/** The catalog source of a file (title, kind, date, URL, publisher, author) and the id of its named author. */
function describeSource(reading: FileReading, speakers: SpeakerRegistry, sourceIds: Set<string>): { source: CatalogSource; authorId?: string } {
  const { file, body, fields } = reading;
  const id = uniqueSlug(slugify(file.relativePath, 'source'), (candidate) => sourceIds.has(candidate));
  sourceIds.add(id);
  // A heading or field of nothing but markup ("# *") gives no title: fall back rather than serve an empty one.
  const title = fields.get('title')?.trim() || firstHeading(body.text) || fileName(file.relativePath);
  const source: CatalogSource = { id, file: file.relativePath, title, kind: sourceKind(reading) };
  // A plain article without front matter says who and when under its title: "The Lattice Review, 2 April 2025".
  const dateline = reading.hasFrontMatter ? undefined : findDateline(body.text);
  if (dateline) {
    fields.set('date', dateline.date);
    if (dateline.author && !fields.has('author')) fields.set('author', dateline.author);
    if (dateline.publisher) source.publisher = speakers.idOfName(dateline.publisher, 'organisation');
  }
  const date = fields.get('date');
  if (date) source.date = date;
  const url = fields.get('url') ?? fields.get('link');
  const sourceField = fields.get('source');
  if (url) source.url = url;
  else if (sourceField && /^https?:\/\//u.test(sourceField)) source.url = sourceField;
  else if (sourceField) source.note = `Source: ${sourceField}`;
  const publisher = fields.get('publisher');
  if (publisher && file.metadata?.publisher) source.publisher = speakers.idOfName(publisher, 'organisation');
  const author = fields.get('author');
  if (author) source.author = speakers.idOfName(author, 'person');
  return { source, authorId: source.author };
}

/** The `kind` (or `type`) field when it is one of SOURCE_KINDS, else "notes" (with a warning when it was given). */
function sourceKind({ fields, note }: FileReading): SourceKind {
  const kind = fields.get('kind') ?? fields.get('type');
  if (kind === undefined) return 'notes';
  const known = SOURCE_KINDS.find((k) => k === kind.toLowerCase());
  if (!known) note(`front matter kind "${kind}" is not one of ${SOURCE_KINDS.join(', ')}; using "notes"`, 'warning');
  return known ?? 'notes';
}

/** A quotation in marks of at least MIN_QUOTE_WORDS words, with what surrounds it. */
interface Candidate {
  readonly quotation: Quotation;
  readonly context: QuotationContext;
}

/** The quotations of a file that may be quotes, and how many shorter ones were ignored. */
function quoteCandidates({ file, body }: FileReading): { candidates: Candidate[]; ignored: number } {
  const language = file.language ?? (/\.(?:md|markdown|mdx)$/iu.test(file.relativePath) ? 'markdown' : 'plaintext');
  const marked = findQuotations(body.text, language).filter((q) => q.kind === 'marks');
  const contexts = quotationContexts(body.text, marked);
  const candidates = marked
    .map((quotation, i) => ({ quotation, context: contexts[i] }))
    .filter(({ quotation }) => tokenize(body.text, quotation.start, quotation.end, false).length >= MIN_QUOTE_WORDS);
  return { candidates, ignored: marked.length - candidates.length };
}

/** The names a file's quotes can be attributed to: known and introduced names, and surnames of names it mentions. */
interface FileBooks {
  readonly names: NameBook;
  readonly surnames: { book: NameBook; fullNames: Map<string, string> };
}

/**
 * First pass over a file's quotes: names it introduces as the subject of a said-verb next to a quote become
 * speakers. A surname alone ("…,” Okonkwo told me") may stand for a full name the file mentions anywhere
 * ("Samuel Okonkwo showed us the plans"), when no other name of the file or known speaker has that surname.
 */
function introduceSpeakers({ body, note }: FileReading, candidates: readonly Candidate[], speakers: SpeakerRegistry): FileBooks {
  const names = new NameBook(speakers.known);
  const introduced: CatalogSpeaker[] = [];
  const introducedNames = new Set<string>();
  for (const { context } of candidates) {
    const hit = findAttribution(body.text, context, speakers.book, true);
    if (hit?.resolution.kind !== 'new') continue;
    const name = hit.resolution.name;
    if (introducedNames.has(name)) continue;
    introducedNames.add(name);
    const surname = name.split(' ').pop() ?? name;
    introduced.push(speakers.useNew(name, !speakers.book.has(surname) ? [surname] : []));
    note(`new speaker "${name}", named as the subject of a said-verb next to a quote`, 'info', body.toText(hit.range.start));
  }
  for (const speaker of introduced) names.add({ ...speaker, aliases: speaker.aliases ?? [] });
  return { names, surnames: mentionedSurnames(body.text, speakers.book, names) };
}

/** Second pass over a file's quotes: each one's speaker, with the file's own names known. */
class Attributor {
  count = 0;
  attributed = 0;
  own = 0;
  private readonly searchable: FlexibleText;
  /** The last person a quotation was attributed to by name, and where the name is: "she said" may be them. */
  private lastNamed: { speaker: KnownSpeaker; at: number } | undefined;
  private unsignedId: string | undefined;
  private unnamedId: string | undefined;

  constructor(
    private readonly reading: FileReading,
    private readonly source: CatalogSource,
    private readonly authorId: string | undefined,
    private readonly speakers: SpeakerRegistry,
    private readonly books: FileBooks,
  ) {
    this.searchable = new FlexibleText(reading.body.text);
  }

  /** The catalog quote of a candidate, or undefined (with a note) when its text cannot be placed again. */
  quote({ quotation, context }: Candidate): CatalogQuote | undefined {
    const { body, note } = this.reading;
    const quoteText = normalizeWhitespace(body.text.slice(quotation.start, quotation.end));
    const occurrence = occurrenceOf(this.searchable, quoteText, quotation);
    if (occurrence === undefined) {
      note(`could not place the quotation “${shorten(quoteText)}”; left out`, 'warning', body.toText(quotation.start));
      return undefined;
    }
    const speaker = this.speakerOf(quotation, context, quoteText);
    this.count++;
    const entry: CatalogQuote = { id: `${this.source.id}-${this.count}`, source: this.source.id, text: quoteText, speaker, attribution: 'direct' };
    if (occurrence > 1) entry.occurrence = occurrence;
    return entry;
  }

  /** Whoever the text names next to the quotation; else "she said" of the last person named; else the source. */
  private speakerOf(quotation: Quotation, context: QuotationContext, quoteText: string): string {
    const { body, note } = this.reading;
    const hit = this.attributionHit(quotation, context);
    if (hit?.resolution.kind === 'known') {
      const speaker = hit.resolution.speaker;
      this.lastNamed = { speaker, at: hit.range.start };
      this.attributed++;
      return this.speakers.idOf(speaker);
    }
    const byPronoun = hit ? undefined : this.pronounReferent(context);
    if (byPronoun) {
      this.attributed++;
      note(`“${shorten(quoteText)}” is attributed by a pronoun to ${byPronoun.name}, the only person named since`, 'info', body.toText(quotation.start));
      return this.speakers.idOf(byPronoun);
    }
    this.own++;
    return this.ownWords(context, quoteText, quotation);
  }

  /** The attribution next to the quotation, by a name of the file's book or a surname of a name it mentions. */
  private attributionHit(quotation: Quotation, context: QuotationContext): AttributionHit | undefined {
    const text = this.reading.body.text;
    const { names, surnames } = this.books;
    const hit = findAttribution(text, context, names, false) ?? (quotation.attributionLine ? attributionLineHit(text, quotation.attributionLine, names) : undefined);
    if (hit) return hit;
    const bySurname = findAttribution(text, context, surnames.book, false);
    if (bySurname?.resolution.kind !== 'known') return undefined;
    const full = surnames.fullNames.get(bySurname.resolution.speaker.id);
    if (!full) return undefined;
    const speaker = this.speakers.useNew(full, [bySurname.resolution.speaker.name]);
    names.add({ ...speaker, aliases: speaker.aliases ?? [] });
    return findAttribution(text, context, names, false);
  }

  /** The last person named, when a pronoun next to the quotation can only mean them. */
  private pronounReferent(context: QuotationContext): KnownSpeaker | undefined {
    const last = this.lastNamed;
    if (!last) return undefined;
    const text = this.reading.body.text;
    const pronounAt = pronounCue(text, context);
    return pronounAt !== undefined && pronounSpeaker(text, last.speaker, last.at, pronounAt, this.books.names) ? last.speaker : undefined;
  }

  /**
   * A quote the text gives to nobody by name: the author's words, unless the text says someone unnamed speaks
   * ("one engineer told us": not the author's words either); without an author, the file's unsigned writer's.
   */
  private ownWords(context: QuotationContext, quoteText: string, quotation: Quotation): string {
    const { body, note } = this.reading;
    if (this.authorId && !hasSpeechCue(body.text, context)) return this.authorId;
    if (this.authorId) {
      this.unnamedId ??= this.speakers.useUnsigned(`unnamed-${this.source.id}`, `Unnamed speaker (${this.source.title})`);
      note(`“${shorten(quoteText)}” is attributed to someone the text does not name; kept as the source's words, not the author's`, 'info', body.toText(quotation.start));
      return this.unnamedId;
    }
    if (!this.unsignedId) {
      this.unsignedId = this.speakers.useUnsigned(`unsigned-${this.source.id}`, `Unsigned writer (${this.source.title})`);
      this.source.author = this.unsignedId;
    }
    return this.unsignedId;
  }
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
  const at = firstIndexWhere(matches.length, (k) => matches[k].start >= quotation.start);
  return at < matches.length && matches[at].start === quotation.start ? at + 1 : undefined;
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
