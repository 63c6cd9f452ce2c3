import { createRequire } from 'node:module';
import { readArchiveDownload } from '../archive-download.js';
import { readChatExport } from '../chat-export.js';
import { readMasthead } from '../masthead.js';
import { NOTHING_STATED } from '../stated-metadata.js';
import { findWrappedLines, isCodeIndent } from '../unwrap.js';
import { assembleBlocks, splitLines, type Block, type RenderedDocument } from './rendered.js';

/**
 * Bytes to text, so a quote shows exactly the characters the author wrote: UTF-8 (the usual case),
 * UTF-16 with its byte-order mark (Windows Notepad's "Unicode"), the charset a web page declares
 * (Word saves pages as windows-1252), and otherwise Windows-1252, the encoding of most older
 * Western files, with a note saying so.
 */

export type DecodedText = { ok: true; text: string } | { ok: false; message: string };
export type DecodedDocument = { ok: true; text: string; note: string | null } | { ok: false; message: string };

const LEGACY_NOTE = 'is not UTF-8; read as Windows-1252 (Western European), the usual encoding of older files: if letters look wrong in its quotes, re-save it as UTF-8';

/** The charset a web page declares in its head (`<meta charset=...>` or the `http-equiv` Content-Type). */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  if (!/<(?:!doctype\s+html|html|head)[\s>]/i.test(head)) return null;
  return /<meta[^>]*\bcharset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ?? null;
}

let iconv: typeof import('iconv-lite') | null = null;

/**
 * Node 20's TextDecoder reads windows-1252 as ISO-8859-1 (0x93 stays a control character, not “):
 * iconv-lite maps every byte as the encoding defines it. Loaded on the first file not in UTF-8.
 */
function decodeAs(label: string, bytes: Uint8Array): string | null {
  iconv ??= createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite');
  return iconv.encodingExists(label) ? iconv.decode(Buffer.from(bytes), label) : null;
}

/** Decodes a corpus document in whichever encoding it is in (see above), or says why it is not text. */
export function decodeDocument(bytes: Uint8Array): DecodedDocument {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes), note: null };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes), note: null };
  const utf8 = decodeText(bytes);
  if (utf8.ok) return { ...utf8, note: null };
  // Without a byte-order mark a NUL byte means binary data (or UTF-16 that cannot be told from it).
  if (bytes.includes(0)) return utf8;
  const charset = declaredCharset(bytes);
  const declared = charset ? decodeAs(charset, bytes) : null;
  if (declared !== null) return { ok: true, text: declared, note: null };
  return { ok: true, text: decodeAs('windows-1252', bytes)!, note: LEGACY_NOTE };
}

/** Decodes bytes as UTF-8 text (a byte-order mark is dropped), or says why they are not text (sidecars must be UTF-8). */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.includes(0)) return { ok: false, message: 'contains NUL bytes, so it looks binary (or UTF-16); save it as UTF-8 plain text' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, message: 'is not valid UTF-8 text; re-save it with UTF-8 encoding' };
  }
}

/** A heading's level, its text without a mark, and the date it carries (an Org journal's `* <2023-04-01 Sat> Seed swap`), or null when the line is no heading. */
export type HeadingReader = (line: string) => { level: number; text: string; date?: string } | null;

