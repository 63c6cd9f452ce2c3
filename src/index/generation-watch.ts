import { currentGeneration } from './generations.js';

/**
 * Tells a running process that another one published a new index generation in the same
 * INDEX_DIR (another shard's `/reindex`, or `npm run reindex` in a terminal). It polls the
 * `current` pointer: one small read a second works on every filesystem (container volumes and
 * network mounts included, where inotify events go missing) and needs no channel between the
 * processes, which may not share a parent.
 */

export interface GenerationWatch {
  /** Records the generation this process itself loaded, so it is not reloaded. */
  markLoaded(generation: string | null): void;
  stop(): void;
}

export interface WatchOptions {
  /** The generation in use when the watch starts (null: none yet). */
  loaded: string | null;
  intervalMs: number;
  /** Loads the named generation; a failure is reported and not retried until the pointer moves again. */
  onChange(generation: string): Promise<void>;
  onError(generation: string | null, error: unknown): void;
}

export function watchGeneration(indexDir: string, options: WatchOptions): GenerationWatch {
  let loaded = options.loaded;
  let failed: string | null = null;
  let busy = false;
  /** A damaged pointer is reported once, not every second until someone fixes it. */
  let pointerDamaged = false;

  async function check(): Promise<void> {
    let pointer: string | null;
    try {
      pointer = await currentGeneration(indexDir);
      pointerDamaged = false;
    } catch (error) {
      if (!pointerDamaged) options.onError(null, error);
      pointerDamaged = true;
      return;
    }
    if (pointer === null || pointer === loaded || pointer === failed) return;
    try {
      await options.onChange(pointer);
      loaded = pointer;
      failed = null;
    } catch (error) {
      failed = pointer;
      options.onError(pointer, error);
    }
  }

  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void check().finally(() => {
      busy = false;
    });
  }, options.intervalMs);
  // The watch alone never keeps a process alive.
  timer.unref();

  return {
    markLoaded(generation) {
      loaded = generation;
    },
    stop() {
      clearInterval(timer);
    },
  };
}
