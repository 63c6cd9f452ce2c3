import { isBoilerplateLine, withoutReadingTime } from './clean.js';
import { AFFILIATION, isCapitalsName, NOTE_MARKS, parseByline, splitAuthorNames } from './bylines.js';
import { parseDateLine, parseDateline, parseLeadingDate, splitTrailingDate } from './dates.js';
import { readMarkupFieldBlock } from './field-block.js';

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
  // A mail header line (`From: ...`, `Date: ...`) quoted in the text is not a headline.
  if (/^(?:from|to|cc|bcc|subject|date|sent|reply-to)\s*:/i.test(text)) return false;
  return !isBoilerplateLine(text) && parseDateLine(text) === null;
}

/** Index of the next non-empty line at or after `from` (and before `end`), or -1. */
export function nextTextLine(lines: readonly string[], from: number, end = lines.length): number {
  for (let i = from; i < end; i += 1) if (lines[i] !== '') return i;
  return -1;
}

export interface HeaderOptions {
  /** The title the file states (front matter, a web page's meta tags): only that line is the title. */
  statedTitle?: string | null;
  /** Heading levels by line, for formats that mark headings. */
  headings?: ReadonlyMap<number, number>;
  /** The dates headings link to (a post's dated permalink or anchor), by line. */
  headingDates?: ReadonlyMap<number, string>;
}

/** Compares titles by their letters and digits, so `# Title` and `"Title"` match. */
export const titleKey = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Whether a line is the stated title (or its start, when the stated one carries a site suffix). */
function isStatedTitle(line: string, statedTitle: string | null | undefined): boolean {
  if (!statedTitle) return true;
  const key = titleKey(line);
  const stated = titleKey(statedTitle);
  return key !== '' && (key === stated || (stated.startsWith(key) && key.length >= stated.length / 2));
}

/** A short `Key: value` line or a tag list, which a header may hold between its title, date and byline. */
function isHeaderField(line: string): boolean {
  return (line.length <= 100 && /^\p{Lu}[\p{L}-]*(?: [\p{L}-]+)?:\s+\S/u.test(line)) || isBoilerplateLine(line);
}

/** A masthead's or a release's editor and contact lines: header, never the title. */
const CONTACT_LINE = /^(?:editors?|edited by|redactie|hoofdredactie|contact|media contact|press contact|perscontact|e-?mail|phone|tel(?:ephone)?|telefoon)\s*:/i;

/** How a press release is marked for the newsroom above its headline: header, never the title. */
const RELEASE_LABEL = /^(?:for immediate release|(?:press|news|media) release|embargoed?\b.*|persbericht|voor directe publicatie)[.:]?$/i;

/** Short lines above a title: a kicker, a section name, a journal's running head. */
const MAX_KICKER_LINES = 2;
const MAX_KICKER_WORDS = 12;

/** A section name or label over a headline ("Stadsnatuur", "Opinion"): a few words, no punctuation at the end. */
const MAX_KICKER_ALONE_WORDS = 4;
const isKicker = (line: string): boolean => line.trim().split(/\s+/).length <= MAX_KICKER_ALONE_WORDS && /[\p{L}\p{N}]$/u.test(line.trim());

/** A periodical's masthead names its issue (`THE WHEEL Newsletter of Calder Valley Wheelers · Issue 47 · 12 June 2023`). */
export const ISSUE_MARK = /\b(?:issue|no\.|vol\.?|volume|nummer|jaargang|editie)\s*\d+/i;
const MAX_ISSUE_LINE_WORDS = 25;

