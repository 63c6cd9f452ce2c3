import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { calibrateIndex, type Calibration } from './answer/calibration.js';
import type { Config } from './config/config.js';
import { collectSecrets, secretsOf } from './config/secrets.js';
import type { ReindexSummary } from './domain.js';
import { loadChatModel } from './answer/chat-model.js';
import { createEngine, type EngineSettings, type SwappableEngine } from './answer/engine.js';
import { createEmbedder, plannedEmbedding, type Embedder, type EmbeddingIdentity } from './index/embeddings.js';
import { fileIndexStore } from './index/file-store.js';
import { IndexError } from './index/generation-format.js';
import type { ExpectedIndex, IndexStore } from './index/index-store.js';
import type { SearchIndex } from './index/search-index.js';
import { ingestCorpus } from './ingest/corpus.js';
import { createLogger, type Logger } from './log.js';
import { describeUrl } from './postgres/url.js';

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
  /** `location`: where the index is written (the INDEX_DIR folder, or the database). */
  started?(location: string, corpusDir: string): void;
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
  /**
   * Called once if the embedding model stops working for good (its workers keep dying): every
   * question would fail from then on, so a long-running process should exit and be restarted.
   */
  onEmbedderDead?: (error: Error) => void;
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

/** Where the configuration keeps the index, for messages: the database (DATABASE_URL, without password) or INDEX_DIR. */
export function indexLocation(config: Config): string {
  return config.DATABASE_URL ? describeUrl(config.DATABASE_URL) : config.INDEX_DIR;
}

/** The store the configuration names: PostgreSQL when DATABASE_URL is set, else the INDEX_DIR folder. */
export async function openIndexStore(config: Config, logger: Logger, following = false): Promise<IndexStore> {
  if (!config.DATABASE_URL) {
    // A damaged current index served from its previous generation is worth a warning in the log.
    const onFallback = (message: string) => logger.warn({ event: 'index_fallback' }, message);
    return fileIndexStore(config.INDEX_DIR, { onFallback, ...(following ? { followIntervalMs: FOLLOW_INTERVAL_MS } : {}) });
  }
  // Loaded only with DATABASE_URL: the default store does not pay for the PostgreSQL client at start.
  const { openPostgresIndexStore } = await import('./index/postgres/postgres-store.js');
  return openPostgresIndexStore(config.DATABASE_URL, config.HNSW_EF, logger);
}

/** Where INDEX_DIR keeps the calibrated threshold of the index in use, with the build it belongs to. */
const CALIBRATION_FILE = 'calibration.json';
const CalibrationFileSchema = z.object({
  builtAt: z.string(),
  minRelevance: z.number().min(0).max(1),
  questions: z.number().int().min(0),
  highest: z.number(),
  quantile: z.number(),
});

/** The calibration saved for this build of the index, or null (none yet, another build's, unreadable). */
async function readCalibration(config: Config, index: SearchIndex): Promise<Calibration | null> {
  try {
    const saved = CalibrationFileSchema.parse(JSON.parse(await readFile(path.join(config.INDEX_DIR, CALIBRATION_FILE), 'utf8')));
    return saved.builtAt === index.manifest.builtAt ? saved : null;
  } catch {
    return null;
  }
}

/** Saves a calibration beside the index; a folder that cannot be written (a read-only deployment) only costs a recalibration. */
async function writeCalibration(config: Config, index: SearchIndex, calibration: Calibration, logger: Logger): Promise<void> {
  const file = path.join(config.INDEX_DIR, CALIBRATION_FILE);
  try {
    await writeFile(`${file}.tmp`, JSON.stringify({ builtAt: index.manifest.builtAt, ...calibration }, null, 2));
    await rename(`${file}.tmp`, file);
  } catch (error) {
    logger.warn({ event: 'calibration-not-saved', err: error }, 'could not save the relevance calibration; it is worked out again at the next start');
  }
}

/**
 * The index's calibrated relevance threshold (see answer/calibration): saved for this build, or
 * worked out now (a few seconds) and saved. None when MIN_RELEVANCE fixes the threshold.
 */
async function calibrationOf(config: Config, embedder: Embedder, index: SearchIndex, logger: Logger): Promise<Calibration | null> {
  if (config.MIN_RELEVANCE !== undefined) return null;
  const saved = await readCalibration(config, index);
  if (saved) return saved;
  const calibration = await calibrateIndex(index, embedder);
  await writeCalibration(config, index, calibration, logger);
  return calibration;
}

export interface ReindexOptions {
  /** Publish even an index with no articles, or less than half of the published one's (`--allow-shrink`). */
  allowShrink?: boolean;
}

/**
 * Reads the corpus and writes a new index generation into `store` (by default the one the
 * configuration names, opened for this build), then calibrates its relevance threshold; the
 * previous one stays usable if this fails. Another reindex of the same index folder running
 * meanwhile (IndexBusyError), or a corpus that would empty or halve the published index
 * (IndexShrinkError, unless forced), fails it.
 */
export async function reindexCorpus(
  config: Config,
  embedder: Embedder,
  onProgress?: (done: number, total: number) => void,
  store?: IndexStore,
  options: ReindexOptions = {},
): Promise<ReindexSummary> {
  return (await buildCalibrated(config, embedder, onProgress, store, options)).summary;
}

