import type { CorpusSnapshot } from '../../core/snapshot/snapshotTypes';
import type { CorpusOrigin, FromWorker, LoadedReply } from './protocol';

/*
 * How the source worker answers the extension host. A large answer goes in pieces, each sent only once the host has
 * acknowledged the one before (PartReceived): Node hands a port's queued messages over in one go, and receiving a
 * big message is one uninterrupted copy on the host's thread. The light entry (workerMain.ts) owns the one Replies
 * of the worker and passes it to the heavy half (folderLoad.ts), which is a bundle of its own. The browser's worker
 * (webWorkerMain.ts) answers the same way: each worker gives its own way of posting.
 */

/** How a worker posts to the extension host: a worker thread's parent port, a Web Worker's postMessage. */
export type PostToHost = (message: FromWorker, transfer: ArrayBuffer[]) => void;

/** Sources per message: a hundred notes' texts are about a megabyte, received in a few milliseconds. */
const SOURCES_PER_PART = 100;

export class Replies {
  /** The host's acknowledgements awaited, by load. */
  private readonly awaiting = new Map<number, () => void>();

  constructor(private readonly postToHost: PostToHost) {}

  post(message: FromWorker, transfer: readonly ArrayBuffer[] = []): void {
    this.postToHost(message, [...transfer]);
  }

  /** Sends a piece of a load's answer and waits until the host has received it. */
  sendAcknowledged(message: FromWorker & { readonly id: number }, transfer: readonly ArrayBuffer[] = []): Promise<void> {
    return new Promise<void>((resolve) => {
      this.awaiting.set(message.id, resolve);
      this.post(message, transfer);
    });
  }

  /** The host received the last piece of load `id` (its PartReceived). */
  acknowledge(id: number): void {
    const resolve = this.awaiting.get(id);
    this.awaiting.delete(id);
    resolve?.();
  }

  /**
   * A load's corpus: its sources, its quote blocks and its indexes in pieces, then the rest with the reply, the typed arrays transferred rather than
   * copied on the host's side (copies are made here: the worker keeps its snapshot for the next load).
   */
  async sendCorpus(reply: Omit<LoadedReply, 'type' | 'corpus'>, snapshot: CorpusSnapshot, from: CorpusOrigin): Promise<void> {
    for (let from = 0; from < snapshot.sources.length; from += SOURCES_PER_PART) {
      const piece = copiedArrays(snapshot.sources.slice(from, from + SOURCES_PER_PART));
      await this.sendAcknowledged({ type: 'corpus-part', id: reply.id, sources: piece.value }, piece.buffers);
    }
    for (const block of snapshot.quotes) {
      const piece = copiedArrays(block);
      await this.sendAcknowledged({ type: 'corpus-part', id: reply.id, quotes: piece.value }, piece.buffers);
    }
    for (const index of ['search', 'check'] as const) {
      if (snapshot[index] === undefined) continue;
      const piece = copiedArrays(snapshot[index]);
      await this.sendAcknowledged({ type: 'corpus-part', id: reply.id, [index]: piece.value }, piece.buffers);
    }
    const rest = copiedArrays({ ...snapshot, sources: [], quotes: [], search: undefined, check: undefined });
    this.post({ ...reply, type: 'loaded', corpus: { snapshot: rest.value, from } }, rest.buffers);
  }
}

/**
 * A copy of `value` whose typed arrays are fresh copies, with their buffers: safe to transfer, and small. (A typed
 * array read back by v8.deserialize is a view into the whole file's buffer, which postMessage would copy whole for
 * each of them: a hundred sources' pieces took minutes at 10,000 files.)
 */
export function copiedArrays<T>(value: T): { value: T; buffers: ArrayBuffer[] } {
  const buffers: ArrayBuffer[] = [];
  const copy = (item: unknown): unknown => {
    if (ArrayBuffer.isView(item)) {
      const fresh = (item as unknown as { slice(): ArrayBufferView }).slice();
      buffers.push(fresh.buffer as ArrayBuffer);
      return fresh;
    }
    if (Array.isArray(item)) return item.map(copy);
    if (item !== null && typeof item === 'object') return Object.fromEntries(Object.entries(item).map(([key, field]) => [key, copy(field)]));
    return item;
  };
  return { value: copy(value) as T, buffers };
}
