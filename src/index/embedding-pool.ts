import { Worker } from 'node:worker_threads';
import type { EmbedRequest, EmbedResponse, WorkerReady } from './embed-worker.js';

/** Query embeddings jump the queue so a question is never stuck behind a reindex. */
export type EmbedPriority = 'query' | 'batch';

/** Most query texts one worker embeds in one model call: a batch costs far less per text than single calls. */
export const QUERY_BATCH = 16;

interface Task {
  texts: string[];
  priority: EmbedPriority;
  /** Set once the task was caught in a worker's crash and queued again. */
  retried: boolean;
  resolve: (vectors: number[][]) => void;
  reject: (error: Error) => void;
}

export interface PoolOptions {
  /** Workers replaced within `restartWindowMs` before the pool gives up (default 5). */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** Called once when the model cannot run any more (workers keep dying, or cannot be started). */
  onDead?: (error: Error) => void;
}

const DEFAULT_MAX_RESTARTS = 5;
const DEFAULT_RESTART_WINDOW_MS = 10 * 60_000;

interface Slot {
  worker: Worker;
  /** The tasks sent as one request; their texts are concatenated in this order. */
  job: { id: number; tasks: Task[] } | null;
}

/** Makes a worker that posts one WorkerReady message, then answers EmbedRequests. */
export type WorkerFactory = () => Worker;

// The project runs TypeScript through tsx. On Node 20 a worker's `--import tsx` does not apply to
// its entry module, so a TypeScript worker starts from a small script that registers tsx first.
const runsTypeScript = import.meta.url.endsWith('.ts');

function createEmbedWorker(): Worker {
  if (!runsTypeScript) return new Worker(new URL('./embed-worker.js', import.meta.url));
  const tsxApi = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./embed-worker.ts', import.meta.url).href);
  const bootstrap = `import(${tsxApi}).then(({ register }) => { register(); return import(${entry}); });`;
  return new Worker(bootstrap, { eval: true });
}

function startWorker(createWorker: WorkerFactory): Promise<Worker> {
  const worker = createWorker();
  return new Promise((resolve, reject) => {
    const stopListening = () => {
      worker.off('message', onReady);
      worker.off('error', fail);
      worker.off('exit', onExit);
    };
    function fail(error: Error): void {
      stopListening();
      void worker.terminate();
      reject(error);
    }
    function onExit(code: number): void {
      fail(new Error(`the worker exited with code ${code} before the model loaded`));
    }
    function onReady(message: WorkerReady): void {
      if (!message.ready) return fail(new Error(message.error));
      stopListening();
      resolve(worker);
    }
    worker.on('message', onReady);
    worker.on('error', fail);
    worker.on('exit', onExit);
  });
}

/** A worker start that fails (a race in the model library, a busy machine) gets one more try. */
async function startWorkerWithRetry(createWorker: WorkerFactory): Promise<Worker> {
  try {
    return await startWorker(createWorker);
  } catch {
    try {
      return await startWorker(createWorker);
    } catch (error) {
      throw new Error(`The local embedding model failed to start twice: ${(error as Error).message}`);
    }
  }
}

/**
 * A fixed set of worker threads, each running the local embedding model. Work is queued and
 * handed to whichever worker is idle; idle workers do not keep the process alive. Queries wait
 * in their own first-in-first-out queue ahead of batch work, and an idle worker takes up to
 * QUERY_BATCH waiting query texts as one request. A worker that dies is replaced; the work it
 * held is tried once more when it shared the request with other work (only a request of its own
 * is surely the one that crashed it). Past `maxRestarts` deaths in the window the pool gives up,
 * rejects everything and calls `onDead`, so the process can exit and be restarted.
 */
export class EmbeddingPool {
  private readonly queries: Task[] = [];
  private readonly batches: Task[] = [];
  private nextId = 0;
  private closed = false;
  private readonly deaths: number[] = [];
  private starting = 0;
  /** Why the pool gave up, once it has. */
  private deadError: Error | null = null;

  private constructor(
    private readonly slots: Slot[],
    private readonly createWorker: WorkerFactory,
    private readonly options: PoolOptions,
  ) {
    for (const slot of slots) this.watch(slot);
  }

