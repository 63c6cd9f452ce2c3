import path from 'node:path';
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { Article, Passage, SearchFilter } from '../domain.js';
import {
  DamageError,
  IndexError,
  openStore,
  readArticles,
  readSentences,
  readVerifiedManifest,
  type IndexManifest,
} from './generation-format.js';
import { EXACT_SEARCH_LIMIT, PassagesByArticle, scopeCache, type ArticleScope } from './filter.js';
import { currentGeneration, generationsDir, listGenerations } from './generations.js';
import { checkExpected, type ExpectedIndex } from './index-store.js';
import { buildLexicalIndex, type LexicalIndex } from './lexical.js';
import type { ArticleSentences, DenseHit, SearchIndex } from './search-index.js';
import { markServing } from './serving.js';

/** Loading the current generation of an index as the SearchIndex the answer engine searches. */

class HnswSearchIndex implements SearchIndex {
  readonly lexical: LexicalIndex;
  private readonly scopeOf: (filter: SearchFilter | undefined) => ArticleScope;
  /** HNSW label of each passage: passages are stored in label order. */
  private readonly labels: ReadonlyMap<string, number>;
  private readonly byArticle: PassagesByArticle;
  /** Every passage's unit-length vector, row `label`, read from the HNSW index once at load. */
  private readonly vectors: Float32Array;
  private readonly dimensions: number;

  constructor(
    readonly manifest: IndexManifest,
    readonly articles: ReadonlyMap<string, Article>,
    readonly passages: readonly Passage[],
    private readonly store: HNSWLib,
    private readonly sentences: ReadonlyMap<string, ArticleSentences>,
  ) {
    this.labels = new Map(passages.map((passage, label) => [passage.id, label]));
    this.dimensions = manifest.embedding.dimensions;
    this.vectors = new Float32Array(passages.length * this.dimensions);
    this.byArticle = new PassagesByArticle(passages);
    passages.forEach((_, label) => {
      // The cosine space stores vectors normalised, as the contract promises.
      this.vectors.set(store.index.getPoint(label), label * this.dimensions);
    });
    this.scopeOf = scopeCache(articles);
    this.lexical = buildLexicalIndex(passages, articles, this.scopeOf);
  }

  async searchDense(vector: number[], k: number, filter?: SearchFilter): Promise<DenseHit[]> {
    const limit = Math.min(Math.floor(k), this.passages.length);
    if (limit <= 0) return [];
    if (vector.length !== this.dimensions) {
      throw new Error(`Query vector has ${vector.length} dimensions; the index has ${this.dimensions}.`);
    }
    const scope = this.scopeOf(filter);
    const labels = scope ? this.byArticle.within(scope, EXACT_SEARCH_LIMIT) : null;
    if (labels) return this.searchExact(vector, limit, labels);
    // The filter runs inside hnswlib's search, so k hits come back whenever k passages pass it.
    const { neighbors, distances } = this.store.index.searchKnn(
      vector,
      limit,
      scope ? (label: number) => scope.has(this.passages[label]!.articleId) : undefined,
    );
    return neighbors.map((label, i) => ({ passage: this.passages[label]!, similarity: 1 - distances[i]! }));
  }

  /** The `limit` passages among `labels` nearest to the vector, by reading each one's vector. */
  private searchExact(vector: readonly number[], limit: number, labels: readonly number[]): DenseHit[] {
    const { dimensions, vectors } = this;
    let norm = 0;
    for (const value of vector) norm += value * value;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const scored = labels.map((label) => {
      let sum = 0;
      for (let i = 0, at = label * dimensions; i < dimensions; i++, at++) sum += vector[i]! * vectors[at]!;
      return { label, similarity: sum * scale };
    });
    scored.sort((a, b) => b.similarity - a.similarity || a.label - b.label);
    return scored.slice(0, limit).map(({ label, similarity }) => ({ passage: this.passages[label]!, similarity }));
  }

  sentencesOf(articleId: string): ArticleSentences | undefined {
    return this.sentences.get(articleId);
  }

  passageVector(passageId: string): ArrayLike<number> | undefined {
    const label = this.labels.get(passageId);
    return label === undefined ? undefined : this.vectors.subarray(label * this.dimensions, (label + 1) * this.dimensions);
  }
}

/** A loaded index and the generation `current` named when it was loaded. */
export interface LoadedGeneration {
  index: SearchIndex;
  /** The generation the pointer names, even when a damaged one was replaced by an older one (so a follower does not retry it every second). */
  generation: string;
}

export interface LoadOptions {
  /**
   * Told, with a message for the person running the bot, when the current generation is damaged
   * and an older good one is served instead.
   */
  onFallback?: (message: string) => void;
}

/** One generation folder as a SearchIndex; throws DamageError or IndexError ('mismatch'). */
async function readGeneration(dir: string, indexDir: string, expected: ExpectedIndex): Promise<SearchIndex> {
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
  return new HnswSearchIndex(manifest, articles, passages, store, sentences);
}

/** The newest generation other than `damaged` that loads, with its folder; null when none does. */
async function loadFallback(indexDir: string, expected: ExpectedIndex, damaged: string | null): Promise<{ dir: string; index: SearchIndex } | null> {
  for (const name of await listGenerations(indexDir)) {
    const dir = path.join(generationsDir(indexDir), name);
    if (dir === damaged) continue;
    try {
      return { dir, index: await readGeneration(dir, indexDir, expected) };
    } catch {
      // Damaged too, or built another way: try the one before.
    }
  }
  return null;
}

/**
 * Loads the current index of `indexDir`, checking every file and that it was built the way the
 * configuration expects. When the current generation is damaged, the newest older generation that
 * is whole is served instead (and `onFallback` told), so a damaged file neither stops the bot nor
 * costs a full re-embedding. Throws IndexError ('missing', 'corrupt' or 'mismatch') saying what to do.
 */
export async function loadIndex(indexDir: string, expected: ExpectedIndex, options: LoadOptions = {}): Promise<SearchIndex> {
  return (await loadGeneration(indexDir, expected, options)).index;
}

/** `loadIndex`, also saying which generation it loaded (so a process can tell when another one publishes). */
export async function loadGeneration(indexDir: string, expected: ExpectedIndex, options: LoadOptions = {}): Promise<LoadedGeneration> {
  let dir: string | null = null;
  let damage: string | null = null;
  try {
    dir = await currentGeneration(indexDir);
  } catch (error) {
    damage = (error as Error).message;
  }
  if (dir) {
    try {
      const index = await readGeneration(dir, indexDir, expected);
      await markServing(indexDir, path.basename(dir));
      return { index, generation: dir };
    } catch (error) {
      if (!(error instanceof DamageError)) throw error;
      damage = error.message;
    }
  } else if (damage === null) {
    throw new IndexError('missing', `No index at ${indexDir}. Run \`npm run reindex\`.`);
  }
  const fallback = await loadFallback(indexDir, expected, dir);
  if (!fallback) throw new IndexError('corrupt', `The index at ${indexDir} is damaged (${damage}); run \`npm run reindex\`.`);
  await markServing(indexDir, path.basename(fallback.dir));
  options.onFallback?.(
    `The current index at ${indexDir} is damaged (${damage}); answering from the previous good generation ` +
      `(${fallback.index.manifest.counts.articles} articles, built ${fallback.index.manifest.builtAt}). Run \`npm run reindex\` to repair it.`,
  );
  return { index: fallback.index, generation: dir ?? fallback.dir };
}
