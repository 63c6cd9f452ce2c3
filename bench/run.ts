/**
 * `npm run bench`: how fast quotebot answers and how far it scales on this machine. Prints a
 * table per part (target, measured, pass/fail) and writes the same figures to bench/results.json.
 *
 *   npm run bench                    parts 1 to 6 (10 to 13 minutes on a shared 2-core machine)
 *   npm run bench -- --quick         parts 1, 2 and 5 at 100k vectors (under a minute once the
 *                                    100k HNSW index is cached; the first run builds it, ~2 min)
 *   npm run bench -- --full-scale    adds the 1M-vector search (about 30 minutes to build once)
 *   npm run bench -- --scale         growth with the corpus (bench/scale.ts): 1k, 10k, 100k articles
 *                                    (`--sizes 1000,10000` for fewer), then autocomplete and /sources
 *                                    at 20,000 documents; writes bench/scale-results.json
 *
 * Every index is built under the OS temp folder: the user's INDEX_DIR and .env are never read.
 * The seed corpus's index is kept in `<tmp>/quotebot-bench-seed-index` between runs and refreshed
 * by an ordinary reindex, which re-embeds only what changed.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createEmbedder, ingestCorpus, loadConfig, reindexCorpus, type Config } from '../src/index.js';
import { benchAnswerLatency, type AnswerLatencyResult, type LatencySummary } from './answer-latency.js';
import { benchColdStart, type ColdStartResult } from './cold-start.js';
import { benchConcurrency, type ConcurrencyResult } from './concurrency.js';
import { generateArticles, generateQuestions, writeArticles } from './corpus-gen.js';
import {
  benchIncrementalReindex,
  benchIndexingThroughput,
  ingestGenerated,
  type IncrementalResult,
  type IndexingResult,
  type TimedReindex,
} from './indexing.js';
import { POSTGRES_SKIP, openTestServer, type TestServer } from '../test/support/postgres.js';
import { generateScaleCorpus, measureNameLookups, measureScalePoint, type NameLookups, type ScalePoint } from './scale.js';
import { formatTable } from './stats.js';
import { benchVectorSearch, formatVectorSearchResult, TARGET as VECTOR_TARGET, type VectorSearchResult } from './vector-search.js';

/** The targets. */
const TARGETS = {
  answerP50Ms: 40,
  answerP95Ms: 80,
  coldStartMs: 2000,
  /** Of the time from process start to the first answer, what node and the imports may take. */
  startupShare: 0.25,
  workerSpeedup: 1.8,
  incrementalShare: 0.03,
} as const;

/** How much each part does; --quick trades sample size for time. */
const PLAN = {
  quick: { questions: 110, coldStarts: 3, inProcessLoads: 1, vectorQueries: 100 },
  full: { questions: 300, coldStarts: 5, inProcessLoads: 3, vectorQueries: 1000 },
} as const;
/** Part 3: distinct passages of the large corpus embedded with each worker setting (about a minute). */
const EMBED_SAMPLE = 240;
/**
 * Parts 3 and 4: articles of 3 to 6 seed paragraphs (about 2.4 passages each), so the 1,000
 * articles make about 2,400 passages: two full builds of them take 2 to 4 minutes on 2 cores.
 */
const LARGE_ARTICLES = 1000;
const COMPARE_QUESTIONS = 20;
const IN_FLIGHT = 200;
const RANDOM_SEED = 20240601;
const FULL_SCALE_SIZES = [100_000, 1_000_000];

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const resultsFile = path.join(projectRoot, 'bench', 'results.json');
const evalQuestionsFile = path.join(projectRoot, 'eval', 'questions.json');

interface Machine {
  cpu: string;
  cores: number;
  node: string;
  date: string;
  /** 1-minute load average at start and end: how busy the machine was. */
  loadAverage: { start: number; end: number | null };
}

interface Check {
  part: string;
  metric: string;
  target: string;
  measured: string;
  /** null when the issue sets no target for the figure. */
  pass: boolean | null;
}

interface Results {
  mode: 'quick' | 'full' | 'full-scale';
  machine: Machine;
  seconds: number;
  answerLatency?: AnswerLatencyResult;
  coldStart?: ColdStartResult;
  indexing?: IndexingResult;
  incremental?: IncrementalResult;
  vectorSearch?: VectorSearchResult[];
  concurrency?: ConcurrencyResult;
  checks: Check[];
}

