import type pg from 'pg';
import { z } from 'zod';
import type { Article, Passage } from '../../domain.js';
import { IndexManifestSchema, MANIFEST_VERSION, type IndexManifest } from '../generation-format.js';
import type { ArticleSentences } from '../search-index.js';
import { generationSchema, META_SCHEMA } from './schema.js';
import type { GenerationStats } from './write-generation.js';

/**
 * Reads a published generation's rows: what every process keeps at hand to select quotes (the
 * articles, their passages and sentence vectors), as the embedded store keeps them from its files.
 */

export interface GenerationRows {
  id: number;
  schema: string;
  manifest: IndexManifest;
  stats: GenerationStats;
  articles: Map<string, Article>;
  /** In build order: a passage's position is its ordinal. */
  passages: Passage[];
  /** Row `ordinal` is that passage's unit vector. */
  passageVectors: Float32Array;
  sentences: Map<string, ArticleSentences>;
  /** Passages holding each term: in their text or their authors' names (`any`), in their text, in their authors' names. */
  documentFrequency: Record<LexiconField, Map<string, number>>;
}

type LexiconField = 'any' | 'terms' | 'authors';

const StatsSchema = z.object({
  passages: z.number().int().nonnegative(),
  meanTermsLength: z.number().nonnegative(),
  meanAuthorLength: z.number().nonnegative(),
  impactOrdered: z.boolean().default(false),
  postingHeads: z.boolean().default(false),
});

export interface PublishedGeneration {
  id: number;
  manifest: IndexManifest;
  stats: GenerationStats;
  /** Written by this version of quotebot (else it must be rebuilt before it answers). */
  current: boolean;
}

/** The newest published generation, or null when none was ever published (or the tables are absent). */
export async function newestGeneration(pool: pg.Pool): Promise<PublishedGeneration | null> {
  const { rows } = await pool.query<{ found: boolean }>(
    `SELECT to_regclass('${META_SCHEMA}.index_generations') IS NOT NULL AS found`,
  );
  if (!rows[0]?.found) return null;
  const newest = await pool.query<{ id: string; manifest: unknown; stats: unknown }>(
    `SELECT id, manifest, stats FROM ${META_SCHEMA}.index_generations ORDER BY id DESC LIMIT 1`,
  );
  const row = newest.rows[0];
  if (!row) return null;
  // A generation written by another version is still read (its article counts guard a reindex), and refused for answering.
  const current = IndexManifestSchema.safeParse(row.manifest);
  const manifest = current.success ? current.data : IndexManifestSchema.parse({ ...(row.manifest as object), version: MANIFEST_VERSION });
  return { id: Number(row.id), manifest, stats: StatsSchema.parse(row.stats), current: current.success };
}

/** pgvector's text form `[0.1,-2e-05,...]` is a JSON array. */
function copyVector(text: string, into: Float32Array, offset: number): void {
  const values = JSON.parse(text) as number[];
  into.set(values, offset);
}

export async function readGeneration(pool: pg.Pool, published: PublishedGeneration): Promise<GenerationRows> {
  const schema = generationSchema(published.id);
  const { dimensions } = published.manifest.embedding;
  const [articleRows, passageRows, sentenceRows, lexiconRows] = await Promise.all([
    pool.query(
      `SELECT id, source, title, authors, date, publisher, url, language, republished_in, text FROM ${schema}.articles ORDER BY ordinal`,
    ),
    pool.query(`SELECT id, article_id, start_offset, end_offset, text, embedding::text AS embedding FROM ${schema}.passages ORDER BY ordinal`),
    pool.query(
      `SELECT s.article_id, s.start_offset, s.end_offset, s.embedding::text AS embedding
       FROM ${schema}.sentences AS s JOIN ${schema}.articles AS a ON a.id = s.article_id ORDER BY a.ordinal, s.position`,
    ),
    pool.query<{ field: LexiconField; lexeme: string; documents: number }>(`SELECT field, lexeme, documents FROM ${schema}.lexicon`),
  ]);

  const articles = new Map<string, Article>();
  for (const row of articleRows.rows) {
    articles.set(row.id, {
      id: row.id,
      source: row.source,
      title: row.title,
      authors: row.authors,
      date: row.date,
      publisher: row.publisher,
      url: row.url,
      language: row.language,
      republishedIn: row.republished_in,
      text: row.text,
    });
  }

  const passageVectors = new Float32Array(passageRows.rows.length * dimensions);
  const passages = passageRows.rows.map((row, ordinal): Passage => {
    copyVector(row.embedding, passageVectors, ordinal * dimensions);
    return { id: row.id, articleId: row.article_id, start: row.start_offset, end: row.end_offset, text: row.text };
  });

  const sentenceVectors = new Float32Array(sentenceRows.rows.length * dimensions);
  const sentences = new Map<string, ArticleSentences>();
  let first = 0;
  sentenceRows.rows.forEach((row, index) => {
    copyVector(row.embedding, sentenceVectors, index * dimensions);
    const next = sentenceRows.rows[index + 1];
    if (next?.article_id === row.article_id) return;
    // The last sentence of its article: the article's rows are first..index.
    const rows = sentenceRows.rows.slice(first, index + 1);
    sentences.set(row.article_id, {
      spans: rows.map((sentence) => ({ start: sentence.start_offset, end: sentence.end_offset })),
      vectors: sentenceVectors.subarray(first * dimensions, (index + 1) * dimensions),
    });
    first = index + 1;
  });
  // An article too short to hold a sentence still has an (empty) list, as in the embedded store.
  for (const id of articles.keys()) if (!sentences.has(id)) sentences.set(id, { spans: [], vectors: new Float32Array(0) });

  const documentFrequency: GenerationRows['documentFrequency'] = { any: new Map(), terms: new Map(), authors: new Map() };
  for (const row of lexiconRows.rows) documentFrequency[row.field].set(row.lexeme, row.documents);

  return {
    id: published.id,
    schema,
    manifest: published.manifest,
    stats: published.stats,
    articles,
    passages,
    passageVectors,
    sentences,
    documentFrequency,
  };
}
