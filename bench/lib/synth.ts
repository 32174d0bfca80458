import type { KnowledgeBase } from '../../src/core/kb/knowledgeBase';
import type { Quote, Source, Term } from '../../src/core/kb/model';
import { pick, prng } from './stats';

/**
 * Deterministic synthetic corpora and glossaries built from the seeds' own words, so the benchmark measures
 * text that looks like the real thing at sizes the seeds cannot reach. Everything is driven by a seeded PRNG:
 * the same size gives the same corpus in every run and on every machine.
 */

/** Base texts: the seeds' quotes and the other sentences of their source bodies, each with the quote whose fields it borrows. */
interface BaseText {
  /** The id a synthetic copy derives from: a quote id, or `body:<source>:<n>` for a body sentence. */
  readonly baseId: string;
  readonly text: string;
  readonly meta: Quote;
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

const baseTextCache = new WeakMap<KnowledgeBase, BaseText[]>();

function baseTexts(kb: KnowledgeBase): BaseText[] {
  const cached = baseTextCache.get(kb);
  if (cached) return cached;
  const result: BaseText[] = kb.quotes.map((q) => ({ baseId: q.id, text: q.text, meta: q }));
  const quoteTexts = kb.quotes.map((q) => q.text);
  for (const source of kb.sources) {
    const own = kb.quotesForSource(source.id);
    const sentences = source.body.text
      .split(/(?<=[.!?])\s+|\n+/u)
      .map((s) => s.replace(/\s+/gu, ' ').trim())
      .filter((s) => s.length >= 60 && s.length <= 340 && !quoteTexts.some((t) => t.includes(s) || s.includes(t)));
    sentences.forEach((text, k) => {
      const meta = own.length > 0 ? own[k % own.length] : kb.quotes[k % kb.quotes.length];
      result.push({ baseId: `body:${source.id}:${k}`, text, meta });
    });
  }
  baseTextCache.set(kb, result);
  return result;
}

/** The distinct words of the seeds' quotes and bodies (as written, case kept), for replacements and glossaries. */
export function seedVocabulary(kb: KnowledgeBase): string[] {
  const words = new Set<string>();
  for (const b of baseTexts(kb)) for (const m of b.text.matchAll(WORD)) words.add(m[0]);
  return [...words].sort();
}

/**
 * A made-up but plausible word (k-th of a fixed family): the head of one seed word glued to the tail of
 * another, e.g. "pretrology". Real corpora keep meeting new words (names, jargon, typos) as they grow; without
 * these the vocabulary of a 300,000-quote corpus would stay at the seeds' ~3,000 words, which flatters an index.
 */
function pseudoWord(k: number, lower: readonly string[]): string {
  const r = prng(0x9e3779b1 ^ k);
  const a = pick(r, lower);
  const b = pick(r, lower);
  const head = a.slice(0, Math.max(2, Math.ceil(a.length * (0.4 + 0.3 * r()))));
  const tail = b.slice(Math.floor(b.length * (0.3 + 0.3 * r())));
  return `${head}${tail}`;
}

export interface SynthCorpusInfo {
  readonly size: number;
  readonly originals: number;
  readonly baseTexts: number;
  readonly pseudoWordPool: number;
}

/**
 * `size` quotes: the seeds' quotes unchanged (so typo targets stay findable by id), then perturbed copies of
 * the base texts in a deterministic order. Each copy: 1–3 adjacent-word swaps, one word replaced by another seed
 * word, one word replaced by a pseudo-word half of the time (vocabulary growth), the speaker swapped half of
 * the time and the source varied (same source, another title) 30% of the time. Themes, terms and `about` stay
 * those of the quote the text came from, so every field fuse.js and our index read exists.
 * A copy's id is `<baseId>~<n>`: `familyOf` maps it back.
 */
export function synthCorpus(kb: KnowledgeBase, size: number, seed = 20261123): { quotes: Quote[]; info: SynthCorpusInfo } {
  const rand = prng(seed ^ size);
  const bases = baseTexts(kb);
  const vocab = seedVocabulary(kb);
  const lower = [...new Set(vocab.map((w) => w.toLowerCase()).filter((w) => /^\p{L}{4,}$/u.test(w)))];
  const poolSize = Math.max(100, Math.round(size / 2));
  const sourceVariants = new Map<string, Source[]>();
  const variantOf = (source: Source): Source => {
    let list = sourceVariants.get(source.id);
    if (!list) {
      list = [];
      for (let v = 1; v <= 8; v++) {
        const words = `${pick(rand, vocab)} ${pick(rand, vocab)}`;
        list.push({ ...source, id: `${source.id}~v${v}`, title: `${source.title} (${words}, part ${v})` });
      }
      sourceVariants.set(source.id, list);
    }
    return pick(rand, list);
  };
  const quotes: Quote[] = kb.quotes.slice(0, size);
  for (let i = quotes.length; i < size; i++) {
    const base = bases[i % bases.length];
    const words = base.text.split(' ');
    const swaps = 1 + Math.floor(rand() * 3);
    for (let s = 0; s < swaps && words.length > 2; s++) {
      const j = Math.floor(rand() * (words.length - 1));
      [words[j], words[j + 1]] = [words[j + 1], words[j]];
    }
    words[Math.floor(rand() * words.length)] = pick(rand, vocab);
    if (rand() < 0.5) words[Math.floor(rand() * words.length)] = pseudoWord(Math.floor(rand() * poolSize), lower);
    const meta = base.meta;
    quotes.push({
      ...meta,
      id: `${base.baseId}~${i}`,
      text: words.join(' '),
      speaker: rand() < 0.5 ? pick(rand, kb.speakers) : meta.speaker,
      source: rand() < 0.3 ? variantOf(meta.source) : meta.source,
    });
  }
  return { quotes, info: { size, originals: Math.min(size, kb.quotes.length), baseTexts: bases.length, pseudoWordPool: poolSize } };
}

/** The quote id a (possibly synthetic) quote derives from. */
export function familyOf(id: string): string {
  const tilde = id.indexOf('~');
  return tilde < 0 ? id : id.slice(0, tilde);
}

/**
 * A glossary of `size` terms: the real ones, then 2–3-word phrases of seed words; a quarter of the phrases are
 * hyphenated and a fifth of them also have a closed-compound variant, as real glossaries do.
 */
export function synthGlossary(kb: KnowledgeBase, size: number, seed = 5000): Term[] {
  const rand = prng(seed);
  const words = [...new Set(seedVocabulary(kb).map((w) => w.toLowerCase()).filter((w) => /^\p{L}{3,}$/u.test(w)))];
  const terms: Term[] = [...kb.terms];
  const labels = new Set(terms.map((t) => t.label.toLowerCase()));
  let k = 0;
  while (terms.length < size) {
    const count = rand() < 0.6 ? 2 : 3;
    const parts = Array.from({ length: count }, () => pick(rand, words));
    const hyphenated = rand() < 0.25;
    const label = parts.join(hyphenated ? '-' : ' ');
    if (labels.has(label)) continue;
    labels.add(label);
    const variants = rand() < 0.2 ? [parts.join('')] : [];
    terms.push({ id: `synthetic-term-${k++}`, label, variants, definition: '', themes: [] });
  }
  return terms;
}

export interface HoverLine {
  readonly text: string;
  /** Where spellings of glossary terms were put, as [start, end) pairs. */
  readonly occurrences: readonly (readonly [number, number])[];
}

/**
 * A line of exactly `length` characters of seed prose with glossary spellings mixed in (about one piece in
 * four), recording where the spellings are so that hover positions can land on them.
 */
export function hoverLine(kb: KnowledgeBase, spellings: readonly string[], length: number, seed: number): HoverLine {
  const rand = prng(seed);
  const prose = baseTexts(kb).map((b) => b.text.split(' '));
  const pieces: string[] = [];
  const occurrences: [number, number][] = [];
  let at = 0;
  while (at < length) {
    let piece: string;
    if (rand() < 0.25) {
      piece = pick(rand, spellings);
      if (rand() < 0.3) piece = piece.toUpperCase();
      if (at + piece.length <= length) occurrences.push([at, at + piece.length]);
    } else {
      const sentence = pick(rand, prose);
      const from = Math.floor(rand() * sentence.length);
      piece = sentence.slice(from, from + 2 + Math.floor(rand() * 6)).join(' ');
    }
    pieces.push(piece);
    at += piece.length + 1;
  }
  let text = pieces.join(' ').slice(0, length);
  // Flatten the rope now so that no lookup pays for it.
  text = Buffer.from(text, 'utf16le').toString('utf16le');
  return { text, occurrences };
}

/** Every spelling (label and variants) of a glossary, as written. */
export function spellingsOf(terms: readonly Term[]): string[] {
  return terms.flatMap((t) => [t.label, ...t.variants]);
}