const started = performance.now();
const log = (line: string): void => console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const ms = (value: number): string => value.toFixed(1);
const verdict = (pass: boolean | null): string => (pass === null ? '' : pass ? 'pass' : 'FAIL');

function printSection(title: string, body: string): void {
  console.log(`\n## ${title}\n\n${body}\n`);
}

function printChecks(checks: readonly Check[]): void {
  console.log(
    formatTable<Check>(
      [
        { header: 'part', align: 'left', cell: (c) => c.part },
        { header: 'metric', align: 'left', cell: (c) => c.metric },
        { header: 'target', cell: (c) => c.target },
        { header: 'measured', cell: (c) => c.measured },
        { header: 'result', align: 'left', cell: (c) => verdict(c.pass) },
      ],
      checks,
    ),
  );
}

function latencyTable(rows: { label: string; summary: LatencySummary }[]): string {
  return formatTable(
    [
      { header: 'questions', align: 'left', cell: (row: (typeof rows)[number]) => row.label },
      { header: 'n', cell: (row) => String(row.summary.count) },
      { header: 'p50 ms', cell: (row) => ms(row.summary.p50) },
      { header: 'p95 ms', cell: (row) => ms(row.summary.p95) },
      { header: 'p99 ms', cell: (row) => ms(row.summary.p99) },
      { header: 'mean ms', cell: (row) => ms(row.summary.mean) },
      { header: 'max ms', cell: (row) => ms(row.summary.max) },
    ],
    rows,
  );
}

function describeAnswerLatency(result: AnswerLatencyResult): string {
  const { split } = result;
  const total = result.uncached.mean;
  const stages = [
    { label: 'query embedding (embedQuery)', summary: split.queryEmbedding },
    { label: 'vector search (searchDense, k 30)', summary: split.vectorSearch },
    { label: 'lexical search (BM25, k 30)', summary: split.lexicalSearch },
    { label: 'quote selection (the rest)', summary: split.quoteSelection },
  ];
  const stageTable = formatTable(
    [
      { header: 'stage (uncached questions)', align: 'left', cell: (row: (typeof stages)[number]) => row.label },
      { header: 'p50 ms', cell: (row) => ms(row.summary.p50) },
      { header: 'p95 ms', cell: (row) => ms(row.summary.p95) },
      { header: 'mean ms', cell: (row) => ms(row.summary.mean) },
      { header: 'share of mean', cell: (row) => `${((row.summary.mean / total) * 100).toFixed(0)}%` },
    ],
    stages,
  );
  return [
    `Seed corpus: ${result.articles} articles, ${result.passages} passages; ${result.answered}/${result.uncached.count} questions answered (the rest: nothing relevant).`,
    `Warm-up first, one question per passage: ${result.warmup.questions} questions in ${result.warmup.seconds.toFixed(1)} s.`,
    '',
    latencyTable([
      { label: 'distinct, uncached (main figure)', summary: result.uncached },
      { label: `same again later: query vector cached (${result.rankingCacheHits} ranking hits)`, summary: result.queryVectorCached },
      { label: 'repeated at once: ranking cached', summary: result.repeated },
    ]),
    '',
    stageTable,
    '',
    `Stages are timed by wrapping the engine's embedder and index (vector search and BM25 inside the real answer); ` +
      'quote selection is the remainder: fusion, sentence scoring against stored vectors, quote growing and verification.',
  ].join('\n');
}

function describeColdStart(result: ColdStartResult): string {
  const rows = [
    ['spawn -> first answer (wall, median)', result.wallMs.median],
    ['  min / max', `${ms(result.wallMs.min)} / ${ms(result.wallMs.max)}`],
    ['  node startup + imports, compiled (child)', result.phases.startupAndImports],
    ['  open engine: model + index (child)', result.phases.openEngine],
    ['  first answer (child)', result.phases.firstAnswer],
    ['model load alone (in process)', result.inProcess.modelLoad],
    ['index load alone (in process)', result.inProcess.indexLoad],
  ] as const;
  return [
    formatTable(
      [
        { header: `phase (${result.runs.length} runs)`, align: 'left', cell: (row: (typeof rows)[number]) => row[0] },
        { header: 'ms', cell: (row) => (typeof row[1] === 'number' ? ms(row[1]) : row[1]) },
      ],
      rows,
    ),
    '',
    `The child is \`node dist/cli/ask.js --json "${result.question}"\`, what \`npm run ask\` runs once dist/ is built; ` +
      'its phases come from its debug log.',
  ].join('\n');
}

