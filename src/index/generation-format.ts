import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, stat, writeFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import path from 'node:path';
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { DocumentInterface } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { z } from 'zod';
import type { Article, IngestProblem, SourceFile } from '../domain.js';
import { ExplainedError } from '../errors.js';
import type { TextSpan } from '../text/sentences.js';

/**
 * What one index generation holds on disk, and how it is written and read back, checked file by
 * file: the HNSW files (LangChain's HNSWLib, cosine), the manifest (how it was built), the cleaned
 * articles, and the sentence spans with one vector per sentence (so quote selection needs no
 * model at query time). A damaged or foreign file is caught here with a clear message instead of
 * failing later in a search.
 */

/**
 * Version 2 added the sentence vectors; version 3 embeds Dutch texts as their English gloss. An
 * index of another version must be rebuilt.
 */
export const MANIFEST_VERSION = 3;

/** Written next to the HNSW files: how the index was built, so a mismatch is caught at load. */
export interface IndexManifest {
  version: typeof MANIFEST_VERSION;
  embedding: { provider: string; model: string; dimensions: number };
  chunking: { splitter: string; size: number; overlap: number };
  hnsw: { space: 'cosine'; m: number; efConstruction: number };
  files: SourceFile[];
  problems: IngestProblem[];
  /** `sentences`: sentence vectors stored for quote selection (one per sentence of every article). */
  counts: { files: number; articles: number; passages: number; sentences: number };
  builtAt: string;
  buildSeconds: number;
}

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

const ArticlesSchema = z.array(
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
const ChecksumsSchema = z.record(z.string(), z.object({ bytes: z.number().int().nonnegative(), sha256: z.string() }));
type Checksums = z.output<typeof ChecksumsSchema>;

/** Metadata of each stored HNSW document: where its passage lies in its article. */
const PassageMetadataSchema = z.object({
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
const SentenceSpansSchema = z.array(
  z.object({
    articleId: z.string(),
    spans: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
  }),
);
export type SentenceSpans = z.output<typeof SentenceSpansSchema>;

export type IndexErrorCode = 'missing' | 'corrupt' | 'mismatch';

/** Why an index cannot be used; the message says what happened and what to do. */
export class IndexError extends ExplainedError {
  override name = 'IndexError';
  constructor(
    readonly code: IndexErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Failure while reading a generation: the detail goes into a "damaged" IndexError. */
export class DamageError extends Error {}

async function checksumFile(file: string): Promise<Checksums[string]> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return { bytes: (await stat(file)).size, sha256: hash.digest('hex') };
}

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
export async function readArticles(dir: string): Promise<Map<string, Article>> {
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
export async function readVerifiedManifest(dir: string, indexDir: string): Promise<IndexManifest> {
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

/**
 * LangChain's HNSWLib, imported when first needed: LangChain takes a good part of a second to
 * import, which a command then spends while the model loads in its worker threads, not before.
 */
export async function importHnswStore(): Promise<typeof HNSWLib> {
  return (await import('@langchain/community/vectorstores/hnswlib')).HNSWLib;
}

/** The HNSW store of a generation and its documents in label order, checked against the manifest. */
export async function openStore(dir: string, manifest: IndexManifest): Promise<{ store: HNSWLib; documents: DocumentInterface<PassageMetadata>[] }> {
  let store: HNSWLib;
  try {
    store = await (await importHnswStore()).load(dir, SEARCH_ONLY);
  } catch (error) {
    throw new DamageError(`the HNSW files cannot be loaded (${(error as Error).message})`);
  }
  const count = store.index.getCurrentCount();
  if (count !== manifest.counts.passages || store.index.getNumDimensions() !== manifest.embedding.dimensions) {
    throw new DamageError('the HNSW index does not match the manifest');
  }
  const documents: DocumentInterface<PassageMetadata>[] = [];
  for (let label = 0; label < count; label++) {
    const document = store.docstore.search(String(label));
    const metadata = PassageMetadataSchema.safeParse(typeof document === 'string' ? null : document.metadata);
    if (typeof document === 'string' || !metadata.success) throw new DamageError(`passage ${label} is missing`);
    documents.push({ pageContent: document.pageContent, metadata: metadata.data });
  }
  return { store, documents };
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
export async function readSentences(
  dir: string,
  manifest: IndexManifest,
  articles: ReadonlyMap<string, Article>,
): Promise<Map<string, { spans: TextSpan[]; vectors: Float32Array }>> {
  const entries = await readJson(dir, SENTENCE_SPANS_FILE, SentenceSpansSchema);
  const rows = entries.reduce((sum, entry) => sum + entry.spans.length, 0);
  if (rows !== manifest.counts.sentences || entries.length !== articles.size) {
    throw new DamageError(`${SENTENCE_SPANS_FILE} does not match the manifest`);
  }
  const { dimensions } = manifest.embedding;
  const vectors = await readVectorRows(dir, rows, dimensions);
  const sentences = new Map<string, { spans: TextSpan[]; vectors: Float32Array }>();
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

/** Everything a generation holds, as a build hands it over. */
export interface GenerationContent {
  store: HNSWLib;
  manifest: IndexManifest;
  articles: readonly Article[];
  sentenceSpans: SentenceSpans;
  /** One vector per sentence, in the order of `sentenceSpans`. */
  sentenceVectors: readonly ArrayLike<number>[];
}

/** Writes every file of a generation into `dir`, checksums last. */
export async function writeGeneration(dir: string, content: GenerationContent): Promise<void> {
  await content.store.save(dir);
  await writeFile(path.join(dir, ARTICLES_FILE), JSON.stringify(content.articles));
  await writeFile(path.join(dir, SENTENCE_SPANS_FILE), JSON.stringify(content.sentenceSpans));
  await writeFile(path.join(dir, SENTENCE_VECTORS_FILE), sentenceMatrix(content.sentenceVectors, content.manifest.embedding.dimensions));
  await writeFile(path.join(dir, MANIFEST_FILE), JSON.stringify(content.manifest, null, 2));
  const checksums: Checksums = {};
  for (const file of GENERATION_FILES) checksums[file] = await checksumFile(path.join(dir, file));
  await writeFile(path.join(dir, CHECKSUMS_FILE), JSON.stringify(checksums, null, 2));
}
