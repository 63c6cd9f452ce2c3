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
 * Backends: the embedded store (HNSW files). PostgreSQL is measured when its backend exists
 * (it had not landed when this was written; the table says so).
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildIndex, createEngine, expectedIndex, ingestCorpus, loadConfig, loadIndex, type Article, type ArticleSummary, type SearchIndex } from '../src/index.js';
import { suggestAuthors, suggestDocuments } from '../src/discord/corpus-filter.js';
import { formatSourcesPage, countSourcePages } from '../src/discord/sources-pages.js';
import { FakeEmbedder } from '../test/support/fake-embedder.js';
import { generateArticles, generateQuestions, writeArticles } from './corpus-gen.js';
import { percentile } from './stats.js';

export interface ScalePoint {
  backend: 'embedded';
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

/** One size: generate, ingest, build with the stand-in embedder, load, answer. */
export async function measureScalePoint(options: { seed: readonly Article[]; articles: number; workDir: string; log: (line: string) => void }): Promise<ScalePoint> {
  const { seed, articles, workDir, log } = options;
  const corpusDir = path.join(workDir, `corpus-${articles}`);
  const indexDir = path.join(workDir, `index-${articles}`);
  const config = loadConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, LOG_LEVEL: 'silent' });
  const embedder = new FakeEmbedder();
  try {
    log(`scale ${articles}: writing the corpus`);
    await writeArticles(corpusDir, generateArticles(seed, articles, RANDOM_SEED));
    let started = performance.now();
    const ingest = await ingestCorpus(corpusDir);
    const ingestSeconds = (performance.now() - started) / 1000;
    log(`scale ${articles}: ingested in ${ingestSeconds.toFixed(1)} s; building the index`);
    started = performance.now();
    const summary = await buildIndex(ingest, embedder, { indexDir, chunking: { size: config.CHUNK_SIZE, overlap: config.CHUNK_OVERLAP } });
    const indexSeconds = (performance.now() - started) / 1000;
    log(`scale ${articles}: ${summary.passages} passages indexed in ${indexSeconds.toFixed(1)} s; loading`);

    collect();
    const rssBefore = process.memoryUsage().rss;
    started = performance.now();
    let index: SearchIndex | null = await loadIndex(indexDir, expectedIndex(config, embedder));
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
      backend: 'embedded',
      articles: ingest.articles.length,
      passages: summary.passages,
      ingestSeconds,
      indexSeconds,
      passagesPerSecond: summary.passages / indexSeconds,
      loadSeconds,
      answers: { count: times.length, answered, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) },
      rssMb: mb(rss),
      rssAddedMb: mb(rss - rssBefore),
      diskMb: mb(await folderBytes(indexDir)),
    };
    log(`scale ${articles}: answer p50 ${point.answers.p50.toFixed(1)} ms, p95 ${point.answers.p95.toFixed(1)} ms`);
    return point;
  } finally {
    await rm(corpusDir, { recursive: true, force: true });
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
