import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DOCUMENT_FILE } from '../ingest/formats/detect.js';
import { sidecarNameFor } from '../ingest/load.js';

/**
 * Documents added to and removed from the corpus folder from Discord. Added files go into the
 * uploads folder inside the corpus, so a full reindex keeps them; corrections go into the
 * document's sidecar (`NAME.meta.json`), which the ingest stage already reads.
 */

/** The extension an added file is saved with: one the corpus reader reads (`.txt`, `.md`, `.html`, `.mhtml`, `.pdf` and their variants). */
export type UploadExtension = string;

/** For a download whose address names no such file: the extension its media type stands for. */
const MEDIA_TYPES: Readonly<Record<string, UploadExtension>> = {
  'text/plain': '.txt',
  'text/markdown': '.md',
  'text/x-markdown': '.md',
  'text/html': '.html',
  'application/xhtml+xml': '.html',
  'application/pdf': '.pdf',
  'multipart/related': '.mhtml',
};

export const UPLOAD_KINDS = '.txt, .md, .html, .mhtml or .pdf';
const MAX_BASE_NAME = 80;

/** The corpus file type of a document, from its name's extension or else its media type; null when not one we read. */
export function uploadExtension(name: string | null, mediaType: string | null): UploadExtension | null {
  const own = name ? path.extname(name).toLowerCase() : '';
  // A server may call markdown text/plain: the name's extension is the better witness when the corpus reads it.
  if (own && DOCUMENT_FILE.test(own)) return own;
  return mediaType ? (MEDIA_TYPES[mediaType] ?? null) : null;
}

/** A file name stem safe on any file system: letters, digits, `.`, `-` and `_` (never first or last), at most 80 characters. */
export function safeBaseName(hint: string): string {
  const stem = path.basename(hint.replace(/\\/g, '/')).replace(/\.[^.]*$/, '');
  const safe = stem
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_.]+|[-_.]+$/g, '')
    .slice(0, MAX_BASE_NAME)
    .toLowerCase();
  return safe || 'document';
}

/** The absolute path of a corpus-relative file, refusing anything that would leave the corpus folder. */
export function insideCorpus(corpusDir: string, relative: string): string {
  const root = path.resolve(corpusDir);
  const target = path.resolve(root, relative);
  const back = path.relative(root, target);
  if (back === '' || back.startsWith('..') || path.isAbsolute(back)) throw new Error(`${relative} is not a file inside the corpus folder`);
  return target;
}

function toSource(corpusDir: string, file: string): string {
  return path.relative(path.resolve(corpusDir), file).split(path.sep).join('/');
}

async function writeAtomically(file: string, bytes: Uint8Array | string): Promise<void> {
  // A dot-name the corpus reader never picks up, renamed into place once complete.
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temporary, bytes);
  await rename(temporary, file);
}

/**
 * Writes a new document into `uploadsDir` (inside the corpus) under a name no other document or
 * sidecar uses there, and returns its corpus-relative source name.
 */
export async function saveUpload(corpusDir: string, uploadsDir: string, nameHint: string, extension: UploadExtension, bytes: Uint8Array): Promise<string> {
  const folder = path.resolve(corpusDir, uploadsDir);
  await mkdir(folder, { recursive: true });
  const taken = new Set((await readdir(folder)).map((name) => name.toLowerCase().replace(/\.meta\.json$|\.[^.]+$/, '')));
  const base = safeBaseName(nameHint);
  for (let n = 1; ; n += 1) {
    const stem = n === 1 ? base : `${base}-${n}`;
    if (taken.has(stem)) continue;
    const file = path.join(folder, `${stem}${extension}`);
    // `wx` fails rather than overwrite a file another upload created meanwhile.
    const handle = await open(file, 'wx').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return null;
      throw error;
    });
    if (!handle) continue;
    try {
      await handle.writeFile(bytes);
    } finally {
      await handle.close();
    }
    return toSource(corpusDir, file);
  }
}

/** Metadata a person may set for a whole document. */
export interface DocumentCorrection {
  title?: string;
  authors?: string[];
  date?: string | null;
  url?: string | null;
}

/** Sets fields of a document's sidecar, keeping the others (and any per-article entries) as they were. */
export async function writeSidecar(corpusDir: string, source: string, correction: DocumentCorrection): Promise<string> {
  const sidecar = sidecarNameFor(source);
  const file = insideCorpus(corpusDir, sidecar);
  let current: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) current = parsed as Record<string, unknown>;
  } catch (error) {
    // No sidecar yet, or one that does not parse (reported at ingest): start from the correction.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError)) throw error;
  }
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(correction)) if (value !== undefined) next[key] = value;
  // The sidecar schema takes either "author" or "authors".
  if (correction.authors !== undefined) delete next.author;
  await writeAtomically(file, `${JSON.stringify(next, null, 2)}\n`);
  return sidecar;
}

/** Deletes a document and its sidecar from the corpus folder; returns the corpus-relative names removed. */
export async function removeDocumentFiles(corpusDir: string, source: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of [source, sidecarNameFor(source)]) {
    const file = insideCorpus(corpusDir, name);
    try {
      await rm(file);
      removed.push(name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return removed;
}
