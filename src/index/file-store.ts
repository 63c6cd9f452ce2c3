import { buildIndex } from './build.js';
import type { IndexStore } from './index-store.js';
import { loadIndex } from './load.js';

/** The default store: generation folders under `indexDir`, read and written by this process. */
export function fileIndexStore(indexDir: string): IndexStore {
  return {
    location: indexDir,
    load: (expected) => loadIndex(indexDir, expected),
    build: (ingest, embedder, options) => buildIndex(ingest, embedder, { ...options, indexDir }),
    close: async () => undefined,
  };
}