function describeIndexing(result: IndexingResult, incremental: IncrementalResult | undefined): string {
  const rows = [
    { label: `seed corpus, full reindex (${result.seed.passagesPerBuild} passages, ${result.seed.builds} builds ABBA)`, ...result.seed },
    { label: `${result.large.articles}-article corpus, embedding only (${result.large.sample} passages ABBA)`, ...result.large },
  ];
  const table = formatTable(
    [
      { header: 'corpus', align: 'left', cell: (row: (typeof rows)[number]) => row.label },
      { header: '1 worker chunks/s', cell: (row) => row.single.chunksPerSecond.toFixed(1) },
      { header: '2 workers chunks/s', cell: (row) => row.dual.chunksPerSecond.toFixed(1) },
      { header: 'ratio', cell: (row) => `${row.ratio.toFixed(2)}x` },
      { header: 'cores used 1 / 2', cell: (row) => `${row.single.coresUsed.toFixed(2)} / ${row.dual.coresUsed.toFixed(2)}` },
      { header: 'CPU ms/passage 1 / 2', cell: (row) => `${row.single.cpuMsPerPassage.toFixed(0)} / ${row.dual.cpuMsPerPassage.toFixed(0)}` },
    ],
    rows,
  );
  const lines = [
    table,
    '',
    `The ${result.large.articles}-article corpus: ${result.large.passages} passages, ${result.large.distinctPassages} distinct texts (embedded once each).`,
    'Cores used = CPU seconds of the process / wall seconds. Two workers can only reach 2x when the machine has a second core free;',
    'equal CPU ms per passage for both settings means the pool splits the work without overhead.',
    `Baseline in the same run: a plain CPU loop in worker threads runs ${result.hardwareRatio.toFixed(2)}x faster on 2 threads than on 1 on this machine,`,
    'the ceiling for any 2-worker speed-up here.',
  ];
  if (incremental) {
    const full = incremental.fullRebuild;
    lines.push(
      `Its full reindex with 2 workers (part 4): ${full.chunksPerSecond.toFixed(1)} passages/s end to end ` +
        `(${full.passages} passages in ${full.seconds.toFixed(1)} s).`,
    );
  }
  return lines.join('\n');
}

function describeIncremental(result: IncrementalResult): string {
  const rows: { label: string; run: TimedReindex }[] = [
    { label: 'first full build', run: result.initialBuild },
    { label: `incremental (${result.revisedFile} changed)`, run: result.incremental },
    { label: 'full rebuild of the changed corpus (baseline)', run: result.fullRebuild },
  ];
  const table = formatTable(
    [
      { header: `${result.articles} articles, ${result.workers} workers`, align: 'left', cell: (row: (typeof rows)[number]) => row.label },
      { header: 'seconds', cell: (row) => row.run.seconds.toFixed(2) },
      { header: 'of which ingest', cell: (row) => row.run.ingestSeconds.toFixed(2) },
      { header: 'passages', cell: (row) => String(row.run.passages) },
      { header: 'embedded', cell: (row) => String(row.run.embeddedPassages) },
      { header: 'reused', cell: (row) => String(row.run.reusedPassages) },
    ],
    rows,
  );
  const differences = result.differences.map((d) => `  differs: "${d.question}": ${d.detail}`);
  return [
    table,
    '',
    `Incremental / full rebuild: ${(result.ratio * 100).toFixed(1)}%. ` +
      `Answers (10 quotes each) identical for ${result.identicalAnswers}/${result.questions} questions, incremental index against a fresh full build.`,
    ...differences,
  ].join('\n');
}

