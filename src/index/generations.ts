import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { isProcessAlive } from './process-liveness.js';
import { servedGenerations } from './serving.js';

/**
 * An index directory holds generations: each build writes a new folder and, only once it is
 * complete, a pointer file `current` is replaced atomically (write then rename) to name it.
 * A build that fails or is killed never touches `current`, so the previous index stays in use.
 *
 *   <indexDir>/current                      the name of the generation in use
 *   <indexDir>/generations/<name>/          complete generations (the current one, the one before, and
 *                                           any other process still serves: see serving.ts)
 *   <indexDir>/generations/<name>.partial/  a build in progress, or the leftovers of a failed one
 */

const POINTER = 'current';
const GENERATIONS = 'generations';
const PARTIAL = '.partial';

export function generationsDir(indexDir: string): string {
  return path.join(indexDir, GENERATIONS);
}

/** The folder of the generation in use, or null when no build has completed. */
export async function currentGeneration(indexDir: string): Promise<string | null> {
  let name: string;
  try {
    name = (await readFile(path.join(indexDir, POINTER), 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  // The pointer only ever names a folder inside generations/: anything else is damage.
  if (!/^[\w.-]+$/.test(name) || name.endsWith(PARTIAL)) throw new Error(`the pointer file ${POINTER} is damaged`);
  return path.join(generationsDir(indexDir), name);
}

function partialPid(name: string): number | null {
  const match = /-(\d+)\.partial$/.exec(name);
  return match ? Number(match[1]) : null;
}

/** A pointer written aside by `publishGeneration` (`current.<pid>.tmp`), left by a process that died. */
function pointerTempPid(name: string): number | null {
  const match = new RegExp(`^${POINTER}\\.(\\d+)\\.tmp$`).exec(name);
  return match ? Number(match[1]) : null;
}

const isLocalProcessAlive = (pid: number) => isProcessAlive({ pid, host: hostname() });

/**
 * Removes what failed or interrupted builds left behind (half-written generations, pointer files
 * written aside), but not what builds still running (here or in another process) are writing.
 */
export async function removeFailedBuilds(indexDir: string): Promise<void> {
  const dir = generationsDir(indexDir);
  const partials = (await readdir(dir).catch(() => []))
    .filter((name) => name.endsWith(PARTIAL))
    .filter((name) => {
      const pid = partialPid(name);
      return pid === null || !isLocalProcessAlive(pid);
    })
    .map((name) => path.join(dir, name));
  const pointers = (await readdir(indexDir).catch(() => []))
    .filter((name) => {
      const pid = pointerTempPid(name);
      return pid !== null && !isLocalProcessAlive(pid);
    })
    .map((name) => path.join(indexDir, name));
  await Promise.all([...partials, ...pointers].map((target) => rm(target, { recursive: true, force: true })));
}

/** Names of the complete generations, newest first (names start with their build time). */
export async function listGenerations(indexDir: string): Promise<string[]> {
  const names = await readdir(generationsDir(indexDir)).catch(() => []);
  return names.filter((name) => !name.endsWith(PARTIAL)).sort().reverse();
}

/** Creates the folder a new build writes into. */
export async function startGeneration(indexDir: string): Promise<string> {
  // Time for order, a random part so two builds of one process never share a folder, the pid last
  // so a later build can tell whether the process that wrote a partial folder is still running.
  const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}-${process.pid}${PARTIAL}`;
  await mkdir(generationsDir(indexDir), { recursive: true });
  const dir = path.join(generationsDir(indexDir), name);
  await mkdir(dir);
  return dir;
}

/** Deletes the folder of a build that failed. */
export async function discardGeneration(partialDir: string): Promise<void> {
  await rm(partialDir, { recursive: true, force: true });
}

/**
 * Makes a complete build the current index: renames its folder, then swaps the pointer file
 * atomically. Keeps the generation it replaces and those other processes serve, and removes the
 * rest. Callers hold the index lock (lock.ts), so no other build publishes meanwhile. Returns the new folder.
 */
export async function publishGeneration(indexDir: string, partialDir: string): Promise<string> {
  const previous = await currentGeneration(indexDir).catch(() => null);
  const finalDir = partialDir.slice(0, -PARTIAL.length);
  await rename(partialDir, finalDir);

  const pointer = path.join(indexDir, POINTER);
  const temporary = `${pointer}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(`${path.basename(finalDir)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, pointer);

  // Kept: the new generation, the one it replaces (the fallback if the new one is ever damaged),
  // and any another process still serves.
  const keep = new Set([path.basename(finalDir), previous && path.basename(previous), ...(await servedGenerations(indexDir))]);
  const names = await listGenerations(indexDir);
  await Promise.all(names.filter((name) => !keep.has(name)).map((name) => rm(path.join(generationsDir(indexDir), name), { recursive: true, force: true })));
  return finalDir;
}
