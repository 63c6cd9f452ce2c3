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
