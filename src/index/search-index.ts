import type { Article, IngestProblem, Passage, SourceFile } from '../domain.js';
import type { TextSpan } from '../ingest/sentences.js';

/**
 * What the index stage hands to the answer stage. The answer engine only sees this contract,
 * never hnswlib or LangChain directly.
 */

/** Version 2 added the sentence vectors; an index of another version must be rebuilt. */
export const MANIFEST_VERSION = 2;

/** Written next to the HNSW files: how the index was built, so a mismatch is caught at load. */
export interface IndexManifest {
  version: typeof MANIFEST_VERSION;
  embedding: { provider: string; model: string; dimensions: number };
  chunking: { splitter: string; size: number; overlap: number };
  hnsw: { space: 'cosine'; m: number; efConstruction: number };
  files: SourceFile[];
  problems: IngestProblem[];
  /** `sentences`: sentence vectors stored for quote selection (one per sentence of every article). */
  counts: { files: number; articles: number; passages: number; sentences: number };
  builtAt: string;
  buildSeconds: number;
}

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
  manifest: IndexManifest;
  articles: ReadonlyMap<string, Article>;
  passages: readonly Passage[];
  passageById: ReadonlyMap<string, Passage>;
  /** The k passages nearest to the vector among those `accept` lets through (filtering happens inside the search). */
  searchDense(vector: number[], k: number, accept?: (passage: Passage) => boolean): Promise<DenseHit[]>;
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
