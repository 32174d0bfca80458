import type { CorpusSnapshot } from './snapshotTypes';

/*
 * A snapshot as JSON, for the seeds' snapshot made at build time (scripts/seedsSnapshot.ts) and read by the
 * extension in Node and in the browser alike (the source worker's snapshots are structured-cloned and stored with
 * v8.serialize instead). JSON has no typed arrays: each is written as its kind and its numbers.
 */

const TYPED_ARRAYS = { Int32Array, Uint32Array, Uint8Array, Float32Array, Float64Array } as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;

interface TaggedArray {
  readonly $typed: TypedArrayName;
  readonly values: readonly number[];
}

function isTagged(value: unknown): value is TaggedArray {
  return typeof value === 'object' && value !== null && typeof (value as TaggedArray).$typed === 'string' && Array.isArray((value as TaggedArray).values);
}

/** A snapshot's search and check indexes, kept apart from its corpus in the seeds' snapshot. */
export type SnapshotIndexes = Pick<CorpusSnapshot, 'search' | 'check'>;

/**
 * The seeds' snapshot as two JSON texts: the corpus, which activation reads, and its indexes, read half a second
 * later when they are restored. Parsing the indexes (two thirds of the text) at activation would only delay it.
 */
export function snapshotToJsonFiles(snapshot: CorpusSnapshot): { readonly corpus: string; readonly indexes: string } {
  const { search, check, ...corpus } = snapshot;
  return { corpus: toJson(corpus), indexes: toJson({ search, check } satisfies SnapshotIndexes) };
}

function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, value: unknown) => {
    if (!ArrayBuffer.isView(value)) return value;
    const name = value.constructor.name as TypedArrayName;
    if (!(name in TYPED_ARRAYS)) throw new Error(`a snapshot cannot hold a ${name}`);
    return { $typed: name, values: Array.from(value as unknown as ArrayLike<number>) } satisfies TaggedArray;
  });
}

/** The snapshot a JSON text holds; throws on anything else (the caller then loads the seeds from their files). */
export function snapshotFromJson(text: string): CorpusSnapshot {
  // Parsed plainly, then the tagged arrays replaced: a reviver would be called for every number (five times slower).
  const parsed = withTypedArrays(JSON.parse(text)) as CorpusSnapshot;
  if (typeof parsed !== 'object' || parsed === null || typeof parsed.format !== 'number' || !Array.isArray(parsed.sources)) throw new Error('not a corpus snapshot');
  return parsed;
}

/** The indexes a JSON text of snapshotToJsonFiles holds; throws on anything else (the caller then builds them). */
export function indexesFromJson(text: string): SnapshotIndexes {
  const parsed = withTypedArrays(JSON.parse(text)) as SnapshotIndexes;
  if (typeof parsed !== 'object' || parsed === null || parsed.search === undefined || parsed.check === undefined) throw new Error('not the indexes of a corpus snapshot');
  return parsed;
}

function withTypedArrays(value: unknown): unknown {
  if (isTagged(value)) {
    const kind = TYPED_ARRAYS[value.$typed];
    if (!kind) throw new Error(`unknown typed array ${value.$typed}`);
    return kind.from(value.values);
  }
  if (Array.isArray(value)) {
    for (let k = 0; k < value.length; k++) if (typeof value[k] === 'object') value[k] = withTypedArrays(value[k]);
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) if (typeof record[key] === 'object') record[key] = withTypedArrays(record[key]);
  }
  return value;
}
