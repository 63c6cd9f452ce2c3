import { Worker } from 'node:worker_threads';
import type { EmbedRequest, EmbedResponse, WorkerReady } from './embed-worker.js';

/** Query embeddings jump the queue so a question is never stuck behind a reindex. */
export type EmbedPriority = 'query' | 'batch';

interface Task {
  texts: string[];
  resolve: (vectors: number[][]) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  task: { id: number; task: Task } | null;
}

// The project runs TypeScript through tsx. On Node 20 a worker's `--import tsx` does not apply to
// its entry module, so a TypeScript worker starts from a small script that registers tsx first.
const runsTypeScript = import.meta.url.endsWith('.ts');

function createWorker(): Worker {
  if (!runsTypeScript) return new Worker(new URL('./embed-worker.js', import.meta.url));
  const tsxApi = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./embed-worker.ts', import.meta.url).href);
  const bootstrap = `import(${tsxApi}).then(({ register }) => { register(); return import(${entry}); });`;
  return new Worker(bootstrap, { eval: true });
}

function startWorker(): Promise<Worker> {
  const worker = createWorker();
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => reject(new Error(`The local embedding model failed to start: ${error.message}`));
    worker.once('error', fail);
    worker.once('message', (message: WorkerReady) => {
      worker.off('error', fail);
      if (message.ready) resolve(worker);
      else {
        void worker.terminate();
        fail(new Error(message.error));
      }
    });
  });
}

/**
 * A fixed set of worker threads, each running the local embedding model. Work is queued and
 * handed to whichever worker is idle; idle workers do not keep the process alive.
 */
export class EmbeddingPool {
  private readonly queue: Task[] = [];
  private nextId = 0;
  private closed = false;

  private constructor(private readonly slots: Slot[]) {
    for (const slot of slots) {
      slot.worker.on('message', (message: EmbedResponse) => this.finish(slot, message));
      slot.worker.on('error', (error) => this.failSlot(slot, error));
      slot.worker.on('exit', () => this.failSlot(slot, new Error('the embedding worker stopped')));
      slot.worker.unref();
    }
  }

  /** Starts `size` workers and waits until each has loaded the model. */
  static async start(size: number): Promise<EmbeddingPool> {
    const started = await Promise.allSettled(Array.from({ length: size }, () => startWorker()));
    const workers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw failure.reason;
    }
    return new EmbeddingPool(workers.map((worker) => ({ worker, task: null })));
  }

  get size(): number {
    return this.slots.length;
  }

  /** Embeds texts on one worker; spread large jobs over workers by calling this once per batch. */
  embed(texts: string[], priority: EmbedPriority = 'batch'): Promise<number[][]> {
    if (this.closed) return Promise.reject(new Error('The embedding pool is closed.'));
    if (texts.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const task = { texts, resolve, reject };
      if (priority === 'query') this.queue.unshift(task);
      else this.queue.push(task);
      this.dispatch();
    });
  }

  /** Stops every worker; pending work is rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const error = new Error('The embedding pool was closed.');
    for (const task of this.queue.splice(0)) task.reject(error);
    const slots = this.slots.splice(0);
    for (const slot of slots) slot.task?.task.reject(error);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.task || this.queue.length === 0) continue;
      const task = this.queue.shift()!;
      const id = this.nextId++;
      slot.task = { id, task };
      slot.worker.ref();
      slot.worker.postMessage({ id, texts: task.texts } satisfies EmbedRequest);
    }
  }

  private finish(slot: Slot, message: EmbedResponse): void {
    const current = slot.task;
    if (!current || current.id !== message.id) return;
    slot.task = null;
    slot.worker.unref();
    if ('error' in message) current.task.reject(new Error(`Embedding failed: ${message.error}`));
    else current.task.resolve(unflatten(message.vectors, message.dimensions));
    this.dispatch();
  }

  private failSlot(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    slot.task?.task.reject(new Error(`Embedding failed: ${error.message}`));
    if (this.slots.length === 0) {
      this.closed = true;
      for (const task of this.queue.splice(0)) task.reject(new Error('Every embedding worker stopped.'));
    } else this.dispatch();
  }
}

function unflatten(vectors: Float32Array, dimensions: number): number[][] {
  const rows: number[][] = [];
  for (let offset = 0; offset < vectors.length; offset += dimensions) {
    rows.push(Array.from(vectors.subarray(offset, offset + dimensions)));
  }
  return rows;
}
