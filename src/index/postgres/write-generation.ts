import type pg from 'pg';
import type { Article, Passage } from '../../domain.js';
import type { Database } from '../../postgres/database.js';
import type { PreparedIndex } from '../prepare.js';
import { foldText } from '../../text/normalize.js';
import { indexWords, stemmingAlgorithm, tokenize } from '../../text/tokenize.js';
import type { IndexManifest } from '../generation-format.js';
import { foldedWords } from './filter-sql.js';
import {
  ensureMetaSchema,
  generationIndexes,
  generationSchema,
  generationTables,
  INDEX_CHANNEL,
  META_SCHEMA,
  REINDEX_LOCK,
  STEMMED_LANGUAGES,
} from './schema.js';

/**
 * Writes a built index into PostgreSQL as a new generation and publishes it, all in one
 * transaction: other processes see the old generation until the commit, then the new one, and
 * are told by a NOTIFY sent at that commit. Older generations are dropped afterwards (the
 * previous one is kept, see schema.ts).
 */

/** Statistics the lexical search needs besides the rows: BM25's collection size and mean field lengths. */
export interface GenerationStats {
  passages: number;
  meanTermsLength: number;
  meanAuthorLength: number;
  /** The keyword search reads impact-ordered postings (absent in generations written before them). */
  impactOrdered: boolean;
  /** Each lexeme's postings head is stored packed (`posting_heads`; absent in generations written before it). */
  postingHeads: boolean;
}

/** Rows per INSERT: large enough to amortise round trips, small enough for one message. */
const BATCH = 500;
/** Generations kept: the current one and the one before it. */
const KEPT_GENERATIONS = 2;

/** The full-text configuration for a language: the Snowball stemmer the embedded store uses, or none. */
export function searchConfig(language: string): string {
  const algorithm = stemmingAlgorithm(language);
  return algorithm && (STEMMED_LANGUAGES as readonly string[]).includes(algorithm) ? `${META_SCHEMA}.${algorithm}` : 'simple';
}

const vectorLiteral = (vector: ArrayLike<number>): string => `[${Array.from(vector).join(',')}]`;

