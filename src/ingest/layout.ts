import type { Article } from '../domain.js';
import { detectArticleLanguage, SHORT_ARTICLE_LENGTH } from './article-language.js';
import { findAuthorsSection } from './author-section.js';
import { findIntroducedAuthor, findStatedAuthorNames, findStatedPublishers, parseCreditLine } from './bylines.js';
import { joinBodyLines } from './clean.js';
import { parseDateline } from './dates.js';
import { readFieldBlock, type FieldBlock } from './field-block.js';
import { findForwardedMessage, removeMailTail } from './mail-tail.js';
import type { RenderedDocument } from './formats/rendered.js';
import { findFooterPublisher, findStatedUrl, isTitleLike, nextTextLine, parseHeader, type Header } from './metadata.js';
import { removeGutenbergFrame, removeLicenceSections } from './publisher-boilerplate.js';
import { segmentLines, type LineRange, type Segment } from './segment.js';
import { findSignature } from './signature.js';
import { NOTHING_STATED, type StatedMetadata } from './stated-metadata.js';

/**
 * From a rendered document to its articles: publisher frames and header blocks taken off,
 * the file split into articles by its layout, each article's header and sign-off read, and the
 * metadata the file states (front matter, web page, PDF info) applied to a file of one article.
 */

interface Draft {
  segment: Segment;
  header: Header;
  text: string;
  signature: ReturnType<typeof findSignature>;
}

function linesOf(lines: readonly string[], ranges: readonly LineRange[]): string[] {
  return ranges.flatMap((range, n) => [...(n > 0 ? [''] : []), ...lines.slice(range.start, range.end)]);
}

