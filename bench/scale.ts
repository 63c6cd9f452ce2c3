/**
 * `npm run bench -- --scale`: how cost grows with the corpus. For 1,000, 10,000 and 100,000
 * generated articles (seed paragraphs recombined, bench/corpus-gen.ts) it builds an index and
 * prints indexing time and passages per second, answer p50/p95 over distinct questions, resident
 * memory and size on disk; then autocomplete and `/sources` latency at 20,000 documents.
 *
 * Embedding: the local model embeds about 28 passages a second on this 2-core machine, so 100,000
 * articles (about 240,000 passages plus their sentences) would take hours. The growth runs use a
 * deterministic stand-in instead (the tests' hashed bag of words, 512 dimensions, the local
 * model's size), so the figures measure the index, the searches and quote selection, never the
 * model; the query embedding of the real model (about 7 ms, independent of corpus size) is not in
 * them. `--sizes 1000,10000` picks the sizes.
 *
 * Backends: both go through the IndexStore contract, as the bot does: the embedded store (HNSW
 * files in a folder) and, when a PostgreSQL server with pgvector can be had (a throwaway local one,
 * or DATABASE_URL_TEST), PostgreSQL. Its size on disk is the database's; its resident memory is
 * only this process's (the server's own memory is not in it).
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createEngine, createLogger, expectedIndex, ingestCorpus, loadConfig, openIndexStore, type Article, type ArticleSummary, type IngestResult, type SearchIndex } from '../src/index.js';
import { suggestAuthors, suggestDocuments } from '../src/discord/corpus-filter.js';
import { formatSourcesPage, countSourcePages } from '../src/discord/sources-pages.js';
import { FakeEmbedder } from '../test/support/fake-embedder.js';
import { generateArticles, generateQuestions, writeArticles } from './corpus-gen.js';
import { percentile } from './stats.js';

export type ScaleBackend = 'embedded' | 'postgres';

export interface ScalePoint {
  backend: ScaleBackend;
  articles: number;
  passages: number;
  ingestSeconds: number;
  indexSeconds: number;
  passagesPerSecond: number;
  loadSeconds: number;
  answers: { count: number; answered: number; p50: number; p95: number; p99: number };
  /** Resident memory of this process with the index loaded, and what loading it added. */
  rssMb: number;
  rssAddedMb: number;
  diskMb: number;
}

export interface NameLookups {
  documents: number;
  /** The first call after an index swap prepares the normalised names once. */
  firstCallMs: number;
  autocomplete: { p50: number; p99: number; calls: number };
  sources: { p50: number; p99: number; calls: number };
}

const QUESTIONS = 300;
const RANDOM_SEED = 20240601;

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? await folderBytes(full) : (await stat(full)).size;
  }
  return total;
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const collect = () => (globalThis as { gc?: () => void }).gc?.();

async function databaseBytes(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
    return Number(result.rows[0]!.bytes);
  } finally {
    await client.end();
  }
}

/** The generated corpus of one size, ingested once and measured on every backend. */
export async function generateScaleCorpus(seed: readonly Article[], articles: number, workDir: string): Promise<{ dir: string; ingest: IngestResult; ingestSeconds: number }> {
  const dir = path.join(workDir, `corpus-${articles}`);
  await writeArticles(dir, generateArticles(seed, articles, RANDOM_SEED));
  const started = performance.now();
  const ingest = await ingestCorpus(dir);
  return { dir, ingest, ingestSeconds: (performance.now() - started) / 1000 };
}

export interface ScaleRun {
  corpus: { dir: string; ingest: IngestResult; ingestSeconds: number };
  backend: ScaleBackend;
  /** The empty database to build in, for 'postgres'. */
  databaseUrl?: string;
  workDir: string;
  log: (line: string) => void;
}

