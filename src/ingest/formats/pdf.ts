import { readAuthorNames, readDateValue, readLanguageValue, readTextValue, type StatedMetadata } from '../stated-metadata.js';
import { ISSUE_MARK } from '../metadata.js';
import { loadPdfJs } from './pdfjs.js';
import { renderPlainText } from './text.js';
import type { RenderedDocument } from './rendered.js';

/**
 * A PDF's text layer, read with pdf.js: lines rebuilt from the positioned text, paragraphs from
 * the gaps between lines, headings from larger type, running heads, footers and page numbers
 * left out, then read like plain text. The document info (Title, Author, CreationDate) is what
 * the PDF states about itself; without a Title, the first page's largest line is the title.
 */

/** A gap between lines wider than this many typical line gaps starts a new paragraph. */
const PARAGRAPH_GAP = 1.4;
/** A line repeated on at least this share of pages (ignoring digits) is a running head or footer. */
const RUNNING_LINE_SHARE = 0.5;
/** A PDF with fewer letters than this per page has no usable text layer. */
const MIN_LETTERS_PER_PAGE = 20;
/** A line set this much larger than the body text is a heading. */
const HEADING_SIZE_RATIO = 1.15;
/** The first page's largest line is the title when it is set at least this much larger than the body text. */
const TITLE_SIZE_RATIO = 1.3;
/** A heading is a line, not a paragraph. */
const MAX_HEADING_LENGTH = 150;

interface PositionedLine {
  text: string;
  y: number;
  height: number;
}

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
  transform?: number[];
  height?: number;
}

function pageLines(items: readonly TextItemLike[]): PositionedLine[] {
  const lines: PositionedLine[] = [];
  let current: PositionedLine | null = null;
  for (const item of items) {
    if (item.str === undefined) continue;
    current ??= { text: '', y: item.transform?.[5] ?? 0, height: item.height ?? 0 };
    current.text += item.str;
    current.height = Math.max(current.height, item.height ?? 0);
    if (item.hasEOL) {
      lines.push(current);
      current = null;
    }
  }
  if (current) lines.push(current);
  return lines.filter((line) => line.text.trim() !== '');
}

/** The page's lines, a blank line wherever the gap to the next line is wider than usual. */
function pageText(lines: readonly PositionedLine[]): string[] {
  const gaps = lines.slice(1).map((line, i) => (lines[i]?.y ?? 0) - line.y).filter((gap) => gap > 0);
  const sorted = [...gaps].sort((a, b) => a - b);
  const typical = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const out: string[] = [];
  lines.forEach((line, i) => {
    const gap = i === 0 ? 0 : (lines[i - 1]?.y ?? 0) - line.y;
    // A wide gap, or a jump back up the page (a new column), ends the paragraph.
    if (i > 0 && (gap < 0 || (typical > 0 && gap > typical * PARAGRAPH_GAP))) out.push('');
    out.push(line.text);
  });
  return out;
}

/** A line's type size, to a tenth of a point: lines set alike compare equal. */
const sizeOf = (line: PositionedLine): number => Math.round(line.height * 10) / 10;
/** A line short enough and with letters enough to be a title or heading. */
const isHeadingSized = (line: PositionedLine): boolean => /\p{L}/u.test(line.text) && line.text.trim().length <= MAX_HEADING_LENGTH;

/** The size most of the text is set in: the size that carries the most letters. */
function bodySize(lines: readonly PositionedLine[]): number {
  const letters = new Map<number, number>();
  for (const line of lines) letters.set(sizeOf(line), (letters.get(sizeOf(line)) ?? 0) + (line.text.match(/\p{L}/gu)?.length ?? 0));
  return [...letters].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/**
 * Headings by the size they are set in: each line noticeably larger than the body text, the
 * largest size level 1. A PDF keeps no heading marks, only type sizes.
 */
function headingLevels(lines: readonly PositionedLine[], body: number): Map<string, number> {
  const large = lines.filter((line) => body > 0 && line.height >= body * HEADING_SIZE_RATIO && isHeadingSized(line));
  const sizes = [...new Set(large.map(sizeOf))].sort((a, b) => b - a);
  return new Map(large.map((line) => [line.text.trim(), sizes.indexOf(sizeOf(line)) + 1]));
}

/**
 * The first page's largest line (with the lines of its size right under it: a title set over two
 * lines), when it stands out from the body text as a title does; a periodical's masthead, which
 * names its issue, does not count.
 */
function largestFirstLine(pages: readonly PositionedLine[][], body: number): string | null {
  const page = (pages[0] ?? []).filter((line) => !ISSUE_MARK.test(line.text));
  const largest = page.filter(isHeadingSized).reduce<PositionedLine | null>((best, line) => (best === null || line.height > best.height ? line : best), null);
  if (!largest || body <= 0 || largest.height < body * TITLE_SIZE_RATIO) return null;
  const title = [largest.text.trim()];
  for (let i = page.indexOf(largest) + 1; i < page.length && sizeOf(page[i]!) === sizeOf(largest); i += 1) title.push(page[i]!.text.trim());
  return title.join(' ');
}

const shapeOf = (line: string): string => line.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();

/** Running heads and footers (the same line on most pages, on both of two) and bare page numbers. */
function runningLines(pages: readonly PositionedLine[][]): Set<string> {
  const running = new Set<string>();
  if (pages.length < 2) return running;
  const needed = pages.length === 2 ? 2 : pages.length * RUNNING_LINE_SHARE;
  const counts = new Map<string, number>();
  for (const page of pages) for (const shape of new Set(page.map((line) => shapeOf(line.text)))) counts.set(shape, (counts.get(shape) ?? 0) + 1);
  for (const [shape, count] of counts) if (count >= needed) running.add(shape);
  return running;
}

/**
 * Titles that name a file or a template rather than the document, and a working copy's name
 * (`Gazette 47 draft`, `Lost mills talk - Feb 2024 (final v2)`, `Copy of Minutes`) or a design tool's
 * default name (`Untitled design (3)`).
 */
const PLACEHOLDER_TITLE =
  /^(?:untitled(?:[ -](?:design|document|presentation|project))?(?: ?\(\d+\)| \d+)?|title|document\d*|(?:powerpoint )?presentation\d*|slide \d+|microsoft (?:word|powerpoint) - .*|.*\.(?:docx?|odt|rtf|pdf|tex|dvi|ps|indd|pages|pub)|copy of .*|.*\((?:final|draft|v\d)[^)]*\)|.*\b(?:draft|final|concept)(?:\s*v?\d+)?|.*\bv\d+(?:\.\d+)?)$/i;
