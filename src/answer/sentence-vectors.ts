import type { ArticleSentences } from '../index/search-index.js';

/**
 * Dense evidence from the vectors stored in the index: every sentence was embedded when the
 * index was built (and passages live in the HNSW graph), so scoring a question against them is
 * dot products only, with no model call at query time.
 */

/**
 * Scores stored unit-length vectors against a question: the cosine similarity, one dot product
 * each (the question is normalised once). A vector of another length scores 0.
 */
export function similarityTo(question: readonly number[]): (stored: ArrayLike<number>) => number {
  let norm = 0;
  for (const x of question) norm += x * x;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const unit = Float64Array.from(question, (x) => x * scale);
  return (stored) => {
    if (stored.length !== unit.length) return 0;
    let dot = 0;
    for (let i = 0; i < unit.length; i++) dot += unit[i]! * stored[i]!;
    return dot;
  };
}

/** The stored vector of sentence `i` of an article (a view, not a copy). */
export function sentenceVector(sentences: ArticleSentences, i: number): Float32Array {
  const dimensions = sentences.vectors.length / sentences.spans.length;
  return sentences.vectors.subarray(i * dimensions, (i + 1) * dimensions);
}
