import { INVISIBLE } from '../../text/normalize.js';
import type { StatedMetadata } from '../stated-metadata.js';
import { parseByline } from '../bylines.js';
import { parseDateLine } from '../dates.js';

/**
 * What every format reader gives the layout rules: the document as plain-text lines, blocks
 * separated by one blank line, with the headings the format marks, and the metadata the format
 * states outside the text.
 */

export interface RenderedDocument {
  /** Cleaned lines; `''` separates blocks. Article text is made of these, so quotes are exact. */
  lines: string[];
  /** Heading level by line index, for the formats that mark headings (markdown, HTML). */
  headings: ReadonlyMap<number, number>;
  /** The date a heading links to (a post's dated permalink or anchor), by line index. */
  headingDates?: ReadonlyMap<number, string>;
  stated: StatedMetadata;
}

/** A paragraph, heading, list or code block: lines that belong together. */
export interface Block {
  lines: string[];
  /** 1-6 for a heading, 0 otherwise. */
  heading: number;
  /** Lists, tables and code are never joined to a neighbouring paragraph. */
  structured?: boolean;
  /** For a heading: the date its link points at. */
  date?: string;
}

/** Spaces that render as a space but are not one (NBSP, thin and ideographic spaces, tabs). */
const ODD_SPACES = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

/** NFC, plain single spaces, no invisible characters, trimmed. */
export function cleanLine(line: string): string {
  return line.normalize('NFC').replace(INVISIBLE, '').replace(ODD_SPACES, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Text split into lines with any line ending. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n?|\n/);
}

/**
 * A paragraph that stops without punctuation and one that goes on in lower case are one
 * paragraph split by the extraction (a copied web page); headings and a `by ...` line are never joined.
 */
function continuesParagraph(previous: Block | undefined, block: Block): boolean {
  if (!previous || previous.heading > 0 || block.heading > 0 || previous.structured || block.structured) return false;
  const last = previous.lines[previous.lines.length - 1] ?? '';
  const first = block.lines[0] ?? '';
  return /^\p{Ll}/u.test(first) && parseDateLine(first) === null && parseByline(first) === null && /[\p{L}\p{N},'’-]$/u.test(last);
}

/** Lays blocks out as lines with single blank lines between them, cleaning every line. */
export function assembleBlocks(blocks: readonly Block[]): Pick<RenderedDocument, 'lines' | 'headings' | 'headingDates'> {
  const kept: Block[] = [];
  for (const block of blocks) {
    const lines = block.lines.map(cleanLine).filter((line) => line !== '');
    if (lines.length === 0) continue;
    const cleaned = { ...block, lines };
    const previous = kept[kept.length - 1];
    if (previous && continuesParagraph(previous, cleaned)) {
      const [first = '', ...rest] = lines;
      previous.lines[previous.lines.length - 1] = `${previous.lines[previous.lines.length - 1]} ${first}`;
      previous.lines.push(...rest);
    } else {
      kept.push(cleaned);
    }
  }
  const lines: string[] = [];
  const headings = new Map<number, number>();
  const headingDates = new Map<number, string>();
  for (const block of kept) {
    if (lines.length > 0) lines.push('');
    if (block.heading > 0) for (let i = 0; i < block.lines.length; i += 1) headings.set(lines.length + i, block.heading);
    if (block.heading > 0 && block.date) headingDates.set(lines.length, block.date);
    lines.push(...block.lines);
  }
  return { lines, headings, headingDates };
}
