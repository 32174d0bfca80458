import { parseArgs } from 'node:util';
import type { Bibliography } from './core/citations/bibliography';
import { CitekeyTable } from './core/citations/citekeys';
import { CITE_STYLES, citedSource, CiteStyle, isCiteStyle } from './core/citations/citeStyles';
import { BIBLIOGRAPHY_FORMATS, BibliographyFormat, exportBibliography, isBibliographyFormat } from './core/citations/exportBibliography';
import { Corpus } from './core/corpus';
import { displayDate } from './core/format/dates';
import { formatQuote, attributionLine } from './core/format/formatQuote';
import { hoverToJson, listToJson, quoteToJson } from './core/json';
import { formatProblem } from './core/kb/model';
import { BibliographyFileError, readBibliographyFiles } from './node/bibliographyFiles';
import { checkFiles, UnreadableFileError } from './node/check';
import { CHECK_FORMATS, CheckFormat, findingsToGithub, findingsToJson, findingsToText, isCheckFormat, summaryLine } from './node/checkOutput';
import { DraftPathError, expandDraftPaths } from './node/draftPaths';
import { loadCorpusFromDisk, MissingSourceFolderError } from './node/loadCorpus';

const USAGE = `Usage: sourcebook <command> [options]

Commands:
  search <query> [--limit N] [--json]          find quotes (typo-tolerant; @speaker and #theme filter)
  hover <lineText> <column> [--json]           the glossary term at a 0-based column, with its quotes
  format <quoteId> --language <languageId> [--cite attribution|pandoc|biblatex|natbib]
                                               a quote as inserted into markdown, latex or plaintext
  bib [--format bibtex|csl-json]               every source as a bibliography entry, keyed as the editor
                                               keys them (the writer's own keys from --bib reused)
  list themes|speakers|sources|terms|quotes [--json]
  check <files|folders|globs…> [--format text|json|github] [--bib FILE]
                                               flag misquotes and wrong speakers (text: path:line:col: message);
                                               with --bib, also quotes cited to the wrong key and unknown keys

Options:
  --sources <dir>    also read a folder of your own sources (repeatable); without a sourcebook.json,
                     quotes are extracted from its .md and .txt files
  --no-seeds         leave out the embedded sources
  --bib <file>       the writer's bibliography, BibTeX or CSL-JSON (.json) (repeatable): its keys are used
                     for the sources it matches (by DOI, URL, or title and first author)
  --help             show this help

Exit codes: 0 ok (also when nothing is found; check: no findings), 1 check found misquotes, 2 usage error
or a path that cannot be read.`;

class UsageError extends Error {}
/** A named file or folder that cannot be used: exit 2 like a usage error, without the usage text around it. */
class InputError extends Error {}

const LIST_KINDS = ['themes', 'speakers', 'sources', 'terms', 'quotes'] as const;
type ListKind = (typeof LIST_KINDS)[number];

/** A command whose arguments were checked: it runs once the corpus is loaded. */
type Run = (corpus: Corpus) => number | Promise<number>;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean', default: false },
      limit: { type: 'string' },
      language: { type: 'string' },
      format: { type: 'string' },
      cite: { type: 'string' },
      bib: { type: 'string', multiple: true, default: [] },
      sources: { type: 'string', multiple: true, default: [] },
      'no-seeds': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...args] = positionals;
  if (values.help || !command) {
    (values.help ? console.log : console.error)(USAGE);
    return values.help ? 0 : 2;
  }
  // Every argument is checked before anything is read: a usage error exits 2 whatever else is wrong.
  const run = planCommand(command, args, { limit: values.limit, language: values.language, format: values.format, json: values.json ?? false, sourceDirs: values.sources ?? [], cite: values.cite, bibFiles: values.bib ?? [] });
  let corpus: Corpus;
  try {
    corpus = await loadCorpusFromDisk({ includeSeeds: !values['no-seeds'], sourceDirs: values.sources ?? [] });
  } catch (error) {
    if (error instanceof MissingSourceFolderError) throw new InputError(error.message);
    throw error;
  }
  for (const problem of corpus.problems.filter((p) => p.severity !== 'info')) printError(`warning: ${formatProblem(problem)}`);
  return run(corpus);
}

