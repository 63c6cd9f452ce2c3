import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SwappableEngine } from '../src/answer/engine.js';
import { formatBurst, runBurst } from '../bench/loadtest-burst.js';
import { DEFAULT_OPTIONS, formatLoadTest, inProcessTarget, runLoadTest, type LoadTestOptions } from '../bench/loadtest.js';
import { openRealEngine } from './support/real-index.js';

/**
 * The load test (`npm run loadtest`) in small: many users at once, a reindex that swaps the index
 * under them, one user flooding, then a burst. Checks outcomes, never speed (the script reports timings).
 */
test('under load, with a reindex, a flooding user and a burst: every interaction answered (or, in the burst, told to retry), the flooder slowed down, the others not', async (t) => {
  const real = await openRealEngine({ ownCorpus: true });
  try {
    const { engine, rebuild } = real.opened;
    // Counts questions reaching the engine, so the reindex below provably overlaps with some.
    let asked = 0;
    const waiters: { count: number; resolve: () => void }[] = [];
    const counting: SwappableEngine = Object.create(engine, {
      answer: {
        value: (question: string, options?: Parameters<SwappableEngine['answer']>[1]) => {
          asked += 1;
          for (const waiter of waiters.filter((w) => asked >= w.count)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve();
          }
          return engine.answer(question, options);
        },
      },
    });
    const askedAtLeast = (count: number) => new Promise<void>((resolve) => (asked >= count ? resolve() : waiters.push({ count, resolve })));
    // At most `users` questions were in flight when the reindex started: 25 more means at least 10 sent during it.
    const overlappingRebuild = async () => {
      const [summary] = await Promise.all([rebuild(), askedAtLeast(asked + 25)]);
      return summary;
    };

    const options: LoadTestOptions = {
      ...DEFAULT_OPTIONS,
      users: 15,
      interactions: 90,
      rateLimitPerMinute: 12,
      thinkMs: [100, 800],
      warmUp: 25,
      reindexAfter: 35,
      beforeReindex: async () => {
        const donor = await readFile(path.join(real.config.CORPUS_DIR, '002_7638b35d37ae38e0.txt'), 'utf8');
        await writeFile(path.join(real.config.CORPUS_DIR, 'added-under-load.txt'), `Added Under Load\n\nBy Load Tester\n\n${donor.split('\n\n').reverse().join('\n\n')}`);
      },
      flood: { after: 15, extra: 5 },
      replyTimeoutMs: 60_000,
    };
    const result = await runLoadTest(await inProcessTarget({ engine: counting, rebuild: overlappingRebuild }, options.rateLimitPerMinute), options);
    for (const line of formatLoadTest(result, options)) t.diagnostic(line);

    assert.deepEqual(result.problems, []);
    assert.equal(result.sent, 90);
    assert.equal(result.answered, 90);
    assert.equal(result.lost, 0);
    assert.ok(result.asks > 0 && result.dms > 0, 'both /ask and DMs were sent');
    assert.equal(result.deferral.count, result.asks, 'every /ask was deferred');
    assert.equal(result.outcomes['wrong-quote'], 0);

    assert.ok(result.reindex?.ok, result.reindex?.report);
    assert.match(result.reindex.report, /^Reindex done/);
    assert.ok(result.reindex.sentDuring >= 10, 'questions were asked while the index was rebuilt and swapped');
    assert.equal(result.reindex.answeredDuring, result.reindex.sentDuring);
    assert.ok(engine.listArticles().some((article) => article.source === 'added-under-load.txt'), 'the new index is in use');

    assert.ok(result.flood);
    assert.deepEqual([result.flood.sent, result.flood.answered, result.flood.slowedDown], [17, 12, 5]);
    assert.equal(result.flood.othersAnswered, result.flood.othersSent);

    // A burst in small, the fake Discord in a process of its own: nothing lost, every one answered or told to retry.
    const burstShape = { users: 20, interactions: 60, seconds: 3 };
    const burst = await runBurst({ engine, rebuild }, burstShape, { rateLimitPerMinute: options.rateLimitPerMinute, replyTimeoutMs: 60_000, seed: 7 });
    for (const line of formatBurst(burst, burstShape)) t.diagnostic(line);
    // Outcomes only: speed and memory (burst.limitsMissed) are the script's to report, not a test's.
    assert.deepEqual(burst.problems, []);
    assert.equal(burst.sent, 60);
    assert.equal(burst.lost, 0, JSON.stringify(burst.outcomes));
    assert.equal(burst.answered + burst.busy, 60);
    assert.equal(burst.outcomes['wrong-quote'], 0);
  } finally {
    await real.close();
  }
});
