import { constants } from 'node:fs';
import { open, readdir, realpath, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { IngestProblem } from '../domain.js';
import { ExplainedError } from '../errors.js';
import { savedPageOf } from './saved-page-files.js';
import { secretNameReason } from './secret-files.js';

/**
 * Finding and reading the files of the corpus folder without being turned against the machine:
 * only regular files are read, never through a link that leaves the folder, never more bytes than
 * the size limit (counted as read, not as `stat` claims), each read bounded in time. Links to
 * folders are not followed (no loops), subfolders too deep or unreadable are skipped and reported.
 * What the bytes mean is the formats' business; this module only yields them or says why not.
 */

export interface CorpusFileLimits {
  maxFileBytes: number;
  /** A file whose reading (open included) takes longer is skipped: a hung disk or network mount. */
  readTimeoutMs: number;
  /** Subfolders deeper than this are not entered. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: CorpusFileLimits = { maxFileBytes: 20 * 1024 * 1024, readTimeoutMs: 10_000, maxDepth: 32 };

/** A file's bytes, or why it was not read. `path` is relative to the corpus folder, with `/`. */
export type CorpusRead = { path: string; bytes: Uint8Array } | { path: string; skipped: string };

export interface CorpusTree {
  /** Files whose names `accept` took, relative with `/` separators, sorted. */
  files: string[];
  /** Entries left out, with why: links leaving the folder, special files, secrets, unreadable folders. */
  skipped: IngestProblem[];
}

/** Thrown when the corpus folder itself is missing or unreadable; the message says what to do. */
export class CorpusFolderError extends ExplainedError {
  override name = 'CorpusFolderError';
}

export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'ELOOP') return 'it is a link';
  return (error as Error).message;
}

export function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

const LINKED_FOLDER = 'is a link to a folder; links to folders are not followed';
const NOT_REGULAR = 'is not a regular file (a device, FIFO or socket); only regular files are read';

async function rootOf(dir: string): Promise<string> {
  let info;
  try {
    info = await stat(dir);
  } catch (error) {
    throw new CorpusFolderError(`Corpus folder ${dir} cannot be read (${describeError(error)}); set CORPUS_DIR to a folder of articles`);
  }
  if (!info.isDirectory()) throw new CorpusFolderError(`Corpus path ${dir} is not a folder; set CORPUS_DIR to a folder of articles`);
  return realpath(dir);
}

/**
 * Lists the files under `dir` whose names `accept` takes, recursively. Names that look like
 * secrets are reported whatever `accept` says; other names it refuses are passed over silently.
 * Throws CorpusFolderError only when `dir` itself cannot be read.
 */
export async function listCorpusTree(dir: string, accept: (name: string) => boolean, limits: Pick<CorpusFileLimits, 'maxDepth'> = DEFAULT_LIMITS): Promise<CorpusTree> {
  const root = await rootOf(dir);
  const files: string[] = [];
  const skipped: IngestProblem[] = [];
  const skip = (source: string, message: string) => {
    skipped.push({ source, message });
  };

  async function visit(relative: string, depth: number): Promise<void> {
    let entries;
    try {
      entries = await readdir(path.join(root, relative), { withFileTypes: true });
    } catch (error) {
      if (relative === '') throw new CorpusFolderError(`Corpus folder ${dir} cannot be listed (${describeError(error)}); check its permissions`);
      skip(relative, `folder cannot be read (${describeError(error)}); its files are not indexed`);
      return;
    }
    const fileNames = entries.filter((entry) => !entry.isDirectory()).map((entry) => entry.name);
    for (const entry of entries) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      const secret = secretNameReason(entry.name, entry.isDirectory());
      const savedPage = entry.isDirectory() ? savedPageOf(entry.name, fileNames) : null;
      if (secret) {
        skip(child, `${secret}; it is never indexed`);
      } else if (savedPage) {
        skip(child, `holds what the saved page ${savedPage} loaded (images, scripts, the frames of ads and embeds), not articles; it is not indexed`);
      } else if (entry.isDirectory()) {
        if (depth >= limits.maxDepth) skip(child, `is more than ${limits.maxDepth} folders deep; its files are not indexed`);
        else await visit(child, depth + 1);
      } else if (entry.isSymbolicLink()) {
        // A link to a folder is reported whatever its name: the articles behind it are left out.
        const problem = await checkLink(root, child);
        if (problem === LINKED_FOLDER || (accept(entry.name) && problem)) skip(child, problem);
        else if (accept(entry.name)) files.push(child);
      } else if (!accept(entry.name)) {
        continue;
      } else if (entry.isFile()) {
        files.push(child);
      } else {
        skip(child, NOT_REGULAR);
      }
    }
  }

  await visit('', 0);
  files.sort();
  skipped.sort((a, b) => a.source.localeCompare(b.source));
  return { files, skipped };
}