function describeConcurrency(result: ConcurrencyResult, sequentialPerSecond: number | null): string {
  const rows = [
    ['warm-up first, one question per passage, s', result.warmup.seconds.toFixed(1)],
    ['questions in flight at once', String(result.inFlight)],
    ['wall time, s', result.wallSeconds.toFixed(2)],
    ['throughput, answers/s', result.answersPerSecond.toFixed(1)],
    ['sequential baseline (part 1, 1000 / mean), answers/s', sequentialPerSecond === null ? 'n/a' : sequentialPerSecond.toFixed(1)],
    ['latency p50 / p95 / p99, ms', `${ms(result.latency.p50)} / ${ms(result.latency.p95)} / ${ms(result.latency.p99)}`],
    ['failed or dropped', String(result.failed)],
  ] as const;
  return [
    formatTable(
      [
        { header: 'concurrency', align: 'left', cell: (row: (typeof rows)[number]) => row[0] },
        { header: 'value', cell: (row) => row[1] },
      ],
      rows,
    ),
    ...result.failures.map((failure) => `  failed: ${failure}`),
  ].join('\n');
}

/** The row at the index's configured ef, which is how the product searches. */
function productRow(result: VectorSearchResult, ef: number) {
  return result.rows.find((row) => row.ef === ef);
}

function checksFor(results: Results, config: Config): Check[] {
  const checks: Check[] = [];
  const { answerLatency, coldStart, indexing, incremental, vectorSearch, concurrency } = results;
  if (answerLatency) {
    const { p50, p95 } = answerLatency.uncached;
    checks.push(
      { part: '1 answer', metric: 'p50, uncached', target: `<= ${TARGETS.answerP50Ms} ms`, measured: `${ms(p50)} ms`, pass: p50 <= TARGETS.answerP50Ms },
      { part: '1 answer', metric: 'p95, uncached', target: `<= ${TARGETS.answerP95Ms} ms`, measured: `${ms(p95)} ms`, pass: p95 <= TARGETS.answerP95Ms },
    );
  }
  if (coldStart) {
    const wall = coldStart.wallMs.median;
    const { startupAndImports, openEngine, firstAnswer } = coldStart.phases;
    const share = startupAndImports / (startupAndImports + openEngine + firstAnswer);
    checks.push(
      { part: '2 cold start', metric: 'spawn -> first answer, median', target: `<= ${TARGETS.coldStartMs} ms`, measured: `${wall.toFixed(0)} ms`, pass: wall <= TARGETS.coldStartMs },
      { part: '2 cold start', metric: 'startup + imports, share of the time to first answer', target: `<= ${TARGETS.startupShare * 100}%`, measured: `${(share * 100).toFixed(0)}% (${startupAndImports.toFixed(0)} ms)`, pass: share <= TARGETS.startupShare },
    );
  }
  if (indexing) {
    for (const [label, comparison] of [['seed, full reindex', indexing.seed], [`${indexing.large.articles} articles, embedding`, indexing.large]] as const) {
      const measured = `${comparison.ratio.toFixed(2)}x (${comparison.dual.coresUsed.toFixed(1)} cores used)`;
      checks.push({ part: '3 indexing', metric: `2 vs 1 worker, ${label}`, target: `>= ${TARGETS.workerSpeedup}x`, measured, pass: comparison.ratio >= TARGETS.workerSpeedup });
    }
    const ceiling = `${indexing.hardwareRatio.toFixed(2)}x`;
    checks.push({ part: '3 indexing', metric: '2 vs 1 thread, plain CPU loop (ceiling)', target: '', measured: ceiling, pass: null });
  }
  if (incremental) {
    checks.push(
      { part: '4 incremental', metric: 'time vs full rebuild', target: `<= ${TARGETS.incrementalShare * 100}%`, measured: `${(incremental.ratio * 100).toFixed(1)}%`, pass: incremental.ratio <= TARGETS.incrementalShare },
      { part: '4 incremental', metric: 'passages re-embedded', target: '> 0, only the changed article', measured: String(incremental.incremental.embeddedPassages), pass: incremental.incremental.embeddedPassages > 0 && incremental.incremental.embeddedPassages <= incremental.revisedPassages },
      { part: '4 incremental', metric: 'answers same as full rebuild', target: `${incremental.questions}/${incremental.questions}`, measured: `${incremental.identicalAnswers}/${incremental.questions}`, pass: incremental.identicalAnswers === incremental.questions },
    );
  }
  for (const result of vectorSearch ?? []) {
    const row = productRow(result, config.HNSW_EF);
    if (!row) continue;
    const size = result.size.toLocaleString('en-US');
    checks.push(
      { part: '5 vectors', metric: `recall@10 at ${size}, ef ${row.ef}`, target: `>= ${VECTOR_TARGET.recallAt10} (set for 1M)`, measured: row.recallAt10.toFixed(3), pass: row.recallAt10 >= VECTOR_TARGET.recallAt10 },
      { part: '5 vectors', metric: `search p50 at ${size}, ef ${row.ef}`, target: `<= ${VECTOR_TARGET.p50Ms} ms (set for 1M)`, measured: `${row.p50Ms.toFixed(2)} ms`, pass: row.p50Ms <= VECTOR_TARGET.p50Ms },
    );
  }
  if (concurrency) {
    checks.push(
      { part: '6 concurrency', metric: `${concurrency.inFlight} in flight: failed or dropped`, target: '0', measured: String(concurrency.failed), pass: concurrency.failed === 0 },
      { part: '6 concurrency', metric: 'throughput', target: '', measured: `${concurrency.answersPerSecond.toFixed(1)} answers/s`, pass: null },
      { part: '6 concurrency', metric: 'p95 latency', target: '', measured: `${concurrency.latency.p95.toFixed(0)} ms`, pass: null },
    );
  }
  return checks;
}

