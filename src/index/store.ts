import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, stat, writeFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { Document } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import hnswlib from 'hnswlib-node';
import { z } from 'zod';
import type { Article, IngestResult, Passage } from '../domain.js';
import { CHUNK_SPLITTER, chunkArticle, type ChunkSettings } from '../ingest/chunk.js';
import { splitSentences, type TextSpan } from '../ingest/sentences.js';
import type { Embedder } from './embeddings.js';
import {
  currentGeneration,
  discardGeneration,
  publishGeneration,
  removeFailedBuilds,
  startGeneration,
} from './generations.js';
import {
  ArticlesSchema,
  ChecksumsSchema,
  IndexManifestSchema,
  PassageMetadataSchema,
  SentenceSpansSchema,
  type Checksums,
  type PassageMetadata,
  type SentenceSpans,
} from './manifest.js';
import {
  MANIFEST_VERSION,
  type ArticleSentences,
  type DenseHit,
  type IndexManifest,
  type SearchIndex,
} from './search-index.js';

/**
 * The passage store: HNSW vectors (LangChain's HNSWLib, cosine) plus the manifest, the articles
 * and the vector of every sentence (so quote selection needs no model at query time), written as
 * one generation folder per build (see generations.ts). Builds reuse the vectors of unchanged
 * texts from the current generation: passages' read back from its HNSW index with `getPoint`,
 * sentences' from its sentence vectors file.
 */

const MANIFEST_FILE = 'manifest.json';
const ARTICLES_FILE = 'articles.json';
const CHECKSUMS_FILE = 'checksums.json';
/** Sentence spans per article, in the row order of SENTENCE_VECTORS_FILE. */
const SENTENCE_SPANS_FILE = 'sentences.json';
/** One unit-length float32 row (little-endian) per sentence, `dimensions` floats each, no header. */
const SENTENCE_VECTORS_FILE = 'sentences.bin';
/** The files HNSWLib.save writes. */
const STORE_FILES = ['hnswlib.index', 'args.json', 'docstore.json'];
/** Every file of a generation; checksums.json lists them all. */
const GENERATION_FILES = [MANIFEST_FILE, ARTICLES_FILE, SENTENCE_SPANS_FILE, SENTENCE_VECTORS_FILE, ...STORE_FILES];
/** Float32Array uses the machine's byte order; the file is little-endian everywhere. */
const LITTLE_ENDIAN = endianness() === 'LE';
/** What LangChain's HNSWLib builds with (hnswlib-node defaults); recorded in the manifest. */
const HNSW_PARAMS = { space: 'cosine', m: 16, efConstruction: 200 } as const;
/** Texts (passages and sentences) per embedding call: progress is reported after each. */
const EMBED_BATCH = 32;
/** Vectors added to the HNSW graph between yields, so a bot building in-process stays responsive. */
const INSERT_SLICE = 256;

export type IndexErrorCode = 'missing' | 'corrupt' | 'mismatch';

