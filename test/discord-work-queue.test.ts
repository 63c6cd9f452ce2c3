import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueueWaitTimeout, WorkQueue } from '../src/discord/work-queue.js';

/** The answer queue on its own: places, order, and waits that end. */

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

test('at most `concurrency` run, first come first served, and no more than `maxWaiting` may wait', async () => {
  const queue = new WorkQueue({ concurrency: 2, maxWaiting: 2, maxWaitMs: 10_000 });
  const gates = [deferred(), deferred(), deferred(), deferred()];
  const started: number[] = [];
  const places = gates.map(() => queue.reserve());
  assert.ok(places.every(Boolean));
  assert.equal(queue.reserve(), null, 'a fifth is refused at once');
  const runs = places.map((place, n) => place!.run(async () => {
    started.push(n);
    await gates[n]!.promise;
    return n;
  }));
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(started, [0, 1]);
  assert.deepEqual(queue.load, { running: 2, waiting: 2 });
  gates[1]!.resolve();
  assert.equal(await runs[1], 1);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(started, [0, 1, 2]);
  for (const gate of gates) gate.resolve();
  assert.deepEqual(await Promise.all(runs), [0, 1, 2, 3]);
  assert.deepEqual(queue.load, { running: 0, waiting: 0 });
});

test('a wait longer than maxWaitMs ends with QueueWaitTimeout, and a place released unused frees it', async () => {
  const queue = new WorkQueue({ concurrency: 1, maxWaiting: 1, maxWaitMs: 50 });
  const gate = deferred();
  const first = queue.reserve()!.run(() => gate.promise);
  const second = queue.reserve()!;
  await assert.rejects(second.run(async () => 'never'), QueueWaitTimeout);
  assert.deepEqual(queue.load, { running: 1, waiting: 0 });
  const third = queue.reserve()!;
  third.release();
  assert.ok(queue.reserve(), 'the released place is free again');
  gate.resolve();
  await first;
});
