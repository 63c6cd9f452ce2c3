import { isBoilerplateLine } from './clean.js';
import { parseByline, parseCreditLine } from './bylines.js';
import { parseDateLine, parseDateline } from './dates.js';
import { readMarkupFieldBlock } from './field-block.js';
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
  /** A post of a thread (a forum topic): it goes by the thread's title. */
  inThread: boolean;
}

/** A date line that opens a post: it is followed by a headline, not by a byline or body. */
function isPostHeader(lines: readonly string[], i: number): boolean {
  if (parseDateLine(lines[i] ?? '') === null) return false;
  const next = nextTextLine(lines, i + 1);
  if (next === -1) return false;
  const line = lines[next] ?? '';
  return isTitleLike(line) && parseByline(line) === null;
}

/**
 * The posts of a thread saved as a page (a forum topic): each opens with a line that is only its
 * poster and date (`sokoro October 4, 2022, 9:12am`) followed by its text, and at least two people
 * posted. Empty when the file is no such thread.
 */
function findThreadPosts(lines: readonly string[]): LineRange[] {
  const starts: number[] = [];
  const posters = new Set<string>();
  lines.forEach((line, i) => {
    const byline = (i === 0 || lines[i - 1] === '') && line.length <= 100 ? parseByline(line) : null;
    if (!byline || byline.date === null || byline.publisher !== null) return;
    const next = nextTextLine(lines, i + 1);
    // A headline under the line makes it a post's dateline on a blog page, not a reply's.
    if (next === -1 || (isTitleLike(lines[next] ?? '') && !/[.!?]["'”’)]*$/u.test(lines[next] ?? ''))) return;
    starts.push(i);
    posters.add(byline.authors.join(', '));
  });
  return starts.length >= 2 && posters.size >= 2 ? rangesFrom(lines, starts) : [];
}

/** Top-level parts of the file: its posts when it is a page of at least two dated posts, else the whole file. */
export function findPosts(lines: readonly string[]): LineRange[] {
  return rangesFrom(lines, lines.map((_, i) => i).filter((i) => isPostHeader(lines, i)));
}

/** Ranges from each start to the next; text before the first start is a range of its own. The whole file for fewer than two starts. */
function rangesFrom(lines: readonly string[], starts: readonly number[]): LineRange[] {
  if (starts.length < 2) return [{ start: 0, end: lines.length }];
  const ranges: LineRange[] = [];
  const firstStart = starts[0] ?? 0;
  if (nextTextLine(lines, 0, firstStart) !== -1) ranges.push({ start: 0, end: firstStart });
  starts.forEach((start, n) => ranges.push({ start, end: starts[n + 1] ?? lines.length }));
  return ranges;
}

/** Whether line `i` opens reStructuredText fields that date or sign a post (`.. post:: Aug 31, 2014`, `:author: Ahmet`). */
function statesDateOrAuthor(lines: readonly string[], i: number): boolean {
  const fields = readMarkupFieldBlock(lines, i);
  return fields !== null && (fields.stated.date !== null || fields.stated.authors.length > 0);
}

/** How many text lines under a title may hold its subtitle, dateline and byline. */
const HEADER_REACH = 3;

/**
 * Whether line `i` opens an article with its own header: a title (or a heading) at the start of
 * a paragraph, followed within a few header lines by a dateline or a confirmed byline.
 */
function isArticleHeading(lines: readonly string[], i: number, headings: ReadonlyMap<number, number>, headingDates: ReadonlyMap<number, string>): boolean {
  const line = lines[i] ?? '';
  const heading = headings.has(i);
  // A heading that carries its own date (an Org journal's `* <2023-04-01 Sat> Seed swap`) heads an entry.
  if (heading && headingDates.has(i)) return true;
  // A marked heading that reads like a name (`New Devlog Structure`) is still a heading; a bare name line is a byline.
  if (!(heading || isTitleLike(line)) || (!heading && parseByline(line) !== null) || (i > 0 && lines[i - 1] !== '')) return false;
  for (let n = 0, j = nextTextLine(lines, i + 1); n < HEADER_REACH && j !== -1; n += 1, j = nextTextLine(lines, j + 1)) {
    const next = lines[j] ?? '';
    // A paragraph above a marked heading is not its title: the heading opens its own header.
    if (!heading && headings.has(j)) return false;
    if (parseDateline(next)?.kind === 'published' || parseByline(next)?.corroborated || statesDateOrAuthor(lines, j)) return true;
    if (!isTitleLike(next)) return false;
  }
  return false;
}

/**
 * Top-level parts of a file that holds several articles, each under its own title with its own
 * dateline or byline (a collection, a newsletter): one range per article, the text before the
 * first one (a collection's own title page) as a range of its own. The whole file when there
 * are fewer than two.
 */
export function findHeadedArticles(lines: readonly string[], headings: ReadonlyMap<number, number>, headingDates: ReadonlyMap<number, string> = new Map()): LineRange[] {
  const starts: number[] = [];
  let underMasthead: number | null = null;
  for (let i = 0; i < lines.length; i += 1) {
    if (!isArticleHeading(lines, i, headings, headingDates)) continue;
    // A heading right above another one (`No. 1` over its title) opens the same article.
    const previous = starts[starts.length - 1];
    if (previous !== undefined && onlyHeadingsBetween(lines, previous, i)) {
      if (starts.length === 1 && underMasthead === null && (headings.get(previous) ?? 0) > 0 && headings.get(previous)! < (headings.get(i) ?? 0)) underMasthead = i;
      continue;
    }
    starts.push(i);
  }
  // In a collection, a larger heading over the first article's (a newsletter's name and issue) is the collection's own.
  if (underMasthead !== null && starts.length >= 2) starts.splice(1, 0, underMasthead);
  return rangesFrom(lines, starts);
}

/** Whether every line from one start up to the next is a heading line (no dateline, byline or body: a masthead's issue date ends it). */
function onlyHeadingsBetween(lines: readonly string[], from: number, to: number): boolean {
  for (let j = nextTextLine(lines, from + 1, to); j !== -1; j = nextTextLine(lines, j + 1, to)) {
    const line = lines[j] ?? '';
    if (!isTitleLike(line) || parseByline(line) !== null || parseDateline(line)?.kind === 'published') return false;
  }
  return true;
}

/** Where a republished article starts inside `range`: at its title line, just above a date line. */
function findEmbeddedStart(lines: readonly string[], from: number, end: number): number {
  let previous = -1;
  for (let i = nextTextLine(lines, from, end); i !== -1; i = nextTextLine(lines, i + 1, end)) {
    const line = lines[i] ?? '';
    // A title and a date with no text after them close the host (a signed, dated letter), they open nothing.
    if (previous !== -1 && parseDateLine(line) !== null && isTitleLike(lines[previous] ?? '') && nextTextLine(lines, i + 1, end) !== -1) return previous;
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

export interface SegmentOptions {
  headings?: ReadonlyMap<number, number>;
  /** The date a heading carries, by line index. */
  headingDates?: ReadonlyMap<number, string>;
}

/** Splits the lines of a cleaned file into articles, hosts before the articles they republish. */
export function segmentLines(lines: readonly string[], options: SegmentOptions = {}): Segment[] {
  const segments: Segment[] = [];
  const posts = findPosts(lines);
  const thread = posts.length === 1 ? findThreadPosts(lines) : [];
  const parts = posts.length > 1 ? posts : thread.length > 0 ? thread : findHeadedArticles(lines, options.headings ?? new Map(), options.headingDates);
  for (const post of parts) {
    const host: Segment = { ranges: [], republishedIn: null, creditLine: null, inThread: thread.length > 0 };
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
      segments.push({ ranges: [{ start: embeddedStart, end }], republishedIn: hostIndex, creditLine, inThread: false });
      cursor = end;
      searchFrom = end;
    }
    host.ranges.push({ start: cursor, end: post.end });
  }
  return segments;
}
