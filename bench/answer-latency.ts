/**
 * Part 1: answer latency with the model warm, question -> Answer, and where the time goes.
 *
 * The engine exposes no timings, so it is built here exactly as `openEngine` builds it (the real
 * embedder, the real loaded index, `createEngine`) but with the embedder and the index wrapped in
 * stopwatches: query embedding (`embedQuery`), vector search (`searchDense`) and BM25
 * (`lexical.search`) are timed inside the real answer. Quote selection is the rest: fusing the
 * two rankings, scoring the candidate sentences against the vectors stored at index time (dot
 * products, no model call), growing and verifying the quotes.
 */
import { performance } from 'node:perf_hooks';
import { createEngine, expectedIndex, loadIndex, type Config, type Embedder, type SearchIndex, type SwappableEngine } from '../src/index.js';
import { mean, percentile } from './stats.js';

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export function summarizeLatency(values: readonly number[]): LatencySummary {
  return {
    count: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    mean: mean(values),
    max: Math.max(...values),
  };
}

export interface StageSplit {
  queryEmbedding: LatencySummary;
  vectorSearch: LatencySummary;
  lexicalSearch: LatencySummary;
  /** Everything else in the answer: fusion, sentence scoring, quote growing, verification. */
  quoteSelection: LatencySummary;
}

export interface Warmup {
  questions: number;
  seconds: number;
}

export interface AnswerLatencyResult {
  passages: number;
  articles: number;
  warmup: Warmup;
  /** Distinct questions, nothing cached for them: the main figure. */
  uncached: LatencySummary;
  split: StageSplit;
  /** The same questions again later: query vectors cached, rankings recomputed. */
  queryVectorCached: LatencySummary;
  /** Rankings the engine still had cached in that second pass (0 when the pass is longer than its cache). */
  rankingCacheHits: number;
  /** Each question repeated at once: the engine answers from its ranking cache. */
  repeated: LatencySummary;
  answered: number;
}

/** What the engine spent in its dependencies since the record was started. */
export interface StageRecord {
  queryEmbedding: number;
  vectorSearch: number;
  denseCalls: number;
  lexicalSearch: number;
}

const newRecord = (): StageRecord => ({ queryEmbedding: 0, vectorSearch: 0, denseCalls: 0, lexicalSearch: 0 });

async function timed<T>(work: () => Promise<T>, add: (ms: number) => void): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    add(performance.now() - start);
  }
}

function timedSync<T>(work: () => T, add: (ms: number) => void): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    add(performance.now() - start);
  }
}

