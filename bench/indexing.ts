/**
 * Parts 3 and 4: indexing throughput (one embedding worker against two, same corpus, same run)
 * and incremental reindex (one article changed in a large corpus: time against a full rebuild,
 * and the same answers as a full rebuild).
 *
 * Runs alternate the two settings in ABBA order (1, 2, 2, 1 workers) so that a drift in the
 * machine's load during the run falls on both equally. CPU time (all threads of this process) is
 * recorded beside wall time: on a shared machine, "cores used" says whether a second worker
 * actually got a second core.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import {
  chunkArticle,
  createEmbedder,
  createEngine,
  expectedIndex,
  ingestCorpus,
  loadIndex,
  parseArticles,
  reindexCorpus,
  type Answer,
  type Article,
  type Config,
  type Embedder,
  type ReindexSummary,
  type SwappableEngine,
} from '../src/index.js';
import { renderArticle, reviseArticle, writeArticles, type GeneratedArticle } from './corpus-gen.js';

const ABBA = [1, 2, 2, 1] as const;
type Workers = (typeof ABBA)[number];

interface Run {
  passages: number;
  seconds: number;
  cpuSeconds: number;
}

export interface Throughput extends Run {
  workers: number;
  chunksPerSecond: number;
  /** CPU seconds per wall second: about 1 for one busy worker, up to 2 for two with two free cores. */
  coresUsed: number;
  cpuMsPerPassage: number;
}

export interface WorkerComparison {
  single: Throughput;
  dual: Throughput;
  /** Two-worker rate over one-worker rate. */
  ratio: number;
}

export interface IndexingResult {
  /**
   * The same 1-vs-2 comparison for a plain CPU loop in worker threads: how far this machine's two
   * cores scale at all, the ceiling any worker pool here can reach.
   */
  hardwareRatio: number;
  /** Full reindex of the seed corpus (ingest, chunk, embed, HNSW, write) into a fresh folder. */
  seed: WorkerComparison & { passagesPerBuild: number; builds: number };
  /** Embedding alone (the worker pool), on a sample of the large corpus's distinct passages. */
  large: WorkerComparison & { articles: number; passages: number; distinctPassages: number; sample: number };
}

