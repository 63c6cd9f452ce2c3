import path from 'node:path';
import type { Config } from './config/config.js';
import type { ReindexSummary } from './domain.js';
import { createEngine, type EngineSettings, type SwappableEngine } from './answer/engine.js';
import { buildIndex } from './index/build.js';
import { createEmbedder, plannedEmbedding, type Embedder, type EmbeddingIdentity } from './index/embeddings.js';
import { IndexError } from './index/generation-format.js';
import { watchGeneration } from './index/generation-watch.js';
import { loadGeneration, type ExpectedIndex, type LoadedGeneration } from './index/load.js';
import { ingestCorpus } from './ingest/corpus.js';
import type { Logger } from './log.js';

/**
 * The composition root shared by the terminal and the bot: one embedder and one index, loaded
 * once, behind an engine whose index a rebuild swaps while it keeps serving. It prints nothing:
 * whoever opens it hears about a build through callbacks.
 */
export interface OpenedEngine {
  engine: SwappableEngine;
  /** Re-reads the corpus, builds a new index beside the old one and swaps it in; one at a time. */
  rebuild(): Promise<ReindexSummary>;
  close(): Promise<void>;
}

/** Hears about an index build: its start, its progress in texts embedded, its end. */
export interface BuildReporter {
  started?(indexDir: string, corpusDir: string): void;
  progress?(done: number, total: number): void;
  finished?(summary: ReindexSummary): void;
  /** The build failed (the error is thrown on to the caller as well). */
  failed?(error: unknown): void;
}

export interface OpenOptions {
  /** Build the index when there is none (npm start); otherwise a missing index is an error. */
  buildIfMissing: boolean;
  /** Told about the build when the index is missing and gets built. */
  onBuild?: BuildReporter;
  settings?: Partial<EngineSettings>;
  /**
   * Answer from a generation another process publishes in the same INDEX_DIR (another shard's
   * `/reindex`, `npm run reindex`) within about a second, without a restart.
   */
  followIndexDir?: boolean;
}

/** How often a following process looks at the `current` pointer. */
const FOLLOW_INTERVAL_MS = 1_000;

function chunkingOf(config: Config): ExpectedIndex['chunking'] {
  return { size: config.CHUNK_SIZE, overlap: config.CHUNK_OVERLAP };
}

/** What the configuration expects of an index built with this embedder. */
export function expectedIndex(config: Config, embedder: EmbeddingIdentity): ExpectedIndex {
  return {
    provider: embedder.provider,
    model: embedder.model,
    dimensions: embedder.dimensions,
    chunking: chunkingOf(config),
    ef: config.HNSW_EF,
  };
}

/** Reads the corpus and writes a new index generation; the previous one stays usable if this fails. */
export async function reindexCorpus(
  config: Config,
  embedder: Embedder,
  onProgress?: (done: number, total: number) => void,
): Promise<ReindexSummary> {
  const ingest = await ingestCorpus(config.CORPUS_DIR);
  return buildIndex(ingest, embedder, { indexDir: config.INDEX_DIR, chunking: chunkingOf(config), onProgress });
}

/**
 * The index, from a load already under way (`early`, when it could start beside the model) or
 * loaded now; built first when it is missing and the options allow it.
 */
async function loadOrBuild(
  config: Config,
  embedder: Embedder,
  options: OpenOptions,
  logger: Logger,
  early: PromiseSettledResult<LoadedGeneration | null>,
): Promise<LoadedGeneration> {
  const expected = expectedIndex(config, embedder);
  try {
    if (early.status === 'rejected') throw early.reason;
    return early.value ?? (await loadGeneration(config.INDEX_DIR, expected));
  } catch (error) {
    if (!(options.buildIfMissing && error instanceof IndexError && error.code === 'missing')) throw error;
  }
  logger.info({ event: 'index-missing', indexDir: config.INDEX_DIR }, 'no index yet: building it');
  const reporter = options.onBuild;
  reporter?.started?.(config.INDEX_DIR, config.CORPUS_DIR);
  let summary: ReindexSummary;
  try {
    summary = await reindexCorpus(config, embedder, reporter?.progress?.bind(reporter));
  } catch (error) {
    reporter?.failed?.(error);
    throw error;
  }
  reporter?.finished?.(summary);
  return loadGeneration(config.INDEX_DIR, expected);
}

/**
 * Loads the model and the index (building the index first when asked) and returns the engine.
 * The worker threads load the model while this thread loads the index, when the index's expected
 * model is known beforehand (the local one).
 */
export async function openEngine(config: Config, logger: Logger, options: OpenOptions): Promise<OpenedEngine> {
  const planned = plannedEmbedding(config);
  const [started, early] = await Promise.allSettled([
    createEmbedder(config),
    planned ? loadGeneration(config.INDEX_DIR, expectedIndex(config, planned)) : Promise.resolve(null),
  ]);
  if (started.status === 'rejected') throw started.reason;
  const embedder = started.value;
  let loaded: LoadedGeneration;
  try {
    loaded = await loadOrBuild(config, embedder, options, logger, early);
  } catch (error) {
    await embedder.close();
    throw error;
  }
  const engine = createEngine({
    index: loaded.index,
    embedder,
    settings: { quotes: config.ANSWER_QUOTES, ...(config.MIN_RELEVANCE === undefined ? {} : { minRelevance: config.MIN_RELEVANCE }), ...options.settings },
  });

  const watch = options.followIndexDir
    ? watchGeneration(config.INDEX_DIR, {
        loaded: loaded.generation,
        intervalMs: FOLLOW_INTERVAL_MS,
        async onChange(generation) {
          const next = await loadGeneration(config.INDEX_DIR, expectedIndex(config, embedder));
          engine.swapIndex(next.index);
          watch?.markLoaded(next.generation);
          logger.info({ event: 'index-followed', generation: path.basename(next.generation), published: path.basename(generation) }, 'now answering from an index another process built');
        },
        onError(generation, error) {
          logger.warn({ event: 'index-follow-failed', generation: generation && path.basename(generation), err: error }, 'kept the index in use: could not load the one another process published');
        },
      })
    : null;

  let running: Promise<ReindexSummary> | null = null;
  const rebuild = (): Promise<ReindexSummary> => {
    // Concurrent requests share the build in progress instead of racing for the index folder.
    running ??= (async () => {
      const summary = await reindexCorpus(config, embedder);
      const next = await loadGeneration(config.INDEX_DIR, expectedIndex(config, embedder));
      engine.swapIndex(next.index);
      watch?.markLoaded(next.generation);
      // The caller logs the summary, with who asked for it.
      return summary;
    })().finally(() => {
      running = null;
    });
    return running;
  };

  return {
    engine,
    rebuild,
    close: () => {
      watch?.stop();
      return embedder.close();
    },
  };
}
