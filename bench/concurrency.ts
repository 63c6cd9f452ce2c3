/**
 * Part 6: many questions in flight at once through one engine (as a busy Discord server would
 * send them): throughput, latency percentiles, and that every question gets an answer.
 */
import { performance } from 'node:perf_hooks';
import type { Config } from '../src/config/config.js';
import { createLogger } from '../src/log.js';
import { openEngine } from '../src/open-engine.js';
import { summarizeLatency, type LatencySummary } from './answer-latency.js';

export interface ConcurrencyResult {
  inFlight: number;
  warmupQuestions: number;
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
  /** Distinct questions, all sent at once. */
  questions: readonly string[];
  /** Other questions, asked one by one first to warm the engine. */
  warmup: readonly string[];
  log: (line: string) => void;
}

export async function benchConcurrency(options: ConcurrencyOptions): Promise<ConcurrencyResult> {
  const { config, log, warmup, questions: burst } = options;
  const inFlight = burst.length;

  const opened = await openEngine(config, createLogger('silent'), { buildIfMissing: false });
  try {
    log(`concurrency: warming up with ${warmup.length} questions, then ${inFlight} at once`);
    for (const question of warmup) await opened.engine.answer(question);

    const latencies: number[] = [];
    const failures: string[] = [];
    const start = performance.now();
    await Promise.all(
      burst.map(async (question) => {
        try {
          const answer = await opened.engine.answer(question);
          if (answer.question === question.trim()) latencies.push(performance.now() - start);
          else failures.push(`"${question}" came back as the answer to "${answer.question}"`);
        } catch (error) {
          failures.push(`"${question}": ${(error as Error).message}`);
        }
      }),
    );
    const wallSeconds = (performance.now() - start) / 1000;
    return {
      inFlight,
      warmupQuestions: warmup.length,
      wallSeconds,
      answersPerSecond: latencies.length / wallSeconds,
      latency: summarizeLatency(latencies.length > 0 ? latencies : [Number.NaN]),
      failed: failures.length,
      failures: failures.slice(0, 5),
    };
  } finally {
    await opened.close();
  }
}