/** A reStructuredText or setext underline: one punctuation character repeated. */
const UNDERLINE = /^([=\-~^*#+`'"._:])\1{2,}$/;

/** Whether line `i` underlines the text line above it, making that line a heading. */
function isUnderline(lines: readonly string[], i: number): boolean {
  const line = (lines[i] ?? '').trim();
  const above = (lines[i - 1] ?? '').trim();
  return UNDERLINE.test(line) && above !== '' && !UNDERLINE.test(above) && line.length >= above.length * 0.6;
}

/** A rule drawn across the text (`=====...`, `-----...`) that underlines nothing: a separator, not words. */
const MIN_RULE_LENGTH = 10;
const isRule = (line: string): boolean => line.trim().length >= MIN_RULE_LENGTH && UNDERLINE.test(line.trim());

/** Fewer letters and digits than this share of a line's marks, with some of the strokes it is drawn with, make it ASCII art (a banner), not words. */
const MIN_WORD_SHARE = 0.3;
const MIN_STROKES = 3;
const isDrawing = (line: string): boolean => {
  const marks = line.replace(/\s/g, '');
  const strokes = marks.match(/[_|/\\]/g)?.length ?? 0;
  return strokes >= MIN_STROKES && (marks.match(/[\p{L}\p{N}]/gu)?.length ?? 0) < marks.length * MIN_WORD_SHARE;
};

/**
 * reStructuredText markup that draws rather than says: an image, a figure's path, an admonition's
 * mark (its indented body is text), a link target, a table of contents; and the `:option:` lines
 * under them. Metadata directives (`.. post::`) are left to the header's field reader.
 */
const RST_MARKUP = /^\.\.\s+(?:(?:image|figure|raw|include|contents|sectnum|toctree|highlight|index|note|tip|warning|important|caution|attention|hint|danger|error|seealso)::.*|_[^:\n]+:.*)$/;
const RST_OPTION = /^\s+:[\w-]+:(?:\s.*)?$/;

/** Whether line `i` is such markup, or an option line under it. */
function isRstMarkup(lines: readonly string[], i: number): boolean {
  if (RST_MARKUP.test(lines[i] ?? '')) return true;
  let j = i;
  while (j > 0 && RST_OPTION.test(lines[j] ?? '')) j -= 1;
  return j < i && RST_MARKUP.test(lines[j] ?? '');
}

/** Whether line `i` is the overline of a heading adorned above and below (`====` / `Title` / `====`). */
function isOverline(lines: readonly string[], i: number): boolean {
  return UNDERLINE.test((lines[i] ?? '').trim()) && (lines[i + 1] ?? '').trim() !== '' && isUnderline(lines, i + 2);
}

/**
 * Plain text as blocks: blank lines separate paragraphs, and the lines of a hard-wrapped
 * paragraph are joined with a space. Every other character stays as written: plain text is
 * never read as markdown, so `__init__`, `*` and `>>>` keep their meaning. An underlined line
 * (`Introduction` over `====`, maybe with the same line above it) is a heading; its adornment is
 * not text. A two-column masthead (RFCs) and an Archive of Our Own download's pages around the
 * work are read as metadata; an exported group chat keeps its messages (see chat-export).
 * `headingOf` tells the lines the source set as headings (a PDF's larger type, AsciiDoc's
 * `== Setup`) and their text without a mark.
 */
export function renderPlainText(text: string, headingOf: HeadingReader = () => null): Pick<RenderedDocument, 'lines' | 'headings' | 'headingDates' | 'stated'> {
  const chat = readChatExport(splitLines(text));
  const allLines = chat?.lines ?? splitLines(text);
  const masthead = chat ? null : (readArchiveDownload(allLines) ?? readMasthead(allLines));
  const lines = masthead ? allLines.slice(masthead.lineCount, masthead.end) : allLines;
  const wrapped = findWrappedLines(lines);
  const blocks: Block[] = [];
  let current: Block | null = null;
  // The heading last seen, with only blank lines since: a heading set over two lines (a PDF's title) is one heading.
  let heading: Block | null = null;
  lines.forEach((line, i) => {
    const marked = headingOf(line);
    if (marked && heading?.heading === marked.level) {
      heading.lines[0] += ` ${marked.text.trim()}`;
      return;
    }
    if (line.trim() !== '') heading = null;
    if (isUnderline(lines, i)) {
      const heading = current?.lines.pop();
      if (current && current.lines.length === 0) blocks.pop();
      if (heading !== undefined) blocks.push({ lines: [heading], heading: 1 });
      current = null;
    } else if (line.trim() === '' || isOverline(lines, i) || isRule(line) || isDrawing(line) || isRstMarkup(lines, i)) {
      current = null;
    } else if (marked) {
      heading = { lines: [marked.text], heading: marked.level, ...(marked.date ? { date: marked.date } : {}) };
      blocks.push(heading);
      current = null;
    } else if (current === null) {
      // An indented block is code or a quotation: never joined to the paragraph around it.
      current = { lines: [line], heading: 0, structured: isCodeIndent(line) };
      blocks.push(current);
    } else if (wrapped[i]) {
      current.lines[current.lines.length - 1] += ` ${line.trim()}`;
    } else {
      current.lines.push(line);
    }
  });
  return { ...assembleBlocks(blocks), stated: chat?.stated ?? masthead?.stated ?? NOTHING_STATED };
}
