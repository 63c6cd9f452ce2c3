import { createHash } from 'node:crypto';
import type { Article, IngestResult, Passage, ReindexSummary } from '../domain.js';
import { embeddingInput } from '../text/gloss.js';
import { splitSentences } from '../text/sentences.js';
import { CHUNK_SPLITTER, chunkArticle, type ChunkSettings } from './chunk.js';
import type { Embedder } from './embeddings.js';
import { MANIFEST_VERSION, type IndexManifest, type SentenceSpans } from './generation-format.js';

/**
 * The part of a build every store shares: articles chunked into passages and split into
 * sentences, and a vector for every passage and sentence, reused by text hash from the index in
 * use where the text is unchanged, embedded otherwise. Each store then writes the result its way.
 */

/** HNSW graph parameters both stores build with (hnswlib-node's defaults); recorded in the manifest. */
export const HNSW_PARAMS = { space: 'cosine', m: 16, efConstruction: 200 } as const;
/** Texts (passages and sentences) per embedding call: progress is reported after each. */
const EMBED_BATCH = 32;

/** A vector by the sha256 of its text. */
export type VectorLookup = (textHash: string) => ArrayLike<number> | undefined;

/** Finds, among the given text hashes, the vectors the store in use already has (null: none reusable). */
export type VectorReuse = (textHashes: readonly string[]) => Promise<VectorLookup | null>;

export interface PrepareOptions {
  chunking: ChunkSettings;
  reuse: VectorReuse;
  /** Called with texts (passages and sentences) done, embedded or reused, out of the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface PreparedIndex {
  articles: readonly Article[];
  passages: readonly Passage[];
  /** sha256 of the text embedded for each passage (see embeddingInput), in passage order. */
  passageHashes: readonly string[];
  sentences: SentenceSpans;
  /** sha256 of the text embedded for each sentence, in the order of `sentences` (article by article). */
  sentenceHashes: readonly string[];
  /** The vector of a text by its hash (every hash above has one). */
  vectorOf(textHash: string): ArrayLike<number>;
  reusedPassages: number;
  reusedSentences: number;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function checkVectors(embedded: number[][], batch: string[], dimensions: number): void {
  if (embedded.length !== batch.length) {
    throw new Error(`The embedding model returned ${embedded.length} vectors for ${batch.length} texts.`);
  }
  const wrong = embedded.find((vector) => vector.length !== dimensions);
  if (wrong) throw new Error(`The embedding model returned ${wrong.length} dimensions instead of ${dimensions}.`);
}

/**
 * Embeds the missing texts (by text hash) into `vectors`, in batches, two batches in flight so a
 * worker pool never idles between them.
 */
async function embedMissing(
  missing: ReadonlyMap<string, string>,
  vectors: Map<string, ArrayLike<number>>,
  embedder: Embedder,
  report: (embedded: number) => void,
): Promise<void> {
  const entries = [...missing];
  let next = 0;
  let failed = false;
  const run = async (): Promise<void> => {
    while (!failed && next < entries.length) {
      const batch = entries.slice(next, next + EMBED_BATCH);
      next += batch.length;
      try {
        const texts = batch.map(([, text]) => text);
        const embedded = await embedder.embedDocuments(texts);
        checkVectors(embedded, texts, embedder.dimensions);
        // Float32 halves what a large build holds; the model's output is float32 anyway.
        embedded.forEach((vector, j) => vectors.set(batch[j]![0], Float32Array.from(vector)));
      } catch (error) {
        failed = true;
        throw error;
      }
      report(batch.length);
    }
  };
  await Promise.all([run(), run()]);
}

/** Sentence spans of every article, and the texts embedded for the sentences, in the same order. */
function splitArticleSentences(articles: readonly Article[]): { spans: SentenceSpans; texts: string[] } {
  const spans: SentenceSpans = [];
  const texts: string[] = [];
  for (const article of articles) {
    const sentences = splitSentences(article.text, article.language);
    spans.push({ articleId: article.id, spans: sentences.map(({ start, end }) => [start, end]) });
    for (const { start, end } of sentences) texts.push(embeddingInput(article.text.slice(start, end), article.language).text);
  }
  return { spans, texts };
}

export async function prepareIndex(ingest: IngestResult, embedder: Embedder, options: PrepareOptions): Promise<PreparedIndex> {
  const passages = (await Promise.all(ingest.articles.map((article) => chunkArticle(article, options.chunking)))).flat();
  const sentences = splitArticleSentences(ingest.articles);
  const languages = new Map(ingest.articles.map((article) => [article.id, article.language]));
  // A vector is known by the text embedded for it: a Dutch text's English gloss (see embeddingInput).
  const passageTexts = passages.map((passage) => embeddingInput(passage.text, languages.get(passage.articleId) ?? 'en').text);
  const passageHashes = passageTexts.map(sha256);
  const sentenceHashes = sentences.texts.map(sha256);

  const reuse = await options.reuse([...new Set([...passageHashes, ...sentenceHashes])]);
  // Keyed by text hash: identical texts (a republished article, a one-sentence passage) are embedded once.
  const vectors = new Map<string, ArrayLike<number>>();
  const countReused = (hashes: readonly string[]): number =>
    hashes.filter((hash) => {
      const vector = vectors.get(hash) ?? reuse?.(hash);
      if (vector) vectors.set(hash, vector);
      return vector !== undefined;
    }).length;
  const reusedPassages = countReused(passageHashes);
  const reusedSentences = countReused(sentenceHashes);

  const missing = new Map<string, string>();
  const texts = [...passageTexts, ...sentences.texts];
  [...passageHashes, ...sentenceHashes].forEach((hash, i) => {
    if (!vectors.has(hash)) missing.set(hash, texts[i]!);
  });
  let done = texts.length - missing.size;
  options.onProgress?.(done, texts.length);
  await embedMissing(missing, vectors, embedder, (embedded) => {
    done += embedded;
    options.onProgress?.(Math.min(done, texts.length), texts.length);
  });

  return {
    articles: ingest.articles,
    passages,
    passageHashes,
    sentences: sentences.spans,
    sentenceHashes,
    vectorOf: (hash) => vectors.get(hash)!,
    reusedPassages,
    reusedSentences,
  };
}

/** What the index records about how it was built. */
export function describeBuild(ingest: IngestResult, embedder: Embedder, chunking: ChunkSettings, prepared: PreparedIndex, seconds: number): IndexManifest {
  return {
    version: MANIFEST_VERSION,
    embedding: { provider: embedder.provider, model: embedder.model, dimensions: embedder.dimensions },
    chunking: { splitter: CHUNK_SPLITTER, size: chunking.size, overlap: chunking.overlap },
    hnsw: HNSW_PARAMS,
    files: ingest.files,
    problems: ingest.problems,
    counts: {
      files: ingest.files.length,
      articles: ingest.articles.length,
      passages: prepared.passages.length,
      sentences: prepared.sentenceHashes.length,
    },
    builtAt: new Date().toISOString(),
    buildSeconds: Math.round(seconds * 1000) / 1000,
  };
}

/** What a build reports: counts, reuse, time and the files that were skipped. */
export function summarizeBuild(ingest: IngestResult, prepared: PreparedIndex, started: number): ReindexSummary {
  return {
    files: ingest.files.length,
    articles: ingest.articles.length,
    passages: prepared.passages.length,
    reusedPassages: prepared.reusedPassages,
    sentences: prepared.sentenceHashes.length,
    reusedSentences: prepared.reusedSentences,
    seconds: (performance.now() - started) / 1000,
    problems: ingest.problems,
  };
}
