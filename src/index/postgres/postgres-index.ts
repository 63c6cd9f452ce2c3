import type pg from 'pg';
import type { Passage, SearchFilter } from '../../domain.js';
import { authorTerms, inverseDocumentFrequency, LEXICAL_DEPTH, scopedImpactLists, termCounts, type FieldStatistics, type LexicalHit, type LexicalIndex, type RowTerms } from '../lexical.js';
import { searchImpactLists } from '../impact-postings.js';
import { PackedTerms } from '../packed-terms.js';
import type { IndexManifest } from '../generation-format.js';
import type { ArticleSentences, DenseHit, SearchIndex } from '../search-index.js';
import type { GenerationRows } from './read-generation.js';
import { EXACT_SEARCH_LIMIT, PassagesByArticle, scopeCache, type ArticleScope } from '../filter.js';
import { searchDenseAmong, searchDenseSql, searchLexicalSql, type ScoredOrdinal } from './search-sql.js';

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

  /**
   * The keyword side: the full postings are read in PostgreSQL; a narrow filter's few passages are
   * scored here from their own terms, kept at hand for quote selection anyway, with the statistics
   * the build stored (the same ranking: a query per question over an author's passages' term
   * vectors was the slowest part of an answer at 100,000 articles).
   */
  private lexicalIndex(): LexicalIndex {
    const { rows, pool } = this;
    const { any, terms: textFrequency, authors: authorFrequency } = rows.documentFrequency;
    const authorTermSets = new Map<string, ReadonlySet<string>>();
    for (const article of rows.articles.values()) authorTermSets.set(article.id, authorTerms(article));
    // Made at load, as the embedded store makes them: stemming on the answer path cost every question milliseconds.
    const known = rows.passages.filter((passage) => rows.articles.has(passage.articleId));
    const rowOf = new Map(known.map((passage, row) => [passage.id, row]));
    const rowTerms: RowTerms = { text: PackedTerms.pack(termCounts(known, rows.articles)), authors: (row) => authorTermSets.get(known[row]!.articleId)! };
    const statistics: FieldStatistics = {
      passages: rows.stats.passages,
      meanText: rows.stats.meanTermsLength,
      meanAuthors: rows.stats.meanAuthorLength,
      textFrequency: (term) => textFrequency.get(term) ?? 0,
      authorFrequency: (term) => authorFrequency.get(term) ?? 0,
    };
    const empty: ReadonlySet<string> = new Set();
    return {
      search: async (terms, k, filter, weights): Promise<LexicalHit[]> => {
        const among = this.passagesWithin(filter, LEXICAL_DEPTH);
        if (!among) {
          const hits = await searchLexicalSql(pool, rows.schema, terms, Math.floor(k), filter, weights);
          return hits.map((hit) => ({ passage: this.passageAt(hit), score: hit.score }));
        }
        const scoped = among.flatMap((ordinal) => rowOf.get(rows.passages[ordinal]!.id) ?? []);
        const query = { terms: new Map(terms.map((term) => [term, weights?.get(term) ?? 1])), depth: LEXICAL_DEPTH, k: Math.floor(k) };
        return searchImpactLists(scopedImpactLists(query.terms.keys(), scoped, rowTerms, statistics), query).map((hit) => ({ passage: known[hit.passage]!, score: hit.score }));
      },
      idf: (term) => inverseDocumentFrequency(rows.stats.passages, any.get(term) ?? 0),
      documentFrequency: (term) => any.get(term) ?? 0,
      termsOf: (passageId) => {
        const row = rowOf.get(passageId);
        return row === undefined ? empty : rowTerms.text.lookup(row, rowTerms.authors(row));
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
