import type { Article, IngestProblem, IngestResult, SourceFile } from '../domain.js';
import { DEFAULT_MAX_FILE_BYTES, listCorpusFiles, loadCorpusFile, sidecarNameFor } from './load.js';
import { readDocument, readTextDocument } from './read-document.js';
import { applySidecar, parseSidecar } from './sidecar.js';

/** From a folder of article files to attributed articles: the ingest stage's entry point. */

export interface IngestOptions {
  /** Files larger than this are skipped and reported (default 20 MiB). */
  maxFileBytes?: number;
}

/**
 * Turns the text of one corpus file (plain text, markdown or a saved web page) into its
 * articles, in file order, with ids `${source}#n`. Pure: no I/O.
 */
export function parseArticles(raw: string, source: string): Article[] {
  const reading = readTextDocument(raw, source);
  return reading.ok ? reading.articles : [];
}

/**
 * Reads every article file (`.txt`, `.md`, `.markdown`, `.html`, `.htm`, `.pdf`) under `dir`
 * (recursively), applies `NAME.meta.json` sidecars, and returns the articles, a hash per file,
 * and the problems of files that were skipped or read only in part.
 * Throws when the folder itself is missing or unreadable.
 */
export async function ingestCorpus(dir: string, options: IngestOptions = {}): Promise<IngestResult> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const listing = await listCorpusFiles(dir);
  const sidecars = new Set(listing.sidecars);
  const articles: Article[] = [];
  const files: SourceFile[] = [];
  const problems: IngestProblem[] = [];

  const claimed = new Set(listing.articles.map(sidecarNameFor));
  for (const sidecar of listing.sidecars) {
    if (!claimed.has(sidecar)) {
      problems.push({ source: sidecar, message: `sidecar has no article file next to it (expected ${sidecar.replace(/\.meta\.json$/, '')}.txt, .md, .html or .pdf); rename or remove it` });
    }
  }

  for (const source of listing.articles) {
    const loaded = await loadCorpusFile(dir, source, sidecars, maxFileBytes);
    if (!('bytes' in loaded)) {
      problems.push(loaded);
      continue;
    }
    const reading = await readDocument(loaded.bytes, source);
    if (!reading.ok) {
      problems.push({ source, message: reading.message });
      continue;
    }
    problems.push(...reading.notes.map((message) => ({ source, message, indexed: true as const })));
    let fileArticles = reading.articles;
    if (loaded.sidecar) {
      const parsed = parseSidecar(loaded.sidecar.text, loaded.sidecar.name);
      const applied = parsed.ok ? applySidecar(fileArticles, parsed.sidecar, loaded.sidecar.name) : parsed;
      if (!applied.ok) {
        problems.push({ source, message: `skipped: ${applied.message}` });
        continue;
      }
      fileArticles = applied.articles;
    }
    articles.push(...fileArticles);
    files.push({ source, hash: loaded.hash });
  }
  return { articles, files, problems };
}
