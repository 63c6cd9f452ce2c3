import type pg from 'pg';
import { BM25, LEXICAL_DEPTH } from '../lexical.js';
import type { GenerationStats } from './write-generation.js';

/**
 * Where the search index lives in PostgreSQL. The schema `quotebot` holds the list of published
 * generations; each generation is a schema of its own (`quotebot_index_<id>`), written and
 * published in one transaction, with its own HNSW and full-text indexes. Readers follow the newest
 * published generation; the one before it is kept until the next reindex so that a process that
 * has not switched yet can finish its questions.
 */

export const META_SCHEMA = 'quotebot';
/** NOTIFY channel: the payload is the id of the generation just published. */
export const INDEX_CHANNEL = 'quotebot_index';
/** Keys of the advisory locks that let one reindex at a time write, and one process create the schema. */
export const REINDEX_LOCK = 7_265_917;
const SCHEMA_LOCK = 7_265_918;
/**
 * Key of the session advisory lock a reindex holds from start to publication (see
 * withReindexLock); another key than REINDEX_LOCK, which the publishing transaction takes on
 * another connection of the same process.
 */
export const REINDEX_BUILD_LOCK = 7_265_919;
/** HNSW graph parameters, as the embedded store builds with (hnswlib-node defaults). */
export const HNSW_M = 16;
export const HNSW_EF_CONSTRUCTION = 200;

export function generationSchema(id: number): string {
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`Not a generation id: ${id}`);
  return `quotebot_index_${id}`;
}

/** Languages with a Snowball stemmer in PostgreSQL that quotebot stems too (see tokenize.ts). */
export const STEMMED_LANGUAGES = ['english', 'dutch', 'german', 'french', 'spanish', 'italian', 'portuguese'] as const;

/**
 * The tables every process needs before it reads or writes an index, and a full-text
 * configuration per language: PostgreSQL's own, with its Snowball stemmer but without its
 * stopword list, since passages arrive with quotebot's stopwords already removed (PostgreSQL's
 * lists drop words such as "against" and "onder" that the embedded store keeps). Safe to run
 * concurrently and again: one statement batch, one transaction, behind an advisory lock.
 */
export async function ensureMetaSchema(client: pg.Pool | pg.PoolClient): Promise<void> {
  await client.query(`
    SELECT pg_advisory_xact_lock(${SCHEMA_LOCK});
    CREATE EXTENSION IF NOT EXISTS vector;
    CREATE SCHEMA IF NOT EXISTS ${META_SCHEMA};
    DO $$
    DECLARE language text;
    BEGIN
      FOREACH language IN ARRAY ARRAY['${STEMMED_LANGUAGES.join("','")}'] LOOP
        CONTINUE WHEN EXISTS (SELECT 1 FROM pg_ts_config AS c JOIN pg_namespace AS n ON n.oid = c.cfgnamespace
                              WHERE n.nspname = '${META_SCHEMA}' AND c.cfgname = language);
        EXECUTE format('CREATE TEXT SEARCH DICTIONARY ${META_SCHEMA}.%I (TEMPLATE = snowball, LANGUAGE = %I)', language || '_stem', language);
        EXECUTE format('CREATE TEXT SEARCH CONFIGURATION ${META_SCHEMA}.%I (COPY = pg_catalog.%I)', language, language);
        EXECUTE format('ALTER TEXT SEARCH CONFIGURATION ${META_SCHEMA}.%I ALTER MAPPING REPLACE pg_catalog.%I WITH ${META_SCHEMA}.%I',
                       language, language || '_stem', language || '_stem');
      END LOOP;
    END $$;
    CREATE TABLE IF NOT EXISTS ${META_SCHEMA}.index_generations (
      id bigint PRIMARY KEY,
      manifest jsonb NOT NULL,
      stats jsonb NOT NULL,
      published_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE SEQUENCE IF NOT EXISTS ${META_SCHEMA}.index_generation_ids;
  `);
}

/** Vectors up to this size (bytes) are kept in the passage row: a row stays well inside a page. */
const INLINE_VECTOR_BYTES = 4096;

/**
 * Passage vectors kept in their row, uncompressed, where they fit: pgvector stores them out of
 * line (TOAST) by default, and reading them back there made every exact distance slow (a scan of
 * 2,416 passages took 11 ms, 2.6 ms with the vectors in the row).
 */
function inlineVectors(schema: string, dimensions: number): string {
  return dimensions * 4 + 8 <= INLINE_VECTOR_BYTES ? `\n    ALTER TABLE ${schema}.passages ALTER COLUMN embedding SET STORAGE PLAIN;` : '';
}

/**
 * The tables of one generation. Folded columns hold text as `foldText` makes it (lowercase, no
 * accents) so filters compare in SQL the way the embedded store compares in JavaScript.
 */
