import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { DocumentInterface as Document } from '@langchain/core/documents';
import type { Article, Passage, SearchFilter } from '../domain.js';
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
import { scopeCache, type PassageScope } from './filter.js';
import { currentGeneration } from './generations.js';
import { checkExpected, type ExpectedIndex } from './index-store.js';
import { buildLexicalIndex, type LexicalIndex } from './lexical.js';
import type { ArticleSentences, DenseHit, SearchIndex } from './search-index.js';

/** Loading the current generation of an index as the SearchIndex the answer engine searches. */

class HnswSearchIndex implements SearchIndex {
  readonly lexical: LexicalIndex;
  private readonly scopeOf: (filter: SearchFilter | undefined) => PassageScope;
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
    this.scopeOf = scopeCache(articles);
    this.lexical = buildLexicalIndex(passages, articles, this.scopeOf);
  }

  async searchDense(vector: number[], k: number, filter?: SearchFilter): Promise<DenseHit[]> {
    const limit = Math.min(Math.floor(k), this.passages.length);
    if (limit <= 0) return [];
    if (vector.length !== this.manifest.embedding.dimensions) {
      throw new Error(`Query vector has ${vector.length} dimensions; the index has ${this.manifest.embedding.dimensions}.`);
    }
    const passageOf = (document: Document): Passage => this.passageById.get((document.metadata as PassageMetadata).id)!;
    // The filter runs inside hnswlib's search, so k hits come back whenever k passages pass it.
    const accept = this.scopeOf(filter);
    const results = await this.store.similaritySearchVectorWithScore(
      vector,
      limit,
      accept ? (document: Document) => accept(passageOf(document)) : undefined,
    );
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
