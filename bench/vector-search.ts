/**
 * Vector search at scale: HNSW (hnswlib-node, the library behind the project's store) against
 * exact search on the same vectors in the same run. Reports build time, query latency
 * percentiles, memory, size on disk and recall@10 at several `ef` values.
 *
 * Run alone: `npx tsx bench/vector-search.ts --size 100000` (add `--size 1000000` for the
 * half-hour 1M run, `--quick` for a short run, `--json` for machine-readable output).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import hnswlib from 'hnswlib-node';
import { formatTable, mean, percentile } from './stats.js';
import { createVectorSpace, DEFAULT_SPACE, type VectorKind, type VectorSet, vectorAt } from './vectors.js';

const { BruteforceSearch, HierarchicalNSW } = hnswlib;
type HnswIndex = InstanceType<typeof HierarchicalNSW>;

/** The project's store parameters (LangChain's HNSWLib uses the same, as hnswlib's defaults). */
export const HNSW_M = 16;
export const HNSW_EF_CONSTRUCTION = 200;
/** LangChain's HNSWLib never calls setEf, so it searches with hnswlib's default. */
export const LANGCHAIN_EF = 10;
export const K = 10;
/** The goal at 1M vectors. */
export const TARGET = { recallAt10: 0.98, p50Ms: 2, speedupVsExact: 30 } as const;
/** Bump when the vector generator or the index format changes, so old cached indexes are ignored. */
const CACHE_VERSION = 1;
const WARMUP_QUERIES = 20;

export type IndexCache = 'reuse' | 'rebuild' | 'off';

export interface VectorSearchOptions {
  sizes: number[];
  queries: number;
  efs: number[];
  dims?: number;
  log?: (line: string) => void;
  kind?: VectorKind;
  seed?: number;
  /**
   * `reuse` (default): keep the built index under the OS temp dir and reuse it in later runs with
   * the same data and parameters (its build figures are the ones measured then), since building
   * 1M takes about half an hour. `rebuild`: build and replace the cached one. `off`: build into a
   * temp dir and delete it afterwards.
   */
  cache?: IndexCache;
}

export interface SearchRow {
  method: 'exact' | 'hnsw';
  label: string;
  ef: number | null;
  recallAt10: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  /** Exact search p50 divided by this row's p50. */
  speedupVsExact: number;
  meetsTarget: boolean;
}

export interface VectorSearchResult {
  size: number;
  dims: number;
  queries: number;
  k: number;
  data: { kind: VectorKind; seed: number; clusters: number; meanCosineToCentroid: number | null };
  hnsw: {
    m: number;
    efConstruction: number;
    buildSeconds: number;
    /** True when the index came from an earlier run's cache; build figures are from that run. */
    buildCached: boolean;
    builtAt: string;
    /** RSS growth while building (includes allocator slack; the load figure is the cleaner one). */
    buildRssBytes: number;
    loadSeconds: number;
    /** RSS growth from loading the index file, i.e. what the bot pays to hold it. */
    rssBytes: number;
    rssBytesPerVector: number;
    diskBytes: number;
    diskBytesPerVector: number;
  };
  exact: { buildSeconds: number; rssBytes: number; rssBytesPerVector: number };
  rows: SearchRow[];
  /** Smallest ef that meets the target (recall, p50 and speed-up), or null. */
  targetMetAtEf: number | null;
}

interface BuildRecord {
  buildSeconds: number;
  buildRssBytes: number;
  builtAt: string;
}

interface IndexFile extends BuildRecord {
  path: string;
  cached: boolean;
  cleanUp(): void;
}

const hnswlibVersion = (createRequire(import.meta.url)('hnswlib-node/package.json') as { version: string }).version;

const rss = (): number => process.memoryUsage().rss;
// A full collection before each measured step, so freeing an earlier step's garbage (the built
// index, a million temporary arrays) lands neither in a timed loop nor in an RSS window.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function timeQueries(queries: number[][], search: (query: number[]) => number[]): { times: number[]; results: number[][] } {
  collectGarbage();
  for (const query of queries.slice(0, WARMUP_QUERIES)) search(query);
  const times: number[] = [];
  const results: number[][] = [];
  for (const query of queries) {
    const start = performance.now();
    const neighbors = search(query);
    times.push(performance.now() - start);
    results.push(neighbors);
  }
  return { times, results };
}

