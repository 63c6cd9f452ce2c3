import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * An index directory holds generations: each build writes a new folder and, only once it is
 * complete, a pointer file `current` is replaced atomically (write then rename) to name it.
 * A build that fails or is killed never touches `current`, so the previous index stays in use.
 *
 *   <indexDir>/current                      the name of the generation in use
 *   <indexDir>/generations/<name>/          complete generations (the current one and the one before)
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

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes what failed or interrupted builds left behind, but not builds still running (here or in another process). */
export async function removeFailedBuilds(indexDir: string): Promise<void> {
  const dir = generationsDir(indexDir);
  const names = await readdir(dir).catch(() => []);
  await Promise.all(
    names
      .filter((name) => name.endsWith(PARTIAL))
      .filter((name) => {
        const pid = partialPid(name);
        return pid === null || !isRunning(pid);
      })
      .map((name) => rm(path.join(dir, name), { recursive: true, force: true })),
  );
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
 * atomically. Keeps the generation it replaces and removes older ones. Returns the new folder.
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

  const keep = new Set([path.basename(finalDir), previous && path.basename(previous)]);
  const names = await readdir(generationsDir(indexDir));
  await Promise.all(
    names
      .filter((name) => !name.endsWith(PARTIAL) && !keep.has(name))
      .map((name) => rm(path.join(generationsDir(indexDir), name), { recursive: true, force: true })),
  );
  return finalDir;
}