export function generationTables(schema: string, dimensions: number): string {
  if (!Number.isSafeInteger(dimensions) || dimensions <= 0) throw new Error(`Not a vector size: ${dimensions}`);
  return `
    CREATE SCHEMA ${schema};
    CREATE TABLE ${schema}.articles (
      ordinal integer PRIMARY KEY,
      id text NOT NULL UNIQUE,
      source text NOT NULL,
      title text NOT NULL,
      authors text[] NOT NULL,
      date text,
      publisher text,
      url text,
      language text NOT NULL,
      republished_in text,
      text text NOT NULL,
      search_config regconfig NOT NULL,
      id_folded text NOT NULL,
      source_folded text NOT NULL,
      title_folded text NOT NULL,
      title_words text NOT NULL,
      author_words text[] NOT NULL
    );
    CREATE TABLE ${schema}.passages (
      ordinal integer PRIMARY KEY,
      id text NOT NULL UNIQUE,
      article_id text NOT NULL REFERENCES ${schema}.articles (id),
      start_offset integer NOT NULL,
      end_offset integer NOT NULL,
      text text NOT NULL,
      text_hash text NOT NULL,
      embedding vector(${dimensions}) NOT NULL,
      terms tsvector NOT NULL,
      author_terms tsvector NOT NULL,
      terms_length integer NOT NULL,
      author_length integer NOT NULL
    );${inlineVectors(schema, dimensions)}
    CREATE TABLE ${schema}.sentences (
      article_id text NOT NULL REFERENCES ${schema}.articles (id),
      position integer NOT NULL,
      PRIMARY KEY (article_id, position),
      text_hash text NOT NULL,
      embedding vector(${dimensions}) NOT NULL,
      start_offset integer NOT NULL,
      end_offset integer NOT NULL
    );
    -- Documents (passages) holding each lexeme, per field: BM25's document frequencies.
    CREATE TABLE ${schema}.lexicon (
      field text NOT NULL,
      lexeme text NOT NULL,
      documents integer NOT NULL,
      PRIMARY KEY (field, lexeme)
    );
    -- What each lexeme adds to each passage's BM25+ score (both fields summed), read best first.
    CREATE TABLE ${schema}.postings (
      lexeme text NOT NULL,
      ordinal integer NOT NULL,
      impact real NOT NULL
    );
    -- The first LEXICAL_DEPTH postings of each lexeme, packed (int4 ordinals, float4 impacts, big-endian):
    -- a search without a filter reads one row per query lexeme and ranks in the process.
    CREATE TABLE ${schema}.posting_heads (
      lexeme text PRIMARY KEY,
      ordinals bytea NOT NULL,
      impacts bytea NOT NULL
    );
  `;
}

/** BM25+ weight of a lexeme in a field, in SQL: `tf` and `length` are column expressions, the rest numbers. */
export function impactSql(tf: string, length: string, meanLength: number, passages: number): string {
  const { k, b, d } = BM25;
  const mean = meanLength > 0 ? meanLength : 1;
  return `ln(1 + (${passages} - l.documents + 0.5) / (l.documents + 0.5)) * (${d} + ${tf} * ${k + 1} / (${tf} + ${k} * (1 - ${b} + ${b} * ${length} / ${mean})))`;
}

/**
 * Built after the rows are in: faster than growing the indexes row by row. The postings are the
 * impact-ordered lists of the embedded store (impact-postings.ts), so a keyword search reads the
 * head of each query lexeme's list through an index instead of scoring every passage holding it.
 */
export function generationIndexes(schema: string, stats: GenerationStats): string {
  const { passages, meanTermsLength, meanAuthorLength } = stats;
  return `
    CREATE INDEX ON ${schema}.passages USING hnsw (embedding vector_cosine_ops) WITH (m = ${HNSW_M}, ef_construction = ${HNSW_EF_CONSTRUCTION});
    CREATE INDEX ON ${schema}.passages (article_id);
    -- The next build looks up the vectors of unchanged texts by hash.
    CREATE INDEX ON ${schema}.passages (text_hash);
    CREATE INDEX ON ${schema}.sentences (text_hash);
    INSERT INTO ${schema}.lexicon (field, lexeme, documents)
      SELECT 'terms', word, ndoc FROM ts_stat('SELECT terms FROM ${schema}.passages')
      UNION ALL SELECT 'authors', word, ndoc FROM ts_stat('SELECT author_terms FROM ${schema}.passages')
      UNION ALL SELECT 'any', word, ndoc FROM ts_stat('SELECT terms || author_terms FROM ${schema}.passages');
    INSERT INTO ${schema}.postings (lexeme, ordinal, impact)
      SELECT lexeme, ordinal, sum(impact) FROM (
        SELECT t.lexeme, p.ordinal, ${impactSql('cardinality(t.positions)', 'p.terms_length', meanTermsLength, passages)} AS impact
        FROM ${schema}.passages AS p, unnest(p.terms) AS t JOIN ${schema}.lexicon AS l ON l.field = 'terms' AND l.lexeme = t.lexeme
        UNION ALL
        SELECT t.lexeme, p.ordinal, ${impactSql('1', 'p.author_length', meanAuthorLength, passages)}
        FROM ${schema}.passages AS p, unnest(p.author_terms) AS t JOIN ${schema}.lexicon AS l ON l.field = 'authors' AND l.lexeme = t.lexeme
      ) AS fields GROUP BY lexeme, ordinal;
    CREATE INDEX ON ${schema}.postings (lexeme, impact DESC, ordinal);
    INSERT INTO ${schema}.posting_heads (lexeme, ordinals, impacts)
      SELECT lexeme, string_agg(int4send(ordinal), ''::bytea ORDER BY impact DESC, ordinal),
             string_agg(float4send(impact), ''::bytea ORDER BY impact DESC, ordinal)
      FROM (SELECT lexeme, ordinal, impact, row_number() OVER (PARTITION BY lexeme ORDER BY impact DESC, ordinal) AS rank
            FROM ${schema}.postings) AS ranked
      WHERE rank <= ${LEXICAL_DEPTH} GROUP BY lexeme;
    ANALYZE ${schema}.articles;
    ANALYZE ${schema}.passages;
    ANALYZE ${schema}.postings;
  `;
}
