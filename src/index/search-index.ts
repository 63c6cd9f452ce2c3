import type { Article, IngestProblem, Passage, SourceFile } from '../domain.js';

/**
 * What the index stage hands to the answer stage. The answer engine only sees this contract,
 * never hnswlib or LangChain directly.
 */

export const MANIFEST_VERSION = 1;

/** Written next to the HNSW files: how the index was built, so a mismatch is caught at load. */
export interface IndexManifest {
  version: typeof MANIFEST_VERSION;
  embedding: { provider: string; model: string; dimensions: number };
  chunking: { splitter: string; size: number; overlap: number };
  hnsw: { space: 'cosine'; m: number; efConstruction: number };
  files: SourceFile[];
  problems: IngestProblem[];
  counts: { files: number; articles: number; passages: number };
  builtAt: string;
  buildSeconds: number;
}

export interface DenseHit {
  passage: Passage;
  /** Cosine similarity, higher is closer. */
  similarity: number;
}

export interface SearchIndex {
  manifest: IndexManifest;
  articles: ReadonlyMap<string, Article>;
  passages: readonly Passage[];
  passageById: ReadonlyMap<string, Passage>;
  /** The k passages nearest to the vector among those `accept` lets through (filtering happens inside the search). */
  searchDense(vector: number[], k: number, accept?: (passage: Passage) => boolean): Promise<DenseHit[]>;
}

/** Turns a question into a vector with the same model the index was built with. */
export interface QueryEmbedder {
  readonly model: string;
  readonly dimensions: number;
  embedQuery(text: string): Promise<number[]>;
}
