import type { FileProbe, FileRead } from '../../core/files/folderReader';
import type { BundleRequest, IoReply, IoRequest, WorkerRequest } from './protocol';

/*
 * The browser's source worker asks the extension host for what only the host reaches (a file of the writer's, read
 * through VS Code's file system; one of the extension's own bundles), and awaits the answer: requests are numbered,
 * and each IoReply settles the one of its number.
 */

type Question = Omit<IoRequest, 'type' | 'id'> | Omit<BundleRequest, 'type' | 'id'>;

export class HostRequests {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: IoReply['value']) => void; reject: (error: Error) => void }>();

  constructor(private readonly post: (request: WorkerRequest) => void) {}

  /** A file's status or bytes, as the host's reader of that folder gives them. */
  file(question: Omit<IoRequest, 'type' | 'id' | 'op'> & { readonly op: 'stat' }): Promise<FileProbe>;
  file(question: Omit<IoRequest, 'type' | 'id' | 'op'> & { readonly op: 'read' }): Promise<FileRead>;
  file(question: Omit<IoRequest, 'type' | 'id'>): Promise<FileProbe | FileRead> {
    return this.ask({ ...question }) as Promise<FileProbe | FileRead>;
  }

  /** The text of dist/web/<name>. */
  async bundle(name: string): Promise<string> {
    const text = await this.ask({ name });
    if (typeof text !== 'string') throw new Error(`dist/web/${name} came back without its text`);
    return text;
  }

  /** The host answered request `reply.id`. */
  settle(reply: IoReply): void {
    const waiting = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    if (reply.error !== undefined) waiting?.reject(new Error(reply.error));
    else waiting?.resolve(reply.value);
  }

  private ask(question: Question): Promise<IoReply['value']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.post('name' in question ? { type: 'bundle', id, ...question } : { type: 'io', id, ...question });
    });
  }
}
