import { createHash } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { Article, IngestResult, Passage, ReindexSummary } from '../domain.js';
import { splitSentences } from '../text/sentences.js';
import { CHUNK_SPLITTER, chunkArticle, type ChunkSettings } from './chunk.js';
import type { Embedder } from './embeddings.js';
import {
  importHnswStore,
  MANIFEST_VERSION,
  openStore,
  readArticles,
  readSentences,
  readVerifiedManifest,
  writeGeneration,
  type IndexManifest,
  type SentenceSpans,
} from './generation-format.js';
import { currentGeneration, discardGeneration, publishGeneration, removeFailedBuilds, startGeneration } from './generations.js';

/**
 * Building an index generation: chunk the articles into passages, split them into sentences,
 * embed what the current generation does not already hold (vectors of unchanged texts are reused:
 * passages' read back from its HNSW index with `getPoint`, sentences' from its sentence vectors
 * file), write the new generation beside the old one and make it current.
 */

/** What LangChain's HNSWLib builds with (hnswlib-node defaults); recorded in the manifest. */
const HNSW_PARAMS = { space: 'cosine', m: 16, efConstruction: 200 } as const;
/** Texts (passages and sentences) per embedding call: progress is reported after each. */
const EMBED_BATCH = 32;
/** Vectors added to the HNSW graph between yields, so a bot building in-process stays responsive. */
const INSERT_SLICE = 256;

export interface BuildOptions {
  indexDir: string;
  chunking: ChunkSettings;
  /** Called with texts (passages and sentences) done, embedded or reused, out of the total. */
  onProgress?: (done: number, total: number) => void;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A vector by the sha256 of its text. */
type VectorLookup = (textHash: string) => ArrayLike<number> | undefined;

/** The current generation's passage and sentence vectors by text hash, when it used the same embedding model. */
async function previousVectors(indexDir: string, embedder: Embedder): Promise<VectorLookup | null> {
  try {
    const dir = await currentGeneration(indexDir);
    if (!dir) return null;
    const manifest = await readVerifiedManifest(dir, indexDir);
    const { provider, model, dimensions } = manifest.embedding;
    if (provider !== embedder.provider || model !== embedder.model || dimensions !== embedder.dimensions) return null;
    const articles = await readArticles(dir);
    const sentences = new Map<string, Float32Array>();
    for (const [articleId, { spans, vectors }] of await readSentences(dir, manifest, articles)) {
      const text = articles.get(articleId)!.text;
      spans.forEach(({ start, end }, i) =>
        sentences.set(sha256(text.slice(start, end)), vectors.subarray(i * dimensions, (i + 1) * dimensions)),
      );
    }
    const { store, documents } = await openStore(dir, manifest);
    const labels = new Map(documents.map((document, label) => [sha256(document.pageContent), label]));
    return (textHash) => {
      const label = labels.get(textHash);
      return label === undefined ? sentences.get(textHash) : store.index.getPoint(label);
    };
  } catch {
    // An unreadable or older previous index only means nothing can be reused: the build starts afresh.
    return null;
  }
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

/** Sentence spans of every article, and the sentences' texts in the same order. */
function splitArticleSentences(articles: readonly Article[]): { spans: SentenceSpans; texts: string[] } {
  const spans: SentenceSpans = [];
  const texts: string[] = [];
  for (const article of articles) {
    const sentences = splitSentences(article.text, article.language);
    spans.push({ articleId: article.id, spans: sentences.map(({ start, end }) => [start, end]) });
    for (const { start, end } of sentences) texts.push(article.text.slice(start, end));
  }
  return { spans, texts };
}

/** An HNSW store of the passages, their vectors added a slice at a time. */
async function buildStore(embedder: Embedder, passages: readonly Passage[], vectorOf: (i: number) => ArrayLike<number>): Promise<HNSWLib> {
  const { HierarchicalNSW } = (await import('hnswlib-node')).default;
  const index = new HierarchicalNSW(HNSW_PARAMS.space, embedder.dimensions);
  index.initIndex(Math.max(1, passages.length), HNSW_PARAMS.m, HNSW_PARAMS.efConstruction);
  const Store = await importHnswStore();
  const store = new Store(embedder, { space: HNSW_PARAMS.space, numDimensions: embedder.dimensions, index });
  for (let i = 0; i < passages.length; i += INSERT_SLICE) {
    const slice = passages.slice(i, i + INSERT_SLICE);
    await store.addVectors(
      slice.map((_, j) => Array.from(vectorOf(i + j))),
      slice.map(({ id, articleId, start, end, text }) => ({ pageContent: text, metadata: { id, articleId, start, end } })),
    );
    await yieldToEventLoop();
  }
  return store;
}

/**
 * Chunks every article into passages and splits it into sentences, embeds them into a new
 * generation of `indexDir` and makes it current. Texts unchanged since the current index reuse
 * its vectors. On any failure the current index is left as it was.
 */
export async function buildIndex(ingest: IngestResult, embedder: Embedder, options: BuildOptions): Promise<ReindexSummary> {
  const started = performance.now();
  const { indexDir, chunking } = options;
  await removeFailedBuilds(indexDir);
  const partialDir = await startGeneration(indexDir);
  try {
    const passages = (await Promise.all(ingest.articles.map((article) => chunkArticle(article, chunking)))).flat();
    const sentences = splitArticleSentences(ingest.articles);
    const passageHashes = passages.map((passage) => sha256(passage.text));
    const sentenceHashes = sentences.texts.map(sha256);

    const reuse = await previousVectors(indexDir, embedder);
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
    const texts = [...passages.map((passage) => passage.text), ...sentences.texts];
    [...passageHashes, ...sentenceHashes].forEach((hash, i) => {
      if (!vectors.has(hash)) missing.set(hash, texts[i]!);
    });
    let done = texts.length - missing.size;
    options.onProgress?.(done, texts.length);
    await embedMissing(missing, vectors, embedder, (embedded) => {
      done += embedded;
      options.onProgress?.(Math.min(done, texts.length), texts.length);
    });

    const store = await buildStore(embedder, passages, (i) => vectors.get(passageHashes[i]!)!);
    const manifest: IndexManifest = {
      version: MANIFEST_VERSION,
      embedding: { provider: embedder.provider, model: embedder.model, dimensions: embedder.dimensions },
      chunking: { splitter: CHUNK_SPLITTER, size: chunking.size, overlap: chunking.overlap },
      hnsw: HNSW_PARAMS,
      files: ingest.files,
      problems: ingest.problems,
      counts: {
        files: ingest.files.length,
        articles: ingest.articles.length,
        passages: passages.length,
        sentences: sentences.texts.length,
      },
      builtAt: new Date().toISOString(),
      buildSeconds: Math.round(performance.now() - started) / 1000,
    };
    await writeGeneration(partialDir, {
      store,
      manifest,
      articles: ingest.articles,
      sentenceSpans: sentences.spans,
      sentenceVectors: sentenceHashes.map((hash) => vectors.get(hash)!),
    });
    await publishGeneration(indexDir, partialDir);
    return {
      files: ingest.files.length,
      articles: ingest.articles.length,
      passages: passages.length,
      reusedPassages,
      sentences: sentences.texts.length,
      reusedSentences,
      seconds: (performance.now() - started) / 1000,
      problems: ingest.problems,
    };
  } catch (error) {
    await discardGeneration(partialDir).catch(() => undefined);
    throw error;
  }
}