  /**
   * Starts `size` workers and waits until each has loaded the model and run it once. A worker
   * that fails to start is retried once; if it fails again, the others are stopped and this throws.
   */
  static async start(size: number, createWorker: WorkerFactory = createEmbedWorker, options: PoolOptions = {}): Promise<EmbeddingPool> {
    const started = await Promise.allSettled(Array.from({ length: size }, () => startWorkerWithRetry(createWorker)));
    const workers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw failure.reason;
    }
    return new EmbeddingPool(workers.map((worker) => ({ worker, job: null })), createWorker, options);
  }

  private watch(slot: Slot): void {
    slot.worker.on('message', (message: EmbedResponse) => this.finish(slot, message));
    slot.worker.on('error', (error) => this.failSlot(slot, error));
    slot.worker.on('exit', () => this.failSlot(slot, new Error('the embedding worker stopped')));
    slot.worker.unref();
  }

  get size(): number {
    return this.slots.length;
  }

  /** Embeds texts on one worker; spread large jobs over workers by calling this once per batch. */
  embed(texts: string[], priority: EmbedPriority = 'batch'): Promise<number[][]> {
    if (this.closed) return Promise.reject(this.deadError ?? new Error('The embedding pool is closed.'));
    if (texts.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      (priority === 'query' ? this.queries : this.batches).push({ texts, priority, retried: false, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; pending work is rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const error = new Error('The embedding pool was closed.');
    for (const task of [...this.queries.splice(0), ...this.batches.splice(0)]) task.reject(error);
    const slots = this.slots.splice(0);
    for (const slot of slots) slot.job?.tasks.forEach((task) => task.reject(error));
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  /** The next request: the oldest queries, as many as fit in QUERY_BATCH texts (at least one), else one batch. */
  private nextTasks(): Task[] {
    if (this.queries.length === 0) return this.batches.splice(0, 1);
    // Work retried after a crash goes alone, so a second crash names its culprit.
    if (this.queries[0]!.retried) return this.queries.splice(0, 1);
    let count = 1;
    let texts = this.queries[0]!.texts.length;
    while (count < this.queries.length && !this.queries[count]!.retried && texts + this.queries[count]!.texts.length <= QUERY_BATCH) {
      texts += this.queries[count]!.texts.length;
      count++;
    }
    return this.queries.splice(0, count);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job) continue;
      const tasks = this.nextTasks();
      if (tasks.length === 0) return;
      const id = this.nextId++;
      slot.job = { id, tasks };
      slot.worker.ref();
      slot.worker.postMessage({ id, texts: tasks.flatMap((task) => task.texts) } satisfies EmbedRequest);
    }
  }

  private finish(slot: Slot, message: EmbedResponse): void {
    const current = slot.job;
    if (!current || current.id !== message.id) return;
    slot.job = null;
    slot.worker.unref();
    if ('error' in message) {
      for (const task of current.tasks) task.reject(new Error(`Embedding failed: ${message.error}`));
    } else {
      const rows = unflatten(message.vectors, message.dimensions);
      let offset = 0;
      for (const task of current.tasks) {
        task.resolve(rows.slice(offset, offset + task.texts.length));
        offset += task.texts.length;
      }
    }
    this.dispatch();
  }

  private failSlot(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    const tasks = slot.job?.tasks ?? [];
    const shared = tasks.length > 1;
    for (const task of tasks) {
      if (shared && !task.retried && !this.closed) {
        task.retried = true;
        (task.priority === 'query' ? this.queries : this.batches).unshift(task);
      } else {
        task.reject(new Error(`Embedding failed: ${error.message}`));
      }
    }
    if (this.closed) return;
    const now = Date.now();
    const window = this.options.restartWindowMs ?? DEFAULT_RESTART_WINDOW_MS;
    this.deaths.push(now);
    while (this.deaths.length > 0 && now - this.deaths[0]! > window) this.deaths.shift();
    const maxRestarts = this.options.maxRestarts ?? DEFAULT_MAX_RESTARTS;
    if (this.deaths.length > maxRestarts) {
      this.die(new Error(`The embedding model stopped ${this.deaths.length} times in ${Math.round(window / 60_000)} minutes (last: ${error.message})`));
      return;
    }
    this.replaceWorker();
    this.dispatch();
  }

  private replaceWorker(): void {
    this.starting += 1;
    startWorkerWithRetry(this.createWorker).then(
      (worker) => {
        this.starting -= 1;
        if (this.closed) {
          void worker.terminate();
          return;
        }
        const slot: Slot = { worker, job: null };
        this.slots.push(slot);
        this.watch(slot);
        this.dispatch();
      },
      (error: Error) => {
        this.starting -= 1;
        if (this.slots.length === 0 && this.starting === 0) this.die(error);
      },
    );
  }

  /** The model cannot run any more: everything waiting is rejected, and whoever runs the process is told. */
  private die(cause: Error): void {
    if (this.closed) return;
    this.closed = true;
    const error = new Error(`The embedding model cannot run: ${cause.message}.`);
    this.deadError = error;
    for (const task of [...this.queries.splice(0), ...this.batches.splice(0)]) task.reject(error);
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      slot.job?.tasks.forEach((task) => task.reject(error));
      void slot.worker.terminate();
    }
    this.options.onDead?.(error);
  }
}

function unflatten(vectors: Float32Array, dimensions: number): number[][] {
  const rows: number[][] = [];
  for (let offset = 0; offset < vectors.length; offset += dimensions) {
    rows.push(Array.from(vectors.subarray(offset, offset + dimensions)));
  }
  return rows;
}
