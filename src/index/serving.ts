import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isProcessAlive, thisProcess } from './process-liveness.js';

/**
 * Which generations processes are serving: each process that loads an index writes
 * `<indexDir>/serving/<pid>@<host>` naming the generation it loaded (replaced when it loads
 * another). Publishing a new generation keeps every generation named by a live process.
 */

const SERVING = 'serving';

function markFile(indexDir: string): string {
  const { pid, host } = thisProcess();
  return path.join(indexDir, SERVING, `${pid}@${host}`);
}

/** Records that this process serves `generation`. Best effort: a read-only index folder only loses the protection. */
export async function markServing(indexDir: string, generation: string): Promise<void> {
  try {
    await mkdir(path.join(indexDir, SERVING), { recursive: true });
    await writeFile(markFile(indexDir), generation);
  } catch {
    // Nothing to protect against without write access: nobody can publish here either.
  }
}

/** The generations live processes serve; marks of processes that are gone are removed. */
export async function servedGenerations(indexDir: string): Promise<Set<string>> {
  const dir = path.join(indexDir, SERVING);
  const served = new Set<string>();
  for (const name of await readdir(dir).catch(() => [])) {
    const match = /^(\d+)@(.+)$/.exec(name);
    const file = path.join(dir, name);
    if (match && isProcessAlive({ pid: Number(match[1]), host: match[2]! })) {
      const generation = (await readFile(file, 'utf8').catch(() => '')).trim();
      if (generation) served.add(generation);
    } else {
      await rm(file, { force: true });
    }
  }
  return served;
}
