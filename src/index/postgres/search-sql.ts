import type pg from 'pg';
import type { SearchFilter } from '../../domain.js';
import { searchImpactLists, type ImpactList } from '../impact-postings.js';
import { LEXICAL_DEPTH } from '../lexical.js';
import { filterCondition } from './filter-sql.js';

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

/**
 * The k passages among `ordinals` nearest to the vector, by their exact cosine distance: for a
 * filter leaving few passages, which the HNSW index would walk most of its graph to find.
 */
export async function searchDenseAmong(pool: pg.Pool, schema: string, vector: readonly number[], k: number, ordinals: readonly number[]): Promise<ScoredOrdinal[]> {
  const { rows } = await pool.query<{ ordinal: number; distance: number }>(
    `SELECT ordinal, embedding <=> $1::vector AS distance FROM ${schema}.passages
     WHERE ordinal = ANY ($2::int[]) ORDER BY distance, ordinal LIMIT $3`,
    [`[${vector.join(',')}]`, ordinals, k],
  );
  return rows.map((row) => ({ ordinal: row.ordinal, score: 1 - row.distance }));
}

/** A lexeme's packed postings head (`posting_heads`) as the embedded store holds its lists. */
function unpackHead(ordinals: Buffer, impacts: Buffer): ImpactList {
  const count = ordinals.length / 4;
  const list = { passages: new Int32Array(count), impacts: new Float32Array(count) };
  for (let i = 0; i < count; i++) {
    list.passages[i] = ordinals.readInt32BE(i * 4);
    list.impacts[i] = impacts.readFloatBE(i * 4);
  }
  return list;
}

/**
 * BM25+ as the embedded store computes it (impact-postings.ts): each query lexeme's postings are
 * read best impact first, at most `LEXICAL_DEPTH` passages that pass the filter, then summed per
 * passage and multiplied by the number of query lexemes it holds. Without a filter the heads are
 * fetched packed, one row per lexeme, and ranked here by the embedded store's own code: summing
 * thousands of rows in SQL took most of a question's database time.
 */
export async function searchLexicalSql(
  pool: pg.Pool,
  schema: string,
  terms: readonly string[],
  k: number,
  filter?: SearchFilter,
  weights?: ReadonlyMap<string, number>,
): Promise<ScoredOrdinal[]> {
  const unique = [...new Set(terms)].filter((term) => term !== '');
  if (unique.length === 0 || k <= 0) return [];
  const condition = filterCondition(filter, schema, 5);
  if (condition.sql === 'true') {
    const { rows } = await pool.query<{ lexeme: string; ordinals: Buffer; impacts: Buffer }>(
      `SELECT lexeme, ordinals, impacts FROM ${schema}.posting_heads WHERE lexeme = ANY ($1::text[])`,
      [unique],
    );
    const lists = new Map(rows.map((row) => [row.lexeme, unpackHead(row.ordinals, row.impacts)]));
    const query = { terms: new Map(unique.map((term) => [term, weights?.get(term) ?? 1])), depth: LEXICAL_DEPTH, k };
    return searchImpactLists(lists, query).map((hit) => ({ ordinal: hit.passage, score: hit.score }));
  }
  const scope = `JOIN ${schema}.passages AS p ON p.ordinal = s.ordinal JOIN ${schema}.articles AS a ON a.id = p.article_id AND ${condition.sql}`;
  const { rows } = await pool.query<{ ordinal: number; score: number }>(
    `SELECT h.ordinal, count(*) * sum(q.weight * h.impact) AS score
     FROM unnest($1::text[], $2::float8[]) AS q(lexeme, weight)
     CROSS JOIN LATERAL (
       SELECT s.ordinal, s.impact FROM ${schema}.postings AS s ${scope}
       WHERE s.lexeme = q.lexeme ORDER BY s.impact DESC, s.ordinal LIMIT $3
     ) AS h
     GROUP BY h.ordinal ORDER BY score DESC, h.ordinal LIMIT $4`,
    [unique, unique.map((term) => weights?.get(term) ?? 1), LEXICAL_DEPTH, k, ...condition.params],
  );
  return rows.map((row) => ({ ordinal: row.ordinal, score: Number(row.score) }));
}