/** `target` with some members replaced. */
function withMembers<T extends object>(target: T, replaced: Partial<T>): T {
  return new Proxy(target, {
    get(object, property) {
      if (Object.hasOwn(replaced, property)) return replaced[property as keyof T];
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

/** `target` with one synchronous method timed. */
function withStopwatch<T extends object, K extends keyof T>(target: T, method: K, add: (ms: number) => void): T {
  const original = target[method] as (...args: unknown[]) => unknown;
  const stopwatch = (...args: unknown[]) => timedSync(() => original.apply(target, args), add);
  return withMembers(target, { [method]: stopwatch } as unknown as Partial<T>);
}

export interface TimedEngine {
  engine: SwappableEngine;
  /** The index as loaded (unwrapped). */
  index: SearchIndex;
  /** Starts a new record: from now on the engine's embedder and index calls add to it. */
  startRecord(): StageRecord;
}

/**
 * The engine as openEngine builds it (the given embedder, the index of config.INDEX_DIR, the same
 * settings), with its embedder and index wrapped in stopwatches.
 */
export async function openTimedEngine(config: Config, embedder: Embedder): Promise<TimedEngine> {
  const index = await loadIndex(config.INDEX_DIR, expectedIndex(config, embedder));
  let record = newRecord();
  const timedEmbedder = {
    model: embedder.model,
    dimensions: embedder.dimensions,
    embedQuery: (text: string) => timed(() => embedder.embedQuery(text), (ms) => (record.queryEmbedding += ms)),
  };
  const searchDense: SearchIndex['searchDense'] = (vector, k, accept) =>
    timed(() => index.searchDense(vector, k, accept), (ms) => {
      record.vectorSearch += ms;
      record.denseCalls++;
    });
  const lexical = withStopwatch(index.lexical, 'search', (ms) => (record.lexicalSearch += ms));
  // Proxies rather than copies, so whatever else the index offers the engine reaches unchanged.
  const timedIndex = withMembers(index, { searchDense, lexical });
  const engine = createEngine({
    index: timedIndex,
    embedder: timedEmbedder,
    settings: { quotes: config.ANSWER_QUOTES, ...(config.MIN_RELEVANCE === undefined ? {} : { minRelevance: config.MIN_RELEVANCE }) },
  });
  return {
    engine,
    index,
    startRecord: () => (record = newRecord()),
  };
}

/** Words of a passage's opening used as a warm-up question. */
const WARMUP_WORDS = 12;

/**
 * Brings an engine to its steady state: one question per passage (its opening words), so the
 * model has run and every sentence's search terms are cached, as in a bot that has been up a while.
 */
export async function warmUp(timed: TimedEngine): Promise<Warmup> {
  const questions = timed.index.passages.map((passage) => passage.text.split(/\s+/).slice(0, WARMUP_WORDS).join(' '));
  const start = performance.now();
  for (const question of questions) await timed.engine.answer(question);
  return { questions: questions.length, seconds: (performance.now() - start) / 1000 };
}

export interface AnswerLatencyOptions {
  /** Seed corpus and its built index. */
  config: Config;
  /** The model, already started (its query cache empty); the caller closes it. */
  embedder: Embedder;
  /** Distinct questions, measured. */
  questions: readonly string[];
  log: (line: string) => void;
}

export async function benchAnswerLatency(options: AnswerLatencyOptions): Promise<AnswerLatencyResult> {
  const { config, embedder, log, questions: measured } = options;
  const timed = await openTimedEngine(config, embedder);
  const { engine, index, startRecord } = timed;

  log('answer latency: warming up, one question per passage');
  const warmup = await warmUp(timed);

  log(`answer latency: ${measured.length} distinct questions`);
  const total: number[] = [];
  const stages = { queryEmbedding: [] as number[], vectorSearch: [] as number[], lexicalSearch: [] as number[], quoteSelection: [] as number[] };
  const repeated: number[] = [];
  let answered = 0;
  for (const question of measured) {
    const timings = startRecord();
    const start = performance.now();
    const answer = await engine.answer(question);
    const elapsed = performance.now() - start;
    if (answer.answered) answered++;

    total.push(elapsed);
    stages.queryEmbedding.push(timings.queryEmbedding);
    stages.vectorSearch.push(timings.vectorSearch);
    stages.lexicalSearch.push(timings.lexicalSearch);
    stages.quoteSelection.push(Math.max(0, elapsed - timings.queryEmbedding - timings.vectorSearch - timings.lexicalSearch));

    const again = performance.now();
    await engine.answer(question);
    repeated.push(performance.now() - again);
  }

  log('answer latency: the same questions again (query vectors cached)');
  const second: number[] = [];
  let rankingCacheHits = 0;
  for (const question of measured) {
    const timings = startRecord();
    const start = performance.now();
    await engine.answer(question);
    second.push(performance.now() - start);
    if (timings.denseCalls === 0) rankingCacheHits++;
  }

  return {
    passages: index.passages.length,
    articles: index.articles.size,
    warmup,
    uncached: summarizeLatency(total),
    split: {
      queryEmbedding: summarizeLatency(stages.queryEmbedding),
      vectorSearch: summarizeLatency(stages.vectorSearch),
      lexicalSearch: summarizeLatency(stages.lexicalSearch),
      quoteSelection: summarizeLatency(stages.quoteSelection),
    },
    queryVectorCached: summarizeLatency(second),
    rankingCacheHits,
    repeated: summarizeLatency(repeated),
    answered,
  };
}
