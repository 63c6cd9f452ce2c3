/**
 * Part 2: cold start, from process start to the first answer, of the command a person runs:
 * `node dist/cli/ask.js --json "question"` (what `npm run ask` runs once dist/ is built) on the
 * prebuilt index. The parent times spawn -> answer line; the child's debug log reports its own
 * phases (runtime and imports, open engine, first answer). Within "open engine", model load and
 * index load are timed apart in the parent process, since openEngine does both in one call.
 */
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createEmbedder, expectedIndex, loadIndex, type Config } from '../src/index.js';
import { median } from './stats.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const ASK = path.join(projectRoot, 'dist', 'cli', 'ask.js');

/** The child's phases, ms since its process started, from its `timings` log line. */
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

/** Compiles dist/ when it is missing or stale, as `npm run ask` does before it runs. */
function ensureBuilt(): void {
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The TypeScript build failed; see above.');
}

/** Reads the child's phases from its JSON debug log on stderr. */
function readTimings(stderr: string): Omit<ChildReport, 'answered'> {
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { event?: string; importsMs?: number; openMs?: number; answerMs?: number };
    if (entry.event !== 'timings' || entry.importsMs === undefined || entry.openMs === undefined || entry.answerMs === undefined) continue;
    const openedMs = entry.importsMs + entry.openMs;
    return { importsDoneMs: entry.importsMs, openedMs, answeredMs: openedMs + entry.answerMs };
  }
  throw new Error(`The cold-start child logged no timings:\n${stderr.trim()}`);
}

function spawnOnce(config: Config, question: string): Promise<ColdStartRun> {
  // Only the bench's index and corpus: run from a folder without a .env, with the settings given here.
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    INDEX_DIR: path.resolve(config.INDEX_DIR),
    CORPUS_DIR: path.resolve(config.CORPUS_DIR),
    EMBED_WORKERS: String(config.EMBED_WORKERS),
    LOG_LEVEL: 'debug',
  };
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [ASK, '--json', question], { cwd: tmpdir(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let wallMs: number | null = null;
    let answered = false;
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const end = stdout.indexOf('\n');
      if (end >= 0 && wallMs === null) {
        wallMs = performance.now() - start;
        answered = (JSON.parse(stdout.slice(0, end)) as { answered: boolean }).answered;
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (wallMs === null || code !== 0) {
        reject(new Error(`The cold-start child exited with code ${code} before answering:\n${stderr.trim()}`));
        return;
      }
      try {
        resolve({ wallMs, child: { ...readTimings(stderr), answered } });
      } catch (error) {
        reject(error as Error);
      }
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
  ensureBuilt();
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
