import type pg from 'pg';
import type { SearchFilter } from '../../domain.js';
import { BM25 } from '../lexical.js';
import { filterCondition } from './filter-sql.js';
import type { GenerationStats } from './write-generation.js';

/**
 * The two searches of one generation, in SQL. Both apply the filter inside the query, so k rows
 * come back whenever k passages pass it. Rows are passage ordinals (their order in the build).
 */

export interface ScoredOrdinal {
  ordinal: number;
  score: number;
}

/** The k passages nearest to the vector by cosine (HNSW), with their cosine similarity. */
export async function searchDenseSql(
  pool: pg.Pool,
  schema: string,
  vector: readonly number[],
  k: number,
  filter?: SearchFilter,
): Promise<ScoredOrdinal[]> {
  const condition = filterCondition(filter, schema, 3);
  const scope = condition.sql === 'true' ? '' : `WHERE p.article_id IN (SELECT a.id FROM ${schema}.articles AS a WHERE ${condition.sql})`;
  // An iterative HNSW scan may return rows slightly out of order: the outer query sorts them.
  const { rows } = await pool.query<{ ordinal: number; distance: number }>(
    `SELECT ordinal, distance FROM (
       SELECT p.ordinal, p.embedding <=> $1::vector AS distance
       FROM ${schema}.passages AS p ${scope}
       ORDER BY p.embedding <=> $1::vector LIMIT $2
     ) AS nearest ORDER BY distance, ordinal`,
    [`[${vector.join(',')}]`, k, ...condition.params],
  );
  return rows.map((row) => ({ ordinal: row.ordinal, score: 1 - row.distance }));
}

/** Lexemes as a tsquery that matches any of them (a cast, so they are not analysed again). */
function anyOf(lexemes: readonly string[]): string {
  return lexemes.map((lexeme) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' | ');
}

/**
 * BM25+ over the passages' full-text vectors: the score MiniSearch gives in the embedded store
 * (per field, summed over the query terms, times the number of query terms matched), so both
 * stores rank alike. The GIN indexes find the candidates; the lexicon holds document frequencies.
 */
export async function searchLexicalSql(
  pool: pg.Pool,
  schema: string,
  stats: GenerationStats,
  terms: readonly string[],
  k: number,
  filter?: SearchFilter,
  weights?: ReadonlyMap<string, number>,
): Promise<ScoredOrdinal[]> {
  const unique = [...new Set(terms)].filter((term) => term !== '');
  if (unique.length === 0 || k <= 0 || stats.passages === 0) return [];
  const condition = filterCondition(filter, schema, 11);
  const { rows } = await pool.query<{ ordinal: number; score: number }>(
    `WITH query AS (SELECT * FROM unnest($1::text[], $2::float8[]) AS q(lexeme, weight)),
     candidates AS (
       SELECT p.ordinal, p.terms, p.author_terms, p.terms_length, p.author_length
       FROM ${schema}.passages AS p JOIN ${schema}.articles AS a ON a.id = p.article_id
       WHERE (p.terms @@ $3::tsquery OR p.author_terms @@ $3::tsquery) AND ${condition.sql}
     ),
     hits AS (
       SELECT c.ordinal, 'terms' AS field, t.lexeme, cardinality(t.positions) AS tf, c.terms_length AS length, $4::float8 AS mean
       FROM candidates AS c, unnest(c.terms) AS t WHERE t.lexeme = ANY ($1)
       UNION ALL
       SELECT c.ordinal, 'authors', t.lexeme, 1, c.author_length, $5::float8
       FROM candidates AS c, unnest(c.author_terms) AS t WHERE t.lexeme = ANY ($1)
     )
     SELECT h.ordinal, count(DISTINCT h.lexeme) * sum(
         q.weight * ln(1 + ($6::float8 - l.documents + 0.5) / (l.documents + 0.5))
         * ($7::float8 + h.tf * ($8::float8 + 1) / (h.tf + $8::float8 * (1 - $9::float8 + $9::float8 * h.length / h.mean)))
       ) AS score
     FROM hits AS h JOIN query AS q USING (lexeme) JOIN ${schema}.lexicon AS l ON l.field = h.field AND l.lexeme = h.lexeme
     GROUP BY h.ordinal ORDER BY score DESC, h.ordinal LIMIT $10`,
    [
      unique,
      unique.map((term) => weights?.get(term) ?? 1),
      anyOf(unique),
      stats.meanTermsLength,
      stats.meanAuthorLength,
      stats.passages,
      BM25.d,
      BM25.k,
      BM25.b,
      k,
      ...condition.params,
    ],
  );
  return rows.map((row) => ({ ordinal: row.ordinal, score: Number(row.score) }));
}
