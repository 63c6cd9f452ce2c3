import type pg from 'pg';
import type { Passage, SearchFilter } from '../../domain.js';
import { authorTerms, inverseDocumentFrequency, type LexicalHit, type LexicalIndex } from '../lexical.js';
import { tokenize } from '../../text/tokenize.js';
import type { IndexManifest } from '../generation-format.js';
import type { ArticleSentences, DenseHit, SearchIndex } from '../search-index.js';
import type { GenerationRows } from './read-generation.js';
import { searchDenseSql, searchLexicalSql, type ScoredOrdinal } from './search-sql.js';

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

  constructor(
    private readonly pool: pg.Pool,
    private readonly rows: GenerationRows,
  ) {
    this.manifest = rows.manifest;
    this.generation = rows.id;
    this.passageById = new Map(rows.passages.map((passage) => [passage.id, passage]));
    this.ordinals = new Map(rows.passages.map((passage, ordinal) => [passage.id, ordinal]));
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
    const hits = await searchDenseSql(this.pool, this.rows.schema, vector, limit, filter);
    return hits.map((hit) => ({ passage: this.passageAt(hit), similarity: hit.score }));
  }

  private lexicalIndex(): LexicalIndex {
    const { rows, pool } = this;
    const authorTermSets = new Map<string, ReadonlySet<string>>();
    const termSets = new Map<string, ReadonlySet<string>>();
    const empty: ReadonlySet<string> = new Set();
    const authorTermsOf = (articleId: string): ReadonlySet<string> => {
      const article = rows.articles.get(articleId);
      if (!article) return empty;
      let terms = authorTermSets.get(articleId);
      if (!terms) authorTermSets.set(articleId, (terms = authorTerms(article)));
      return terms;
    };
    return {
      search: async (terms, k, filter, weights): Promise<LexicalHit[]> => {
        const hits = await searchLexicalSql(pool, rows.schema, terms, Math.floor(k), filter, weights);
        return hits.map((hit) => ({ passage: this.passageAt(hit), score: hit.score }));
      },
      idf: (term) => inverseDocumentFrequency(rows.stats.passages, rows.documentFrequency.get(term) ?? 0),
      documentFrequency: (term) => rows.documentFrequency.get(term) ?? 0,
      // Made when quote selection first asks, as the embedded store makes them when it loads.
      termsOf: (passageId) => {
        const passage = this.passageById.get(passageId);
        const article = passage && rows.articles.get(passage.articleId);
        if (!passage || !article) return empty;
        let terms = termSets.get(passageId);
        if (!terms) termSets.set(passageId, (terms = new Set([...tokenize(passage.text, article.language), ...authorTermsOf(article.id)])));
        return terms;
      },
      authorTermsOf,
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
