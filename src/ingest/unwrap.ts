import { NOTE_MARKS, parseByline } from './bylines.js';
import { parseDateLine } from './dates.js';

/**
 * Hard-wrapped text (Project Gutenberg, RFCs, PEPs, e-mail, PDF lines) breaks its sentences at a
 * fixed width. Such lines are joined with a space, which changes only whitespace, so a quote
 * stays the exact words of the source. A line that starts a list item, or is a date, a byline,
 * a `Field: value` line or a mail's quoted line (`> ...`), always keeps its own line: it carries
 * structure, not a wrapped sentence.
 */

/** Lines much wider than this are whole paragraphs, so the text is not hard-wrapped. */
const MAX_WRAP_WIDTH = 130;
/** Texts are not wrapped narrower than this: shorter lines are lists, verse or headers. */
const MIN_WRAP_WIDTH = 50;
/** Too few continued lines say nothing about a wrap width. */
const MIN_CONTINUED_LINES = 4;
/** A line shorter than this share of the wrap width ends its paragraph line (a heading, a verse, a last line). */
const FULL_LINE_SHARE = 0.6;
/** The wrap width is the length most full lines reach: a high percentile, so a few long lines do not count. */
const WIDTH_PERCENTILE = 0.9;
/** In a hard-wrapped text, at least this share of the lines that go on to another line come near the width. */
const WRAPPED_SHARE = 0.5;
/** "Near the width". */
const NEAR_WIDTH = 0.75;

const MAX_FIRST_LINE_INDENT = 5;

const LIST_ITEM = /^(?:[-*•+–]|\d{1,3}[.)]|[a-zA-Z][.)]|\(\w{1,3}\)|\[\d+\])\s/;
const QUOTED_MAIL_LINE = /^>/;
/** A paper's affiliation or footnote line opens on the mark its name or word carries (`¹ University of Galway`). */
const NOTE_LINE = new RegExp(`^[${NOTE_MARKS}]`);
const FIELD_LINE = /^\p{Lu}[\p{L}-]*(?: [\p{L}-]+){0,2}:(?:\s|$)/u;

/** Whether a line may be joined to the line before it, whatever the widths. */
export function canContinue(previous: string, line: string): boolean {
  const before = previous.trim();
  const text = line.trim();
  if (before === '' || text === '') return false;
  if (LIST_ITEM.test(text) || FIELD_LINE.test(text)) return false;
  // A mail's quoted lines (`> ...`) are someone else's words, each line kept with its mark.
  if (QUOTED_MAIL_LINE.test(text) || QUOTED_MAIL_LINE.test(before) || NOTE_LINE.test(text)) return false;
  for (const candidate of [before, text]) {
    if (parseDateLine(candidate) !== null) return false;
    if (candidate.length <= 120 && parseByline(candidate) !== null) return false;
  }
  return true;
}

/** Indented this deep (a tab, or four spaces), a line is code or a quoted block, never wrapped prose. */
const CODE_INDENT = 4;

/** Whether a line is indented like code or a quoted block. */
export function isCodeIndent(line: string): boolean {
  return indentOf(line) >= CODE_INDENT;
}

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)?.[0].replace(/\t/g, '    ').length ?? 0;
}

/**
 * The width a hard-wrapped text is wrapped at, or null when its lines are not wrapped: most
 * lines that go on to another line reach about the same length.
 */
export function wrapWidth(lines: readonly string[]): number | null {
  const lengths = lines.map((line) => line.trimEnd().length).filter((length) => length > 0).sort((a, b) => a - b);
  if (lengths.length < 2) return null;
  const width = lengths[Math.min(lengths.length - 1, Math.floor(lengths.length * WIDTH_PERCENTILE))] ?? 0;
  if (width < MIN_WRAP_WIDTH || width > MAX_WRAP_WIDTH) return null;
  const continued = lines.filter((line, i) => line.trim() !== '' && (lines[i + 1] ?? '').trim() !== '');
  const full = continued.filter((line) => line.trimEnd().length >= width * NEAR_WIDTH);
  return continued.length >= MIN_CONTINUED_LINES && full.length >= continued.length * WRAPPED_SHARE ? width : null;
}

/** A line that stops mid-sentence, continued by one in lower case (one clause per line). */
function isBrokenSentence(previous: string, line: string): boolean {
  return !/[.!?:;"”’)\]]$/.test(previous.trimEnd()) && /^\p{Ll}/u.test(line.trim());
}

/**
 * For each line, whether it continues the line before it: the line before reaches the wrap
 * width of a hard-wrapped text or stops mid-sentence before a lower-case line; it is not
 * indented deeper; and `canContinue` allows it.
 */
export function findWrappedLines(lines: readonly string[]): boolean[] {
  const width = wrapWidth(lines);
  return lines.map((line, i) => {
    if (i === 0) return false;
    const previous = lines[i - 1] ?? '';
    const full = width !== null && previous.trimEnd().length >= width * FULL_LINE_SHARE;
    if (!full && !isBrokenSentence(previous, line)) return false;
    // A paragraph's first line may be indented a little more than the lines that continue it;
    // lines indented like code are kept as they are.
    const outdent = indentOf(previous) - indentOf(line);
    return outdent >= 0 && outdent <= MAX_FIRST_LINE_INDENT && !isCodeIndent(line) && canContinue(previous, line);
  });
}