/** `reindexCorpus`, also handing back the new index and its calibration (to swap it in). */
async function buildCalibrated(
  config: Config,
  embedder: Embedder,
  onProgress?: (done: number, total: number) => void,
  store?: IndexStore,
  options: ReindexOptions = {},
): Promise<{ summary: ReindexSummary; index: SearchIndex; calibration: Calibration | null }> {
  const logger = createLogger(config.LOG_LEVEL, secretsOf(config));
  const target = store ?? (await openIndexStore(config, logger));
  try {
    // Secrets are looked for in the corpus so a file holding one is never indexed (and never quoted).
    const ingest = await ingestCorpus(config.CORPUS_DIR, { secrets: collectSecrets(config) });
    const summary = await target.build(ingest, embedder, { chunking: chunkingOf(config), onProgress, allowShrink: options.allowShrink ?? false });
    const index = await target.load(expectedIndex(config, embedder));
    const calibration = await calibrationOf(config, embedder, index, logger);
    return { summary: { ...summary, ...(calibration ? { calibration } : {}) }, index, calibration };
  } finally {
    if (!store) await target.close();
  }
}

/**
 * The index, from a load already under way (`early`, when it could start beside the model) or
 * loaded now; built first when it is missing and the options allow it.
 */
async function loadOrBuild(
  config: Config,
  store: IndexStore,
  embedder: Embedder,
  options: OpenOptions,
  logger: Logger,
  early: PromiseSettledResult<SearchIndex | null>,
): Promise<SearchIndex> {
  const expected = expectedIndex(config, embedder);
  try {
    if (early.status === 'rejected') throw early.reason;
    return early.value ?? (await store.load(expected));
  } catch (error) {
    if (!(options.buildIfMissing && error instanceof IndexError && error.code === 'missing')) throw error;
  }
  logger.info({ event: 'index-missing', location: store.location }, 'no index yet: building it');
  const reporter = options.onBuild;
  reporter?.started?.(store.location, config.CORPUS_DIR);
  let summary: ReindexSummary;
  try {
    summary = await reindexCorpus(config, embedder, reporter?.progress?.bind(reporter), store);
  } catch (error) {
    reporter?.failed?.(error);
    throw error;
  }
  reporter?.finished?.(summary);
  return store.load(expected);
}

/**
 * The engine with written answers in summary mode (ANSWER_MODE=summary); their code, LangChain's
 * included, is imported only then, so the default mode starts as if it did not exist.
 */
async function withWrittenAnswers(engine: SwappableEngine, config: Config, logger: Logger): Promise<SwappableEngine> {
  const model = await loadChatModel(config);
  if (!model) return engine;
  const { createSummaryWriter, withSummaries } = await import('./answer/summary.js');
  return withSummaries(engine, createSummaryWriter(model, { model: config.CHAT_MODEL!, timeoutMs: config.SUMMARY_TIMEOUT_MS }), logger);
}

/**
 * Loads the model and the index (building the index first when asked) and returns the engine.
 * The worker threads load the model while this thread loads the index, when the index's expected
 * model is known beforehand (the local one). A store several processes share (PostgreSQL) is
 * followed: an index another process publishes replaces this one's without a restart.
 */
export async function openEngine(config: Config, logger: Logger, options: OpenOptions): Promise<OpenedEngine> {
  const store = await openIndexStore(config, logger, options.followIndexDir === true);
  const planned = plannedEmbedding(config);
  const [started, early] = await Promise.allSettled([
    createEmbedder(config, options.onEmbedderDead ? { onDead: options.onEmbedderDead } : {}),
    planned ? store.load(expectedIndex(config, planned)) : Promise.resolve(null),
  ]);
  if (started.status === 'rejected') {
    await store.close();
    throw started.reason;
  }
  const embedder = started.value;
  let engine: SwappableEngine;
  try {
    const index = await loadOrBuild(config, store, embedder, options, logger, early);
    const calibration = await calibrationOf(config, embedder, index, logger);
    const quotesOnly = createEngine({
      index,
      embedder,
      settings: { quotes: config.ANSWER_QUOTES, ...(config.MIN_RELEVANCE === undefined ? {} : { minRelevance: config.MIN_RELEVANCE }), ...options.settings },
      ...(calibration ? { calibratedRelevance: calibration.minRelevance } : {}),
    });
    engine = await withWrittenAnswers(quotesOnly, config, logger);
  } catch (error) {
    await Promise.all([embedder.close(), store.close()]);
    throw error;
  }
  const expected = expectedIndex(config, embedder);
  const stopFollowing = await store.follow?.(
    expected,
    (published) => {
      // The old index keeps answering while the new one is calibrated (saved by the process that built it, else worked out here).
      void calibrationOf(config, embedder, published, logger)
        .then((calibrated) => {
          engine.swapIndex(published, calibrated?.minRelevance);
          logger.info({ event: 'index-followed', location: store.location }, 'answering from an index another process published');
        })
        .catch((error: unknown) => logger.warn({ event: 'index-follow-failed', err: error }, 'could not calibrate a newly published index'));
    },
    (error) => logger.warn({ event: 'index-follow-failed', err: error }, 'could not switch to a newly published index'),
  );

  let running: Promise<ReindexSummary> | null = null;
  const rebuild = (): Promise<ReindexSummary> => {
    // Concurrent requests share the build in progress instead of racing for the index.
    running ??= (async () => {
      const { summary, index: built, calibration: calibrated } = await buildCalibrated(config, embedder, undefined, store);
      engine.swapIndex(built, calibrated?.minRelevance);
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
    async close() {
      await stopFollowing?.();
      await Promise.all([embedder.close(), store.close()]);
    },
  };
}
