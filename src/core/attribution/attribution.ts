import type { TextRange } from '../kb/model';
import { isNonNameWord, KnownSpeaker, mentionOf, NAME_RUN, NameBook, NameResolution } from './names';
import type { QuotationContext } from './sentences';

export type { QuotationContext } from './sentences';

/**
 * Who a quotation is attributed to by the words around it. Only explicit, pronoun-free forms count: "X said",
 * "said X", "X argues that", "according to X", "X: “…”", "— X", and a few next- or previous-sentence forms
 * ("That is how X put it."). Anything else is no attribution: precision matters more than recall.
 */

/** Verbs after which the speaker may follow ("…,” said X). */
const INVERTIBLE_VERBS = [
  'said', 'says', 'wrote', 'writes', 'added', 'adds', 'explained', 'explains', 'noted', 'notes', 'argued', 'argues',
  'warned', 'warns', 'asked', 'asks', 'replied', 'replies', 'continued', 'continues', 'recalled', 'recalls', 'insisted',
  'insists', 'observed', 'observes', 'remarked', 'countered', 'answered', 'responded', 'concluded', 'concludes',
  'admitted', 'admits', 'conceded', 'concedes', 'declared', 'declares', 'stated', 'states', 'cautioned', 'tweeted', 'posted',
  'shouted', 'whispered', 'announced', 'confirmed', 'confirms',
];
/** Verbs whose subject is the speaker ("X told Reuters: …", "X believes that …"). */
const SUBJECT_VERBS = [
  ...INVERTIBLE_VERBS, 'told', 'tells', 'believes', 'believed', 'claimed', 'claims', 'emphasized', 'emphasised', 'stressed',
  'suggested', 'suggests', 'predicted', 'predicts', 'disagreed', 'agreed', 'joked', 'jokes', 'put it', 'puts it',
  'promised', 'promises', 'complained', 'acknowledged', 'testified', 'objected', 'protested', 'pointed out',
];
/** Verbs that take an object before the quotation ("told the audience:"). */
const OBJECT_VERBS = ['told', 'tells', 'asked', 'asks'];

const alt = (words: readonly string[]): string => words.map((w) => w.replace(/ /gu, '\\s+')).join('|');
const SP = String.raw`[ \t\u00A0]*\n?[ \t\u00A0]*`;
const ADVERB = String.raw`(?:\s+\p{Ll}+ly)?`;
const OBJECT = String.raw`(?:\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+|their\s+)?[\p{L}\p{N}]+(?:\s+[\p{Ll}\p{N}]+)?|\s+${NAME_RUN})?`;
/** An abbreviated title with its full stop before a name ("Dr. Aiko Tanaka"); without one it is part of the run. */
const TITLE = String.raw`(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof|Rev|Capt|Sgt|Lt|Col|Gen|Gov|Sen|Rep|Insp|Supt|Cllr)\.[ \t\u00A0]+)?`;
/**
 * Lower-case words between a verb and the name: an article and up to three role words ("said the engineer
 * Tomas Berg", "according to harbourmaster Ines Rocha"). A preposition among them makes the name an object
 * ("said a spokesperson for Tomas Berg"): see roleAllows.
 */
const ROLE = String.raw`(?<role>(?:\p{Ll}[\p{Ll}'’-]*[ \t\u00A0]+){0,3})`;
const ROLE_STOP = new Set(
  'of for to with from by about like unlike than and or nor but who whom whose which that this these those at in on as after before near into onto over under against among between behind beside besides without within except not no never nobody someone something'.split(' '),
);
const OPEN_MARKUP = String.raw`[\s*_~]*`;
/** Markup and punctuation between a closing mark and the attribution. */
const LEAD = String.raw`^[*_~]*[,.!?;]?[*_~]*${SP}`;

