import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createVectorSpace, DEFAULT_SPACE, vectorAt } from '../bench/vectors.js';

const dims = 64;
const space = (seed = 7) => createVectorSpace({ ...DEFAULT_SPACE, clusters: 20, dims, seed });
const dot = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * (b[i] as number), 0);

describe('synthetic benchmark vectors', () => {
  test('the same seed and stream give the same vectors; another stream or seed gives others', () => {
    const first = space().sample(50, 'corpus').vectors;
    assert.deepEqual(space().sample(50, 'corpus').vectors, first);
    assert.notDeepEqual(space().sample(50, 'queries').vectors, first);
    assert.notDeepEqual(space(8).sample(50, 'corpus').vectors, first);
  });

  test('every vector has unit length', () => {
    const set = space().sample(100, 'corpus');
    for (let i = 0; i < set.count; i++) assert.ok(Math.abs(dot(vectorAt(set, i), vectorAt(set, i)) - 1) < 1e-5);
  });

  test('clustered vectors sit near their centroid, at about the requested cosine', () => {
    const set = space().sample(2_000, 'corpus');
    assert.ok(Math.abs(set.meanCosineToCentroid - DEFAULT_SPACE.cosineToCentroid) < 0.05, String(set.meanCosineToCentroid));
  });

  test('queries find much closer neighbours among clustered vectors than among random ones', () => {
    const meanNearest = (spec: typeof DEFAULT_SPACE) => {
      const s = createVectorSpace({ ...spec, dims });
      const corpus = s.sample(500, 'corpus');
      const queries = s.sample(20, 'queries');
      const nearest = Array.from({ length: queries.count }, (_, q) =>
        Math.max(...Array.from({ length: corpus.count }, (_, i) => dot(vectorAt(queries, q), vectorAt(corpus, i)))),
      );
      return nearest.reduce((sum, value) => sum + value, 0) / nearest.length;
    };
    assert.ok(meanNearest({ ...DEFAULT_SPACE, clusters: 20 }) > 0.55);
    assert.ok(meanNearest({ ...DEFAULT_SPACE, kind: 'random' }) < 0.45);
  });
});
