import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ImpactListBuilder, searchImpactLists } from '../src/index/impact-postings.js';

/** Passage n holds "common" with impact n + 1 and, for even n, "rare" with impact 10. */
function corpus(size: number) {
  const builder = new ImpactListBuilder();
  for (let n = 0; n < size; n++) {
    builder.add('common', n, n + 1);
    if (n % 2 === 0) builder.add('rare', n, 10);
  }
  return builder.build();
}

describe('impact-ordered postings', () => {
  test('impacts added for the same term and passage (two fields) add up, and lists run largest first', () => {
    const builder = new ImpactListBuilder();
    builder.add('bridge', 0, 1);
    builder.add('bridge', 1, 2);
    builder.add('bridge', 0, 1.5);
    const list = builder.build().get('bridge')!;
    assert.deepEqual([...list.passages], [0, 1]);
    assert.deepEqual([...list.impacts], [2.5, 2]);
  });

  test('reading whole lists gives the exhaustive ranking: weighted sums times the number of terms matched', () => {
    const lists = corpus(6);
    const hits = searchImpactLists(lists, { terms: new Map([['common', 1], ['rare', 0.5]]), depth: 100, k: 3 });
    // Passage 4: (5 + 0.5 * 10) * 2 = 20; passage 2: (3 + 5) * 2 = 16; passage 0: (1 + 5) * 2 = 12 beats passage 5 (6).
    assert.deepEqual(hits, [{ passage: 4, score: 20 }, { passage: 2, score: 16 }, { passage: 0, score: 12 }]);
  });

  test('a search reads at most `depth` passages of each list, however large the corpus', () => {
    const lists = corpus(10_000);
    const hits = searchImpactLists(lists, { terms: new Map([['common', 1]]), depth: 50, k: 1_000 });
    assert.equal(hits.length, 50);
    assert.equal(hits[0]!.passage, 9_999);
    assert.ok(hits.every((hit) => hit.passage >= 9_950));
  });

  test('passages outside the filter neither come back nor use up the depth', () => {
    const lists = corpus(1_000);
    const odd = (passage: number) => passage % 2 === 1;
    const hits = searchImpactLists(lists, { terms: new Map([['common', 1], ['rare', 1]]), depth: 10, k: 100, accept: odd });
    assert.equal(hits.length, 10);
    assert.ok(hits.every((hit) => hit.passage % 2 === 1));
  });

  test('terms the corpus lacks are skipped', () => {
    assert.deepEqual(searchImpactLists(corpus(3), { terms: new Map([['absent', 1]]), depth: 10, k: 5 }), []);
  });
});
