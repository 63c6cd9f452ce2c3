import { createHash } from 'node:crypto';
import type { Article, IngestProblem, IngestResult, SourceFile } from '../domain.js';
import type { NamedSecret } from '../config/secrets.js';
import { DEFAULT_LIMITS, listCorpusTree, readCorpusFiles, type CorpusFileLimits } from './corpus-files.js';
import { isArticleFile, isSidecarFile, loadCorpusFile, secretInText, sidecarNameFor } from './load.js';
import { readDocument, readTextDocument } from './read-document.js';
import { unreadableFormat } from './formats/detect.js';
import { applySidecar, parseSidecar } from './sidecar.js';
import { creditSiteAuthors, isSiteAuthorsFile, parseSiteAuthors, siteAuthorsFor, type SiteAuthors } from './site-authors.js';

/** From a folder of article files to attributed articles: the ingest stage's entry point. */

export interface IngestOptions {
  /** Files larger than this are skipped and reported (default 20 MiB). */
  maxFileBytes?: number;
  /** A file taking longer than this to read is skipped and reported (default 10 s). */
  readTimeoutMs?: number;
  /** Configured secrets: a file holding one is skipped and reported by the setting's name. */
  secrets?: readonly NamedSecret[];
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
 * Reads every article file (`.txt`, `.adoc`, `.org`, `.rst`, `.md`, `.markdown`, `.mdx`, `.html`, `.htm`, `.xhtml`, `.mhtml`, `.mht`, `.eml`, `.pdf`) under `dir`
 * (recursively, safely: see corpus-files.ts), applies `NAME.meta.json` sidecars, and returns the
 * articles, a hash per file, and the problems of files and folders that were skipped or read only in part.
 * Throws when the folder itself is missing or unreadable.
 */
export async function ingestCorpus(dir: string, options: IngestOptions = {}): Promise<IngestResult> {
  const limits = {
    ...DEFAULT_LIMITS,
    ...(options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes }),
    ...(options.readTimeoutMs === undefined ? {} : { readTimeoutMs: options.readTimeoutMs }),
  };
  const secrets = options.secrets ?? [];
  const tree = await listCorpusTree(dir, (name) => isArticleFile(name) || isSidecarFile(name) || isSiteAuthorsFile(name) || unreadableFormat(name) !== null, limits);
  const siteAuthors = await readSiteAuthors(dir, tree.files.filter(isSiteAuthorsFile), limits);
  const listed = tree.files.filter(isArticleFile);
  const sidecars = new Set(tree.files.filter(isSidecarFile));
  const articles: Article[] = [];
  const files: SourceFile[] = [];
  const problems: IngestProblem[] = [...tree.skipped];
  for (const source of tree.files) {
    const unreadable = unreadableFormat(source);
    if (unreadable) problems.push({ source, message: unreadable });
  }

  const claimed = new Set(listed.map(sidecarNameFor));
  for (const sidecar of sidecars) {
    if (!claimed.has(sidecar)) {
      problems.push({ source: sidecar, message: `sidecar has no article file next to it (expected ${sidecar.replace(/\.meta\.json$/, '')}.txt, .md, .html, .mhtml or .pdf); rename or remove it` });
    }
  }

  for await (const read of readCorpusFiles(dir, listed, limits)) {
    const source = read.path;
    const loaded = await loadCorpusFile(dir, read, sidecars, { limits, secrets });
    if (!('bytes' in loaded)) {
      problems.push(loaded);
      continue;
    }
    const reading = await readDocument(loaded.bytes, source);
    if (!reading.ok) {
      problems.push({ source, message: reading.message });
      continue;
    }
    // A PDF's text is compressed in the file: look for secrets in what was extracted too.
    const secret = secretInText(reading.articles.map((article) => article.text).join('\n'), secrets);
    if (secret) {
      problems.push({ source, message: secret });
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
    // A post naming its author by key is credited by the name its site's list of authors gives (and re-read when the list changes).
    const authors = siteAuthorsFor(source, siteAuthors);
    if (authors) fileArticles = creditSiteAuthors(fileArticles, authors.names);
    articles.push(...fileArticles);
    files.push({ source, hash: authors ? createHash('sha256').update(loaded.hash).update(authors.hash).digest('hex') : loaded.hash });
  }
  return { articles, files, problems };
}

/** The sites' lists of authors in the corpus, by file, with a hash of each; one that cannot be read names nobody. */
async function readSiteAuthors(dir: string, names: readonly string[], limits: CorpusFileLimits): Promise<Map<string, { names: SiteAuthors; hash: string }>> {
  const lists = new Map<string, { names: SiteAuthors; hash: string }>();
  for await (const read of readCorpusFiles(dir, names, limits)) {
    if (!('bytes' in read)) continue;
    const text = new TextDecoder().decode(read.bytes);
    lists.set(read.path, { names: parseSiteAuthors(text), hash: createHash('sha256').update(read.bytes).digest('hex') });
  }
  return lists;
}