async function readEvalQuestions(): Promise<string[]> {
  try {
    const entries = JSON.parse(await readFile(evalQuestionsFile, 'utf8')) as { question?: unknown }[];
    return entries.flatMap((entry) => (typeof entry.question === 'string' ? [entry.question] : []));
  } catch (error) {
    log(`no evaluation questions (${(error as Error).message}); using generated questions only`);
    return [];
  }
}

function describeMachine(): Machine {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    node: process.version,
    date: new Date().toISOString(),
    loadAverage: { start: os.loadavg()[0] ?? 0, end: null },
  };
}

/** The growth targets: answer p95 at the largest size within 3x the smallest; PostgreSQL p50 within 2x the embedded store's; lookups at 20,000 documents. */
const SCALE_TARGETS = { answerP95Ratio: 3, postgresP50Ratio: 2, lookupP99Ms: 50, lookupDocuments: 20_000 } as const;

function growthChecks(points: readonly ScalePoint[]): Check[] {
  const checks: Check[] = [];
  for (const backend of ['embedded', 'postgres'] as const) {
    const mine = points.filter((p) => p.backend === backend);
    const first = mine[0];
    const last = mine[mine.length - 1];
    if (!first || !last || last === first) continue;
    const ratio = last.answers.p95 / first.answers.p95;
    checks.push({ part: 'growth', metric: `${backend}: answer p95 at ${last.articles} / at ${first.articles}`, target: `<= ${SCALE_TARGETS.answerP95Ratio}x`, measured: `${ratio.toFixed(2)}x`, pass: ratio <= SCALE_TARGETS.answerP95Ratio });
  }
  for (const pgPoint of points.filter((p) => p.backend === 'postgres')) {
    const embedded = points.find((p) => p.backend === 'embedded' && p.articles === pgPoint.articles);
    if (!embedded) continue;
    const ratio = pgPoint.answers.p50 / embedded.answers.p50;
    checks.push({ part: 'backends', metric: `answer p50 at ${pgPoint.articles}: PostgreSQL / embedded`, target: `<= ${SCALE_TARGETS.postgresP50Ratio}x`, measured: `${ratio.toFixed(2)}x`, pass: ratio <= SCALE_TARGETS.postgresP50Ratio });
  }
  return checks;
}

