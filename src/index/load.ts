import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { DocumentInterface as Document } from '@langchain/core/documents';
import type { Article, Passage } from '../domain.js';
import { CHUNK_SPLITTER, type ChunkSettings } from './chunk.js';
import {
  DamageError,
  IndexError,
  openStore,
  readArticles,
  readSentences,
  readVerifiedManifest,
  type IndexManifest,
  type PassageMetadata,
} from './generation-format.js';
import { currentGeneration } from './generations.js';
import { buildLexicalIndex, type LexicalIndex } from './lexical.js';
import type { ArticleSentences, DenseHit, SearchIndex } from './search-index.js';

/** Loading the current generation of an index as the SearchIndex the answer engine searches. */

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

function checkExpected(manifest: IndexManifest, expected: ExpectedIndex, indexDir: string): void {
  const built = manifest.embedding;
  if (built.provider !== expected.provider || built.model !== expected.model || built.dimensions !== expected.dimensions) {
    throw new IndexError(
      'mismatch',
      `The index at ${indexDir} was built with the ${describeEmbedding(built)} but the configuration uses the ${describeEmbedding(expected)}: run \`npm run reindex\`.`,
    );
  }
  const chunking = manifest.chunking;
  if (chunking.size !== expected.chunking.size || chunking.overlap !== expected.chunking.overlap) {
    throw new IndexError(
      'mismatch',
      `The index at ${indexDir} was built with ${describeChunking(chunking)} but the configuration asks for ${describeChunking(expected.chunking)} (CHUNK_SIZE, CHUNK_OVERLAP): run \`npm run reindex\`.`,
    );
  }
  if (chunking.splitter !== CHUNK_SPLITTER) {
    throw new IndexError(
      'mismatch',
      `The index at ${indexDir} was cut into passages by an older splitter (${chunking.splitter}): run \`npm run reindex\`.`,
    );
  }
}

class HnswSearchIndex implements SearchIndex {
  readonly lexical: LexicalIndex;
  private readonly passageById: ReadonlyMap<string, Passage>;
  /** HNSW label of each passage: passages are stored in label order. */
  private readonly labels: ReadonlyMap<string, number>;

  constructor(
    readonly manifest: IndexManifest,
    readonly articles: ReadonlyMap<string, Article>,
    readonly passages: readonly Passage[],
    private readonly store: HNSWLib,
    private readonly sentences: ReadonlyMap<string, ArticleSentences>,
  ) {
    this.passageById = new Map(passages.map((passage) => [passage.id, passage]));
    this.labels = new Map(passages.map((passage, label) => [passage.id, label]));
    this.lexical = buildLexicalIndex(passages, articles);
  }

  async searchDense(vector: number[], k: number, accept?: (passage: Passage) => boolean): Promise<DenseHit[]> {
    const limit = Math.min(Math.floor(k), this.passages.length);
    if (limit <= 0) return [];
    if (vector.length !== this.manifest.embedding.dimensions) {
      throw new Error(`Query vector has ${vector.length} dimensions; the index has ${this.manifest.embedding.dimensions}.`);
    }
    const passageOf = (document: Document): Passage => this.passageById.get((document.metadata as PassageMetadata).id)!;
    // The filter runs inside hnswlib's search, so k hits come back whenever k passages pass it.
    const filter = accept ? (document: Document) => accept(passageOf(document)) : undefined;
    const results = await this.store.similaritySearchVectorWithScore(vector, limit, filter);
    return results.map(([document, distance]) => ({ passage: passageOf(document), similarity: 1 - distance }));
  }

  sentencesOf(articleId: string): ArticleSentences | undefined {
    return this.sentences.get(articleId);
  }

  passageVector(passageId: string): ArrayLike<number> | undefined {
    const label = this.labels.get(passageId);
    // The cosine space stores vectors normalised, as the contract promises.
    return label === undefined ? undefined : this.store.index.getPoint(label);
  }
}

/** A loaded index and the generation folder it came from. */
export interface LoadedGeneration {
  index: SearchIndex;
  generation: string;
}

/**
 * Loads the current index of `indexDir`, checking every file and that it was built the way the
 * configuration expects. Throws IndexError ('missing', 'corrupt' or 'mismatch') saying what to do.
 */
export async function loadIndex(indexDir: string, expected: ExpectedIndex): Promise<SearchIndex> {
  return (await loadGeneration(indexDir, expected)).index;
}

/** `loadIndex`, also saying which generation it loaded (so a process can tell when another one publishes). */
export async function loadGeneration(indexDir: string, expected: ExpectedIndex): Promise<LoadedGeneration> {
  const damaged = (detail: string) =>
    new IndexError('corrupt', `The index at ${indexDir} is damaged (${detail}); run \`npm run reindex\`.`);
  let dir: string | null;
  try {
    dir = await currentGeneration(indexDir);
  } catch (error) {
    throw damaged((error as Error).message);
  }
  if (!dir) throw new IndexError('missing', `No index at ${indexDir}. Run \`npm run reindex\`.`);

  try {
    const manifest = await readVerifiedManifest(dir, indexDir);
    checkExpected(manifest, expected, indexDir);
    const articles = await readArticles(dir);
    const sentences = await readSentences(dir, manifest, articles);
    const { store, documents } = await openStore(dir, manifest);
    const passages = documents.map(({ pageContent, metadata }): Passage => {
      const article = articles.get(metadata.articleId);
      if (!article || article.text.slice(metadata.start, metadata.end) !== pageContent) {
        throw new DamageError(`passage ${metadata.id} does not match its article`);
      }
      return { ...metadata, text: pageContent };
    });
    store.index.setEf(Math.max(1, expected.ef));
    return { index: new HnswSearchIndex(manifest, articles, passages, store, sentences), generation: dir };
  } catch (error) {
    if (error instanceof DamageError) throw damaged(error.message);
    throw error;
  }
}
