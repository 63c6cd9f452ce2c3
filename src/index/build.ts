import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { IngestResult, Passage, ReindexSummary } from '../domain.js';
import { ExplainedError } from '../errors.js';
import type { ChunkSettings } from './chunk.js';
import type { Embedder } from './embeddings.js';
import { importHnswStore, openStore, readArticles, readSentences, readVerifiedManifest, writeGeneration } from './generation-format.js';
import {
  currentGeneration,
  discardGeneration,
  generationsDir,
  listGenerations,
  publishGeneration,
  removeFailedBuilds,
  startGeneration,
} from './generations.js';
import { describeBuild, HNSW_PARAMS, prepareIndex, sha256, summarizeBuild, type VectorLookup } from './prepare.js';

/**
 * Building an index generation: chunk the articles into passages, split them into sentences,
 * embed what the current generation does not already hold (vectors of unchanged texts are reused:
 * passages' read back from its HNSW index with `getPoint`, sentences' from its sentence vectors
 * file), write the new generation beside the old one and make it current.
 */

/** Vectors added to the HNSW graph between yields, so a bot building in-process stays responsive. */
const INSERT_SLICE = 256;

export interface BuildOptions {
  indexDir: string;
  chunking: ChunkSettings;
  /** Called with texts (passages and sentences) done, embedded or reused, out of the total. */
  onProgress?: (done: number, total: number) => void;
}

/** One generation's passage and sentence vectors by text hash, when it used the same embedding model and is whole. */
async function generationVectors(dir: string, indexDir: string, embedder: Embedder): Promise<VectorLookup | null> {
  try {
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
    // An unreadable or older generation only means nothing can be reused from it.
    return null;
  }
}

/**
 * Vectors to reuse: the current generation's, or when it is damaged, those of the newest older
 * generation that is whole (the one a damaged index falls back to), so a repair re-embeds little.
 */
async function previousVectors(indexDir: string, embedder: Embedder): Promise<VectorLookup | null> {
  const current = await currentGeneration(indexDir).catch(() => null);
  const candidates = [...(current ? [current] : []), ...(await listGenerations(indexDir)).map((name) => path.join(generationsDir(indexDir), name))];
  for (const dir of new Set(candidates)) {
    const lookup = await generationVectors(dir, indexDir, embedder);
    if (lookup) return lookup;
  }
  return null;
}

/**
 * An HNSW store of the passages, labelled in passage order: their vectors added to the graph a
 * slice at a time, then their documents in one go (LangChain's addVectors compares each document
 * it adds with every one added before, quadratic in the corpus: 1 s at 24,000 passages, 100 times
 * that at ten times as many).
 */
async function buildStore(embedder: Embedder, passages: readonly Passage[], vectorOf: (i: number) => ArrayLike<number>): Promise<HNSWLib> {
  const { HierarchicalNSW } = (await import('hnswlib-node')).default;
  const index = new HierarchicalNSW(HNSW_PARAMS.space, embedder.dimensions);
  index.initIndex(Math.max(1, passages.length), HNSW_PARAMS.m, HNSW_PARAMS.efConstruction);
  const Store = await importHnswStore();
  const store = new Store(embedder, { space: HNSW_PARAMS.space, numDimensions: embedder.dimensions, index });
  for (let i = 0; i < passages.length; i += INSERT_SLICE) {
    const end = Math.min(passages.length, i + INSERT_SLICE);
    for (let label = i; label < end; label++) index.addPoint(Array.from(vectorOf(label)), label);
    await yieldToEventLoop();
  }
  store.docstore.add(
    Object.fromEntries(passages.map(({ id, articleId, start, end, text }, label) => [label, { pageContent: text, metadata: { id, articleId, start, end } }])),
  );
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
    const prepared = await prepareIndex(ingest, embedder, {
      chunking,
      reuse: async () => previousVectors(indexDir, embedder),
      onProgress: options.onProgress,
    });
    const { passages, passageHashes } = prepared;
    const store = await buildStore(embedder, passages, (i) => prepared.vectorOf(passageHashes[i]!));
    await writeGeneration(partialDir, {
      store,
      manifest: describeBuild(ingest, embedder, chunking, prepared, (performance.now() - started) / 1000),
      articles: ingest.articles,
      sentenceSpans: prepared.sentences,
      sentenceVectors: prepared.sentenceHashes.map(prepared.vectorOf),
    });
    await publishGeneration(indexDir, partialDir);
    return summarizeBuild(ingest, prepared, started);
  } catch (error) {
    await discardGeneration(partialDir).catch(() => undefined);
    throw explainWriteFailure(error, indexDir);
  }
}

/** The index folder could not be written (full disk, permissions); the message says what to do. */
export class IndexWriteError extends ExplainedError {
  override name = 'IndexWriteError';
  constructor(
    message: string,
    /** The system error code (`ENOSPC`, `EACCES`, ...), for callers that advise by cause. */
    readonly code: string,
  ) {
    super(message);
  }
}

const WRITE_FAILURES: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
};

/** A failure to write the index as a one-line explanation; any other error as it was. */
function explainWriteFailure(error: unknown, indexDir: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const cause = code ? WRITE_FAILURES[code] : undefined;
  if (!code || !cause) return error;
  return new IndexWriteError(`The index could not be written to ${indexDir}: ${cause} (${code}). Fix that and build again; the index in use, if any, is untouched.`, code);
}