/** Runs `work`, timed in wall seconds and in CPU seconds of every thread of the process. */
async function measure<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; cpuSeconds: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await work();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { value, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

const coresUsed = (run: Run): string => (run.cpuSeconds / run.seconds).toFixed(2);

function throughput(workers: number, runs: Run[]): Throughput {
  const sum = (key: keyof Run) => runs.reduce((total, run) => total + run[key], 0);
  const passages = sum('passages');
  const seconds = sum('seconds');
  const cpuSeconds = sum('cpuSeconds');
  return {
    workers,
    passages,
    seconds,
    cpuSeconds,
    chunksPerSecond: passages / seconds,
    coresUsed: cpuSeconds / seconds,
    cpuMsPerPassage: (cpuSeconds * 1000) / passages,
  };
}

function compare(runs: Record<Workers, Run[]>): WorkerComparison {
  const single = throughput(1, runs[1]);
  const dual = throughput(2, runs[2]);
  return { single, dual, ratio: dual.chunksPerSecond / single.chunksPerSecond };
}

/** Embedders with one and with two workers, warmed up (the first call of a worker pays for compilation). */
async function startEmbedders(config: Config, warmupTexts: string[]): Promise<Record<Workers, Embedder>> {
  const single = await createEmbedder({ ...config, EMBED_WORKERS: 1 });
  const dual = await createEmbedder({ ...config, EMBED_WORKERS: 2 }).catch(async (error: unknown) => {
    await single.close();
    throw error;
  });
  await single.embedDocuments(warmupTexts);
  await dual.embedDocuments(warmupTexts);
  return { 1: single, 2: dual };
}

/** A fixed arithmetic loop, split over `workers` threads; resolves with the wall seconds it took. */
async function timeCpuLoop(workers: number, rounds: number): Promise<number> {
  const code = `const { parentPort } = require('node:worker_threads');
    parentPort.on('message', (rounds) => {
      const values = new Float32Array(1 << 16);
      let sum = 0;
      for (let round = 0; round < rounds; round++)
        for (let i = 0; i < values.length; i++) sum += values[i] = values[i] * 0.999 + i;
      parentPort.postMessage(sum);
    });`;
  const threads = Array.from({ length: workers }, () => new Worker(code, { eval: true }));
  try {
    const start = performance.now();
    await Promise.all(threads.map((thread) => new Promise((done) => {
      thread.once('message', done);
      thread.postMessage(rounds / workers);
    })));
    return (performance.now() - start) / 1000;
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
}

/** One thread's time over two threads' time for the same CPU work, ABBA. */
async function measureHardwareRatio(): Promise<number> {
  const seconds: Record<Workers, number> = { 1: 0, 2: 0 };
  for (const workers of ABBA) seconds[workers] += await timeCpuLoop(workers, 4000);
  return seconds[1] / seconds[2];
}

export interface IndexingOptions {
  /** Seed corpus config; indexes are built in `workDir`, never in its INDEX_DIR. */
  config: Config;
  /** The large corpus, already ingested. */
  large: Article[];
  /** Distinct passages of the large corpus to embed with each setting. */
  sample: number;
  workDir: string;
  log: (line: string) => void;
}

export async function benchIndexingThroughput(options: IndexingOptions): Promise<IndexingResult> {
  const { config, log } = options;
  const chunking = { size: config.CHUNK_SIZE, overlap: config.CHUNK_OVERLAP };
  const largePassages = (await Promise.all(options.large.map((article) => chunkArticle(article, chunking)))).flat();
  const distinct = [...new Set(largePassages.map((passage) => passage.text))];
  const step = Math.max(1, Math.floor(distinct.length / options.sample));
  const sample = distinct.filter((_, i) => i % step === 0).slice(0, options.sample);
  const halves = [sample.slice(0, sample.length / 2), sample.slice(sample.length / 2)];

  const embedders = await startEmbedders(config, sample.slice(0, 16));
  try {
    const seedRuns: Record<Workers, Run[]> = { 1: [], 2: [] };
    for (const [n, workers] of ABBA.entries()) {
      const indexDir = path.join(options.workDir, `seed-build-${n}`);
      const { value: summary, seconds, cpuSeconds } = await measure(() => reindexCorpus({ ...config, INDEX_DIR: indexDir }, embedders[workers]));
      if (summary.reusedPassages > 0) throw new Error(`${indexDir} was not empty: the build reused ${summary.reusedPassages} passages.`);
      const run = { passages: summary.passages, seconds, cpuSeconds };
      seedRuns[workers].push(run);
      log(`indexing: seed corpus, ${workers} worker(s): ${run.passages} passages in ${seconds.toFixed(1)} s (${coresUsed(run)} cores used)`);
      await rm(indexDir, { recursive: true, force: true });
    }

    const largeRuns: Record<Workers, Run[]> = { 1: [], 2: [] };
    for (const [n, workers] of ABBA.entries()) {
      // ABBA over the two halves: each setting embeds each half once.
      const texts = halves[n < 2 ? 0 : 1]!;
      const { seconds, cpuSeconds } = await measure(() => embedders[workers].embedDocuments(texts));
      const run = { passages: texts.length, seconds, cpuSeconds };
      largeRuns[workers].push(run);
      log(`indexing: large corpus sample, ${workers} worker(s): ${run.passages} passages embedded in ${seconds.toFixed(1)} s (${coresUsed(run)} cores used)`);
    }

    const hardwareRatio = await measureHardwareRatio();
    log(`indexing: a plain CPU loop runs ${hardwareRatio.toFixed(2)}x faster on 2 threads than on 1 here`);
    return {
      hardwareRatio,
      seed: { ...compare(seedRuns), passagesPerBuild: seedRuns[1][0]!.passages, builds: ABBA.length },
      large: {
        ...compare(largeRuns),
        articles: options.large.length,
        passages: largePassages.length,
        distinctPassages: distinct.length,
        sample: sample.length,
      },
    };
  } finally {
    await Promise.all([embedders[1].close(), embedders[2].close()]);
  }
}

export interface TimedReindex {
  seconds: number;
  /** Of which ingest (reading and parsing the corpus); the rest is buildIndex. */
  ingestSeconds: number;
  passages: number;
  reusedPassages: number;
  embeddedPassages: number;
  chunksPerSecond: number;
}

export interface AnswerDifference {
  question: string;
  detail: string;
}

export interface IncrementalResult {
  articles: number;
  workers: number;
  revisedFile: string;
  /** Passages of the changed article: at most these need embedding again. */
  revisedPassages: number;
  /** First build of the large corpus. */
  initialBuild: TimedReindex;
  /** After one article changed, into the same folder (reusing vectors of unchanged passages). */
  incremental: TimedReindex;
  /** The changed corpus into an empty folder: the baseline. */
  fullRebuild: TimedReindex;
  /** incremental.seconds / fullRebuild.seconds */
  ratio: number;
  questions: number;
  identicalAnswers: number;
  differences: AnswerDifference[];
}

async function timeReindex(config: Config, embedder: Embedder): Promise<TimedReindex> {
  const start = performance.now();
  const summary: ReindexSummary = await reindexCorpus(config, embedder);
  const seconds = (performance.now() - start) / 1000;
  return {
    seconds,
    ingestSeconds: seconds - summary.seconds,
    passages: summary.passages,
    reusedPassages: summary.reusedPassages,
    embeddedPassages: summary.passages - summary.reusedPassages,
    chunksPerSecond: summary.passages / seconds,
  };
}

/** Scores may differ in the last float digits (hnswlib stores normalised vectors); anything more is a difference. */
const SCORE_TOLERANCE = 1e-6;

function describeDifference(left: Answer, right: Answer): string | null {
  if (left.answered !== right.answered) return `answered ${left.answered} vs ${right.answered}`;
  if (left.quotes.length !== right.quotes.length) return `${left.quotes.length} quotes vs ${right.quotes.length}`;
  for (const [i, a] of left.quotes.entries()) {
    const b = right.quotes[i]!;
    if (a.articleId !== b.articleId || a.start !== b.start || a.end !== b.end || a.text !== b.text) {
      return `quote ${i + 1}: ${a.articleId} ${a.start}-${a.end} vs ${b.articleId} ${b.start}-${b.end}`;
    }
    if (Math.abs(a.score - b.score) > SCORE_TOLERANCE) return `quote ${i + 1}: score ${a.score} vs ${b.score}`;
  }
  return null;
}

async function openIndexEngine(config: Config, embedder: Embedder): Promise<SwappableEngine> {
  const index = await loadIndex(config.INDEX_DIR, expectedIndex(config, embedder));
  return createEngine({ index, embedder, settings: { quotes: config.ANSWER_QUOTES } });
}

/** Questions about the revised article (its new paragraph, the one it lost, its title) after the general ones. */
function comparisonQuestions(before: GeneratedArticle, after: GeneratedArticle, general: readonly string[], count: number): string[] {
  const added = after.paragraphs.find((paragraph) => !before.paragraphs.includes(paragraph)) ?? '';
  const removed = before.paragraphs.find((paragraph) => !after.paragraphs.includes(paragraph)) ?? '';
  const firstSentence = (text: string) => text.split(/(?<=[.!?])\s+/)[0] ?? text;
  const specific = [firstSentence(added), added.slice(-200), firstSentence(removed), after.title, `What did ${after.author} write?`];
  return [...general.slice(0, count - specific.length), ...specific];
}

export interface IncrementalOptions {
  /** Chunking and the other settings; corpus and index folders are set here. */
  config: Config;
  seed: readonly Article[];
  /** The large corpus, already written to `corpusDir`. */
  generated: readonly GeneratedArticle[];
  corpusDir: string;
  workDir: string;
  /** Questions asked of both indexes (about 20). */
  questions: readonly string[];
  compareCount: number;
  log: (line: string) => void;
}

export async function benchIncrementalReindex(options: IncrementalOptions): Promise<IncrementalResult> {
  const { log, generated } = options;
  const workers = 2;
  const incrementalConfig: Config = { ...options.config, CORPUS_DIR: options.corpusDir, INDEX_DIR: path.join(options.workDir, 'large-index'), EMBED_WORKERS: workers };
  const freshConfig: Config = { ...incrementalConfig, INDEX_DIR: path.join(options.workDir, 'large-index-fresh') };
  const embedder = await createEmbedder(incrementalConfig);
  try {
    await embedder.embedDocuments(generated.slice(0, 4).flatMap((article) => article.paragraphs));
    log(`incremental: full build of ${generated.length} articles with ${workers} workers`);
    const initialBuild = await timeReindex(incrementalConfig, embedder);
    log(`incremental: ${initialBuild.passages} passages in ${initialBuild.seconds.toFixed(1)} s`);

    const before = generated[Math.floor(generated.length / 2)]!;
    const after = reviseArticle(before, options.seed, generated.length);
    await writeArticles(options.corpusDir, [after]);
    const chunking = { size: incrementalConfig.CHUNK_SIZE, overlap: incrementalConfig.CHUNK_OVERLAP };
    const revisedPassages = (await Promise.all(parseArticles(renderArticle(after), after.file).map((article) => chunkArticle(article, chunking)))).flat().length;
    const incremental = await timeReindex(incrementalConfig, embedder);
    log(`incremental: one article changed, reindexed in ${incremental.seconds.toFixed(2)} s (${incremental.embeddedPassages} passages embedded)`);

    const fullRebuild = await timeReindex(freshConfig, embedder);
    log(`incremental: full rebuild of the changed corpus in ${fullRebuild.seconds.toFixed(1)} s`);

    const questions = comparisonQuestions(before, after, options.questions, options.compareCount);
    const incrementalEngine = await openIndexEngine(incrementalConfig, embedder);
    const freshEngine = await openIndexEngine(freshConfig, embedder);
    const differences: AnswerDifference[] = [];
    for (const question of questions) {
      const detail = describeDifference(
        await incrementalEngine.answer(question, { limit: 10 }),
        await freshEngine.answer(question, { limit: 10 }),
      );
      if (detail) differences.push({ question, detail });
    }

    return {
      articles: generated.length,
      workers,
      revisedFile: after.file,
      revisedPassages,
      initialBuild,
      incremental,
      fullRebuild,
      ratio: incremental.seconds / fullRebuild.seconds,
      questions: questions.length,
      identicalAnswers: questions.length - differences.length,
      differences,
    };
  } finally {
    await embedder.close();
  }
}

/** Ingests the generated corpus and checks that every article came through. */
export async function ingestGenerated(corpusDir: string, expected: number): Promise<Article[]> {
  const ingest = await ingestCorpus(corpusDir);
  if (ingest.articles.length !== expected || ingest.problems.length > 0) {
    throw new Error(
      `The generated corpus in ${corpusDir} should give ${expected} articles; ingest found ${ingest.articles.length}` +
        (ingest.problems.length > 0 ? ` and ${ingest.problems.length} problems (first: ${ingest.problems[0]!.message})` : ''),
    );
  }
  return ingest.articles;
}
