/**
 * Part 2: cold start, from process start to the first answer.
 *
 * Each run spawns `node --import tsx bench/cold-start.ts --child ...`, which loads the config,
 * opens the engine on the prebuilt index (openEngine: model load and index load) and answers one
 * question; the parent times spawn -> answer line. The child also reports its own phases
 * (runtime and imports, open engine, first answer). Within "open engine", model load and index
 * load are timed apart in the parent process, since openEngine does both in one call.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createEmbedder, createLogger, expectedIndex, loadConfig, loadIndex, openEngine, type Config } from '../src/index.js';
import { median } from './stats.js';

const ANSWER_LINE = 'cold-start-answer ';
const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** What the child prints on its answer line: its phases, ms since its process started. */
interface ChildReport {
  importsDoneMs: number;
  openedMs: number;
  answeredMs: number;
  answered: boolean;
}

export interface ColdStartRun {
  /** Spawn to the answer line, measured by the parent. */
  wallMs: number;
  child: ChildReport;
}

export interface ColdStartResult {
  runs: ColdStartRun[];
  wallMs: { median: number; min: number; max: number };
  /** Medians over the runs, as the child saw them. */
  phases: { startupAndImports: number; openEngine: number; firstAnswer: number };
  /** Parent process, medians: model load (worker threads start and load the model) and index load. */
  inProcess: { modelLoad: number; indexLoad: number };
  question: string;
}

function spawnOnce(config: Config, question: string): Promise<ColdStartRun> {
  const args = [
    '--import', 'tsx', fileURLToPath(import.meta.url), '--child',
    '--index', config.INDEX_DIR, '--corpus', config.CORPUS_DIR, '--workers', String(config.EMBED_WORKERS), '--question', question,
  ];
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let wallMs: number | null = null;
    let report: ChildReport | null = null;
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = stdout.split('\n').find((text) => text.startsWith(ANSWER_LINE));
      if (line && wallMs === null) {
        wallMs = performance.now() - start;
        report = JSON.parse(line.slice(ANSWER_LINE.length)) as ChildReport;
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (wallMs !== null && report !== null && code === 0) resolve({ wallMs, child: report });
      else reject(new Error(`The cold-start child exited with code ${code} before answering:\n${stderr.trim()}`));
    });
  });
}

export interface ColdStartOptions {
  /** Seed corpus and its built index. */
  config: Config;
  question: string;
  runs: number;
  /** Model and index loads timed in this process. */
  inProcessRuns: number;
  log: (line: string) => void;
}

export async function benchColdStart(options: ColdStartOptions): Promise<ColdStartResult> {
  const { config, question, log } = options;
  const runs: ColdStartRun[] = [];
  for (let n = 0; n < options.runs; n++) {
    const run = await spawnOnce(config, question);
    log(`cold start: run ${n + 1}/${options.runs} answered in ${run.wallMs.toFixed(0)} ms`);
    runs.push(run);
  }

  const modelLoad: number[] = [];
  const indexLoad: number[] = [];
  for (let n = 0; n < options.inProcessRuns; n++) {
    let start = performance.now();
    const embedder = await createEmbedder(config);
    modelLoad.push(performance.now() - start);
    try {
      start = performance.now();
      await loadIndex(config.INDEX_DIR, expectedIndex(config, embedder));
      indexLoad.push(performance.now() - start);
    } finally {
      await embedder.close();
    }
  }

  const walls = runs.map((run) => run.wallMs);
  return {
    runs,
    wallMs: { median: median(walls), min: Math.min(...walls), max: Math.max(...walls) },
    phases: {
      startupAndImports: median(runs.map((run) => run.child.importsDoneMs)),
      openEngine: median(runs.map((run) => run.child.openedMs - run.child.importsDoneMs)),
      firstAnswer: median(runs.map((run) => run.child.answeredMs - run.child.openedMs)),
    },
    inProcess: { modelLoad: median(modelLoad), indexLoad: median(indexLoad) },
    question,
  };
}

/** The child: what `npm run ask` does on a built index, with its phases timed. */
async function runChild(): Promise<void> {
  // performance.now() counts from this process's start, so this includes the runtime and tsx.
  const importsDoneMs = performance.now();
  const { values } = parseArgs({
    options: {
      child: { type: 'boolean' },
      index: { type: 'string' },
      corpus: { type: 'string' },
      workers: { type: 'string' },
      question: { type: 'string' },
    },
  });
  if (!values.index || !values.corpus || !values.question) throw new Error('the child needs --index, --corpus and --question');
  // Only the bench's index and corpus: never the user's environment or .env.
  const config = loadConfig({ INDEX_DIR: values.index, CORPUS_DIR: values.corpus, EMBED_WORKERS: values.workers, LOG_LEVEL: 'silent' });
  const opened = await openEngine(config, createLogger('silent'), { buildIfMissing: false });
  const openedMs = performance.now();
  try {
    const answer = await opened.engine.answer(values.question);
    const report: ChildReport = { importsDoneMs, openedMs, answeredMs: performance.now(), answered: answer.answered };
    process.stdout.write(`${ANSWER_LINE}${JSON.stringify(report)}\n`);
  } finally {
    await opened.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv.includes('--child')) {
  runChild().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
