import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTable, median, percentile, summarize } from '../bench/stats.js';

describe('benchmark statistics', () => {
  test('the median of an even count is the mean of the two middle values, whatever the order', () => {
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([7]), 7);
  });

  test('percentiles interpolate between ranks and stay within the samples', () => {
    const samples = Array.from({ length: 101 }, (_, i) => 100 - i);
    assert.equal(percentile(samples, 0), 0);
    assert.equal(percentile(samples, 99), 99);
    assert.equal(percentile(samples, 100), 100);
    assert.equal(percentile([0, 10], 25), 2.5);
  });

  test('a summary orders its percentiles from min to max', () => {
    const summary = summarize([5, 1, 9, 3, 7, 2, 8]);
    assert.equal(summary.count, 7);
    assert.ok(summary.min <= summary.p50 && summary.p50 <= summary.p90 && summary.p90 <= summary.p99);
    assert.ok(summary.p99 <= summary.max);
  });

  test('empty input and out-of-range percentiles fail with a message', () => {
    assert.throws(() => median([]), /empty/);
    assert.throws(() => percentile([1], 101), /between 0 and 100/);
  });

  test('a table lines up its columns and keeps every cell', () => {
    const table = formatTable<{ name: string; ms: number }>(
      [
        { header: 'method', align: 'left', cell: (row) => row.name },
        { header: 'p50 ms', cell: (row) => row.ms.toFixed(2) },
      ],
      [
        { name: 'exact', ms: 68.1 },
        { name: 'HNSW ef 50', ms: 0.4 },
      ],
    );
    const lines = table.split('\n');
    assert.equal(lines.length, 4);
    assert.equal(new Set(lines.map((line) => line.length)).size, 1);
    assert.match(lines[2] as string, /^\| exact\s+\|\s+68\.10 \|$/);
    assert.match(lines[3] as string, /HNSW ef 50/);
  });
});
