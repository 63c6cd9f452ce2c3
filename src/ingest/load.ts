import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { IngestProblem } from '../domain.js';
import { ExplainedError } from '../errors.js';
import { DOCUMENT_FILE } from './formats/detect.js';
import { decodeText } from './formats/text.js';

/** Reading the corpus folder: which files there are, and their bytes. */

export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;
const SIDECAR_SUFFIX = '.meta.json';

export interface CorpusListing {
  /** Article files, relative to the corpus folder with `/` separators, sorted. */
  articles: string[];
  /** Sidecars, likewise. */
  sidecars: string[];
}

export interface LoadedFile {
  source: string;
  bytes: Uint8Array;
  /** sha256 of the file's bytes followed by its sidecar's bytes. */
  hash: string;
  sidecar: { name: string; text: string } | null;
}

/** Thrown when the corpus folder itself is missing or unreadable; the message says what to do. */
export class CorpusFolderError extends ExplainedError {
  override name = 'CorpusFolderError';
}

async function walk(root: string, relative: string, found: string[]): Promise<void> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  for (const entry of entries) {
    const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) await walk(root, child, found);
    else found.push(child);
  }
}

/** Lists article files and sidecars under `dir`, recursively. */
export async function listCorpusFiles(dir: string): Promise<CorpusListing> {
  let info;
  try {
    info = await stat(dir);
  } catch (error) {
    throw new CorpusFolderError(`Corpus folder ${dir} cannot be read (${describeError(error)}); set CORPUS_DIR to a folder of articles (.txt, .md, .html, .pdf)`);
  }
  if (!info.isDirectory()) throw new CorpusFolderError(`Corpus path ${dir} is not a folder; set CORPUS_DIR to a folder of articles (.txt, .md, .html, .pdf)`);
  const found: string[] = [];
  try {
    await walk(dir, '', found);
  } catch (error) {
    throw new CorpusFolderError(`Corpus folder ${dir} cannot be listed (${describeError(error)}); check its permissions`);
  }
  found.sort();
  return {
    articles: found.filter((file) => DOCUMENT_FILE.test(file) && !file.endsWith(SIDECAR_SUFFIX)),
    sidecars: found.filter((file) => file.endsWith(SIDECAR_SUFFIX)),
  };
}

/** The sidecar name that belongs to an article file: `a/NAME.txt` -> `a/NAME.meta.json`. */
export function sidecarNameFor(source: string): string {
  return source.replace(DOCUMENT_FILE, SIDECAR_SUFFIX);
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return (error as Error).message;
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** Reads one article file and its sidecar, or returns the problem that makes it unusable. */
export async function loadCorpusFile(dir: string, source: string, sidecars: ReadonlySet<string>, maxFileBytes: number): Promise<LoadedFile | IngestProblem> {
  const file = path.join(dir, source);
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.size > maxFileBytes) {
      return { source, message: `is ${formatMiB(info.size)}, over the ${formatMiB(maxFileBytes)} limit per file; split it into smaller files` };
    }
    bytes = await readFile(file);
  } catch (error) {
    return { source, message: `cannot be read (${describeError(error)}); check that the file exists and is readable` };
  }
  const hash = createHash('sha256').update(bytes);
  const sidecarName = sidecarNameFor(source);
  let sidecar: LoadedFile['sidecar'] = null;
  if (sidecars.has(sidecarName)) {
    let sidecarBytes: Buffer;
    try {
      sidecarBytes = await readFile(path.join(dir, sidecarName));
    } catch (error) {
      return { source, message: `sidecar ${sidecarName} cannot be read (${describeError(error)}); fix its permissions or remove it` };
    }
    const sidecarText = decodeText(sidecarBytes);
    if (!sidecarText.ok) return { source, message: `sidecar ${sidecarName} ${sidecarText.message}` };
    hash.update(sidecarBytes);
    sidecar = { name: sidecarName, text: sidecarText.text };
  }
  return { source, bytes, hash: hash.digest('hex'), sidecar };
}
