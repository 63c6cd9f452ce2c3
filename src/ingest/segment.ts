import { isBoilerplateLine } from './clean.js';
import { parseByline, parseCreditLine } from './bylines.js';
import { parseDateLine } from './dates.js';
import { detectLanguage, detectLanguageConfidently } from '../text/language.js';
import { isTitleLike, nextTextLine, parseHeader } from './metadata.js';

/**
 * Splits a cleaned file into articles by its layout:
 * - a page of dated posts (a date line, then the post's title line) gives one article per post;
 * - inside an article or post, a title line followed by a date line starts a republished article,
 *   which runs until a republishing credit, a `*` footnote, a paragraph in the host's language,
 *   or the end of the host. The host's commentary after it stays with the host.
 */

/** Half-open line range `[start, end)`. */
export interface LineRange {
  start: number;
  end: number;
}

export interface Segment {
  /** The host's own lines; more than one range when a republished article sits in between. */
  ranges: LineRange[];
  /** Index (in the returned list) of the segment this one was republished in. */
  republishedIn: number | null;
  /** The republishing credit line that closed this article, if any. */
  creditLine: number | null;
}

/** A date line that opens a post: it is followed by a headline, not by a byline or body. */
function isPostHeader(lines: readonly string[], i: number): boolean {
  if (parseDateLine(lines[i] ?? '') === null) return false;
  const next = nextTextLine(lines, i + 1);
  if (next === -1) return false;
  const line = lines[next] ?? '';
  return isTitleLike(line) && parseByline(line) === null;
}

/** Top-level parts of the file: its posts when it is a page of at least two dated posts, else the whole file. */
export function findPosts(lines: readonly string[]): LineRange[] {
  const starts = lines.map((_, i) => i).filter((i) => isPostHeader(lines, i));
  if (starts.length < 2) return [{ start: 0, end: lines.length }];
  const ranges: LineRange[] = [];
  const firstStart = starts[0] ?? 0;
  if (nextTextLine(lines, 0, firstStart) !== -1) ranges.push({ start: 0, end: firstStart });
  starts.forEach((start, n) => ranges.push({ start, end: starts[n + 1] ?? lines.length }));
  return ranges;
}

/** Where a republished article starts inside `range`: at its title line, just above a date line. */
function findEmbeddedStart(lines: readonly string[], from: number, end: number): number {
  let previous = -1;
  for (let i = nextTextLine(lines, from, end); i !== -1; i = nextTextLine(lines, i + 1, end)) {
    const line = lines[i] ?? '';
    if (previous !== -1 && parseDateLine(line) !== null && isTitleLike(lines[previous] ?? '')) return previous;
    previous = isBoilerplateLine(line) ? -1 : i;
  }
  return -1;
}

/** Where a republished article ends (exclusive), and the credit line that ended it. */
function findEmbeddedEnd(lines: readonly string[], bodyStart: number, end: number, hostLanguage: string): { end: number; creditLine: number | null } {
  const ownLanguage = detectLanguage(lines.slice(bodyStart, Math.min(end, bodyStart + 12)).join('\n'));
  for (let i = nextTextLine(lines, bodyStart, end); i !== -1; i = nextTextLine(lines, i + 1, end)) {
    const line = lines[i] ?? '';
    if (parseCreditLine(line)) return { end: i + 1, creditLine: i };
    if (line.startsWith('*')) return { end: i, creditLine: null };
    if (hostLanguage !== ownLanguage && detectLanguageConfidently(line) === hostLanguage) return { end: i, creditLine: null };
  }
  return { end, creditLine: null };
}

/** Splits the lines of a cleaned file into articles, hosts before the articles they republish. */
export function segmentLines(lines: readonly string[]): Segment[] {
  const segments: Segment[] = [];
  for (const post of findPosts(lines)) {
    const host: Segment = { ranges: [], republishedIn: null, creditLine: null };
    const hostIndex = segments.length;
    segments.push(host);
    const hostHeader = parseHeader(lines, post.start, post.end);
    let cursor = post.start;
    let searchFrom = hostHeader.bodyStart;
    for (;;) {
      const embeddedStart = findEmbeddedStart(lines, searchFrom, post.end);
      if (embeddedStart === -1) break;
      const hostLanguage = detectLanguage(lines.slice(post.start, embeddedStart).join('\n'));
      const header = parseHeader(lines, embeddedStart, post.end);
      const { end, creditLine } = findEmbeddedEnd(lines, header.bodyStart, post.end, hostLanguage);
      host.ranges.push({ start: cursor, end: embeddedStart });
      segments.push({ ranges: [{ start: embeddedStart, end }], republishedIn: hostIndex, creditLine });
      cursor = end;
      searchFrom = end;
    }
    host.ranges.push({ start: cursor, end: post.end });
  }
  return segments;
}