async function insertBatches<T>(rows: readonly T[], insert: (batch: readonly T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

async function insertArticles(client: pg.PoolClient, schema: string, articles: readonly Article[]): Promise<void> {
  const ordinals = new Map(articles.map((article, ordinal) => [article, ordinal]));
  await insertBatches(articles, (batch) =>
    client.query(
      `INSERT INTO ${schema}.articles (ordinal, id, source, title, authors, date, publisher, url, language, republished_in,
         text, search_config, id_folded, source_folded, title_folded, title_words, author_words)
       SELECT r.ordinal, r.id, r.source, r.title, ARRAY(SELECT jsonb_array_elements_text(r.authors)), r.date, r.publisher,
         r.url, r.language, r.republished_in, r.text, r.search_config::regconfig, r.id_folded, r.source_folded,
         r.title_folded, r.title_words, ARRAY(SELECT jsonb_array_elements_text(r.author_words))
       FROM jsonb_to_recordset($1::jsonb) AS r(ordinal integer, id text, source text, title text, authors jsonb, date text,
         publisher text, url text, language text, republished_in text, text text, search_config text, id_folded text,
         source_folded text, title_folded text, title_words text, author_words jsonb)`,
      [
        JSON.stringify(
          batch.map((article) => ({
            ordinal: ordinals.get(article),
            id: article.id,
            source: article.source,
            title: article.title,
            authors: article.authors,
            date: article.date,
            publisher: article.publisher,
            url: article.url,
            language: article.language,
            republished_in: article.republishedIn,
            text: article.text,
            search_config: searchConfig(article.language),
            id_folded: foldText(article.id),
            source_folded: foldText(article.source),
            title_folded: foldText(article.title.trim()),
            title_words: foldedWords(article.title),
            author_words: article.authors.map(foldedWords),
          })),
        ),
      ],
    ),
  );
}

/** The words PostgreSQL stems for a passage, and the field lengths BM25 normalises by (distinct terms, as MiniSearch counts them). */
function passageRow(passage: Passage, article: Article, ordinal: number, textHash: string, vector: ArrayLike<number>) {
  const authorWords = article.authors.flatMap((author) => indexWords(author, article.language));
  return {
    ordinal,
    id: passage.id,
    article_id: passage.articleId,
    start_offset: passage.start,
    end_offset: passage.end,
    text: passage.text,
    text_hash: textHash,
    embedding: vectorLiteral(vector),
    words: indexWords(passage.text, article.language).join(' '),
    author_words: authorWords.join(' '),
    terms_length: new Set(tokenize(passage.text, article.language)).size,
    author_length: new Set(article.authors.flatMap((author) => tokenize(author, article.language))).size,
  };
}

async function insertPassages(client: pg.PoolClient, schema: string, content: PreparedIndex): Promise<GenerationStats> {
  const articles = new Map(content.articles.map((article) => [article.id, article]));
  const rows = content.passages.map((passage, ordinal) => {
    const hash = content.passageHashes[ordinal]!;
    return passageRow(passage, articles.get(passage.articleId)!, ordinal, hash, content.vectorOf(hash));
  });
  // Author names count once per passage (the embedded store indexes the set of their terms): no positions.
  await insertBatches(rows, (batch) =>
    client.query(
      `INSERT INTO ${schema}.passages (ordinal, id, article_id, start_offset, end_offset, text, text_hash, embedding,
         terms, author_terms, terms_length, author_length)
       SELECT r.ordinal, r.id, r.article_id, r.start_offset, r.end_offset, r.text, r.text_hash, r.embedding::vector,
         to_tsvector(a.search_config, r.words), strip(to_tsvector(a.search_config, r.author_words)), r.terms_length, r.author_length
       FROM jsonb_to_recordset($1::jsonb) AS r(ordinal integer, id text, article_id text, start_offset integer,
         end_offset integer, text text, text_hash text, embedding text, words text, author_words text,
         terms_length integer, author_length integer)
       JOIN ${schema}.articles AS a ON a.id = r.article_id`,
      [JSON.stringify(batch)],
    ),
  );
  const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length);
  return {
    passages: rows.length,
    meanTermsLength: mean(rows.map((row) => row.terms_length)),
    meanAuthorLength: mean(rows.map((row) => row.author_length)),
    impactOrdered: true,
    postingHeads: true,
  };
}

async function insertSentences(client: pg.PoolClient, schema: string, content: PreparedIndex): Promise<void> {
  let row = 0;
  const rows = content.sentences.flatMap(({ articleId, spans }) =>
    spans.map(([start, end], position) => {
      const hash = content.sentenceHashes[row++]!;
      return { article_id: articleId, position, start_offset: start, end_offset: end, text_hash: hash, embedding: vectorLiteral(content.vectorOf(hash)) };
    }),
  );
  await insertBatches(rows, (batch) =>
    client.query(
      `INSERT INTO ${schema}.sentences (article_id, position, start_offset, end_offset, text_hash, embedding)
       SELECT r.article_id, r.position, r.start_offset, r.end_offset, r.text_hash, r.embedding::vector
       FROM jsonb_to_recordset($1::jsonb) AS r(article_id text, position integer, start_offset integer,
         end_offset integer, text_hash text, embedding text)`,
      [JSON.stringify(batch)],
    ),
  );
}

/** Drops every generation but the newest KEPT_GENERATIONS. */
async function dropOldGenerations(database: Database): Promise<void> {
  const { rows } = await database.pool.query<{ id: string }>(
    `SELECT id FROM ${META_SCHEMA}.index_generations ORDER BY id DESC OFFSET ${KEPT_GENERATIONS}`,
  );
  for (const { id } of rows) {
    await database.transaction(async (client) => {
      await client.query(`DROP SCHEMA IF EXISTS ${generationSchema(Number(id))} CASCADE`);
      await client.query(`DELETE FROM ${META_SCHEMA}.index_generations WHERE id = $1`, [id]);
    });
  }
}

/**
 * Memory for building the indexes, in MB: pgvector builds its HNSW graph many times faster while
 * the graph fits in `maintenance_work_mem` (each passage's vector and about 700 bytes of links and
 * bookkeeping); past that it goes on building on disk. At least 256 MB, and never more than 1 GB
 * asked of the server for one reindex.
 */
export function hnswBuildMemoryMb(passages: number, dimensions: number): number {
  const graph = (passages * (dimensions * 4 + 700) * 1.25) / 2 ** 20;
  return Math.min(1024, Math.max(256, Math.ceil(graph)));
}

/** Writes and publishes the generation; returns its id. Nothing is visible to others unless all of it is. */
export async function writeGeneration(database: Database, content: PreparedIndex, manifest: IndexManifest): Promise<number> {
  await ensureMetaSchema(database.pool);
  const id = await database.transaction(async (client) => {
    // One publisher at a time (a reindex also holds REINDEX_BUILD_LOCK from its start; this one guards the publication itself).
    await client.query('SELECT pg_advisory_xact_lock($1)', [REINDEX_LOCK]);
    const { rows } = await client.query<{ id: string }>(`SELECT nextval('${META_SCHEMA}.index_generation_ids') AS id`);
    const generation = Number(rows[0]!.id);
    const schema = generationSchema(generation);
    await client.query(generationTables(schema, manifest.embedding.dimensions));
    await insertArticles(client, schema, content.articles);
    const stats = await insertPassages(client, schema, content);
    await insertSentences(client, schema, content);
    await client.query(`SET LOCAL maintenance_work_mem = '${hnswBuildMemoryMb(stats.passages, manifest.embedding.dimensions)}MB'`);
    await client.query(generationIndexes(schema, stats));
    await client.query(`INSERT INTO ${META_SCHEMA}.index_generations (id, manifest, stats) VALUES ($1, $2, $3)`, [
      generation,
      JSON.stringify(manifest),
      JSON.stringify(stats),
    ]);
    // Delivered at commit, to every process listening.
    await client.query('SELECT pg_notify($1, $2)', [INDEX_CHANNEL, String(generation)]);
    return generation;
  });
  await dropOldGenerations(database);
  return id;
}
