import { isPersonName } from './bylines.js';
import { isMonthYear, parseDateLine, splitTrailingDate } from './dates.js';
import { ISSUE_MARK } from './metadata.js';
import { NOTHING_STATED, readAuthorNames, type StatedMetadata } from './stated-metadata.js';

/**
 * A masthead laid out in two columns at the top of a fixed-width text, as RFCs and memos open:
 * labels on the left (`Network Working Group`, `Request for Comments: 2324`), the author and
 * the date on the right. It is metadata, never article text. So is a periodical's one-line
 * masthead ruled off above the first article (`Parish News — April 2021      St Elwyn`, `=====`).
 */

/** Columns are separated by a run of at least this many spaces. */
const COLUMN_GAP = / {3,}/;
/** A line drawn across the text under a masthead. */
const RULE = /^[=_~*-]{5,}$/;

/** A cell naming a periodical's issue: its number, or a date or month closing it (`Parish News — April 2021`). */
function namesIssue(cell: string): boolean {
  const last = cell.split(/\s+[—–|·-]\s+|,\s+/).pop() ?? '';
  return ISSUE_MARK.test(cell) || isMonthYear(last) || parseDateLine(last) !== null || splitTrailingDate(cell) !== null;
}

export interface Masthead {
  stated: StatedMetadata;
  /** Number of raw lines the masthead takes. */
  lineCount: number;
  /** The raw line where the text stops, when lines after it (a site's closing notes) are not the text either. */
  end?: number;
}

/**
 * Reads a two-column masthead from the first lines of a text: a block of at least two lines,
 * at least two of them split into columns, whose right-hand column states a date or a name.
 * Null when the text does not open with one.
 */
export function readMasthead(lines: readonly string[]): Masthead | null {
  let first = 0;
  while (first < lines.length && (lines[first] ?? '').trim() === '') first += 1;
  let end = first;
  while (end < lines.length && (lines[end] ?? '').trim() !== '') end += 1;
  const rows = lines.slice(first, end).map((line) => line.trim().split(COLUMN_GAP));
  const [top, under] = rows;
  if (rows.length === 2 && top && top.length >= 2 && RULE.test(under?.[0] ?? '') && top.some(namesIssue)) {
    const date = top.map((cell) => parseDateLine(cell) ?? splitTrailingDate(cell)?.date ?? null).find((found) => found !== null) ?? null;
    return { stated: { ...NOTHING_STATED, date }, lineCount: end };
  }
  if (rows.length < 2 || rows.filter((cells) => cells.length >= 2).length < 2) return null;
  const right = rows.flatMap((cells) => (cells.length >= 2 ? cells.slice(1) : []));
  const date = right.map((cell) => parseDateLine(cell)).find((found) => found !== null) ?? null;
  const authors = right.filter((cell) => parseDateLine(cell) === null && isPersonName(cell)).flatMap(readAuthorNames);
  if (date === null && authors.length === 0) return null;
  return { stated: { ...NOTHING_STATED, date, authors }, lineCount: end };
}
