import type { Speaker, TextRange } from '../kb/model';

/**
 * Speaker turns of a transcript or an interview: "Q:", "A:", "Ilya:", "**Mara Ellison:**" at the start of a line,
 * or after the end of a sentence inside one (machine transcripts run turns together: "… Thank you. Q: Hi Ilya").
 * A turn runs from its label to the next label or the end of its line. Only a label that names someone for
 * certain gives the turn a speaker: a known speaker's name or alias, or a questioner ("Q:", "QUESTIONER:"). "A:"
 * and unknown names end the previous turn but give none, so their words stay the writer's.
 */

export interface Turn {
  /** The label itself ("Q: ", "**Ilya:** "): not part of anyone's words. */
  readonly label: TextRange;
  /** The words of the turn, after the label. */
  readonly range: TextRange;
  readonly speaker?: Speaker;
}

/** Who "Q:" is in a Q&A: someone in the audience, never named. */
export const AUDIENCE_MEMBER: Speaker = Object.freeze({ id: 'audience-member', name: 'Audience member', kind: 'person', aliases: [] });

const QUESTIONER_LABELS = new Set(['q', 'question', 'questioner', 'audience', 'audience member']);

/** Up to three capitalised words, or Q/A, in optional bold, then a colon (inside or outside the bold). */
const LABEL = /(\*\*|__)?(\p{Lu}[\p{L}'’.-]*(?: \p{Lu}[\p{L}'’.-]*){0,2})(?:\1)?\s*:(?:\*\*|__)?[ \t]*/uy;
/** Where a label may start inside a line: after a sentence's end and its closing marks. */
const AFTER_SENTENCE = /[.?!…]["”’)\]]*[ \t]+/gu;
const LINE = /[^\r\n\u2028\u2029]+/gu;

/** Resolves a label's name to a speaker: exact name or alias of exactly one known speaker. */
export type LabelResolver = (label: string) => Speaker | undefined;

export function speakerLabelResolver(speakers: readonly Speaker[]): LabelResolver {
  const byName = new Map<string, Speaker | null>();
  const add = (name: string, speaker: Speaker): void => {
    const existing = byName.get(name);
    byName.set(name, existing === undefined || existing === speaker ? speaker : null); // null: ambiguous
  };
  for (const speaker of speakers) {
    if (speaker.kind === 'unsigned') continue;
    add(speaker.name, speaker);
    for (const alias of speaker.aliases) add(alias, speaker);
  }
  return (label) => {
    if (QUESTIONER_LABELS.has(label.toLowerCase())) return AUDIENCE_MEMBER;
    return byName.get(label) ?? undefined;
  };
}

/** The turns of text[start, end), in order. */
export function findTurns(text: string, resolve: LabelResolver, start = 0, end = text.length): Turn[] {
  const turns: Turn[] = [];
  LINE.lastIndex = start;
  for (let line = LINE.exec(text); line && line.index < end; line = LINE.exec(text)) {
    const lineStart = line.index;
    const lineEnd = Math.min(end, lineStart + line[0].length);
    const labels = labelsInLine(text, lineStart, lineEnd, resolve);
    labels.forEach((label, i) => {
      const next = i + 1 < labels.length ? labels[i + 1].label.start : lineEnd;
      turns.push({ label: label.label, range: { start: label.label.end, end: trimEnd(text, label.label.end, next) }, speaker: label.speaker });
    });
  }
  return turns;
}

interface Label {
  readonly label: TextRange;
  readonly speaker?: Speaker;
}

function labelsInLine(text: string, lineStart: number, lineEnd: number, resolve: LabelResolver): Label[] {
  const labels: Label[] = [];
  let contentStart = lineStart;
  while (contentStart < lineEnd && /[ \t>*-]/u.test(text[contentStart]) && !text.startsWith('**', contentStart)) contentStart++;
  const first = labelAt(text, contentStart, lineEnd, resolve, true);
  if (first) labels.push(first);
  AFTER_SENTENCE.lastIndex = first ? first.label.end : lineStart;
  for (let m = AFTER_SENTENCE.exec(text); m && m.index < lineEnd; m = AFTER_SENTENCE.exec(text)) {
    const at = m.index + m[0].length;
    // Inside a line only a label that names someone counts: "He told me: yes" is no turn.
    const label = labelAt(text, at, lineEnd, resolve, false);
    if (label) {
      labels.push(label);
      AFTER_SENTENCE.lastIndex = label.label.end;
    }
  }
  return labels;
}

function labelAt(text: string, at: number, lineEnd: number, resolve: LabelResolver, lineStart: boolean): Label | undefined {
  LABEL.lastIndex = at;
  const m = LABEL.exec(text);
  if (!m || m.index + m[0].length > lineEnd) return undefined;
  const name = m[2];
  const speaker = resolve(name);
  if (!speaker && !lineStart) return undefined;
  // At a line's start an unknown single word before a colon is a turn only when it looks like one ("A:", "MODERATOR:");
  // "Note: …" or "Update: …" are the writer's own words.
  if (!speaker && !/^(?:A|ANSWER|\p{Lu}{2,}(?: \p{Lu}{2,})*|\p{Lu}\p{Ll}+ \p{Lu}[\p{L}'’.-]*)$/u.test(name)) return undefined;
  return { label: { start: at, end: m.index + m[0].length }, speaker };
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/u.test(text[end - 1])) end--;
  return end;
}
