import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { EmbeddingPool, QUERY_BATCH } from '../src/index/embedding-pool.js';

/**
 * A stand-in for the model worker: it fails to start when told to, and otherwise answers each
 * request after a short pause with one vector per text: [position in the request, texts in the request].
 */
const FAKE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.failStart) parentPort.postMessage({ ready: false, error: "Backend 'wasm' has not yet been initialized" });
else {
  parentPort.on('message', ({ id, texts }) => setTimeout(() => {
    const vectors = new Float32Array(texts.length * 2);
    texts.forEach((_, i) => vectors.set([i, texts.length], i * 2));
    parentPort.postMessage({ id, vectors, dimensions: 2 }, [vectors.buffer]);
  }, 20));
  parentPort.postMessage({ ready: true });
}`;

/** A worker that starts, then dies (as a crash in native model code would) on a text containing "crash". */
const CRASHING_WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id, texts }) => {
  if (texts.some((text) => text.includes('crash'))) process.exit(7);
  const vectors = new Float32Array(texts.length * 2);
  texts.forEach((_, i) => vectors.set([i, texts.length], i * 2));
  parentPort.postMessage({ id, vectors, dimensions: 2 }, [vectors.buffer]);
});
parentPort.postMessage({ ready: true });`;

function crashingWorkers(): { create: () => Worker; starts: () => number } {
  let starts = 0;
  return {
    create: () => {
      starts += 1;
      return new Worker(CRASHING_WORKER, { eval: true });
    },
    starts: () => starts,
  };
}

function fakeWorkers(failingStarts: number): { create: () => Worker; starts: () => number } {
  let starts = 0;
  return {
    create: () => new Worker(FAKE_WORKER, { eval: true, workerData: { failStart: starts++ < failingStarts } }),
    starts: () => starts,
  };
}

describe('EmbeddingPool', () => {
  test('a worker that fails to start is started once more, and the pool then works', async () => {
    const workers = fakeWorkers(1);
    const pool = await EmbeddingPool.start(1, workers.create);
    try {
      assert.equal(workers.starts(), 2);
      assert.equal(pool.size, 1);
      assert.deepEqual(await pool.embed(['a', 'b']), [[0, 2], [1, 2]]);
    } finally {
      await pool.close();
    }
  });

  test('a worker that fails to start twice fails the start with the reason', async () => {
    const workers = fakeWorkers(Infinity);
    await assert.rejects(EmbeddingPool.start(2, workers.create), /failed to start twice: Backend 'wasm' has not yet been initialized/);
    assert.equal(workers.starts(), 4);
  });

  test('waiting queries are answered first come, first served, up to QUERY_BATCH per model call', async () => {
    const pool = await EmbeddingPool.start(1, fakeWorkers(0).create);
    try {
      const answered: number[] = [];
      const count = QUERY_BATCH + 4;
      const vectors = await Promise.all(
        Array.from({ length: count }, (_, n) =>
          pool.embed([`question ${n}`], 'query').then(([vector]) => {
            answered.push(n);
            return vector!;
          }),
        ),
      );
      assert.deepEqual(answered, Array.from({ length: count }, (_, n) => n));
      // The first query finds the worker idle; the rest wait and go in as few calls as allowed.
      const requestSizes = vectors.map(([, size]) => size);
      assert.deepEqual([...new Set(requestSizes)], [1, QUERY_BATCH, count - 1 - QUERY_BATCH]);
    } finally {
      await pool.close();
    }
  });

  test('queries go ahead of queued batch work, and batches keep their own texts', async () => {
    const pool = await EmbeddingPool.start(1, fakeWorkers(0).create);
    try {
      const order: string[] = [];
      const batches = [0, 1, 2].map((n) =>
        pool.embed(['x', 'y', 'z'], 'batch').then((vectors) => {
          order.push(`batch ${n}`);
          return vectors;
        }),
      );
      const query = pool.embed(['question'], 'query').then(() => order.push('query'));
      const results = await Promise.all([...batches, query]);
      assert.deepEqual(order, ['batch 0', 'query', 'batch 1', 'batch 2']);
      assert.deepEqual(results[1], [[0, 3], [1, 3], [2, 3]]);
    } finally {
      await pool.close();
    }
  });

  test('a worker that dies is replaced: the next questions are answered, not failed forever', async () => {
    const workers = crashingWorkers();
    const pool = await EmbeddingPool.start(2, workers.create);
    try {
      await assert.rejects(pool.embed(['please crash'], 'query'), /embedding worker stopped/);
      for (let n = 0; n < 6; n += 1) assert.deepEqual(await pool.embed([`question ${n}`], 'query'), [[0, 1]]);
      // The replacement loads in the background while the other worker answers.
      for (let waited = 0; pool.size < 2 && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(pool.size, 2, 'back to full strength');
      assert.ok(workers.starts() >= 3, 'a new worker was started');
    } finally {
      await pool.close();
    }
  });

  test('work caught in a crash is tried once more on a fresh worker', async () => {
    const pool = await EmbeddingPool.start(1, crashingWorkers().create);
    try {
      // While the worker is busy the next two queries wait and then go as one model call: the crash
      // takes the innocent one down too. It is tried again on its own; the culprit fails once more.
      const busy = pool.embed(['first'], 'query');
      const [poisoned, innocent] = await Promise.allSettled([pool.embed(['crash now'], 'query'), pool.embed(['fine'], 'query')]);
      assert.deepEqual(await busy, [[0, 1]]);
      assert.equal(poisoned.status, 'rejected');
      assert.deepEqual(innocent, { status: 'fulfilled', value: [[0, 1]] });
    } finally {
      await pool.close();
    }
  });

  test('workers that keep dying are replaced a bounded number of times, then the pool says it cannot run', async () => {
    const workers = crashingWorkers();
    const deaths: Error[] = [];
    const pool = await EmbeddingPool.start(1, workers.create, { maxRestarts: 3, onDead: (error) => deaths.push(error) });
    try {
      for (let n = 0; n < 4; n += 1) await assert.rejects(pool.embed([`crash ${n}`], 'query'));
      await assert.rejects(pool.embed(['a normal question'], 'query'), /cannot run/);
      assert.equal(deaths.length, 1);
      assert.match(deaths[0]!.message, /embedding model .*stopped 4 times/);
      assert.equal(workers.starts(), 4, 'the first worker and three replacements');
    } finally {
      await pool.close();
    }
  });

  test('closing rejects waiting queries', async () => {
    const pool = await EmbeddingPool.start(1, fakeWorkers(0).create);
    const pending = Promise.allSettled([pool.embed(['first'], 'query'), pool.embed(['second'], 'query')]);
    await pool.close();
    for (const result of await pending) {
      assert.equal(result.status, 'rejected');
      assert.match((result as PromiseRejectedResult).reason.message, /closed/);
    }
  });
});
