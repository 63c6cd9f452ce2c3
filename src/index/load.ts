import path from 'node:path';
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
import { currentGeneration, generationsDir, listGenerations } from './generations.js';
import { checkExpected, type ExpectedIndex } from './index-store.js';
import { buildLexicalIndex, type LexicalIndex } from './lexical.js';
import type { ArticleSentences, DenseHit, SearchIndex } from './search-index.js';
import { markServing } from './serving.js';

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