function recallAtK(results: readonly number[][], truth: readonly number[][]): number {
  let found = 0;
  results.forEach((neighbors, index) => {
    const expected = new Set(truth[index]);
    found += neighbors.filter((id) => expected.has(id)).length;
  });
  return found / (truth.length * K);
}

function buildHnswFile(corpus: VectorSet, path: string, log: (line: string) => void): BuildRecord {
  const rssBefore = rss();
  const start = performance.now();
  const index = new HierarchicalNSW('cosine', corpus.dims);
  index.initIndex(corpus.count, HNSW_M, HNSW_EF_CONSTRUCTION);
  const step = Math.max(1, Math.floor(corpus.count / 10));
  for (let i = 0; i < corpus.count; i++) {
    index.addPoint(vectorAt(corpus, i), i);
    if ((i + 1) % step === 0 && i + 1 < corpus.count) {
      const elapsed = (performance.now() - start) / 1000;
      const eta = (elapsed / (i + 1)) * (corpus.count - i - 1);
      log(`  building HNSW: ${i + 1}/${corpus.count} in ${elapsed.toFixed(0)} s (about ${eta.toFixed(0)} s left)`);
    }
  }
  const buildSeconds = (performance.now() - start) / 1000;
  const buildRssBytes = rss() - rssBefore;
  // Written under a temporary name, so an interrupted run never leaves a truncated cache entry.
  index.writeIndexSync(`${path}.partial`);
  renameSync(`${path}.partial`, path);
  return { buildSeconds, buildRssBytes, builtAt: new Date().toISOString() };
}

