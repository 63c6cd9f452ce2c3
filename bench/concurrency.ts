/**
 * Part 6: many questions in flight at once through one engine (as a busy Discord server would
 * send them): throughput, latency percentiles, and that every question gets an answer. The engine
 * is the one part 1 measures, with a fresh model and caches, warmed up the same way.
 */
import { performance } from 'node:perf_hooks';
import { createEmbedder, type Config } from '../src/index.js';
import { openTimedEngine, summarizeLatency, warmUp, type LatencySummary, type Warmup } from './answer-latency.js';

export interface ConcurrencyResult {
  inFlight: number;
  warmup: Warmup;
  wallSeconds: number;
  answersPerSecond: number;
  /** From the moment all questions were sent to each one's answer. */
  latency: LatencySummary;
  /** Questions that threw or came back without an Answer for them. */
  failed: number;
  failures: string[];
}

export interface ConcurrencyOptions {
  /** Seed corpus and its built index. */
  config: Config;
  /** Distinct questions, all sent at once after the engine is warmed up as in part 1. */
  questions: readonly string[];
  log: (line: string) => void;
}

export async function benchConcurrency(options: ConcurrencyOptions): Promise<ConcurrencyResult> {
  const { config, log, questions: burst } = options;
  const embedder = await createEmbedder(config);
  try {
    const timed = await openTimedEngine(config, embedder);
    const { engine } = timed;
    log(`concurrency: warming up, then ${burst.length} questions at once`);
    const warmup = await warmUp(timed);

    const latencies: number[] = [];
    const failures: string[] = [];
    const start = performance.now();
    await Promise.all(
      burst.map(async (question) => {
        try {
          const answer = await engine.answer(question);
          if (answer.question === question.trim()) latencies.push(performance.now() - start);
          else failures.push(`"${question}" came back as the answer to "${answer.question}"`);
        } catch (error) {
          failures.push(`"${question}": ${(error as Error).message}`);
        }
      }),
    );
    const wallSeconds = (performance.now() - start) / 1000;
    return {
      inFlight: burst.length,
      warmup,
      wallSeconds,
      answersPerSecond: latencies.length / wallSeconds,
      latency: summarizeLatency(latencies.length > 0 ? latencies : [Number.NaN]),
      failed: burst.length - latencies.length,
      failures: failures.slice(0, 5),
    };
  } finally {
    await embedder.close();
  }
}