/** One size on one backend: build with the stand-in embedder through the store, load, answer. */
export async function measureScalePoint(run: ScaleRun): Promise<ScalePoint> {
  const { corpus, backend, databaseUrl, workDir, log } = run;
  const { ingest } = corpus;
  const size = ingest.articles.length;
  const indexDir = path.join(workDir, `index-${size}`);
  const config = loadConfig({ CORPUS_DIR: corpus.dir, INDEX_DIR: indexDir, LOG_LEVEL: 'silent', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
  const embedder = new FakeEmbedder();
  const store = await openIndexStore(config, createLogger('silent'));
  const label = `scale ${size} ${backend}`;
  try {
    log(`${label}: building the index`);
    let started = performance.now();
    const summary = await store.build(ingest, embedder, { chunking: { size: config.CHUNK_SIZE, overlap: config.CHUNK_OVERLAP } });
    const indexSeconds = (performance.now() - started) / 1000;
    log(`${label}: ${summary.passages} passages indexed in ${indexSeconds.toFixed(1)} s; loading`);

    collect();
    const rssBefore = process.memoryUsage().rss;
    started = performance.now();
    let index: SearchIndex | null = await store.load(expectedIndex(config, embedder));
    const loadSeconds = (performance.now() - started) / 1000;
    collect();
    const rss = process.memoryUsage().rss;

    const engine = createEngine({ index, embedder, settings: { quotes: config.ANSWER_QUOTES } });
    const questions = generateQuestions(ingest.articles, QUESTIONS + 20, RANDOM_SEED);
    for (const question of questions.slice(QUESTIONS)) await engine.answer(question);
    const times: number[] = [];
    let answered = 0;
    for (const question of questions.slice(0, QUESTIONS)) {
      const t = performance.now();
      if ((await engine.answer(question)).answered) answered++;
      times.push(performance.now() - t);
    }
    index = null;
    const point: ScalePoint = {
      backend,
      articles: size,
      passages: summary.passages,
      ingestSeconds: corpus.ingestSeconds,
      indexSeconds,
      passagesPerSecond: summary.passages / indexSeconds,
      loadSeconds,
      answers: { count: times.length, answered, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) },
      rssMb: mb(rss),
      rssAddedMb: mb(rss - rssBefore),
      diskMb: mb(databaseUrl ? await databaseBytes(databaseUrl) : await folderBytes(indexDir)),
    };
    log(`${label}: answer p50 ${point.answers.p50.toFixed(1)} ms, p95 ${point.answers.p95.toFixed(1)} ms`);
    return point;
  } finally {
    await store.close();
    await rm(indexDir, { recursive: true, force: true });
  }
}

/** Autocomplete and `/sources` over `count` documents, as the bot calls them (the engine's cached listing). */
export async function measureNameLookups(seed: readonly Article[], count: number): Promise<NameLookups> {
  const generated = generateArticles(seed, count, RANDOM_SEED);
  const articles = new Map<string, Article>(
    generated.map((g) => [
      g.file,
      { id: g.file, source: g.file, title: g.title, authors: [g.author], date: '2020-01-01', publisher: null, url: null, language: 'en', republishedIn: null, text: g.paragraphs.join('\n\n') },
    ]),
  );
  // Only the listing is used here: an index with articles and nothing to search.
  const index = { articles, passages: [] } as unknown as SearchIndex;
  const engine = createEngine({ index, embedder: new FakeEmbedder() });
  const typed = ['', 'a', 'ra', 'raq', 'syria', 'report 1', 'and', 'zz', 'novak', 'el', 'okafor', 'report 19999'];

  let started = performance.now();
  suggestDocuments(engine.listArticles(), 'syr');
  const firstCallMs = performance.now() - started;

  const autocomplete: number[] = [];
  const sources: number[] = [];
  const pages = countSourcePages(count);
  for (let i = 0; i < 300; i++) {
    const text = typed[i % typed.length]!;
    started = performance.now();
    const listing: readonly ArticleSummary[] = engine.listArticles();
    if (i % 2 === 0) suggestDocuments(listing, text);
    else suggestAuthors(listing, text);
    autocomplete.push(performance.now() - started);

    started = performance.now();
    formatSourcesPage(engine.listArticles(), (i * 7919) % pages);
    sources.push(performance.now() - started);
  }
  const summary = (values: number[]) => ({ p50: percentile(values, 50), p99: percentile(values, 99), calls: values.length });
  return { documents: count, firstCallMs, autocomplete: summary(autocomplete), sources: summary(sources) };
}
