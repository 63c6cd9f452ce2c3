/**
 * Part 1: answer latency with the model warm, question -> Answer, and where the time goes.
 *
 * The engine exposes no timings, so it is built here exactly as `openEngine` builds it (the real
 * embedder, the real loaded index, `createEngine`) but with the embedder and the index wrapped in
 * stopwatches: query embedding (`embedQuery`), vector search (`searchDense`) and sentence
 * embedding (`embedDocuments`, called by quote selection) are timed inside the real answer.
 * BM25 runs inside the engine where it cannot be wrapped, so it is timed by running the same
 * search (src/index/lexical.ts, same terms and depth) right after each answer. Quote selection is
 * the rest: answer time minus query embedding, vector search and BM25.
 */
import { performance } from 'node:perf_hooks';
import type { Config } from '../src/config/config.js';
import type { Passage } from '../src/domain.js';
import { createEngine, type SwappableEngine } from '../src/answer/engine.js';
import type { Embedder } from '../src/index/embeddings.js';
import { buildLexicalIndex } from '../src/index/lexical.js';
import type { SearchIndex } from '../src/index/search-index.js';
import { loadIndex } from '../src/index/store.js';
import { tokenizeQuery } from '../src/index/tokenize.js';
import { expectedIndex } from '../src/open-engine.js';
import { mean, percentile } from './stats.js';

/** Depth of each ranking before fusion (RANKING_DEPTH in src/answer/retrieve.ts). */
const RANKING_DEPTH = 30;

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
  /** Part of quote selection: embedding the candidate sentences not yet cached. */
  sentenceEmbedding: LatencySummary;
  /** Questions whose sentences were all cached already (no sentence embedding call). */
  sentencesAllCached: number;
}

export interface Warmup {
  questions: number;
  seconds: number;
  /** Candidate sentences embedded while warming up: what a freshly started bot pays over its first answers. */
  sentencesEmbedded: number;
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
  sentenceEmbedding: number;
  sentenceCalls: number;
  /** Sentence texts sent to the model, and how many of them were different. */
  sentenceTexts: number;
  distinctSentences: Set<string>;
}

const newRecord = (): StageRecord => ({
  queryEmbedding: 0,
  vectorSearch: 0,
  denseCalls: 0,
  sentenceEmbedding: 0,
  sentenceCalls: 0,
  sentenceTexts: 0,
  distinctSentences: new Set(),
});

async function timed<T>(work: () => Promise<T>, add: (ms: number) => void): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    add(performance.now() - start);
  }
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
    embedDocuments: (texts: string[]) => {
      const current = record;
      current.sentenceTexts += texts.length;
      for (const text of texts) current.distinctSentences.add(text);
      return timed(() => embedder.embedDocuments(texts), (ms) => {
        current.sentenceEmbedding += ms;
        current.sentenceCalls++;
      });
    },
  };
  const searchDense = (vector: number[], k: number, accept?: (passage: Passage) => boolean) =>
    timed(() => index.searchDense(vector, k, accept), (ms) => {
      record.vectorSearch += ms;
      record.denseCalls++;
    });
  // A proxy rather than a copy, so whatever else the index offers the engine reaches unchanged.
  const timedIndex = new Proxy(index, {
    get(target, property) {
      if (property === 'searchDense') return searchDense;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
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
 * model has run and the engine has embedded every candidate sentence once. Without it the first
 * questions measured would pay for embedding the corpus's sentences, whichever they are.
 */
export async function warmUp(timed: TimedEngine): Promise<Warmup> {
  const questions = timed.index.passages.map((passage) => passage.text.split(/\s+/).slice(0, WARMUP_WORDS).join(' '));
  const record = timed.startRecord();
  const start = performance.now();
  for (const question of questions) await timed.engine.answer(question);
  return { questions: questions.length, seconds: (performance.now() - start) / 1000, sentencesEmbedded: record.sentenceTexts };
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
  const lexical = buildLexicalIndex(index.passages, index.articles);

  log('answer latency: warming up, one question per passage');
  const warmup = await warmUp(timed);

  log(`answer latency: ${measured.length} distinct questions`);
  const total: number[] = [];
  const stages = { queryEmbedding: [] as number[], vectorSearch: [] as number[], lexicalSearch: [] as number[], quoteSelection: [] as number[], sentenceEmbedding: [] as number[] };
  const repeated: number[] = [];
  let sentencesAllCached = 0;
  let answered = 0;
  for (const question of measured) {
    const timings = startRecord();
    const start = performance.now();
    const answer = await engine.answer(question);
    const elapsed = performance.now() - start;
    if (answer.answered) answered++;

    const lexicalStart = performance.now();
    lexical.search(tokenizeQuery(question).flat(), RANKING_DEPTH);
    const lexicalMs = performance.now() - lexicalStart;

    total.push(elapsed);
    stages.queryEmbedding.push(timings.queryEmbedding);
    stages.vectorSearch.push(timings.vectorSearch);
    stages.lexicalSearch.push(lexicalMs);
    stages.quoteSelection.push(Math.max(0, elapsed - timings.queryEmbedding - timings.vectorSearch - lexicalMs));
    stages.sentenceEmbedding.push(timings.sentenceEmbedding);
    if (timings.sentenceCalls === 0) sentencesAllCached++;

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
      sentenceEmbedding: summarizeLatency(stages.sentenceEmbedding),
      sentencesAllCached,
    },
    queryVectorCached: summarizeLatency(second),
    rankingCacheHits,
    repeated: summarizeLatency(repeated),
    answered,
  };
}