/** The line of the stated title when only a kicker or two (or a masthead) stands above it from line `i`; -1 otherwise. */
function statedTitleBelow(lines: readonly string[], i: number, end: number, statedTitle: string): number {
  const wanted = titleKey(statedTitle);
  if (i === -1 || titleKey(lines[i] ?? '') === wanted) return -1;
  for (let n = 0, j = i; n < MAX_KICKER_LINES && j !== -1; n += 1) {
    const line = (lines[j] ?? '').trim();
    const words = line.split(/\s+/).length;
    if (words > (ISSUE_MARK.test(line) ? MAX_ISSUE_LINE_WORDS : MAX_KICKER_WORDS) || /[.!?]$/.test(line)) return -1;
    j = nextTextLine(lines, j + 1, end);
    if (j !== -1 && titleKey(lines[j] ?? '') === wanted) return j;
  }
  return -1;
}

/** Whether the text line after `i` (within `end`) is a dateline or a byline, so line `i` is still header. */
function isFollowedByMetadata(lines: readonly string[], i: number, end: number): boolean {
  const next = nextTextLine(lines, i + 1, end);
  const line = lines[next] ?? '';
  return next !== -1 && (parseDateline(line) !== null || parseByline(line)?.corroborated === true);
}

/** Whether a byline follows the dateline at `i`: then the name-like lines above it were a subtitle. */
function hasBylineAfter(lines: readonly string[], i: number, end: number): boolean {
  const next = lines[nextTextLine(lines, i + 1, end)] ?? '';
  return isCapitalsName(next) || parseByline(next)?.corroborated === true;
}

/** An affiliation line that opens on the mark an author's name carries (`¹ University of Galway`, a PDF's `1Makerspace Coordinator`). */
const AFFILIATION_NOTE = new RegExp(`^(?:[${NOTE_MARKS}]\\s*|\\d{1,2}(?=\\p{Lu}))\\p{Lu}`, 'u');

/**
 * Author lines one under the other, each a name (an affiliation line may follow a name), that
 * end at a dateline, or anywhere once an affiliation has vouched for them (a paper's
 * `Hannah Becker` / `University of Leeds`): the names, and the index of the last line they take.
 * Null otherwise.
 */
function readAuthorLines(lines: readonly string[], from: number, end: number): { authors: string[]; last: number; date: string | null } | null {
  const authors: string[] = [];
  let last = from;
  let affiliated = false;
  // An affiliation line may end on the date (a talk's `Scarbeck Local History Society · 14 February 2024`).
  let date: string | null = null;
  for (let i = from; i !== -1; i = nextTextLine(lines, i + 1, end)) {
    const line = lines[i] ?? '';
    const names = splitAuthorNames(line);
    if (names) authors.push(...names);
    else if (authors.length > 0 && (AFFILIATION.test(line) || AFFILIATION_NOTE.test(line))) {
      affiliated = true;
      date ??= parseDateline(line)?.date ?? null;
    } else return authors.length > 0 && (affiliated || (parseDateline(line) !== null && !hasBylineAfter(lines, i, end))) ? { authors, last, date } : null;
    last = i;
  }
  return affiliated ? { authors, last, date } : null;
}

/**
 * Reads the header at the top of `lines[start, end)`: title, subtitle, byline or author lines,
 * dateline, url and short fields such as `Tags:`, in whatever order the site puts them. A bare
 * name counts as a byline only when something confirms it (a date beside it or in the header,
 * more author lines ending at a date, or the name again in the body), so a short subtitle is
 * never mistaken for an author. A name in capitals right under the dateline is a byline.
 */
