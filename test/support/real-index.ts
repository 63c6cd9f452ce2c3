/**
 * The real engine over the seed corpus, for end-to-end and reliability tests. Building the index
 * takes about 15 s, so it is built once into a cache folder under the system temp folder (keyed by
 * the corpus, the model and the ingest, index and config code) and every test copies it into its own
 * INDEX_DIR, where it may reindex, corrupt or fill it without touching the others.
 *
 * ```ts
 * const real = await openRealEngine();            // copy of the cached index, model loaded
 * real.opened.engine.answer('...');
 * await real.close();                             // stops the embedder, deletes the copy
 * ```
 */
import { createHash, randomUUID } from 'node:crypto';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createEmbedder, LOCAL_MODEL } from '../../src/index/embeddings.js';
import { openEngine, reindexCorpus, type OpenedEngine } from '../../src/open-engine.js';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SEED_CORPUS = path.join(PROJECT_ROOT, 'corpus');

const silent = pino({ level: 'silent' });

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Changes whenever the corpus, the model or the code that shapes the index changes. */
async function cacheKey(): Promise<string> {
  const hash = createHash('sha256').update(LOCAL_MODEL);
  for (const dir of [SEED_CORPUS, ...['src/text', 'src/ingest', 'src/index', 'src/config'].map((dir) => path.join(PROJECT_ROOT, dir))]) {
    for (const file of await listFiles(dir)) hash.update(path.relative(PROJECT_ROOT, file)).update(await readFile(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Settings of every real-engine test: the defaults, one embedding worker per core. */
export function realConfig(env: Record<string, string>): Config {
  return loadConfig({ CORPUS_DIR: SEED_CORPUS, LOG_LEVEL: 'silent', ...env });
}

let cached: Promise<string> | undefined;

const CACHE_PREFIX = 'quotebot-test-index-';
/** Caches of older code are removed once this old. */
const STALE_CACHE_MS = 60 * 60_000;

const exists = (file: string) => stat(file).then(() => true, () => false);

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the build lock of `dir` (test files run in parallel); false when another process holds it. */
async function tryLock(lock: string): Promise<boolean> {
  try {
    await mkdir(lock);
    await writeFile(path.join(lock, 'pid'), String(process.pid));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(await readFile(path.join(lock, 'pid'), 'utf8').catch(() => ''));
    // A lock without a live owner was left by a killed run.
    if (holder > 0 && !isRunning(holder)) await rm(lock, { recursive: true, force: true });
    return false;
  }
}

async function removeStaleCaches(keep: string): Promise<void> {
  for (const name of await readdir(tmpdir())) {
    const dir = path.join(tmpdir(), name);
    if (!name.startsWith(CACHE_PREFIX) || dir === keep || name.endsWith('.lock')) continue;
    const modified = await stat(dir).then((info) => info.mtimeMs, () => Date.now());
    if (Date.now() - modified > STALE_CACHE_MS) await rm(dir, { recursive: true, force: true });
  }
}

/** The folder of the cached index of the seed corpus, built on first use by one test process while the others wait. */
export function seedIndexDir(): Promise<string> {
  cached ??= (async () => {
    const dir = path.join(tmpdir(), `${CACHE_PREFIX}${await cacheKey()}`);
    const lock = `${dir}.lock`;
    while (!(await exists(path.join(dir, 'current')))) {
      if (!(await tryLock(lock))) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        continue;
      }
      try {
        if (await exists(path.join(dir, 'current'))) break;
        // Built beside the cache and renamed into place, so no test ever sees half of it.
        const building = `${dir}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`;
        const config = realConfig({ INDEX_DIR: building });
        const embedder = await createEmbedder(config);
        try {
          await reindexCorpus(config, embedder);
        } finally {
          await embedder.close();
        }
        await rename(building, dir);
        await removeStaleCaches(dir);
      } finally {
        await rm(lock, { recursive: true, force: true });
      }
    }
    return dir;
  })();
  return cached;
}

/** A fresh temp folder holding `index/` (a copy of the seed index) and room for a corpus copy. */
export async function copySeedIndex(): Promise<{ root: string; indexDir: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'quotebot-reliability-'));
  const indexDir = path.join(root, 'index');
  await cp(await seedIndexDir(), indexDir, { recursive: true });
  return { root, indexDir };
}

/** Copies the seed corpus into `dir` (created), so a test may add, break or delete files. */
export async function copySeedCorpus(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await cp(SEED_CORPUS, dir, { recursive: true });
  // The seed files are read-only; the copies are the test's to change.
  await Promise.all((await listFiles(dir)).map((file) => chmod(file, 0o644)));
  return dir;
}

export interface RealEngine {
  config: Config;
  opened: OpenedEngine;
  /** The temp folder holding this engine's index copy (and its corpus copy when asked for). */
  root: string;
  close(): Promise<void>;
}

/**
 * Opens the real engine (model, index, answer engine) on a private copy of the seed index.
 * `ownCorpus` copies the corpus too, so the test may change it and reindex.
 */
export async function openRealEngine(options: { env?: Record<string, string>; ownCorpus?: boolean } = {}): Promise<RealEngine> {
  const { root, indexDir } = await copySeedIndex();
  const corpusDir = options.ownCorpus ? await copySeedCorpus(path.join(root, 'corpus')) : SEED_CORPUS;
  const config = realConfig({ INDEX_DIR: indexDir, CORPUS_DIR: corpusDir, ...options.env });
  const opened = await openEngine(config, silent, { buildIfMissing: false });
  return {
    config,
    opened,
    root,
    async close() {
      await opened.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