const AFTER_INVERTED = new RegExp(`${LEAD}(?:${alt(INVERTIBLE_VERBS)})\\s+${ROLE}${TITLE}(?<name>${NAME_RUN})(?![\\p{L}])(?!\\s+(?:and|&)\\s)`, 'du');
const AFTER_SUBJECT = new RegExp(
  `${LEAD}(?:as\\s+)?${TITLE}(${NAME_RUN})\\s+(?:\\p{Ll}+ly\\s+)?(?:(?:${alt(OBJECT_VERBS)})${OBJECT}|(?:${alt(SUBJECT_VERBS)})${ADVERB})(?:\\s*(?:[.,;:!?)\\u2014\\u2013]|--|$)|\\s+(?:at|in|on|during|after|before|when|while|last|this|earlier|later|yesterday|today)\\s)`,
  'du',
);
/** "…,” Yann LeCun, Meta's chief scientist, said." — a name, a clause set off by commas, then the verb. */
const AFTER_CLAUSE = new RegExp(
  `${LEAD}${TITLE}(${NAME_RUN}),[ \\t\\u00A0]+[^,;:\\u201C\\u201D"\\n]{1,120},\\s+(?:(?:${alt(OBJECT_VERBS)})${OBJECT}|(?:${alt(SUBJECT_VERBS)})${ADVERB})(?:\\s*(?:[.,;:!?)\\u2014\\u2013]|--|$)|\\s+(?:at|in|on|during|after|before|when|while|last|this|earlier|later|yesterday|today)\\s)`,
  'du',
);
const AFTER_ACCORDING = new RegExp(`${LEAD}[Aa]ccording\\s+to\\s+${ROLE}${TITLE}(?<name>${NAME_RUN})(?![\\p{L}])(?!\\s+(?:and|&)\\s)`, 'du');
const AFTER_DASH = new RegExp(`^[,.!?]?\\s*(?:\\u2014|\\u2013|\\u2015|---?)\\s*${TITLE}(${NAME_RUN})(?![\\p{L}])`, 'du');

const BEFORE_SUBJECT = new RegExp(
  `(?:^|[^\\p{L}\\p{N}'’])(${NAME_RUN})\\s+(?:\\p{Ll}+ly\\s+)?(?:(?:${alt(OBJECT_VERBS)})${OBJECT}|(?:${alt(SUBJECT_VERBS)})${ADVERB}(?:\\s+(?:this\\s+way|as\\s+follows|it\\s+\\p{Ll}+ly))?)(?:\\s+that)?${OPEN_MARKUP}[,:]?${OPEN_MARKUP}$`,
  'du',
);
/**
 * "Carlos Mendes, who has fished here for thirty years, said:", "Elif Demir, an engineer at the port, told
 * me:" — a name, then a clause set off by commas that starts with a relative pronoun or an article, then the verb.
 */