export function parseHeader(lines: readonly string[], start: number, end: number, options: HeaderOptions = {}): Header {
  const header: Header = { title: null, authors: [], date: null, publisher: null, url: null, bodyStart: start };
  let seen = 0;
  let previousWasDate = false;
  let i = nextTextLine(lines, start, end);
  // A kicker, section name or running head above the stated title ("Opinion", "Proceedings of ...") is header too.
  const titleLine = options.statedTitle ? statedTitleBelow(lines, i, end, options.statedTitle) : -1;
  if (titleLine !== -1) {
    // A masthead above the title dates its issue.
    for (let j = i; j < titleLine; j += 1) if (ISSUE_MARK.test(lines[j] ?? '')) header.date ??= splitTrailingDate(lines[j] ?? '')?.date ?? null;
    i = titleLine;
  }
  // A web page whose title heading was taken out as the stated title may leave its kicker on top.
  else if (options.statedTitle && i !== -1 && isKicker(lines[i] ?? '') && !options.headings?.has(i) && titleKey(lines[i] ?? '') !== titleKey(options.statedTitle)) {
    i = nextTextLine(lines, i + 1, end);
    header.bodyStart = i === -1 ? end : i;
  }
  if (i !== -1 && RELEASE_LABEL.test((lines[i] ?? '').trim())) {
    i = nextTextLine(lines, i + 1, end);
    header.bodyStart = i === -1 ? end : i;
  }
  while (i !== -1 && seen < MAX_HEADER_LINES) {
    const line = lines[i] ?? '';
    const dateline = parseDateline(withoutReadingTime(line));
    const url = URL_LINE.exec(line)?.[1];
    const byline = header.authors.length === 0 ? parseByline(line) : null;
    // A reStructuredText field list or directive under the title (`.. post:: Aug 31, 2014` / `:author: Ahmet`).
    const fields = readMarkupFieldBlock(lines, i);
    const authorLines = header.authors.length === 0 && byline && !byline.corroborated ? readAuthorLines(lines, i, end) : null;
    // A byline comes before a dateline: `By Jane Doe, March 3, 2021` carries the date.
    if (fields) {
      if (header.authors.length === 0) header.authors = fields.stated.authors;
      header.date ??= fields.stated.date;
      header.url ??= fields.stated.url;
      i = fields.lines[fields.lines.length - 1] ?? i;
    } else if (byline && (byline.corroborated || (!dateline && !authorLines && isConfirmed(byline, lines, i, start, end, header)))) {
      header.authors = byline.authors;
      header.publisher ??= byline.publisher;
      header.date ??= byline.date;
    } else if (dateline) {
      if (dateline.kind === 'published' && header.date !== null) break;
      if (dateline.kind === 'published') header.date = dateline.date;
      // A post headed by its date alone is titled by that date.
      if (header.title === null && options.headings?.has(i)) header.title = line;
    } else if (url) {
      header.url ??= url;
    } else if (authorLines) {
      header.authors = authorLines.authors;
      header.date ??= authorLines.date;
      i = authorLines.last;
    } else if (header.authors.length === 0 && previousWasDate && isCapitalsName(line) && !options.headings?.has(i)) {
      header.authors = [line];
    } else if (CONTACT_LINE.test(line)) {
      // A masthead's editor or contact line above the first article (`Editor: Margaret Doyle | bulletin@...`).
    } else if (header.title === null && isBoilerplateLine(line)) {
      // A newsletter mail's lines above its title (`View this post on the web at ...`).
    } else if (header.title === null && isTitleLike(line) && isStatedTitle(line, options.statedTitle)) {
      header.title = line;
    } else if ((header.title !== null || (seen === 0 && options.statedTitle)) && header.date === null && header.authors.length === 0 && isTitleLike(line) && isFollowedByMetadata(lines, i, end)) {
      // A subtitle or a section number between the title and the dateline belongs to the header,
      // also when the page left out the title it states (Readability drops a heading that repeats it).
    } else if ((header.title !== null || header.date !== null) && isHeaderField(line)) {
      // `Tags: history` and the like between header lines.
    } else {
      break;
    }
    header.date ??= options.headingDates?.get(i) ?? null;
    previousWasDate = dateline !== null;
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
function isConfirmed(byline: { authors: string[]; corroborated: boolean }, lines: readonly string[], at: number, start: number, end: number, header: Header): boolean {
  if (byline.corroborated) return true;
  // Under a title and a date, a name line is the byline (`Errors are values / 12 Jan 2015 / Rob Pike`).
  if (header.title !== null && header.date !== null) return true;
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
