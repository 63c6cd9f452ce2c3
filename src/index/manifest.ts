import { z } from 'zod';
import type { Article } from '../domain.js';
import { MANIFEST_VERSION, type IndexManifest } from './search-index.js';

/**
 * Schemas of the JSON files an index generation holds, so a damaged or foreign file is caught at
 * load with a clear message instead of failing later in a search.
 */

const SourceFileSchema = z.object({ source: z.string(), hash: z.string() });
const IngestProblemSchema = z.object({ source: z.string(), message: z.string() });

export const IndexManifestSchema = z.object({
  version: z.literal(MANIFEST_VERSION),
  embedding: z.object({ provider: z.string().min(1), model: z.string().min(1), dimensions: z.number().int().positive() }),
  chunking: z.object({ splitter: z.string(), size: z.number().int().positive(), overlap: z.number().int().nonnegative() }),
  hnsw: z.object({ space: z.literal('cosine'), m: z.number().int().positive(), efConstruction: z.number().int().positive() }),
  files: z.array(SourceFileSchema),
  problems: z.array(IngestProblemSchema),
  counts: z.object({
    files: z.number().int().nonnegative(),
    articles: z.number().int().nonnegative(),
    passages: z.number().int().nonnegative(),
    sentences: z.number().int().nonnegative(),
  }),
  builtAt: z.string(),
  buildSeconds: z.number().nonnegative(),
}) satisfies z.ZodType<IndexManifest>;

export const ArticlesSchema = z.array(
  z.object({
    id: z.string().min(1),
    source: z.string(),
    title: z.string(),
    authors: z.array(z.string()),
    date: z.string().nullable(),
    publisher: z.string().nullable(),
    url: z.string().nullable(),
    language: z.string(),
    republishedIn: z.string().nullable(),
    text: z.string(),
  }),
) satisfies z.ZodType<Article[]>;

/** Size and sha256 of every file of a generation, checked before the HNSW file reaches native code. */
export const ChecksumsSchema = z.record(z.string(), z.object({ bytes: z.number().int().nonnegative(), sha256: z.string() }));
export type Checksums = z.output<typeof ChecksumsSchema>;

/** Metadata of each stored HNSW document: where its passage lies in its article. */
export const PassageMetadataSchema = z.object({
  id: z.string(),
  articleId: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type PassageMetadata = z.output<typeof PassageMetadataSchema>;

/**
 * The sentence spans of every article, in the order of the rows of the sentence vectors file:
 * each article's sentences take the next `spans.length` rows.
 */
export const SentenceSpansSchema = z.array(
  z.object({
    articleId: z.string(),
    spans: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
  }),
);
export type SentenceSpans = z.output<typeof SentenceSpansSchema>;