interface CommandOptions {
  readonly limit?: string;
  readonly language?: string;
  readonly format?: string;
  readonly json: boolean;
  readonly sourceDirs: readonly string[];
  readonly cite?: string;
  readonly bibFiles: readonly string[];
}

function planCommand(command: string, args: string[], options: CommandOptions): Run {
  const { limit, language, json } = options;
  switch (command) {
    case 'search':
      return planSearch(args, limit, json);
    case 'hover':
      return planHover(args, json);
    case 'format':
      return planFormat(args, language, options);
    case 'bib':
      return planBib(args, options);
    case 'list':
      return planList(args, json);
    case 'check':
      return planCheck(args, options);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function planSearch(args: string[], limitText: string | undefined, json: boolean): Run {
  const query = args.join(' ');
  if (!query.trim()) throw new UsageError('search needs a query, e.g. sourcebook search "peak data"');
  const limit = limitText === undefined ? 10 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a whole number of at least 1, not "${limitText}"`);
  return (corpus) => search(corpus, query, limit, json);
}

function search(corpus: Corpus, query: string, limit: number, json: boolean): number {
  const hits = corpus.index.search(query, { limit });
  if (json) {
    printJson(hits.map((h) => quoteToJson(h.quote, h.score)));
  } else if (hits.length === 0) {
    print(`No quotes match "${query}".`);
  } else {
    hits.forEach((h, i) => print(`${i + 1}. “${h.quote.text}”\n   ${attributionLine(h.quote)}  [${h.quote.id}]\n`));
  }
  return 0;
}

function planHover(args: string[], json: boolean): Run {
  if (args.length !== 2) throw new UsageError('hover needs a line of text and a 0-based column, e.g. sourcebook hover "peak data is here" 2');
  const [line, columnText] = args;
  const column = Number(columnText);
  if (!Number.isInteger(column) || column < 0) throw new UsageError(`the column must be a whole number from 0, not "${columnText}"`);
  return (corpus) => hover(corpus, line, column, json);
}

function hover(corpus: Corpus, line: string, column: number, json: boolean): number {
  const match = corpus.matcher.termAt(line, column);
  if (json) {
    printJson(hoverToJson(corpus.kb, match, 3));
    return 0;
  }
  if (!match) {
    print('No glossary term at that position.');
    return 0;
  }
  print(`${match.term.label} [${match.start}, ${match.end}): ${match.term.definition}\n`);
  for (const quote of corpus.kb.quotesForTerm(match.term.id).slice(0, 3)) {
    print(`“${quote.text}”\n${attributionLine(quote)}\n`);
  }
  return 0;
}

function planFormat(args: string[], language: string | undefined, options: CommandOptions): Run {
  if (args.length !== 1) throw new UsageError('format needs one quote id, e.g. sourcebook format peak-data --language markdown');
  if (!language) throw new UsageError('format needs --language (markdown, latex, plaintext, …)');
  const style = options.cite;
  if (style !== undefined && !isCiteStyle(style)) throw new UsageError(`--cite must be one of ${CITE_STYLES.join(', ')}, not "${style}"`);
  return async (corpus) => {
    const quote = corpus.quote(args[0]);
    if (!quote) throw new UsageError(`no quote has the id "${args[0]}" (see sourcebook list quotes)`);
    let cite: { style: CiteStyle; key: string } | undefined;
    if (style !== undefined) {
      const table = new CitekeyTable(corpus.kb.sources, await bibliographies(options.bibFiles));
      cite = { style, key: table.keyOf(citedSource(quote)) };
    }
    process.stdout.write(forTerminal(formatQuote(quote, language, { cite })));
    return 0;
  };
}

function planBib(args: string[], options: CommandOptions): Run {
  if (args.length > 0) throw new UsageError(`bib takes no arguments (got "${args[0]}"); it writes every source, e.g. sourcebook bib --format csl-json`);
  const format = options.format ?? 'bibtex';
  if (!isBibliographyFormat(format)) throw new UsageError(`--format must be one of ${BIBLIOGRAPHY_FORMATS.join(', ')}, not "${format}"`);
  return async (corpus) => {
    const table = new CitekeyTable(corpus.kb.sources, await bibliographies(options.bibFiles));
    process.stdout.write(forTerminal(exportBibliography(corpus.kb.sources, table, format as BibliographyFormat)));
    return 0;
  };
}

/** The --bib files, their malformed entries reported on stderr (the rest serves); an unreadable one exits 2. */
async function bibliographies(files: readonly string[]): Promise<Bibliography[]> {
  let result: Bibliography[];
  try {
    result = await readBibliographyFiles(files);
  } catch (error) {
    if (error instanceof BibliographyFileError) throw new InputError(error.message);
    throw error;
  }
  for (const problem of result.flatMap((b) => b.problems)) printError(`warning: ${formatProblem(problem)}`);
  return result;
}

function planCheck(args: string[], options: CommandOptions): Run {
  if (args.length === 0) throw new UsageError('check needs one or more files, folders or globs, e.g. sourcebook check essay.md drafts/');
  const format = options.format ?? (options.json ? 'json' : 'text');
  if (!isCheckFormat(format)) throw new UsageError(`--format must be one of ${CHECK_FORMATS.join(', ')}, not "${format}"`);
  return async (corpus) => check(corpus, args, format, options.sourceDirs, options.bibFiles.length > 0 ? new CitekeyTable(corpus.kb.sources, await bibliographies(options.bibFiles)) : undefined);
}

async function check(corpus: Corpus, args: string[], format: CheckFormat, sourceDirs: readonly string[], citekeys: CitekeyTable | undefined): Promise<number> {
  let results;
  try {
    results = await checkFiles(await expandDraftPaths(args, { sourceDirs }), corpus, citekeys);
  } catch (error) {
    if (error instanceof UnreadableFileError || error instanceof DraftPathError) throw new InputError(error.message);
    throw error;
  }
  if (format === 'json') printJson(findingsToJson(results));
  else for (const line of format === 'github' ? findingsToGithub(results) : findingsToText(results)) print(line);
  // On stderr: stdout stays one finding per line (or one JSON document) for the tools that read it.
  printError(summaryLine(results));
  return results.some((r) => r.findings.length > 0) ? 1 : 0;
}

function planList(args: string[], json: boolean): Run {
  const kind = args[0] as ListKind;
  if (args.length !== 1 || !LIST_KINDS.includes(kind)) throw new UsageError(`list needs one of ${LIST_KINDS.join(', ')}`);
  return (corpus) => list(corpus, kind, json);
}

function list(corpus: Corpus, kind: ListKind, json: boolean): number {
  const rows = listToJson(corpus.kb, kind) as Record<string, unknown>[];
  if (json) {
    printJson(rows);
    return 0;
  }
  for (const row of rows) print(describeRow(kind, row));
  return 0;
}

function describeRow(kind: ListKind, row: Record<string, unknown>): string {
  switch (kind) {
    case 'themes':
      return `${row.label} (${row.quoteCount}) — ${row.description}`;
    case 'speakers':
      return `${row.name} [${row.kind}] (${row.quoteCount})${row.role ? ` — ${row.role}` : ''}`;
    case 'sources':
      return `${row.title} — ${row.kind}, ${typeof row.date === 'string' ? displayDate(row.date) : 'undated'} (${row.quoteCount}) [${row.path}]`;
    case 'terms':
      return `${row.label} (${row.quoteCount}) — ${row.definition}`;
    case 'quotes': {
      const speaker = row.speaker as { name: string };
      return `[${row.id}] ${speaker.name}${row.attribution === 'reported' ? ' (reported)' : ''}: “${row.text}”`;
    }
  }
}

/**
 * Text from sources and drafts never reaches the terminal raw: a control character (an escape sequence, a
 * bell) is shown as a visible escape instead of being obeyed. Tabs and line breaks stay.
 */
function forTerminal(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (ch) => `\\u{${ch.codePointAt(0)!.toString(16).padStart(2, '0')}}`);
}

const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/gu;

function print(text: string): void {
  console.log(forTerminal(text));
}

function printError(text: string): void {
  console.error(forTerminal(text));
}

/** JSON.stringify escapes C0 controls but not C1 (U+0080–U+009F): those are escaped too, still valid JSON. */
function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u2028\u2029]/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      printError(`sourcebook: ${(error as Error).message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof InputError) {
      printError(`sourcebook: ${error.message}`);
      process.exitCode = 2;
    } else {
      printError(`sourcebook: ${(error as Error).stack ?? error}`);
      process.exitCode = 3;
    }
  },
);
