import { readMasthead } from '../masthead.js';
import { NOTHING_STATED } from '../stated-metadata.js';
import { findWrappedLines, isCodeIndent } from '../unwrap.js';
import { assembleBlocks, splitLines, type Block, type RenderedDocument } from './rendered.js';

/** Bytes to text: UTF-8 only, so a quote shows exactly the characters the author wrote. */

export type DecodedText = { ok: true; text: string } | { ok: false; message: string };

/** Decodes bytes as UTF-8 text (a byte-order mark is dropped), or says why they are not text. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.includes(0)) return { ok: false, message: 'contains NUL bytes, so it looks binary (or UTF-16); save it as UTF-8 plain text' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, message: 'is not valid UTF-8 text; re-save it with UTF-8 encoding' };
  }
}

/** A line's heading level and its text without a heading mark, or null when the line is no heading. */
export type HeadingReader = (line: string) => { level: number; text: string } | null;

/** A reStructuredText or setext underline: one punctuation character repeated. */
const UNDERLINE = /^([=\-~^*#+`'"._:])\1{2,}$/;

/** Whether line `i` underlines the text line above it, making that line a heading. */
function isUnderline(lines: readonly string[], i: number): boolean {
  const line = (lines[i] ?? '').trim();
  const above = (lines[i - 1] ?? '').trim();
  return UNDERLINE.test(line) && above !== '' && !UNDERLINE.test(above) && line.length >= above.length * 0.6;
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
 * not text. A two-column masthead (RFCs) is read as metadata. `headingOf` tells the lines the
 * source set as headings (a PDF's larger type, AsciiDoc's `== Setup`) and their text without a mark.
 */
export function renderPlainText(text: string, headingOf: HeadingReader = () => null): Pick<RenderedDocument, 'lines' | 'headings' | 'stated'> {
  const allLines = splitLines(text);
  const masthead = readMasthead(allLines);
  const lines = masthead ? allLines.slice(masthead.lineCount) : allLines;
  const wrapped = findWrappedLines(lines);
  const blocks: Block[] = [];
  let current: Block | null = null;
  lines.forEach((line, i) => {
    if (isUnderline(lines, i)) {
      const heading = current?.lines.pop();
      if (current && current.lines.length === 0) blocks.pop();
      if (heading !== undefined) blocks.push({ lines: [heading], heading: 1 });
      current = null;
    } else if (line.trim() === '' || isOverline(lines, i)) {
      current = null;
    } else if (headingOf(line)) {
      const { level, text: heading } = headingOf(line)!;
      blocks.push({ lines: [heading], heading: level });
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
  return { ...assembleBlocks(blocks), stated: masthead?.stated ?? NOTHING_STATED };
}