function prepareHnswFile(
  corpus: VectorSet,
  key: string,
  cache: IndexCache,
  log: (line: string) => void,
): IndexFile {
  if (cache === 'off') {
    const dir = mkdtempSync(join(tmpdir(), 'quotebot-bench-'));
    const path = join(dir, 'hnsw.bin');
    const record = buildHnswFile(corpus, path, log);
    return { ...record, path, cached: false, cleanUp: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const dir = join(tmpdir(), 'quotebot-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${key}.bin`);
  const recordPath = join(dir, `${key}.json`);
  const keep = (): void => undefined;
  if (cache === 'reuse' && existsSync(path) && existsSync(recordPath)) {
    const record = JSON.parse(readFileSync(recordPath, 'utf8')) as BuildRecord;
    log(`  reusing the HNSW index built ${record.builtAt} (${path}); pass --rebuild to build it again`);
    return { ...record, path, cached: true, cleanUp: keep };
  }
  const record = buildHnswFile(corpus, path, log);
  writeFileSync(recordPath, JSON.stringify(record, null, 2));
  return { ...record, path, cached: false, cleanUp: keep };
}

function loadHnsw(path: string, dims: number): { index: HnswIndex; seconds: number; rssBytes: number } {
  collectGarbage();
  const rssBefore = rss();
  const start = performance.now();
  const index = new HierarchicalNSW('cosine', dims);
  index.readIndexSync(path);
  const seconds = (performance.now() - start) / 1000;
  return { index, seconds, rssBytes: rss() - rssBefore };
}

function hnswLabel(ef: number): string {
  return ef === LANGCHAIN_EF ? `HNSW ef ${ef} (LangChain default)` : `HNSW ef ${ef}`;
}

async function benchOneSize(
  size: number,
  options: Required<Omit<VectorSearchOptions, 'sizes'>>,
): Promise<VectorSearchResult> {
  const { dims, queries: queryCount, efs, log, kind, seed, cache } = options;
  log(`vector search: ${size} ${kind} vectors of ${dims} dims, ${queryCount} queries, top ${K}`);
  const space = createVectorSpace({ ...DEFAULT_SPACE, kind, seed, dims });
  let start = performance.now();
  const corpus = space.sample(size, 'corpus');
  const querySet = space.sample(queryCount, 'queries');
  const queries = Array.from({ length: queryCount }, (_, i) => vectorAt(querySet, i));
  log(`  generated vectors in ${((performance.now() - start) / 1000).toFixed(1)} s (mean cosine to centroid ${corpus.meanCosineToCentroid.toFixed(3)})`);

  collectGarbage();
  let rssBefore = rss();
  start = performance.now();
  const exactIndex = new BruteforceSearch('cosine', dims);
  exactIndex.initIndex(size);
  for (let i = 0; i < size; i++) exactIndex.addPoint(vectorAt(corpus, i), i);
  const exactBuildSeconds = (performance.now() - start) / 1000;
  const exactRssBytes = rss() - rssBefore;
  log(`  exact index filled in ${exactBuildSeconds.toFixed(1)} s; running ${queryCount} exact queries`);
  const exact = timeQueries(queries, (query) => exactIndex.searchKnn(query, K).neighbors);
  const truth = exact.results;
  const exactP50 = percentile(exact.times, 50);

  const key = `hnsw-${kind}-n${size}-d${dims}-s${seed}-m${HNSW_M}-efc${HNSW_EF_CONSTRUCTION}-lib${hnswlibVersion}-v${CACHE_VERSION}`;
  const file = prepareHnswFile(corpus, key, cache, log);
  const diskBytes = statSync(file.path).size;
  const loaded = loadHnsw(file.path, dims);
  const index = loaded.index;
  if (index.getCurrentCount() !== size) {
    throw new Error(`HNSW index at ${file.path} holds ${index.getCurrentCount()} vectors, expected ${size}: delete it and run again`);
  }
  log(`  HNSW loaded in ${loaded.seconds.toFixed(1)} s (built in ${file.buildSeconds.toFixed(0)} s${file.cached ? ', cached' : ''})`);

  const rows: SearchRow[] = [
    {
      method: 'exact',
      label: 'exact (BruteforceSearch)',
      ef: null,
      recallAt10: 1,
      p50Ms: exactP50,
      p99Ms: percentile(exact.times, 99),
      meanMs: mean(exact.times),
      speedupVsExact: 1,
      meetsTarget: false,
    },
  ];
  for (const ef of efs) {
    index.setEf(ef);
    const run = timeQueries(queries, (query) => index.searchKnn(query, K).neighbors);
    const recallAt10 = recallAtK(run.results, truth);
    const p50Ms = percentile(run.times, 50);
    const speedupVsExact = exactP50 / p50Ms;
    rows.push({
      method: 'hnsw',
      label: hnswLabel(ef),
      ef,
      recallAt10,
      p50Ms,
      p99Ms: percentile(run.times, 99),
      meanMs: mean(run.times),
      speedupVsExact,
      meetsTarget:
        recallAt10 >= TARGET.recallAt10 && p50Ms <= TARGET.p50Ms && speedupVsExact >= TARGET.speedupVsExact,
    });
  }
  file.cleanUp();

  const targetRow = rows.filter((row) => row.meetsTarget).sort((a, b) => (a.ef ?? 0) - (b.ef ?? 0))[0];
  return {
    size,
    dims,
    queries: queryCount,
    k: K,
    data: {
      kind,
      seed,
      clusters: kind === 'clustered' ? DEFAULT_SPACE.clusters : 0,
      meanCosineToCentroid: Number.isNaN(corpus.meanCosineToCentroid) ? null : corpus.meanCosineToCentroid,
    },
    hnsw: {
      m: HNSW_M,
      efConstruction: HNSW_EF_CONSTRUCTION,
      buildSeconds: file.buildSeconds,
      buildCached: file.cached,
      builtAt: file.builtAt,
      buildRssBytes: file.buildRssBytes,
      loadSeconds: loaded.seconds,
      rssBytes: loaded.rssBytes,
      rssBytesPerVector: loaded.rssBytes / size,
      diskBytes,
      diskBytesPerVector: diskBytes / size,
    },
    exact: { buildSeconds: exactBuildSeconds, rssBytes: exactRssBytes, rssBytesPerVector: exactRssBytes / size },
    rows,
    targetMetAtEf: targetRow?.ef ?? null,
  };
}

/** Runs the benchmark for each size in turn; results are plain JSON. */
export async function benchVectorSearch(options: VectorSearchOptions): Promise<VectorSearchResult[]> {
  const resolved = {
    dims: options.dims ?? 512,
    queries: options.queries,
    efs: options.efs,
    log: options.log ?? ((line: string) => console.log(line)),
    kind: options.kind ?? DEFAULT_SPACE.kind,
    seed: options.seed ?? DEFAULT_SPACE.seed,
    cache: options.cache ?? 'reuse',
  };
  const results: VectorSearchResult[] = [];
  for (const size of options.sizes) results.push(await benchOneSize(size, resolved));
  return results;
}

const megabytes = (bytes: number): string => (bytes / 1024 ** 2).toFixed(0);
const milliseconds = (value: number): string => value.toFixed(value < 1 ? 3 : 2);

/** The result as a Markdown table plus one line of build, memory and disk figures. */
export function formatVectorSearchResult(result: VectorSearchResult): string {
  const { hnsw, exact } = result;
  const cosine = result.data.meanCosineToCentroid;
  const title =
    `${result.size.toLocaleString('en-US')} ${result.data.kind} vectors` +
    (cosine === null ? '' : ` (${result.data.clusters} clusters, mean cosine to centroid ${cosine.toFixed(2)})`) +
    `, ${result.dims} dims, ${result.queries} queries, recall@${result.k} against exact search`;
  const table = formatTable<SearchRow>(
    [
      { header: 'method', align: 'left', cell: (row) => row.label },
      { header: `recall@${result.k}`, cell: (row) => row.recallAt10.toFixed(3) },
      { header: 'p50 ms', cell: (row) => milliseconds(row.p50Ms) },
      { header: 'p99 ms', cell: (row) => milliseconds(row.p99Ms) },
      { header: 'speed-up (p50)', cell: (row) => `${row.speedupVsExact.toFixed(1)}x` },
      { header: 'target', cell: (row) => (row.meetsTarget ? 'met' : '') },
    ],
    result.rows,
  );
  const build =
    `HNSW (M ${hnsw.m}, efConstruction ${hnsw.efConstruction}): build ${hnsw.buildSeconds.toFixed(0)} s` +
    (hnsw.buildCached ? ` (cached, built ${hnsw.builtAt})` : '') +
    `, load ${hnsw.loadSeconds.toFixed(1)} s, RSS +${megabytes(hnsw.rssBytes)} MB on load` +
    ` (${hnsw.rssBytesPerVector.toFixed(0)} B/vector), disk ${megabytes(hnsw.diskBytes)} MB` +
    ` (${hnsw.diskBytesPerVector.toFixed(0)} B/vector).`;
  const exactLine =
    `Exact: filled in ${exact.buildSeconds.toFixed(1)} s, RSS +${megabytes(exact.rssBytes)} MB` +
    ` (${exact.rssBytesPerVector.toFixed(0)} B/vector).`;
  const target =
    `Target set for 1M (recall@10 >= ${TARGET.recallAt10}, p50 <= ${TARGET.p50Ms} ms, >= ${TARGET.speedupVsExact}x exact): ` +
    (result.targetMetAtEf === null ? 'not met.' : `met from ef ${result.targetMetAtEf}.`);
  return [title, '', table, '', build, exactLine, target].join('\n');
}

function parseNumbers(values: readonly string[], name: string): number[] {
  return values
    .flatMap((value) => value.split(','))
    .map((text) => {
      const number = Number(text.replaceAll('_', ''));
      if (!Number.isInteger(number) || number <= 0) throw new Error(`--${name} takes positive whole numbers, got "${text}"`);
      return number;
    });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', multiple: true },
      queries: { type: 'string' },
      ef: { type: 'string', multiple: true },
      dims: { type: 'string' },
      data: { type: 'string' },
      seed: { type: 'string' },
      quick: { type: 'boolean', default: false },
      rebuild: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const kind = values.data ?? 'clustered';
  if (kind !== 'clustered' && kind !== 'random') throw new Error(`--data is "clustered" or "random", got "${kind}"`);
  const results = await benchVectorSearch({
    sizes: values.size ? parseNumbers(values.size, 'size') : [100_000],
    queries: values.queries ? (parseNumbers([values.queries], 'queries')[0] as number) : values.quick ? 300 : 1_000,
    efs: values.ef ? parseNumbers(values.ef, 'ef') : [10, 25, 50, 100, 200],
    dims: values.dims ? parseNumbers([values.dims], 'dims')[0] : 512,
    kind,
    seed: values.seed ? parseNumbers([values.seed], 'seed')[0] : DEFAULT_SPACE.seed,
    cache: values.rebuild ? 'rebuild' : 'reuse',
    log: (line) => console.error(line),
  });
  if (values.json) console.log(JSON.stringify(results, null, 2));
  else for (const result of results) console.log(`\n${formatVectorSearchResult(result)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
