/**
 * Bounds the answers being worked on: at most `concurrency` run at once, at most `maxWaiting` wait
 * (first come, first served), none waits longer than `maxWaitMs`. A place is reserved before the
 * person is told anything, so beyond the bound the reply can be an immediate "busy, try again"
 * instead of a wait of minutes, and memory stays bounded whatever the burst.
 */

export interface WorkQueueOptions {
  concurrency: number;
  maxWaiting: number;
  maxWaitMs: number;
}

/** The work waited longer than `maxWaitMs` for its turn and was not started. */
export class QueueWaitTimeout extends Error {
  override name = 'QueueWaitTimeout';
}

/** A place in the queue: `run` the work once, or `release` the place unused. */
export interface Reservation {
  run<T>(work: () => Promise<T>): Promise<T>;
  release(): void;
}

export class WorkQueue {
  private running = 0;
  private reserved = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: WorkQueueOptions) {}

  /** Work running, and work reserved or waiting for its turn. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.reserved + this.waiting.length };
  }

  /** A place, or null when `concurrency + maxWaiting` are already taken. */
  reserve(): Reservation | null {
    const { concurrency, maxWaiting } = this.options;
    if (this.running + this.reserved + this.waiting.length >= concurrency + maxWaiting) return null;
    this.reserved += 1;
    let used = false;
    const take = () => {
      if (used) return false;
      used = true;
      this.reserved -= 1;
      return true;
    };
    return {
      run: (work) => (take() ? this.enqueue(work) : Promise.reject(new Error('This place in the queue was already used.'))),
      release: () => void take(),
    };
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.options.concurrency) return this.start(work);
    return new Promise<T>((resolve, reject) => {
      const turn = () => {
        clearTimeout(timer);
        this.start(work).then(resolve, reject);
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(turn), 1);
        reject(new QueueWaitTimeout(`waited more than ${this.options.maxWaitMs} ms for a turn`));
      }, this.options.maxWaitMs);
      this.waiting.push(turn);
    });
  }

  private async start<T>(work: () => Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}
