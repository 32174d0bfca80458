/** The settings of package.json, typed; no `vscode` import, so tests and tools can read it. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';
/** When hover cards appear: on every term, on a term's first occurrence per section, or only on request. */
export type HoverMode = 'always' | 'firstOccurrence' | 'off';
export const HOVER_MODES: readonly HoverMode[] = ['always', 'firstOccurrence', 'off'];
/** How an inserted quote names its source: our attribution line, or a citation key for the writer's toolchain. */
export type CitationsStyle = 'attribution' | 'pandoc' | 'biblatex' | 'natbib';
export const CITATIONS_STYLES: readonly CitationsStyle[] = ['attribution', 'pandoc', 'biblatex', 'natbib'];

/** Every setting of package.json's `contributes.configuration`, typed, with the same defaults. */
export interface SourcebookConfig {
  readonly includeSeeds: boolean;
  readonly sources: readonly string[];
  readonly maxFileSizeKB: number;
  readonly hoverEnabled: boolean;
  readonly hoverLanguages: readonly string[];
  readonly hoverMaxQuotes: number;
  readonly hoverMutedTerms: readonly string[];
  readonly hoverMode: HoverMode;
  readonly decorationsEnabled: boolean;
  readonly decorationsMaxFileSizeKB: number;
  readonly insertTemplates: Readonly<Record<string, string>>;
  readonly checkEnabled: boolean;
  readonly checkLanguages: readonly string[];
  readonly checkSeverity: Severity;
  readonly checkProblemsPanel: boolean;
  readonly bibliography: readonly string[];
  readonly citationsStyle: CitationsStyle;
}

export const DEFAULT_CONFIG: SourcebookConfig = {
  includeSeeds: true,
  sources: [],
  maxFileSizeKB: 2048,
  hoverEnabled: true,
  hoverLanguages: ['markdown', 'latex', 'tex', 'plaintext'],
  hoverMaxQuotes: 3,
  hoverMutedTerms: [],
  hoverMode: 'always',
  decorationsEnabled: false,
  decorationsMaxFileSizeKB: 512,
  insertTemplates: {},
  checkEnabled: true,
  checkLanguages: ['markdown', 'latex', 'tex', 'plaintext'],
  checkSeverity: 'warning',
  checkProblemsPanel: true,
  bibliography: [],
  citationsStyle: 'attribution',
};

/**
 * The settings read for a document or a folder (`readConfig(uri)`): package.json declares them `scope: "resource"`,
 * so a folder's own value applies. The others (the corpus as a whole) are read once for the window. A test keeps
 * package.json in step.
 */
export const RESOURCE_SETTINGS: readonly (keyof SourcebookConfig)[] = [
  'sources', 'hoverEnabled', 'hoverLanguages', 'hoverMaxQuotes', 'hoverMutedTerms', 'hoverMode', 'decorationsEnabled',
  'decorationsMaxFileSizeKB', 'insertTemplates', 'checkEnabled', 'checkLanguages', 'checkSeverity', 'checkProblemsPanel',
  'bibliography', 'citationsStyle',
];

/**
 * The settings left unread in an untrusted workspace (corpusService.ts and bibliographies.ts read no workspace
 * files there): package.json's `restrictedConfigurations`, which a test keeps equal to this list.
 */
export const UNTRUSTED_SETTINGS: readonly (keyof SourcebookConfig)[] = ['sources', 'bibliography'];

/** Setting key (under `sourcebook.`) of each field; a test keeps it in step with package.json. */
export const CONFIG_KEYS: { readonly [K in keyof SourcebookConfig]: string } = {
  includeSeeds: 'includeSeeds',
  sources: 'sources',
  maxFileSizeKB: 'maxFileSizeKB',
  hoverEnabled: 'hover.enabled',
  hoverLanguages: 'hover.languages',
  hoverMaxQuotes: 'hover.maxQuotes',
  hoverMutedTerms: 'hover.mutedTerms',
  hoverMode: 'hover.mode',
  decorationsEnabled: 'decorations.enabled',
  decorationsMaxFileSizeKB: 'decorations.maxFileSizeKB',
  insertTemplates: 'insert.templates',
  checkEnabled: 'check.enabled',
  checkLanguages: 'check.languages',
  checkSeverity: 'check.severity',
  checkProblemsPanel: 'check.problemsPanel',
  bibliography: 'bibliography',
  citationsStyle: 'citations.style',
};
