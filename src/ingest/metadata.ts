import { isBoilerplateLine } from './clean.js';
import { parseByline } from './bylines.js';
import { parseDateLine, parseLeadingDate } from './dates.js';

/**
 * The header of an article (title, byline, date, url) read from its first lines, in whatever
 * order the site puts them, and the publisher a contact footer names.
 */

export interface Header {
  title: string | null;
  authors: string[];
  date: string | null;
  publisher: string | null;
  url: string | null;
  /** Index of the first line after the header. */
  bodyStart: number;
}

/** Headers are a handful of lines; beyond that everything is body. */
const MAX_HEADER_LINES = 6;
/** How many opening body paragraphs may start with the article's date. */
const LEADING_DATE_LINES = 2;
const URL_LINE = /^(?:(?:source|bron|url|original(?: article)?|origineel|link)\s*:\s*)?(https?:\/\/\S+)$/i;

/** Whether a line reads as a headline: short, and not a finished sentence. */
export function isTitleLike(line: string): boolean {
  const text = line.trim();
  if (text.length < 3 || text.length > 250) return false;
  if (/[,;:]$/.test(text) || (/[^.]\.$/.test(text) && !/\.\.$/.test(text))) return false;
  return !isBoilerplateLine(text) && parseDateLine(text) === null;
}

/** Index of the next non-empty line at or after `from` (and before `end`), or -1. */
export function nextTextLine(lines: readonly string[], from: number, end = lines.length): number {
  for (let i = from; i < end; i += 1) if (lines[i] !== '') return i;
  return -1;
}

/**
 * Reads the header at the top of `lines[start, end)`. A bare name or `Name – Publisher` counts as
 * a byline only when something confirms it (a date beside it, or the name again in the body),
 * so a short subtitle is never mistaken for an author.
 */
export function parseHeader(lines: readonly string[], start: number, end: number): Header {
  const header: Header = { title: null, authors: [], date: null, publisher: null, url: null, bodyStart: start };
  let seen = 0;
  let i = nextTextLine(lines, start, end);
  while (i !== -1 && seen < MAX_HEADER_LINES) {
    const line = lines[i] ?? '';
    const date = parseDateLine(line);
    const url = URL_LINE.exec(line)?.[1];
    const byline = header.authors.length === 0 ? parseByline(line) : null;
    if (date) {
      if (header.date !== null) break;
      header.date = date;
    } else if (url) {
      header.url ??= url;
    } else if (byline && isConfirmed(byline, lines, i, start, end)) {
      header.authors = byline.authors;
      header.publisher ??= byline.publisher;
      header.date ??= byline.date;
    } else if (header.title === null && isTitleLike(line)) {
      header.title = line;
    } else {
      break;
    }
    seen += 1;
    i = nextTextLine(lines, i + 1, end);
    header.bodyStart = i === -1 ? end : i;
  }
  // Some sites open the first paragraph with the date (`3 Jun 2023 – Reports ...`), after a subtitle.
  for (let n = 0, j = nextTextLine(lines, header.bodyStart, end); header.date === null && j !== -1 && n < LEADING_DATE_LINES; n += 1) {
    header.date = parseLeadingDate(lines[j] ?? '');
    j = nextTextLine(lines, j + 1, end);
  }
  return header;
}

/** Whether a byline at line `at` of the article `lines[start, end)` is confirmed. */
function isConfirmed(byline: { authors: string[]; corroborated: boolean }, lines: readonly string[], at: number, start: number, end: number): boolean {
  if (byline.corroborated) return true;
  const neighbours = [nextTextLine(lines, at + 1, end), previousTextLine(lines, at)];
  if (neighbours.some((n) => n !== -1 && parseDateLine(lines[n] ?? '') !== null)) return true;
  // The name again further on (an author bio, a sign-off) confirms it. Joined only here: most bylines never get this far.
  const text = lines.slice(start, end).join('\n');
  return byline.authors.every((name) => text.split(name).length > 2);
}

function previousTextLine(lines: readonly string[], before: number): number {
  for (let i = before - 1; i >= 0; i -= 1) if (lines[i] !== '') return i;
  return -1;
}

/**
 * The site a contact footer names (`To contact the WSWS ... visit: wsws.org/contact`): the site's
 * domain, upper-cased when it is an acronym-length label. Null without such a footer.
 */
export function findFooterPublisher(lines: readonly string[]): string | null {
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (!/^(?:to )?contact\b/i.test(line) || !isBoilerplateLine(line)) continue;
    const next = nextTextLine(lines, i + 1);
    const domain = /^(?:https?:\/\/)?(?:www\.)?([\w-]+)\.[a-z]{2,}(?:\/|$)/i.exec(lines[next] ?? '')?.[1];
    if (domain) return domain.length <= 5 ? domain.toUpperCase() : domain;
  }
  return null;
}

/** A url a `Go to Original – https://...` or `Source: https://...` line states. */
export function findStatedUrl(lines: readonly string[]): string | null {
  for (const line of lines) {
    const match = /^(?:go to original|read the original|original|source|bron)\b[^h]*(https?:\/\/\S+)$/i.exec(line);
    if (match?.[1]) return match[1];
  }
  return null;
}