/** Why an index cannot be used; the message says what happened and what to do. */
export class IndexError extends Error {
  override name = 'IndexError';
  constructor(
    readonly code: IndexErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface BuildOptions {
  indexDir: string;
  chunking: ChunkSettings;
  /** Called with texts (passages and sentences) done, embedded or reused, out of the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface BuildSummary {
  files: number;
  articles: number;
  passages: number;
  /** Passages whose vectors came from the previous index (unchanged text). */
  reusedPassages: number;
  sentences: number;
  /** Sentences whose vectors came from the previous index (unchanged text). */
  reusedSentences: number;
  seconds: number;
  /** The generation folder now in use. */
  directory: string;
}

/** What the configuration expects of an index; anything else is a mismatch. */
export interface ExpectedIndex {
  provider: string;
  model: string;
  dimensions: number;
  chunking: ChunkSettings;
  /** HNSW search breadth, set on every load (the library default of 10 gives poor recall). */
  ef: number;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function checksumFile(file: string): Promise<Checksums[string]> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return { bytes: (await stat(file)).size, sha256: hash.digest('hex') };
}

/** A generation as read from disk, checked file by file. */
interface OpenedGeneration {
  manifest: IndexManifest;
  store: HNSWLib;
  /** Stored documents in label order. */
  documents: Document<PassageMetadata>[];
}

/** Failure while reading a generation: the detail goes into a "damaged" IndexError. */
class DamageError extends Error {}

async function readJson<T>(dir: string, file: string, schema: z.ZodType<T>): Promise<T> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, file), 'utf8');
  } catch (error) {
    throw new DamageError(`${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new DamageError(`${file} is not valid JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new DamageError(`${file} has unexpected content`);
  return parsed.data;
}

async function verifyFile(dir: string, file: string, expected: Checksums): Promise<void> {
  const want = expected[file];
  if (!want) throw new DamageError(`${CHECKSUMS_FILE} does not list ${file}`);
  const got = await checksumFile(path.join(dir, file)).catch(() => null);
  if (!got) throw new DamageError(`${file} is missing`);
  if (got.bytes !== want.bytes || got.sha256 !== want.sha256) throw new DamageError(`${file} is truncated or altered`);
}

/** The articles of a generation by id. */
async function readArticles(dir: string): Promise<Map<string, Article>> {
  const articles = await readJson(dir, ARTICLES_FILE, ArticlesSchema);
  return new Map(articles.map((article) => [article.id, article]));
}

const ManifestVersionSchema = z.object({ version: z.unknown() });

/** Reads the manifest, telling an index written by another version (mismatch) from a damaged one. */
async function readManifest(dir: string, indexDir: string): Promise<IndexManifest> {
  const { version } = await readJson(dir, MANIFEST_FILE, ManifestVersionSchema);
  if (version !== MANIFEST_VERSION) {
    throw new IndexError(
      'mismatch',
      `The index at ${indexDir} was written by another version of quotebot (manifest version ${String(version)}): run \`npm run reindex\`.`,
    );
  }
  return readJson(dir, MANIFEST_FILE, IndexManifestSchema);
}

/**
 * Checks every file of a generation against its checksums and returns its manifest. The manifest
 * is checked and read first, so an index of another version (which lacks newer files) is reported
 * as a mismatch rather than as damage.
 */
async function readVerifiedManifest(dir: string, indexDir: string): Promise<IndexManifest> {
  const expected = await readJson(dir, CHECKSUMS_FILE, ChecksumsSchema);
  await verifyFile(dir, MANIFEST_FILE, expected);
  const manifest = await readManifest(dir, indexDir);
  for (const file of GENERATION_FILES) if (file !== MANIFEST_FILE) await verifyFile(dir, file, expected);
  return manifest;
}

/** Stands in for the embedder of a loaded store: it is only searched by vector, never asked to embed. */
const SEARCH_ONLY: EmbeddingsInterface = {
  embedDocuments: () => Promise.reject(new Error('A loaded index does not embed texts.')),
  embedQuery: () => Promise.reject(new Error('A loaded index does not embed texts.')),
};

async function openGeneration(dir: string, manifest: IndexManifest): Promise<OpenedGeneration> {
  let store: HNSWLib;
  try {
    store = await HNSWLib.load(dir, SEARCH_ONLY);
  } catch (error) {
    throw new DamageError(`the HNSW files cannot be loaded (${(error as Error).message})`);
  }
  const count = store.index.getCurrentCount();
  if (count !== manifest.counts.passages || store.index.getNumDimensions() !== manifest.embedding.dimensions) {
    throw new DamageError('the HNSW index does not match the manifest');
  }
  const documents: Document<PassageMetadata>[] = [];
  for (let label = 0; label < count; label++) {
    const document = store.docstore.search(String(label));
    const metadata = PassageMetadataSchema.safeParse(typeof document === 'string' ? null : document.metadata);
    if (typeof document === 'string' || !metadata.success) throw new DamageError(`passage ${label} is missing`);
    documents.push(new Document({ pageContent: document.pageContent, metadata: metadata.data }));
  }
  return { manifest, store, documents };
}

/** Reads `rows` vectors of `dimensions` floats straight into one Float32Array (no intermediate copy). */
async function readVectorRows(dir: string, rows: number, dimensions: number): Promise<Float32Array> {
  const handle = await open(path.join(dir, SENTENCE_VECTORS_FILE), 'r').catch(() => {
    throw new DamageError(`${SENTENCE_VECTORS_FILE} cannot be read`);
  });
  try {
    const { size } = await handle.stat();
    // Checked before allocating, so a damaged spans file cannot ask for an absurd amount of memory.
    if (size !== rows * dimensions * 4) {
      throw new DamageError(`${SENTENCE_VECTORS_FILE} holds ${size} bytes, not ${rows} sentences × ${dimensions} floats`);
    }
    const vectors = new Float32Array(rows * dimensions);
    const bytes = new Uint8Array(vectors.buffer);
    for (let offset = 0; offset < bytes.length; ) {
      const { bytesRead } = await handle.read(bytes, offset, bytes.length - offset, offset);
      if (bytesRead === 0) throw new DamageError(`${SENTENCE_VECTORS_FILE} is truncated`);
      offset += bytesRead;
    }
    if (!LITTLE_ENDIAN) Buffer.from(vectors.buffer).swap32();
    return vectors;
  } finally {
    await handle.close();
  }
}

/** The sentences of every article with their vectors, checked against the articles and the manifest. */
async function readSentences(
  dir: string,
  manifest: IndexManifest,
  articles: ReadonlyMap<string, Article>,
): Promise<Map<string, ArticleSentences>> {
  const entries = await readJson(dir, SENTENCE_SPANS_FILE, SentenceSpansSchema);
  const rows = entries.reduce((sum, entry) => sum + entry.spans.length, 0);
  if (rows !== manifest.counts.sentences || entries.length !== articles.size) {
    throw new DamageError(`${SENTENCE_SPANS_FILE} does not match the manifest`);
  }
  const { dimensions } = manifest.embedding;
  const vectors = await readVectorRows(dir, rows, dimensions);
  const sentences = new Map<string, ArticleSentences>();
  let row = 0;
  for (const { articleId, spans } of entries) {
    const article = articles.get(articleId);
    let previousEnd = 0;
    const inOrder = spans.every(([start, end]) => {
      const fits = start >= previousEnd && start < end && end <= (article?.text.length ?? 0);
      previousEnd = end;
      return fits;
    });
    if (!article || !inOrder || sentences.has(articleId)) throw new DamageError(`the sentences of ${articleId} do not match its article`);
    sentences.set(articleId, {
      spans: spans.map(([start, end]) => ({ start, end })),
      vectors: vectors.subarray(row * dimensions, (row + spans.length) * dimensions),
    });
    row += spans.length;
  }
  return sentences;
}

function describeEmbedding(embedding: { provider: string; model: string; dimensions: number }): string {
  return `${embedding.provider} model ${embedding.model} (${embedding.dimensions} dims)`;
}

function describeChunking(chunking: ChunkSettings): string {
  return `chunks of ${chunking.size} characters with ${chunking.overlap} overlap`;
}

function checkExpected(manifest: IndexManifest, expected: ExpectedIndex, indexDir: string): void {
  const built = manifest.embedding;
  if (built.provider !== expected.provider || built.model !== expected.model || built.dimensions !== expected.dimensions) {
    throw new IndexError(
      'mismatch',
      `The index at ${indexDir} was built with the ${describeEmbedding(built)} but the configuration uses the ${describeEmbedding(expected)}: run \`npm run reindex\`.`,
    );
  }
  const chunking = manifest.chunking;
  if (chunking.size !== expected.chunking.size || chunking.overlap !== expected.chunking.overlap) {
    throw new IndexError(
      'mismatch',
      `The index at ${indexDir} was built with ${describeChunking(chunking)} but the configuration asks for ${describeChunking(expected.chunking)} (CHUNK_SIZE, CHUNK_OVERLAP): run \`npm run reindex\`.`,
    );
  }
  if (chunking.splitter !== CHUNK_SPLITTER) {
    throw new IndexError(
      'mismatch',
      `The index at ${indexDir} was cut into passages by an older splitter (${chunking.splitter}): run \`npm run reindex\`.`,
    );
  }
}

class HnswSearchIndex implements SearchIndex {
  readonly passageById: ReadonlyMap<string, Passage>;
  /** HNSW label of each passage: passages are stored in label order. */
  private readonly labels: ReadonlyMap<string, number>;

  constructor(
    readonly manifest: IndexManifest,
    readonly articles: ReadonlyMap<string, Article>,
    readonly passages: readonly Passage[],
    private readonly store: HNSWLib,
    private readonly sentences: ReadonlyMap<string, ArticleSentences>,
  ) {
    this.passageById = new Map(passages.map((passage) => [passage.id, passage]));
    this.labels = new Map(passages.map((passage, label) => [passage.id, label]));
  }

  async searchDense(vector: number[], k: number, accept?: (passage: Passage) => boolean): Promise<DenseHit[]> {
    const limit = Math.min(Math.floor(k), this.passages.length);
    if (limit <= 0) return [];
    if (vector.length !== this.manifest.embedding.dimensions) {
      throw new Error(`Query vector has ${vector.length} dimensions; the index has ${this.manifest.embedding.dimensions}.`);
    }
    const passageOf = (document: Document): Passage => this.passageById.get((document.metadata as PassageMetadata).id)!;
    // The filter runs inside hnswlib's search, so k hits come back whenever k passages pass it.
    const filter = accept ? (document: Document) => accept(passageOf(document)) : undefined;
    const results = await this.store.similaritySearchVectorWithScore(vector, limit, filter);
    return results.map(([document, distance]) => ({ passage: passageOf(document), similarity: 1 - distance }));
  }

  sentencesOf(articleId: string): ArticleSentences | undefined {
    return this.sentences.get(articleId);
  }

  passageVector(passageId: string): ArrayLike<number> | undefined {
    const label = this.labels.get(passageId);
    // The cosine space stores vectors normalised, as the contract promises.
    return label === undefined ? undefined : this.store.index.getPoint(label);
  }
}

/**
 * Loads the current index of `indexDir`, checking every file and that it was built the way the
 * configuration expects. Throws IndexError ('missing', 'corrupt' or 'mismatch') saying what to do.
 */
export async function loadIndex(indexDir: string, expected: ExpectedIndex): Promise<SearchIndex> {
  const damaged = (detail: string) =>
    new IndexError('corrupt', `The index at ${indexDir} is damaged (${detail}); run \`npm run reindex\`.`);
  let dir: string | null;
  try {
    dir = await currentGeneration(indexDir);
  } catch (error) {
    throw damaged((error as Error).message);
  }
  if (!dir) throw new IndexError('missing', `No index at ${indexDir}. Run \`npm run reindex\`.`);

  try {
    const manifest = await readVerifiedManifest(dir, indexDir);
    checkExpected(manifest, expected, indexDir);
    const articles = await readArticles(dir);
    const sentences = await readSentences(dir, manifest, articles);
    const { store, documents } = await openGeneration(dir, manifest);
    const passages = documents.map(({ pageContent, metadata }): Passage => {
      const article = articles.get(metadata.articleId);
      if (!article || article.text.slice(metadata.start, metadata.end) !== pageContent) {
        throw new DamageError(`passage ${metadata.id} does not match its article`);
      }
      return { ...metadata, text: pageContent };
    });
    store.index.setEf(Math.max(1, expected.ef));
    return new HnswSearchIndex(manifest, articles, passages, store, sentences);
  } catch (error) {
    if (error instanceof DamageError) throw damaged(error.message);
    throw error;
  }
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
    const { store, documents } = await openGeneration(dir, manifest);
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

/** The sentence vectors as the bytes of SENTENCE_VECTORS_FILE: unit-length float32 rows, little-endian. */
function sentenceMatrix(vectors: readonly ArrayLike<number>[], dimensions: number): Uint8Array {
  const matrix = new Float32Array(vectors.length * dimensions);
  vectors.forEach((vector, row) => {
    let norm = 0;
    for (let i = 0; i < dimensions; i++) norm += vector[i]! * vector[i]!;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < dimensions; i++) matrix[row * dimensions + i] = vector[i]! * scale;
  });
  const bytes = new Uint8Array(matrix.buffer);
  if (!LITTLE_ENDIAN) Buffer.from(matrix.buffer).swap32();
  return bytes;
}

interface GenerationContent {
  store: HNSWLib;
  manifest: IndexManifest;
  articles: readonly Article[];
  sentenceSpans: SentenceSpans;
  sentenceVectors: Uint8Array;
}

async function writeGeneration(dir: string, content: GenerationContent): Promise<void> {
  await content.store.save(dir);
  await writeFile(path.join(dir, ARTICLES_FILE), JSON.stringify(content.articles));
  await writeFile(path.join(dir, SENTENCE_SPANS_FILE), JSON.stringify(content.sentenceSpans));
  await writeFile(path.join(dir, SENTENCE_VECTORS_FILE), content.sentenceVectors);
  await writeFile(path.join(dir, MANIFEST_FILE), JSON.stringify(content.manifest, null, 2));
  const checksums: Checksums = {};
  for (const file of GENERATION_FILES) checksums[file] = await checksumFile(path.join(dir, file));
  await writeFile(path.join(dir, CHECKSUMS_FILE), JSON.stringify(checksums, null, 2));
}

/** Sentence spans of every article, and the sentences' texts in the same order. */
function splitArticleSentences(articles: readonly Article[]): { spans: SentenceSpans; texts: string[] } {
  const spans: SentenceSpans = [];
  const texts: string[] = [];
  for (const article of articles) {
    const sentences: TextSpan[] = splitSentences(article.text, article.language);
    spans.push({ articleId: article.id, spans: sentences.map(({ start, end }) => [start, end]) });
    for (const { start, end } of sentences) texts.push(article.text.slice(start, end));
  }
  return { spans, texts };
}

/**
 * Chunks every article into passages and splits it into sentences, embeds them into a new
 * generation of `indexDir` and makes it current. Texts unchanged since the current index reuse
 * its vectors. On any failure the current index is left as it was.
 */
export async function buildIndex(ingest: IngestResult, embedder: Embedder, options: BuildOptions): Promise<BuildSummary> {
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

    const index = new hnswlib.HierarchicalNSW(HNSW_PARAMS.space, embedder.dimensions);
    index.initIndex(Math.max(1, passages.length), HNSW_PARAMS.m, HNSW_PARAMS.efConstruction);
    const store = new HNSWLib(embedder, { space: HNSW_PARAMS.space, numDimensions: embedder.dimensions, index });
    for (let i = 0; i < passages.length; i += INSERT_SLICE) {
      const slice = passages.slice(i, i + INSERT_SLICE);
      await store.addVectors(
        slice.map((_, j) => Array.from(vectors.get(passageHashes[i + j]!)!)),
        slice.map(({ id, articleId, start, end, text }) => new Document({ pageContent: text, metadata: { id, articleId, start, end } })),
      );
      await yieldToEventLoop();
    }

    const seconds = (performance.now() - started) / 1000;
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
      buildSeconds: Math.round(seconds * 1000) / 1000,
    };
    await writeGeneration(partialDir, {
      store,
      manifest,
      articles: ingest.articles,
      sentenceSpans: sentences.spans,
      sentenceVectors: sentenceMatrix(
        sentenceHashes.map((hash) => vectors.get(hash)!),
        embedder.dimensions,
      ),
    });
    const directory = await publishGeneration(indexDir, partialDir);
    return {
      files: ingest.files.length,
      articles: ingest.articles.length,
      passages: passages.length,
      reusedPassages,
      sentences: sentences.texts.length,
      reusedSentences,
      seconds: (performance.now() - started) / 1000,
      directory,
    };
  } catch (error) {
    await discardGeneration(partialDir).catch(() => undefined);
    throw error;
  }
}
