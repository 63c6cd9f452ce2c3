import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ExplainedError } from '../errors.js';
import { isProcessAlive, thisProcess, type ProcessMark } from './process-liveness.js';

/**
 * One reindex at a time per index folder, across processes (the bot's /reindex and an operator's
 * `npm run reindex`): a lock file `<indexDir>/reindex.lock` naming its owner. It is created whole
 * in one step (written aside, then hard-linked into place, which fails if it exists), so nobody
 * reads half of it. A lock whose owner died is taken over: renamed away first, so two processes
 * recovering the same stale lock cannot both win.
 */

const LOCK_FILE = 'reindex.lock';

interface LockOwner extends ProcessMark {
  /** Tells this lock from a later one of the same process. */
  nonce: string;
  since: string;
}

export class IndexBusyError extends ExplainedError {
  override name = 'IndexBusyError';
}

export interface IndexLock {
  release(): Promise<void>;
}

async function readOwner(file: string): Promise<LockOwner | null> {
  try {
    const owner = JSON.parse(await readFile(file, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' && typeof owner.nonce === 'string' ? (owner as LockOwner) : null;
  } catch {
    return null;
  }
}

/** Creates the lock file with `owner` in it, whole, or returns false when one exists. */
async function tryCreate(file: string, owner: LockOwner): Promise<boolean> {
  const aside = `${file}.${owner.nonce}.new`;
  await writeFile(aside, JSON.stringify(owner));
  try {
    await link(aside, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(aside, { force: true });
  }
}

/** Moves a stale lock out of the way; puts it back if it turns out to be another, live one. */
async function removeStale(file: string, stale: LockOwner | null): Promise<void> {
  const moved = `${file}.${randomUUID()}.stale`;
  try {
    await rename(file, moved);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const taken = await readOwner(moved);
  if (taken && taken.nonce !== stale?.nonce && isProcessAlive(taken)) {
    // Someone recovered the stale lock and locked again in between: that lock is theirs.
    await link(moved, file).catch(() => undefined);
  }
  await rm(moved, { force: true });
}

function describeOwner(owner: LockOwner): string {
  return `process ${owner.pid} on ${owner.host}, since ${owner.since}`;
}

/** Takes the lock of `indexDir`, or throws IndexBusyError naming the process that holds it. */
export async function acquireIndexLock(indexDir: string): Promise<IndexLock> {
  await mkdir(indexDir, { recursive: true });
  const file = path.join(indexDir, LOCK_FILE);
  const owner: LockOwner = { ...thisProcess(), nonce: randomUUID(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (await tryCreate(file, owner)) {
      return {
        async release() {
          const current = await readOwner(file);
          if (current?.nonce === owner.nonce) await rm(file, { force: true });
        },
      };
    }
    const holder = await readOwner(file);
    if (holder && isProcessAlive(holder)) {
      throw new IndexBusyError(
        `Another reindex of ${indexDir} is running (${describeOwner(holder)}); the index in use is untouched. ` +
          `Try again when it is done (if that process is gone, delete ${file}).`,
      );
    }
    await removeStale(file, holder);
  }
  throw new IndexBusyError(`Could not take the lock ${file}: other processes keep taking it; try again.`);
}

/** Runs `work` holding the lock of `indexDir`, and releases it whatever happens. */
export async function withIndexLock<T>(indexDir: string, work: () => Promise<T>): Promise<T> {
  const lock = await acquireIndexLock(indexDir);
  try {
    return await work();
  } finally {
    await lock.release();
  }
}