/** Author fields that name an account or a program rather than a person. */
const PLACEHOLDER_AUTHOR = /^(?:administrator|admin|user|owner|unknown|author|root|default|microsoft.*|windows user)$/i;

function readInfo(info: Record<string, unknown>, language: unknown): StatedMetadata {
  const title = readTextValue(info.Title);
  return {
    title: title !== null && !PLACEHOLDER_TITLE.test(title) ? title : null,
    authors: readAuthorNames(info.Author).filter((name) => !PLACEHOLDER_AUTHOR.test(name)),
    date: readDateValue(info.CreationDate),
    language: readLanguageValue(language),
    url: null,
    publisher: null,
  };
}

export type PdfResult = { ok: true; document: RenderedDocument } | { ok: false; message: string };

function describePdfError(error: unknown): string {
  const name = (error as Error).name;
  if (name === 'PasswordException') return 'is an encrypted PDF that needs a password; save an unprotected copy';
  if (name === 'InvalidPDFException') return 'is a damaged PDF that cannot be read (its structure is broken); save or export it again';
  return `is a PDF that cannot be read (${(error as Error).message}); save or export it again`;
}

/** Reads a PDF's text and document info; fails, saying why, for an encrypted, damaged or image-only PDF. */
export async function renderPdf(bytes: Uint8Array): Promise<PdfResult> {
  const { getDocument, VerbosityLevel } = await loadPdfJs();
  let pdf;
  try {
    // pdf.js takes ownership of the buffer it is given, so it gets a copy.
    pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: VerbosityLevel.ERRORS, stopAtErrors: false })
      .promise;
  } catch (error) {
    return { ok: false, message: describePdfError(error) };
  }
  try {
    const pages: PositionedLine[][] = [];
    for (let n = 1; n <= pdf.numPages; n += 1) {
      const page = await pdf.getPage(n);
      pages.push(pageLines((await page.getTextContent()).items as TextItemLike[]));
      page.cleanup();
    }
    const letters = pages.flat().reduce((sum, line) => sum + (line.text.match(/\p{L}/gu)?.length ?? 0), 0);
    if (letters < MIN_LETTERS_PER_PAGE * pdf.numPages) {
      return { ok: false, message: `is a PDF without a text layer (${letters} letters on ${pdf.numPages} ${pdf.numPages === 1 ? 'page' : 'pages'}; scanned images?); run it through OCR or add a text version` };
    }
    const running = runningLines(pages);
    const text = pages
      .map((page) => pageText(page.filter((line) => !running.has(shapeOf(line.text)) && !/^\s*(?:page\s+)?\d+(?:\s*(?:of|\/)\s*\d+)?\s*$/i.test(line.text))).join('\n'))
      .join('\n');
    const { info, metadata } = await pdf.getMetadata();
    const stated = readInfo(info as Record<string, unknown>, (info as Record<string, unknown>).Language ?? metadata?.get('dc:language'));
    const body = bodySize(pages.flat());
    const headings = headingLevels(pages.flat(), body);
    const headingOf = (line: string) => {
      const level = headings.get(line.trim());
      return level ? { level, text: line } : null;
    };
    return {
      ok: true,
      document: { ...renderPlainText(text, headingOf), stated: { ...stated, title: stated.title ?? largestFirstLine(pages, body) } },
    };
  } catch (error) {
    return { ok: false, message: describePdfError(error) };
  } finally {
    await pdf.destroy();
  }
}
