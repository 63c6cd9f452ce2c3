import cliProgress from 'cli-progress';
import type { Config } from './config/config.js';
import type { ReindexSummary } from './domain.js';
import { createEngine, type EngineSettings, type SwappableEngine } from './answer/engine.js';
import { createEmbedder, plannedEmbedding, type Embedder, type EmbeddingIdentity } from './index/embeddings.js';
import { buildIndex, IndexError, loadIndex, type ExpectedIndex } from './index/store.js';
import type { SearchIndex } from './index/search-index.js';
import { ingestCorpus } from './ingest/corpus.js';
import type { Logger } from './log.js';

/**
 * The composition root shared by the terminal and the bot: one embedder and one index, loaded
 * once, behind an engine whose index a rebuild swaps while it keeps serving.
 */
export interface OpenedEngine {
  engine: SwappableEngine;
  /** Re-reads the corpus, builds a new index beside the old one and swaps it in; one at a time. */
  rebuild(): Promise<ReindexSummary>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Build the index when there is none (npm start); otherwise a missing index is an error. */
  buildIfMissing: boolean;
  /** Draw a progress bar on a terminal while building. */
  showProgress?: boolean;
  settings?: Partial<EngineSettings>;
}

function chunkingOf(config: Config): ExpectedIndex['chunking'] {
  return { size: config.CHUNK_SIZE, overlap: config.CHUNK_OVERLAP };
}

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
  const summary = await buildIndex(ingest, embedder, {
    indexDir: config.INDEX_DIR,
    chunking: chunkingOf(config),
    onProgress,
  });
  return {
    files: summary.files,
    articles: summary.articles,
    passages: summary.passages,
    reusedPassages: summary.reusedPassages,
    seconds: summary.seconds,
    problems: ingest.problems,
  };
}

/** Runs a reindex with a progress bar when stderr is a terminal; elsewhere reports to `withoutTerminal`, if given. */
export async function reindexWithProgress(
  config: Config,
  embedder: Embedder,
  withoutTerminal?: (done: number, total: number) => void,
): Promise<ReindexSummary> {
  if (!process.stderr.isTTY) return reindexCorpus(config, embedder, withoutTerminal);
  const bar = new cliProgress.SingleBar(
    { format: 'indexing [{bar}] {value}/{total} passages and sentences, {eta}s left', stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  try {
    return await reindexCorpus(config, embedder, (done, total) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    });
  } finally {
    if (started) bar.stop();
  }
}

/** The lines a person reads after a reindex: each skipped file, then what was indexed. */
export function describeReindex(summary: ReindexSummary, indexDir: string): string[] {
  return [
    ...summary.problems.map((problem) => `skipped ${problem.source}: ${problem.message}`),
    `indexed ${summary.files} files, ${summary.articles} articles, ${summary.passages} passages ` +
      `(${summary.reusedPassages} reused) in ${summary.seconds.toFixed(1)} s -> ${indexDir}`,
  ];
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
  early: PromiseSettledResult<SearchIndex | null>,
): Promise<SearchIndex> {
  const expected = expectedIndex(config, embedder);
  try {
    if (early.status === 'rejected') throw early.reason;
    return early.value ?? (await loadIndex(config.INDEX_DIR, expected));
  } catch (error) {
    if (!(options.buildIfMissing && error instanceof IndexError && error.code === 'missing')) throw error;
  }
  logger.info({ event: 'index-missing', indexDir: config.INDEX_DIR }, 'no index yet: building it');
  if (options.showProgress) console.error(`No index at ${config.INDEX_DIR} yet: building it from ${config.CORPUS_DIR} (once).`);
  const summary = options.showProgress ? await reindexWithProgress(config, embedder) : await reindexCorpus(config, embedder);
  if (options.showProgress) {
    for (const line of describeReindex(summary, config.INDEX_DIR)) console.error(line);
  }
  return loadIndex(config.INDEX_DIR, expected);
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
    planned ? loadIndex(config.INDEX_DIR, expectedIndex(config, planned)) : Promise.resolve(null),
  ]);
  if (started.status === 'rejected') throw started.reason;
  const embedder = started.value;
  let index: SearchIndex;
  try {
    index = await loadOrBuild(config, embedder, options, logger, early);
  } catch (error) {
    await embedder.close();
    throw error;
  }
  const engine = createEngine({
    index,
    embedder,
    settings: { quotes: config.ANSWER_QUOTES, ...(config.MIN_RELEVANCE === undefined ? {} : { minRelevance: config.MIN_RELEVANCE }), ...options.settings },
  });

  let running: Promise<ReindexSummary> | null = null;
  const rebuild = (): Promise<ReindexSummary> => {
    // Concurrent requests share the build in progress instead of racing for the index folder.
    running ??= (async () => {
      const summary = await reindexCorpus(config, embedder);
      engine.swapIndex(await loadIndex(config.INDEX_DIR, expectedIndex(config, embedder)));
      // The caller logs the summary, with who asked for it.
      return summary;
    })().finally(() => {
      running = null;
    });
    return running;
  };

  return { engine, rebuild, close: () => embedder.close() };
}
