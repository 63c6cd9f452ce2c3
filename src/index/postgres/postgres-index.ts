import type pg from 'pg';
import type { Passage, SearchFilter } from '../../domain.js';
import { authorTerms, inverseDocumentFrequency, termCounts, type LexicalHit, type LexicalIndex } from '../lexical.js';
import { PackedTerms } from '../packed-terms.js';
import type { IndexManifest } from '../generation-format.js';
import type { ArticleSentences, DenseHit, SearchIndex } from '../search-index.js';
import type { GenerationRows } from './read-generation.js';
import { EXACT_SEARCH_LIMIT, PassagesByArticle, scopeCache, type ArticleScope } from '../filter.js';
import { LEXICAL_DEPTH } from '../lexical.js';
import { searchDenseAmong, searchDenseSql, searchLexicalAmong, searchLexicalSql, type ScoredOrdinal } from './search-sql.js';

/**
 * One published generation as the answer engine sees it: both searches run in PostgreSQL (HNSW
 * and full text, filtered in SQL); the articles, passages and sentence vectors that quote
 * selection reads are kept at hand, as the embedded store keeps them.
 */
export class PostgresSearchIndex implements SearchIndex {
  readonly manifest: IndexManifest;
  readonly generation: number;
  readonly passageById: ReadonlyMap<string, Passage>;
  readonly lexical: LexicalIndex;
  private readonly ordinals: ReadonlyMap<string, number>;
  private readonly byArticle: PassagesByArticle;
  /** Filters are resolved here, from the articles at hand: a narrow one is searched among its passages (see searchDenseAmong). */
  private readonly scopeOf: (filter: SearchFilter | undefined) => ArticleScope;

  constructor(
    private readonly pool: pg.Pool,
    private readonly rows: GenerationRows,
  ) {
    this.manifest = rows.manifest;
    this.generation = rows.id;
    this.passageById = new Map(rows.passages.map((passage) => [passage.id, passage]));
    this.ordinals = new Map(rows.passages.map((passage, ordinal) => [passage.id, ordinal]));
    this.byArticle = new PassagesByArticle(rows.passages);
    this.scopeOf = scopeCache(rows.articles);
    this.lexical = this.lexicalIndex();
  }

  get articles() {
    return this.rows.articles;
  }

  get passages(): readonly Passage[] {
    return this.rows.passages;
  }

  private passageAt = (hit: ScoredOrdinal): Passage => {
    const passage = this.rows.passages[hit.ordinal];
    if (!passage) throw new Error(`Passage ${hit.ordinal} of index generation ${this.generation} is missing.`);
    return passage;
  };

  async searchDense(vector: number[], k: number, filter?: SearchFilter): Promise<DenseHit[]> {
    const limit = Math.min(Math.floor(k), this.rows.passages.length);
    if (limit <= 0) return [];
    const { dimensions } = this.manifest.embedding;
    if (vector.length !== dimensions) throw new Error(`Query vector has ${vector.length} dimensions; the index has ${dimensions}.`);
    const among = this.passagesWithin(filter, EXACT_SEARCH_LIMIT);
    const hits = among ? await searchDenseAmong(this.pool, this.rows.schema, vector, limit, among) : await searchDenseSql(this.pool, this.rows.schema, vector, limit, filter);
    return hits.map((hit) => ({ passage: this.passageAt(hit), similarity: hit.score }));
  }

  /** The ordinals of the passages the filter leaves, when it leaves at most `limit`; else null. */
  private passagesWithin(filter: SearchFilter | undefined, limit: number): number[] | null {
    const scope = this.scopeOf(filter);
    return scope ? this.byArticle.within(scope, limit) : null;
  }

  private lexicalIndex(): LexicalIndex {
    const { rows, pool } = this;
    const authorTermSets = new Map<string, ReadonlySet<string>>();
    for (const article of rows.articles.values()) authorTermSets.set(article.id, authorTerms(article));
    // Made at load, as the embedded store makes them: stemming on the answer path cost every question milliseconds.
    const known = rows.passages.filter((passage) => rows.articles.has(passage.articleId));
    const rowOf = new Map(known.map((passage, row) => [passage.id, row]));
    const terms = PackedTerms.pack(termCounts(known, rows.articles));
    const empty: ReadonlySet<string> = new Set();
    return {
      search: async (terms, k, filter, weights): Promise<LexicalHit[]> => {
        const among = this.passagesWithin(filter, LEXICAL_DEPTH);
        const hits = among
          ? await searchLexicalAmong(pool, rows.schema, rows.stats, terms, Math.floor(k), among, weights)
          : await searchLexicalSql(pool, rows.schema, terms, Math.floor(k), filter, weights);
        return hits.map((hit) => ({ passage: this.passageAt(hit), score: hit.score }));
      },
      idf: (term) => inverseDocumentFrequency(rows.stats.passages, rows.documentFrequency.get(term) ?? 0),
      documentFrequency: (term) => rows.documentFrequency.get(term) ?? 0,
      termsOf: (passageId) => {
        const row = rowOf.get(passageId);
        return row === undefined ? empty : terms.lookup(row, authorTermSets.get(known[row]!.articleId)!);
      },
      authorTermsOf: (articleId) => authorTermSets.get(articleId) ?? empty,
    };
  }

  sentencesOf(articleId: string): ArticleSentences | undefined {
    return this.rows.sentences.get(articleId);
  }

  passageVector(passageId: string): ArrayLike<number> | undefined {
    const ordinal = this.ordinals.get(passageId);
    if (ordinal === undefined) return undefined;
    const { dimensions } = this.manifest.embedding;
    return this.rows.passageVectors.subarray(ordinal * dimensions, (ordinal + 1) * dimensions);
  }
}