/** Text this short without a sentence's end is a masthead's line, not an article. */
const MAX_MASTHEAD_WORDS = 12;
/** A table of contents: its heading, and entries with dot leaders to a page number (`2. Seed swap report ..... 2`). */
const CONTENTS_LINE = /(?:\.{3,}|…)\s*\d+$|^(?:in this issue|contents|table of contents|inhoud|in dit nummer)$/i;
const isMastheadOnly = (text: string): boolean => {
  const rest = text
    .split('\n')
    .filter((line) => !CONTENTS_LINE.test(line.trim()))
    .join('\n');
  return !/[.!?…]["'”’)]*(?:\s|$)/u.test(rest) && rest.split(/\s+/).length <= MAX_MASTHEAD_WORDS;
};

/** The first words of the text, for an article that states no title. */
function fallbackTitle(text: string): string {
  const first = text.split('\n')[0] ?? '';
  return first.length <= 80 ? first : `${first.slice(0, 80).replace(/\s+\S*$/, '')}…`;
}

/** Field by field, the first source that states it. */
function mergeStated(...sources: readonly StatedMetadata[]): StatedMetadata {
  const pick = <K extends keyof StatedMetadata>(key: K): StatedMetadata[K] =>
    sources.map((source) => source[key]).find((value) => (Array.isArray(value) ? value.length > 0 : value !== null)) ?? NOTHING_STATED[key];
  return { title: pick('title'), authors: pick('authors'), date: pick('date'), language: pick('language'), url: pick('url'), publisher: pick('publisher') };
}

/** The date a Jekyll-style file name starts with (`2014-11-13-why-we-use-https.md`). */
function fileNameDate(source: string): string | null {
  const match = /(?:^|\/)(\d{4})-(\d{2})-(\d{2})[-_.]/.exec(source);
  if (!match) return null;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

/** A show's or newsletter's name and tagline above the block of fields that titles the issue. */
const MAX_MASTHEAD_LINES = 2;

/**
 * A block of fields that states a title under a masthead paragraph (a podcast transcript's `THE
 * SHED HOURS PODCAST` / tagline, then `Episode 42: Title`, `Recorded: ...`, `Host: ...`): the
 * block, which takes the masthead's lines too. Null otherwise.
 */
function titledBlockUnderMasthead(lines: readonly string[], top: number): FieldBlock | null {
  let end = top;
  while (end < lines.length && lines[end] !== '') end += 1;
  if (end - top > MAX_MASTHEAD_LINES || !lines.slice(top, end).every((line) => isTitleLike(line))) return null;
  const start = nextTextLine(lines, end);
  const block = start === -1 ? null : readFieldBlock(lines, start);
  if (!block || block.stated.title === null) return null;
  return { ...block, lines: [...Array.from({ length: end - top }, (_, n) => top + n), ...block.lines] };
}

/**
 * The document's lines without publisher frames, licence sections and an opening header block.
 * `stated` is what the file states about itself as one article (format metadata, a header
 * block); `publisher` what a publisher's frame states, which may describe a whole collection.
 */
function stripFrame(doc: RenderedDocument): { lines: string[]; stated: StatedMetadata; publisher: StatedMetadata } {
  const gutenberg = removeGutenbergFrame(doc.lines);
  const lines = removeLicenceSections(gutenberg.lines, doc.headings);
  const top = nextTextLine(lines, 0);
  const block = top === -1 ? null : (readFieldBlock(lines, top) ?? titledBlockUnderMasthead(lines, top));
  for (const i of block?.lines ?? []) lines[i] = '';
  // A forwarded message is the article; the forwarder's note above it is not, and its header states the article's own.
  const forwarded = block?.forwarded ? findForwardedMessage(lines, Math.max(...block.lines) + 1) : null;
  if (forwarded) {
    for (let i = top; i < forwarded.start; i += 1) lines[i] = '';
    for (const i of [forwarded.start, ...forwarded.block.lines]) lines[i] = '';
  }
  const outer = block?.stated ?? NOTHING_STATED;
  // Whoever forwarded the message did not write it.
  const stated = mergeStated(doc.stated, forwarded?.block.stated ?? NOTHING_STATED, forwarded ? { ...outer, authors: [] } : outer);
  return { lines: block?.mail ? removeMailTail(lines) : lines, stated, publisher: gutenberg.stated };
}

/**
 * The articles of one rendered file, in file order, with ids `${source}#n`. `fallback` is
 * metadata that counts only where the text states nothing (a PDF's document info).
 */
export function layoutArticles(doc: RenderedDocument, source: string, fallback: StatedMetadata = NOTHING_STATED): Article[] {
  const frame = stripFrame(doc);
  const { lines } = frame;
  // A stated title does not make the file one article: a devlog page states its own and holds posts under their headings.
  const segments = segmentLines(lines, { headings: doc.headings, headingDates: doc.headingDates });
  const stated = mergeStated(frame.stated, frame.publisher);
  const single = segments.filter((segment) => segment.republishedIn === null).length === 1;
  const drafts: Draft[] = segments.map((segment) => {
    const [first = { start: 0, end: 0 }, ...others] = segment.ranges;
    const header = parseHeader(lines, first.start, first.end, {
      headings: doc.headings,
      headingDates: doc.headingDates,
      // A thread's posts go by its title: a reply's first line is never its headline.
      statedTitle: (single && segment.republishedIn === null) || segment.inThread ? stated.title : null,
    });
    const last = segment.ranges[segment.ranges.length - 1] ?? first;
    const signature = header.authors.length === 0 ? findSignature(lines, Math.max(header.bodyStart, last.start), last.end) : null;
    const bodyLines = linesOf(lines, [{ start: header.bodyStart, end: first.end }, ...others]);
    for (const line of signature?.lines ?? []) bodyLines[bodyLines.length - (last.end - line)] = '';
    return { segment, header, text: joinBodyLines(bodyLines), signature };
  });

  const fullText = lines.join('\n');
  const publishers = [...findStatedPublishers(fullText), ...drafts.flatMap(({ header }) => (header.publisher ? [header.publisher] : []))];
  const knownNames = [...findStatedAuthorNames(fullText, publishers), ...drafts.flatMap(({ header }) => header.authors)];

  // In a file of several articles, a few words with no sentence in them (a newsletter's issue line) are the collection's masthead.
  const mastheads = drafts.filter((draft) => drafts.length > 1 && isMastheadOnly(draft.text));
  const kept = drafts.filter((draft) => draft.text !== '' && !mastheads.includes(draft));
  // The issue date a masthead states dates the collection's articles that state none of their own.
  const issueDate = mastheads.flatMap((draft) => [draft.header.date, ...draft.text.split('\n').map((line) => parseDateline(line)?.date)]).find(Boolean) ?? null;
  const ids = new Map(kept.map((draft, n) => [draft, `${source}#${n}`]));
  // A short post among several is told by all the file's posts; an article a post republishes may be in another language.
  const posts = kept.filter((draft) => draft.segment.republishedIn === null);
  let postsLanguage: Article['language'] | undefined;
  const languageOf = (draft: Draft): Article['language'] => {
    if (posts.length < 2 || draft.segment.republishedIn !== null || draft.text.length >= SHORT_ARTICLE_LENGTH) return detectArticleLanguage(draft.text);
    postsLanguage ??= detectArticleLanguage(posts.map((post) => post.text).join('\n\n'));
    return postsLanguage;
  };
  // A collection no entry of which is signed (a journal) is by the author the file states.
  const collectionAuthors = !single && !kept.some((draft) => draft.header.authors.length > 0 || draft.signature !== null) ? stated.authors : [];
  return kept.map((draft): Article => {
    const { segment, header, text, signature } = draft;
    const credit = segment.creditLine === null ? null : parseCreditLine(lines[segment.creditLine] ?? '');
    const host = segment.republishedIn === null ? undefined : drafts[segment.republishedIn];
    let authors = header.authors.length > 0 ? header.authors : (credit?.authors ?? signature?.authors ?? []);
    if (authors.length === 0 && single && !host) authors = findAuthorsSection(lines, doc.headings, segment.ranges);
    if (authors.length === 0 && host) {
      const start = segment.ranges[0]?.start;
      const intro = host.segment.ranges.find((range) => range.end === start);
      const introduced = intro ? findIntroducedAuthor(linesOf(lines, [intro]).join('\n'), knownNames, publishers) : null;
      if (introduced) authors = [introduced];
    }
    // What the file states describes its one article; a collection's title and authors are not its articles'.
    const own = single && !host ? stated : NOTHING_STATED;
    const last = single && !host ? fallback : NOTHING_STATED;
    const ownLines = linesOf(lines, segment.ranges);
    return {
      id: ids.get(draft) ?? '',
      source,
      title: own.title ?? header.title ?? (segment.inThread ? stated.title : null) ?? last.title ?? fallbackTitle(text),
      authors: own.authors.length > 0 ? own.authors : authors.length > 0 ? authors : last.authors.length > 0 ? last.authors : host ? [] : collectionAuthors,
      date: own.date ?? header.date ?? signature?.date ?? (single && !host ? fileNameDate(source) : null) ?? last.date ?? (host ? null : issueDate),
      publisher: own.publisher ?? header.publisher ?? credit?.publisher ?? findFooterPublisher(ownLines),
      url: own.url ?? header.url ?? findStatedUrl(ownLines),
      language: own.language ?? languageOf(draft),
      republishedIn: host ? (ids.get(host) ?? null) : null,
      text,
    };
  });
}
