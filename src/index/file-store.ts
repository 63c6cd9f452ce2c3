import { buildIndex } from './build.js';
import { watchGeneration, type GenerationWatch } from './generation-watch.js';
import type { IndexStore } from './index-store.js';
import { loadGeneration, type LoadOptions } from './load.js';
import { withIndexLock } from './lock.js';
import { readPublishedManifest, refuseShrink, withChanges } from './reindex-guard.js';

export interface FileStoreOptions extends LoadOptions {
  /**
   * Offer `follow`: answer from a generation another process publishes in the same folder (another
   * shard's `/reindex`, `npm run reindex`), noticed by polling the pointer every `intervalMs`.
   */
  followIntervalMs?: number;
}

/**
 * The default store: generation folders under `indexDir`. One build at a time across processes
 * (a lock file; IndexBusyError otherwise); a build that would empty or halve the published index
 * is refused (IndexShrinkError) unless `allowShrink`.
 */
export function fileIndexStore(indexDir: string, options: FileStoreOptions = {}): IndexStore {
  // The generation this process loaded last, so a follower does not reload what it already serves.
  let loaded: string | null = null;
  let watch: GenerationWatch | null = null;
  const store: IndexStore = {
    location: indexDir,
    async load(expected) {
      const next = await loadGeneration(indexDir, expected, options);
      loaded = next.generation;
      watch?.markLoaded(loaded);
      return next.index;
    },
    build: (ingest, embedder, buildOptions) =>
      withIndexLock(indexDir, async () => {
        const published = await readPublishedManifest(indexDir);
        refuseShrink(published, ingest, buildOptions.allowShrink ?? false);
        return withChanges(await buildIndex(ingest, embedder, { ...buildOptions, indexDir }), published, ingest);
      }),
    close: async () => {
      watch?.stop();
    },
  };
  const intervalMs = options.followIntervalMs;
  if (intervalMs === undefined) return store;
  store.follow = async (expected, onIndex, onError) => {
    const current = watchGeneration(indexDir, {
      loaded,
      intervalMs,
      async onChange() {
        onIndex(await store.load(expected));
      },
      onError: (_generation, error) => onError(error instanceof Error ? error : new Error(String(error))),
    });
    watch = current;
    return async () => current.stop();
  };
  return store;
}