async function runScale(sizes: number[]): Promise<void> {
  console.log(`# quotebot growth benchmark\n`);
  const machine = describeMachine();
  console.log(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.date}, load average ${machine.loadAverage.start.toFixed(2)}`);
  console.log('Embedder: the deterministic stand-in (hashed bag of words, 512 dims), not the local model: see bench/scale.ts.');
  console.log(POSTGRES_SKIP ? `PostgreSQL: not measured (${POSTGRES_SKIP}).\n` : 'PostgreSQL: a throwaway local server (or DATABASE_URL_TEST), one fresh database per size.\n');
  const seed = await ingestCorpus(path.join(projectRoot, 'corpus'));
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'quotebot-bench-scale-'));
  const points: ScalePoint[] = [];
  let lookups: NameLookups;
  let server: TestServer | null = null;
  try {
    lookups = await measureNameLookups(seed.articles, SCALE_TARGETS.lookupDocuments);
    if (!POSTGRES_SKIP) server = await openTestServer();
    for (const articles of sizes) {
      log(`scale ${articles}: writing and ingesting the corpus`);
      const corpus = await generateScaleCorpus(seed.articles, articles, workDir);
      points.push(await measureScalePoint({ corpus, backend: 'embedded', workDir, log }));
      // Printed as it goes: the largest size takes long.
      console.log(`scale: ${JSON.stringify(points[points.length - 1])}`);
      if (server) {
        points.push(await measureScalePoint({ corpus, backend: 'postgres', databaseUrl: await server.newDatabase(), workDir, log }));
        console.log(`scale: ${JSON.stringify(points[points.length - 1])}`);
      }
      await rm(corpus.dir, { recursive: true, force: true });
    }
  } finally {
    await server?.close();
    await rm(workDir, { recursive: true, force: true });
  }
  console.log(
    `\n${formatTable<ScalePoint>(
      [
        { header: 'backend', align: 'left', cell: (p) => p.backend },
        { header: 'articles', cell: (p) => p.articles.toLocaleString('en-US') },
        { header: 'passages', cell: (p) => p.passages.toLocaleString('en-US') },
        { header: 'index s', cell: (p) => p.indexSeconds.toFixed(1) },
        { header: 'passages/s', cell: (p) => p.passagesPerSecond.toFixed(0) },
        { header: 'load s', cell: (p) => p.loadSeconds.toFixed(1) },
        { header: 'answer p50 ms', cell: (p) => ms(p.answers.p50) },
        { header: 'answer p95 ms', cell: (p) => ms(p.answers.p95) },
        { header: 'RSS MB', cell: (p) => p.rssMb.toFixed(0) },
        { header: 'load added MB', cell: (p) => p.rssAddedMb.toFixed(0) },
        { header: 'disk MB', cell: (p) => p.diskMb.toFixed(1) },
      ],
      points,
    )}`,
  );
  const checks: Check[] = [
    ...growthChecks(points),
    { part: 'lookups', metric: `autocomplete p99 at ${lookups.documents} documents`, target: `< ${SCALE_TARGETS.lookupP99Ms} ms`, measured: `${ms(lookups.autocomplete.p99)} ms`, pass: lookups.autocomplete.p99 < SCALE_TARGETS.lookupP99Ms },
    { part: 'lookups', metric: `/sources page p99 at ${lookups.documents} documents`, target: `< ${SCALE_TARGETS.lookupP99Ms} ms`, measured: `${ms(lookups.sources.p99)} ms`, pass: lookups.sources.p99 < SCALE_TARGETS.lookupP99Ms },
    { part: 'lookups', metric: 'first lookup after an index swap (prepares the names once)', target: '', measured: `${ms(lookups.firstCallMs)} ms`, pass: null },
  ];
  console.log('\n## Targets\n');
  printChecks(checks);
  const memory = points.filter((p) => p.passages > 0).map((p) => `${p.backend} ${p.articles}: ${((p.rssAddedMb * 1024) / p.passages).toFixed(1)} KB/passage in this process, ${((p.diskMb * 1024) / p.passages).toFixed(1)} KB/passage on disk`);
  console.log(`\nPer passage: ${memory.join('; ')}`);
  await writeFile(path.join(projectRoot, 'bench', 'scale-results.json'), `${JSON.stringify({ machine, points, lookups, checks }, null, 2)}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      'full-scale': { type: 'boolean', default: false },
      scale: { type: 'boolean', default: false },
      sizes: { type: 'string', default: '1000,10000,100000' },
    },
  });
  if (values.scale) {
    const sizes = values.sizes.split(',').map(Number);
    if (sizes.some((size) => !Number.isInteger(size) || size < 1)) throw new Error(`--sizes takes whole numbers separated by commas, got ${values.sizes}`);
    await runScale(sizes);
    return;
  }
  const quick = values.quick;
  const plan = quick ? PLAN.quick : PLAN.full;
  const machine = describeMachine();
  console.log(`# quotebot benchmark (${quick ? 'quick' : 'full'})\n`);
  console.log(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.date}, load average ${machine.loadAverage.start.toFixed(2)}`);

  const corpusDir = path.join(projectRoot, 'corpus');
  const seedIndexDir = path.join(os.tmpdir(), 'quotebot-bench-seed-index');
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'quotebot-bench-run-'));
  // An explicit object, never process.env: the bench must not pick up the user's folders or provider.
  const config = loadConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: seedIndexDir, EMBED_WORKERS: '2', LOG_LEVEL: 'silent' });
  const results: Results = { mode: quick ? 'quick' : values['full-scale'] ? 'full-scale' : 'full', machine, seconds: 0, checks: [] };

  try {
    const seed = await ingestCorpus(corpusDir);
    const given = await readEvalQuestions();
    const questions = generateQuestions(seed.articles, Math.max(plan.questions, IN_FLIGHT), RANDOM_SEED, given);
    const measured = questions.slice(0, plan.questions);

    const embedder = await createEmbedder(config);
    try {
      const refresh = await reindexCorpus(config, embedder);
      log(`seed index ready in ${seedIndexDir}: ${refresh.passages} passages, ${refresh.reusedPassages} reused`);
      results.answerLatency = await benchAnswerLatency({ config, embedder, questions: measured, log });
    } finally {
      await embedder.close();
    }
    printSection('1. Answer latency (model warm)', describeAnswerLatency(results.answerLatency));

    results.coldStart = await benchColdStart({ config, question: measured[0]!, runs: plan.coldStarts, inProcessRuns: plan.inProcessLoads, log });
    printSection('2. Cold start', describeColdStart(results.coldStart));

    if (!quick) {
      const largeDir = path.join(workDir, 'large-corpus');
      const generated = generateArticles(seed.articles, LARGE_ARTICLES, RANDOM_SEED);
      await writeArticles(largeDir, generated);
      const large = await ingestGenerated(largeDir, LARGE_ARTICLES);
      log(`generated ${large.length} articles in ${largeDir}`);
      results.indexing = await benchIndexingThroughput({ config, large, sample: EMBED_SAMPLE, workDir, log });
      results.incremental = await benchIncrementalReindex({
        config, seed: seed.articles, generated, corpusDir: largeDir, workDir, questions: measured, compareCount: COMPARE_QUESTIONS, log,
      });
      printSection('3. Indexing throughput', describeIndexing(results.indexing, results.incremental));
      printSection('4. Incremental reindex', describeIncremental(results.incremental));
    }

    results.vectorSearch = await benchVectorSearch({
      sizes: values['full-scale'] && !quick ? FULL_SCALE_SIZES : [100_000],
      queries: plan.vectorQueries,
      efs: quick ? [config.HNSW_EF] : [...new Set([10, 50, config.HNSW_EF, 200])].sort((a, b) => a - b),
      log,
    });
    printSection('5. Vector search', results.vectorSearch.map(formatVectorSearchResult).join('\n\n'));

    if (!quick) {
      results.concurrency = await benchConcurrency({ config, questions: questions.slice(0, IN_FLIGHT), log });
      const sequential = 1000 / results.answerLatency.uncached.mean;
      printSection('6. Concurrency', describeConcurrency(results.concurrency, sequential));
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }

  machine.loadAverage.end = os.loadavg()[0] ?? 0;
  results.seconds = (performance.now() - started) / 1000;
  results.checks = checksFor(results, config);
  console.log(`\n## Targets\n`);
  printChecks(results.checks);
  await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `\nFigures in ${path.relative(projectRoot, resultsFile)}. ${results.seconds.toFixed(0)} s in all; ` +
      `load average ${machine.loadAverage.start.toFixed(2)} at start, ${machine.loadAverage.end.toFixed(2)} at end (${machine.cores} cores).`,
  );

  const answer = results.answerLatency!.uncached;
  const vectors = results.vectorSearch?.find((result) => result.size === 100_000);
  const recall = vectors ? productRow(vectors, config.HNSW_EF)?.recallAt10 : undefined;
  console.log(`bench: answer p50 ${ms(answer.p50)} ms p95 ${ms(answer.p95)} ms, recall@10 ${recall === undefined ? 'n/a' : recall.toFixed(3)} at 100k`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
