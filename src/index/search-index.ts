import type { Article, Passage } from '../domain.js';
import type { TextSpan } from '../text/sentences.js';
import type { IndexManifest } from './generation-format.js';
import type { LexicalIndex } from './lexical.js';

/**
 * What the index stage hands to the answer stage. The answer engine only sees this contract,
 * never hnswlib, MiniSearch or LangChain directly.
 */

export interface DenseHit {
  passage: Passage;
  /** Cosine similarity, higher is closer. */
  similarity: number;
}

/** The sentences of one article with the vectors embedded for them when the index was built. */
export interface ArticleSentences {
  /** Sentence spans of the article text, in order (`splitSentences`). */
  spans: readonly TextSpan[];
  /**
   * Row `i` (`dimensions` floats from `i * dimensions`) is the vector of `spans[i]`, embedded when
   * the index was built, unit length (so a dot product with a unit question vector is the cosine).
   */
  vectors: Float32Array;
}

export interface SearchIndex {
  /** How the index was built. */
  manifest: IndexManifest;
  articles: ReadonlyMap<string, Article>;
  passages: readonly Passage[];
  /** The k passages nearest to the vector among those `accept` lets through (filtering happens inside the search). */
  searchDense(vector: number[], k: number, accept?: (passage: Passage) => boolean): Promise<DenseHit[]>;
  /** BM25 keyword search over the same passages, built when the index loads. */
  lexical: LexicalIndex;
  /** The article's sentences and their stored vectors; undefined for an unknown article. */
  sentencesOf(articleId: string): ArticleSentences | undefined;
  /** The stored unit-length vector of a passage (to score one the dense search did not return); undefined when unknown. */
  passageVector(passageId: string): ArrayLike<number> | undefined;
}

/** Turns a question into a vector with the same model the index was built with. */
export interface QueryEmbedder {
  readonly model: string;
  readonly dimensions: number;
  embedQuery(text: string): Promise<number[]>;
}
