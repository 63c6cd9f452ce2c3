import type { IngestResult, ReindexSummary } from '../domain.js';
import { CHUNK_SPLITTER, type ChunkSettings } from './chunk.js';
import type { Embedder } from './embeddings.js';
import { IndexError, type IndexManifest } from './generation-format.js';
import type { SearchIndex } from './search-index.js';

/**
 * Where an index is kept: generation folders with HNSW files (the default, file-store.ts), or
 * PostgreSQL with pgvector (with DATABASE_URL, postgres/). The rest of the program builds, loads
 * and follows an index through this contract only.
 */
export interface IndexStore {
  /** Where the index lives, for messages: the folder, or the database (without its password). */
  readonly location: string;
  /** The index in use; throws an IndexError ('missing', 'corrupt', 'mismatch') saying what to do. */
  load(expected: ExpectedIndex): Promise<SearchIndex>;
  /** Builds a new index from the ingested corpus and makes it the one in use; on failure the old one stays. */
  build(ingest: IngestResult, embedder: Embedder, options: StoreBuildOptions): Promise<ReindexSummary>;
  /**
   * Calls `onIndex` with every index published from now on by any process, for a store several
   * processes share; returns a function that stops following. Absent when only this process builds.
   */
  follow?(expected: ExpectedIndex, onIndex: (index: SearchIndex) => void, onError: (error: Error) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface StoreBuildOptions {
  chunking: ChunkSettings;
  /** Called with texts (passages and sentences) done, embedded or reused, out of the total. */
  onProgress?: (done: number, total: number) => void;
  /** Publish even an index with no articles, or less than half of the published one's (`--allow-shrink`). */
  allowShrink?: boolean;
}

/** What the configuration expects of an index; anything else is a mismatch. */
export interface ExpectedIndex {
  provider: string;
  model: string;
  dimensions: number;
  chunking: ChunkSettings;
  /** HNSW search breadth, set on every load (the library default of 10 gives poor recall). */
  ef: number;
}

function describeEmbedding(embedding: { provider: string; model: string; dimensions: number }): string {
  return `${embedding.provider} model ${embedding.model} (${embedding.dimensions} dims)`;
}

function describeChunking(chunking: ChunkSettings): string {
  return `chunks of ${chunking.size} characters with ${chunking.overlap} overlap`;
}

/** Throws a 'mismatch' IndexError when the index at `location` was built otherwise than the configuration asks. */
export function checkExpected(manifest: IndexManifest, expected: ExpectedIndex, location: string): void {
  const built = manifest.embedding;
  if (built.provider !== expected.provider || built.model !== expected.model || built.dimensions !== expected.dimensions) {
    throw new IndexError(
      'mismatch',
      `The index at ${location} was built with the ${describeEmbedding(built)} but the configuration uses the ${describeEmbedding(expected)}: run \`npm run reindex\`.`,
    );
  }
  const chunking = manifest.chunking;
  if (chunking.size !== expected.chunking.size || chunking.overlap !== expected.chunking.overlap) {
    throw new IndexError(
      'mismatch',
      `The index at ${location} was built with ${describeChunking(chunking)} but the configuration asks for ${describeChunking(expected.chunking)} (CHUNK_SIZE, CHUNK_OVERLAP): run \`npm run reindex\`.`,
    );
  }
  if (chunking.splitter !== CHUNK_SPLITTER) {
    throw new IndexError(
      'mismatch',
      `The index at ${location} was cut into passages by an older splitter (${chunking.splitter}): run \`npm run reindex\`.`,
    );
  }
}
