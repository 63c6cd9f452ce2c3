import { hostname } from 'node:os';

/**
 * Whether a process that wrote a marker in the index folder (a lock, a build in progress, a
 * generation in use) is still running. Only a process on this machine can be checked; one on
 * another machine sharing the folder counts as running.
 */

export interface ProcessMark {
  pid: number;
  host: string;
}

export function thisProcess(): ProcessMark {
  return { pid: process.pid, host: hostname() };
}

export function isProcessAlive(mark: ProcessMark): boolean {
  if (mark.host !== hostname()) return true;
  if (mark.pid === process.pid) return true;
  try {
    process.kill(mark.pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
