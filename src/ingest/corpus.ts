import type { Article, IngestProblem, IngestResult, SourceFile } from '../domain.js';
import { findIntroducedAuthor, findStatedAuthorNames, findStatedPublishers, parseCreditLine } from './bylines.js';
import { joinBodyLines, normalizeText } from './clean.js';
import { detectLanguage } from '../text/language.js';
import { DEFAULT_MAX_FILE_BYTES, listCorpusFiles, loadCorpusFile, sidecarNameFor } from './load.js';
import { findFooterPublisher, findStatedUrl, parseHeader, type Header } from './metadata.js';
import { applySidecar, parseSidecar } from './sidecar.js';
import { segmentLines, type LineRange, type Segment } from './segment.js';

/** From a folder of text files to attributed articles: the ingest stage's entry point. */

export interface IngestOptions {
  /** Files larger than this are skipped and reported (default 20 MiB). */
  maxFileBytes?: number;
}

interface Draft {
  segment: Segment;
  header: Header;
  text: string;
}

function linesOf(lines: readonly string[], ranges: readonly LineRange[]): string[] {
  return ranges.flatMap((range, n) => [...(n > 0 ? [''] : []), ...lines.slice(range.start, range.end)]);
}

/** The first words of the text, for an article that states no title. */
function fallbackTitle(text: string): string {
  const first = text.split('\n')[0] ?? '';
  return first.length <= 80 ? first : `${first.slice(0, 80).replace(/\s+\S*$/, '')}…`;
}

/**
 * Turns the text of one corpus file into its articles, in file order, with ids
 * `${source}#n`. Pure: no I/O.
 */
export function parseArticles(raw: string, source: string): Article[] {
  const fullText = normalizeText(raw);
  const lines = fullText.split('\n');
  const drafts: Draft[] = segmentLines(lines).map((segment) => {
    const [first = { start: 0, end: 0 }, ...others] = segment.ranges;
    const header = parseHeader(lines, first.start, first.end);
    const body = [{ start: header.bodyStart, end: first.end }, ...others];
    return { segment, header, text: joinBodyLines(linesOf(lines, body)) };
  });

  const publishers = [
    ...findStatedPublishers(fullText),
    ...drafts.flatMap(({ header }) => (header.publisher ? [header.publisher] : [])),
  ];
  const knownNames = [...findStatedAuthorNames(fullText, publishers), ...drafts.flatMap(({ header }) => header.authors)];

  const kept = drafts.filter((draft) => draft.text !== '');
  const ids = new Map(kept.map((draft, n) => [draft, `${source}#${n}`]));
  return kept.map((draft): Article => {
    const { segment, header, text } = draft;
    const credit = segment.creditLine === null ? null : parseCreditLine(lines[segment.creditLine] ?? '');
    const host = segment.republishedIn === null ? undefined : drafts[segment.republishedIn];
    let authors = header.authors.length > 0 ? header.authors : (credit?.authors ?? []);
    if (authors.length === 0 && host) {
      const start = segment.ranges[0]?.start;
      const intro = host.segment.ranges.find((range) => range.end === start);
      const introduced = intro ? findIntroducedAuthor(linesOf(lines, [intro]).join('\n'), knownNames, publishers) : null;
      if (introduced) authors = [introduced];
    }
    const ownLines = linesOf(lines, segment.ranges);
    return {
      id: ids.get(draft) ?? '',
      source,
      title: header.title ?? fallbackTitle(text),
      authors,
      date: header.date,
      publisher: header.publisher ?? credit?.publisher ?? findFooterPublisher(ownLines),
      url: header.url ?? findStatedUrl(ownLines),
      language: detectLanguage(text),
      republishedIn: host ? (ids.get(host) ?? null) : null,
      text,
    };
  });
}

/**
 * Reads every `.txt` and `.md` file under `dir` (recursively), applies `NAME.meta.json` sidecars,
 * and returns the articles, a hash per file, and the problems of files that were skipped.
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
      problems.push({ source: sidecar, message: `sidecar has no article file next to it (expected ${sidecar.replace(/\.meta\.json$/, '')}.txt or .md); rename or remove it` });
    }
  }

  for (const source of listing.articles) {
    const loaded = await loadCorpusFile(dir, source, sidecars, maxFileBytes);
    if (!('text' in loaded)) {
      problems.push(loaded);
      continue;
    }
    let fileArticles = parseArticles(loaded.text, source);
    if (fileArticles.length === 0) {
      problems.push({ source, message: 'contains no article text once boilerplate is removed; nothing to index' });
      continue;
    }
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
