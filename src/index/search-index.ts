import type { Article, Passage, SearchFilter } from '../domain.js';
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

/**
 * One index, whichever store holds it (generation folders with HNSW files, or PostgreSQL). Both
 * searches apply the filter inside the search, so k hits come back whenever k passages pass it.
 */
export interface SearchIndex {
  /** How the index was built. */
  manifest: IndexManifest;
  articles: ReadonlyMap<string, Article>;
  passages: readonly Passage[];
  /** The k passages nearest to the vector among those of the articles the filter lets through. */
  searchDense(vector: number[], k: number, filter?: SearchFilter): Promise<DenseHit[]>;
  /** BM25 keyword search over the same passages, and the term statistics quote scoring reads. */
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