const BEFORE_CLAUSE = new RegExp(
  `(?:^|[^\\p{L}\\p{N}'’])(${NAME_RUN}),[ \\t\\u00A0]+(?:who|whose|the|a|an|our|his|her|their|its|one|now|then|also)[ \\t\\u00A0][^,;:\\u201C\\u201D"\\n]{1,120},\\s+(?:(?:${alt(OBJECT_VERBS)})${OBJECT}|(?:${alt(SUBJECT_VERBS)})${ADVERB})(?:\\s+that)?${OPEN_MARKUP}[,:]?${OPEN_MARKUP}$`,
  'du',
);
/** "the next speaker, Ravi Anand, told reporters:" — a name set off by commas right before the verb. */
const BEFORE_APPOSITIVE = new RegExp(
  `,\\s*(${NAME_RUN}),\\s+(?:(?:${alt(OBJECT_VERBS)})${OBJECT}|(?:${alt(SUBJECT_VERBS)})${ADVERB})(?:\\s+that)?${OPEN_MARKUP}[,:]?${OPEN_MARKUP}$`,
  'du',
);
const BEFORE_INVERTED = new RegExp(`^[\\s,*_]*(?:${alt(INVERTIBLE_VERBS.filter((v) => !OBJECT_VERBS.includes(v)))})\\s+${ROLE}${TITLE}(?<name>${NAME_RUN})\\s*[,:]${OPEN_MARKUP}$`, 'du');
const BEFORE_ACCORDING = new RegExp(`(?:^|\\s)[Aa]ccording\\s+to\\s+${ROLE}${TITLE}(?<name>${NAME_RUN})\\s*,${OPEN_MARKUP}$`, 'du');
const BEFORE_LABEL = new RegExp(`^${OPEN_MARKUP}(${NAME_RUN})${OPEN_MARKUP}:${OPEN_MARKUP}$`, 'du');
/** Words that, right before a name, make it the object of something, not the speaker ("a colleague of X said"). */
const NOT_A_SUBJECT_BEFORE = /(?:\b(?:of|with|to|from|by|for|about|like|than|and|or|&|on|at|whom)|['’]s)\s*$/u;

const NEXT_SENTENCE = new RegExp(
  `^\\s*(?:(?:That|This|So)\\s+(?:is|was)\\s+(?:how|what)\\s+(${NAME_RUN})\\s+(?:put\\s+it|said|says|wrote|writes|argued|argues)\\b` +
    `|(?:Those|These)\\s+(?:are|were)\\s+the\\s+words\\s+of\\s+(${NAME_RUN})(?![\\p{L}])` +
    `|(${NAME_RUN})\\s+(?:said|says|wrote|writes)\\s+(?:this|that|so)\\b)`,
  'du',
);
const PREVIOUS_SENTENCE = new RegExp(
  `^${OPEN_MARKUP}(${NAME_RUN})\\s+(?:${alt(SUBJECT_VERBS)})(?:\\s+(?:it|this|so))?${ADVERB}(?:\\s+(?:this\\s+way|as\\s+follows))?\\s*[.:]${OPEN_MARKUP}$`,
  'du',
);

export type AttributionForm =
  | 'said X'
  | 'X said'
  | 'according to X'
  | '— X'
  | 'X: “…”'
  | 'next sentence'
  | 'previous sentence';

export interface AttributionHit {
  readonly resolution: Exclude<NameResolution, { kind: 'none' }>;
  /** Where the name is in the text. */
  readonly range: TextRange;
  readonly form: AttributionForm;
}


/**
 * Forms in which an unknown two- or three-word name may count: each names the speaker right next to the
 * quotation. A label ("Ines Rocha: “…”") counts only at the start of a line, as an interview turn.
 */
const FORMS_FOR_NEW_NAMES: ReadonlySet<AttributionForm> = new Set<AttributionForm>(['said X', 'X said', 'according to X', '— X', 'X: “…”']);

/** Whether the role words before a name keep it the speaker ("the engineer"), not an object ("a friend of"). */
function roleAllows(m: RegExpExecArray, subject: string): boolean {
  const role = m.groups?.role;
  if (!role) return true;
  if (role.trim().split(/[ \t\u00A0]+/u).some((w) => ROLE_STOP.has(w))) return false;
  // After role words the name must end the clause: "said a fisherman Tomas Berg knows" is not Tomas Berg.
  const end = m.indices?.groups?.name?.[1] ?? 0;
  return /^\s*(?:[,.;:!?)\u2014\u2013*_]|--|$)/u.test(subject.slice(end));
}

/** An interview label in capitals ("TOMAS BERG:") read as a name ("Tomas Berg"); the length stays the same. */
function titleCaseLabel(run: string): string {
  if (!/^[\p{Lu}\p{M}'’. \t\u00A0-]+$/u.test(run) || !/\p{Lu}{2}/u.test(run)) return run;
  return run.replace(/\p{Lu}[\p{Lu}\p{M}]*/gu, (w) => w[0] + w.slice(1).toLowerCase());
}

/**
 * The attribution of a quotation, when the text states it explicitly. `allowNew` lets an unknown two- or
 * three-word name count, and only in a form that names the speaker right next to the quotation.
 */
export function findAttribution(text: string, context: QuotationContext, names: NameBook, allowNew: boolean): AttributionHit | undefined {
  const beforeText = text.slice(context.before.start, context.before.end);
  const afterText = text.slice(context.after.start, context.after.end);
  const tryMatch = (
    regex: RegExp,
    subject: string,
    base: number,
    form: AttributionForm,
    guard?: (m: RegExpExecArray) => boolean,
    mapRun: (run: string) => string = (run) => run,
    newHere = true,
  ): AttributionHit | undefined => {
    const m = regex.exec(subject);
    if (!m || (guard && !guard(m))) return undefined;
    let run: string | undefined;
    let indices: [number, number] | undefined;
    if (m.groups?.name !== undefined) {
      run = m.groups.name;
      indices = m.indices?.groups?.name;
    } else {
      const group = m.slice(1).findIndex((g) => g !== undefined) + 1;
      if (group === 0) return undefined;
      run = m[group];
      indices = m.indices?.[group];
    }
    if (run === undefined || !indices) return undefined;
    return resolveHit(names, mapRun(run), base + indices[0], form, allowNew && newHere);
  };
  const withRole = (subject: string) => (m: RegExpExecArray): boolean => roleAllows(m, subject);
  const notAnObject = (m: RegExpExecArray): boolean => !NOT_A_SUBJECT_BEFORE.test(beforeText.slice(0, m.indices?.[1]?.[0] ?? 0));
  return (
    tryMatch(AFTER_INVERTED, afterText, context.after.start, 'said X', withRole(afterText)) ??
    tryMatch(AFTER_SUBJECT, afterText, context.after.start, 'X said') ??
    tryMatch(AFTER_CLAUSE, afterText, context.after.start, 'X said') ??
    tryMatch(AFTER_ACCORDING, afterText, context.after.start, 'according to X', withRole(afterText)) ??
    tryMatch(AFTER_DASH, afterText, context.after.start, '— X') ??
    tryMatch(BEFORE_INVERTED, beforeText, context.before.start, 'said X', withRole(beforeText)) ??
    tryMatch(BEFORE_SUBJECT, beforeText, context.before.start, 'X said', notAnObject) ??
    tryMatch(BEFORE_CLAUSE, beforeText, context.before.start, 'X said', notAnObject) ??
    tryMatch(BEFORE_APPOSITIVE, beforeText, context.before.start, 'X said') ??
    tryMatch(BEFORE_ACCORDING, beforeText, context.before.start, 'according to X', withRole(beforeText)) ??
    tryMatch(BEFORE_LABEL, beforeText, context.before.start, 'X: “…”', undefined, titleCaseLabel, atLineStart(text, context.before.start)) ??
    (context.wholeSentence && context.nextSentence
      ? tryMatch(NEXT_SENTENCE, text.slice(context.nextSentence.start, context.nextSentence.end), context.nextSentence.start, 'next sentence')
      : undefined) ??
    (context.wholeSentence && context.previousSentence
      ? tryMatch(PREVIOUS_SENTENCE, text.slice(context.previousSentence.start, context.previousSentence.end), context.previousSentence.start, 'previous sentence')
      : undefined)
  );

  function resolveHit(book: NameBook, run: string, start: number, form: AttributionForm, allowNewNames: boolean): AttributionHit | undefined {
    const resolution = book.resolve(run);
    if (resolution.kind === 'none') return undefined;
    if (resolution.kind === 'new' && !(allowNewNames && FORMS_FOR_NEW_NAMES.has(form))) return undefined;
    return { resolution, range: { start: start + resolution.at, end: start + resolution.at + resolution.length }, form };
  }
}

/** Whether only blanks and markup (`>`, `*`, `_`, `-`) stand between the line start and offset. */
function atLineStart(text: string, offset: number): boolean {
  let i = offset - 1;
  while (i >= 0 && offset - i < 40 && /[ \t>*_-]/u.test(text[i])) i--;
  return i < 0 || text[i] === '\n';
}

const DASH_LINE = new RegExp(`^[\\s>]*(?:\\u2014|\\u2013|\\u2015|---?)\\s*(?:\\\\[a-z]+\\s*\\{)?[*_]*(${NAME_RUN})(?![\\p{L}])`, 'du');

/** The known speaker an attribution line names ("— Lovre Pešut, *Fruits of scale*"), if any. */
export function attributionLineHit(text: string, line: TextRange, names: NameBook): AttributionHit | undefined {
  const m = DASH_LINE.exec(text.slice(line.start, line.end));
  const indices = m?.indices?.[1];
  if (!m || !indices) return undefined;
  const resolution = names.resolve(m[1]);
  if (resolution.kind !== 'known') return undefined;
  const start = line.start + indices[0] + resolution.at;
  return { resolution, range: { start, end: start + resolution.length }, form: '— X' };
}

const SPEECH_AFTER = new RegExp(`^[*_~]*[,.!?;]?[*_~]*\\s*(?:[\\p{L}'’-]+\\s+){0,6}?(?:${alt(SUBJECT_VERBS)}|according\\s+to)\\b`, 'u');
const SPEECH_BEFORE = new RegExp(`(?:${alt(SUBJECT_VERBS)})(?:\\s+[\\p{L}'’-]+){0,3}?(?:\\s+that)?${OPEN_MARKUP}[,:]?${OPEN_MARKUP}$`, 'u');

/**
 * Whether the text right around a quotation says that someone speaks ("he said", "one engineer told us",
 * "according to a reviewer"), named or not: then the words are not the source's own, even when we cannot
 * tell whose they are.
 */
export function hasSpeechCue(text: string, context: QuotationContext): boolean {
  const before = text.slice(context.before.start, context.before.end);
  return (
    SPEECH_AFTER.test(text.slice(context.after.start, context.after.end)) ||
    SPEECH_BEFORE.test(before) ||
    ACCORDING_BEFORE.test(before) ||
    (ANSWER_LABEL.test(before) && atLineStart(text, context.before.start))
  );
}

/** "According to the report, “…”", "according to one resident, “…”": someone speaks, named or not. */
const ACCORDING_BEFORE = new RegExp(`(?:^|\\s)[Aa]ccording\\s+to(?:\\s+[\\p{L}\\p{N}'’-]+){1,6}?\\s*,${OPEN_MARKUP}$`, 'u');
/** An interview's answer turn ("A: “…”"): the interviewee speaks, not the writer (a question "Q:" is the writer's). */
const ANSWER_LABEL = new RegExp(`^${OPEN_MARKUP}(?:A|Answer|Interviewee|Guest)${OPEN_MARKUP}:${OPEN_MARKUP}$`, 'u');

// ---- Pronouns ------------------------------------------------------------------------------------------------

const PRONOUN_AFTER = new RegExp(
  `${LEAD}(?:(?<p1>he|she)\\s+(?:\\p{Ll}+ly\\s+)?(?:(?:${alt(OBJECT_VERBS)})${OBJECT}|(?:${alt(SUBJECT_VERBS)})${ADVERB})|(?:${alt(INVERTIBLE_VERBS)})\\s+(?<p2>he|she))` +
    `(?:\\s*(?:[.,;:!?)\\u2014\\u2013]|--|$)|\\s+(?:at|in|on|during|after|before|when|while|last|this|earlier|later|yesterday|today|then|again)[\\s.,])`,
  'du',
);
const PRONOUN_BEFORE = new RegExp(
  `(?:(?:^|[^\\p{L}\\p{N}'’])(?<p1>[Hh]e|[Ss]he)\\s+(?:\\p{Ll}+ly\\s+)?(?:(?:${alt(OBJECT_VERBS)})${OBJECT}|(?:${alt(SUBJECT_VERBS)})${ADVERB}(?:\\s+(?:this\\s+way|as\\s+follows))?)(?:\\s+that)?` +
    `|^[\\s,*_]*(?:${alt(INVERTIBLE_VERBS.filter((v) => !OBJECT_VERBS.includes(v)))})\\s+(?<p2>he|she))${OPEN_MARKUP}[,:]?${OPEN_MARKUP}$`,
  'du',
);

/**
 * Whether a quotation is attributed by "he" or "she" ("…,” she said", "Then he told me: “…”"); then it may be
 * the last named speaker's (see pronounSpeaker). Returns where the pronoun is.
 */
export function pronounCue(text: string, context: QuotationContext): number | undefined {
  for (const [regex, range] of [[PRONOUN_AFTER, context.after], [PRONOUN_BEFORE, context.before]] as const) {
    const m = regex.exec(text.slice(range.start, range.end));
    const at = m?.indices?.groups?.p1 ?? m?.indices?.groups?.p2;
    if (at) return range.start + at[0];
  }
  return undefined;
}

/** A sentence that starts with someone unnamed: "The mayor …", "Her husband …", "A neighbour …". */
const UNNAMED_SUBJECT =
  /(?:^|[.!?;:]\s+|\n\s*)(?:The|A|An|His|Her|Their|Its|Our|My|One|Another|Some|Several|Many|Most|Every|Each|Someone|Somebody|Everyone|Nobody)\s+\p{Ll}/u;

/** At most this far back a pronoun looks for its speaker, and across at most one paragraph break. */
const PRONOUN_REACH = 1_200;

/**
 * Whether "he" or "she" at `pronounAt` can only be `speaker`, last named at `namedAt`: the pronoun is near
 * (the same or the next paragraph, no heading between), and from the start of the speaker's paragraph to the
 * pronoun no one else is named, not even as an object ("Unlike Tomas Berg, she said"). A capitalised word
 * that may be a name and is not the speaker's counts as someone else: a wrong name is worse than none.
 */
export function pronounSpeaker(text: string, speaker: KnownSpeaker, namedAt: number, pronounAt: number, names: NameBook): boolean {
  if (pronounAt < namedAt || pronounAt - namedAt > PRONOUN_REACH) return false;
  const between = text.slice(namedAt, pronounAt);
  const breaks = between.match(/\n[ \t]*\n/gu)?.length ?? 0;
  if (breaks > 1 || /\n[ \t]*#/u.test(between)) return false;
  // Someone unnamed introduced in between ("Her husband stayed quiet. “…,” he said") may be the pronoun's.
  const unquoted = between.replace(/\u201C[^\u201D]*\u201D|"[^"\n]*"/gu, ' ');
  if (UNNAMED_SUBJECT.test(unquoted)) return false;
  const from = paragraphStart(text, namedAt);
  const own = new Set(
    [speaker.name, ...(speaker.aliases ?? [])].flatMap((n) => n.split(/[ \t\u00A0]+/u)).map((w) => w.replace(/['’]s$/u, '')),
  );
  const runs = new RegExp(NAME_RUN, 'gu');
  for (const m of text.slice(from, pronounAt).matchAll(runs)) {
    const resolution = mentionOf(names, m[0]);
    if (resolution.kind === 'known') {
      if (resolution.speaker.id !== speaker.id) return false;
      continue;
    }
    if (resolution.kind === 'new') return false;
    for (const word of m[0].split(/[ \t\u00A0]+/u)) {
      const bare = word.replace(/['’]s$/u, '').replace(/[.]$/u, '');
      if (bare === '' || own.has(bare) || isNonNameWord(bare) || isNonNameWord(word)) continue;
      return false;
    }
  }
  return true;
}

function paragraphStart(text: string, offset: number): number {
  const windowStart = Math.max(0, offset - 2_000);
  let last = -1;
  for (const m of text.slice(windowStart, offset).matchAll(/\n[ \t]*\n/gu)) last = (m.index ?? 0) + m[0].length;
  return last < 0 ? windowStart : windowStart + last;
}