/** Why a link in the corpus must not be read, or null when it names a regular file inside the folder. */
async function checkLink(root: string, relative: string): Promise<string | null> {
  let target: string;
  try {
    target = await realpath(path.join(root, relative));
  } catch (error) {
    return `is a link that cannot be read (${describeError(error)}); check where it points`;
  }
  const info = await stat(target).catch(() => null);
  if (info?.isDirectory()) return LINKED_FOLDER;
  if (!isInside(root, target)) return 'links to a file outside the corpus folder; it is not read';
  if (!info?.isFile()) return NOT_REGULAR;
  return null;
}

export class ReadTimeout extends Error {
  override name = 'ReadTimeout';
}

/** `expired` rejects with a ReadTimeout after `ms`; `clear` stops the timer. */
export function startDeadline(ms: number): { expired: Promise<never>; clear: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReadTimeout(`no answer from the disk within ${ms} ms`)), ms);
  });
  expired.catch(() => undefined);
  return { expired, clear: () => clearTimeout(timer) };
}

/** The part of a FileHandle the bounded read needs (a seam for tests of a hanging disk). */
export type ReadableHandle = Pick<FileHandle, 'read'>;

/**
 * Reads at most `maxBytes + 1` bytes (one more tells "over the limit" from "exactly at it"),
 * whatever size the file claims; rejects with ReadTimeout once `expired` does.
 */
export async function readAtMost(handle: ReadableHandle, maxBytes: number, expired: Promise<never>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const want = Math.min(64 * 1024, maxBytes + 1 - total);
    if (want <= 0) break;
    const { bytesRead, buffer } = await Promise.race([handle.read(Buffer.alloc(want), 0, want, null), expired]);
    if (bytesRead === 0) break;
    chunks.push(buffer.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}

/**
 * Reads one corpus file (`relative` to `dir`) within the limits, or says why it was not read.
 * The file's real path is checked to be inside the folder just before it is opened, the last
 * component is opened without following links, and the opened file must be a regular file.
 */
export async function readCorpusFile(dir: string, relative: string, limits: CorpusFileLimits = DEFAULT_LIMITS): Promise<CorpusRead> {
  const skipped = (message: string): CorpusRead => ({ path: relative, skipped: message });
  const root = await realpath(dir).catch(() => path.resolve(dir));
  let real: string;
  try {
    real = await realpath(path.join(root, relative));
  } catch (error) {
    return skipped(`cannot be read (${describeError(error)}); check that the file exists and is readable`);
  }
  if (!isInside(root, real)) return skipped('links to a file outside the corpus folder; it is not read');

  const timer = startDeadline(limits.readTimeoutMs);
  const opening = open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  let handle: FileHandle | undefined;
  try {
    handle = await Promise.race([opening, timer.expired]);
    const info = await handle.stat();
    if (!info.isFile()) return skipped(NOT_REGULAR);
    if (info.size > limits.maxFileBytes) {
      return skipped(`is ${formatMiB(info.size)}, over the ${formatMiB(limits.maxFileBytes)} limit per file; split it into smaller files`);
    }
    const bytes = await readAtMost(handle, limits.maxFileBytes, timer.expired);
    if (bytes.length > limits.maxFileBytes) return skipped(`grew past the ${formatMiB(limits.maxFileBytes)} limit per file while being read; split it into smaller files`);
    return { path: relative, bytes };
  } catch (error) {
    if (error instanceof ReadTimeout) {
      // The open or read may still complete later: close the file then, not now (close waits for it).
      void opening.then((late) => late.close()).catch(() => undefined);
      handle = undefined;
      return skipped(`took longer than ${limits.readTimeoutMs / 1000} s to read; check the disk or mount it is on`);
    }
    return skipped(`cannot be read (${describeError(error)}); check that the file exists and is readable`);
  } finally {
    timer.clear();
    await handle?.close().catch(() => undefined);
  }
}

/** Reads the files one at a time, in order, yielding each one's bytes or why it was skipped. */
export async function* readCorpusFiles(dir: string, files: readonly string[], limits: CorpusFileLimits = DEFAULT_LIMITS): AsyncGenerator<CorpusRead> {
  for (const file of files) yield await readCorpusFile(dir, file, limits);
}
