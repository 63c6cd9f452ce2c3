import { isBoilerplateLine } from './clean.js';
import { AFFILIATION, isPersonName, ROLE, splitAuthorNames } from './bylines.js';
import { parseDateLine } from './dates.js';

/**
 * Authors stated at the end of an article: a sign-off line (`— Jane Roe`, `By Jane Roe`,
 * `Written by Jane Roe`) or a closing author bio (`Jane Roe is a reporter at ...`, or with the
 * job title set off: `Jane Roe, Staff Engineer at Example, has ...`). The sign-off is metadata
 * and leaves the text; a bio is prose and stays. A date line may close the sign-off (a letter's
 * `Jane Roe` / `March 1, 2023`): it dates the article and leaves the text too.
 */

const SIGN_OFF = /^(?:[—–~]|--?)\s*(.+?)\.?$|^(?:(?:written|posted|reported)\s+by|(?:minutes|notes)\s+(?:taken|written|recorded|kept)\s+by|by|door|geschreven door)\s+(.+?)\.?$/i;
/** The role after a signing name (`Minutes taken by Gwen Pryce, secretary.`). */
const TRAILING_ROLE = /,\s+(?:the\s+)?[a-z][a-z -]{2,40}$/;
const BIO = /^((?:\p{Lu}[\p{L}'’.-]*\s+){1,4}\p{Lu}[\p{L}'’-]+)\s+(?:is (?:a|an|the)|was (?:a|an|the)|is een|writes (?:about|for)|works (?:at|for|as)|werkt (?:bij|als|aan)|schrijft (?:over|voor))\b/u;
/** A bio that sets the job title off after the name (`Tan Zhiqiang, AWS Migration Solution Architect, is ...`). */
const BIO_WITH_ROLE = /^((?:\p{Lu}[\p{L}'’.-]*\s+){1,4}\p{Lu}[\p{L}'’-]+),\s+([^,]{3,100}),\s+(?:is|was|has|had|works|worked|writes|leads|heads|werkt|schrijft|leidt)\b/u;
/** How many closing paragraphs may hold the bio. */
const BIO_REACH = 2;
/** A bio is a few sentences, not a paragraph of the article. */
const MAX_BIO_LENGTH = 400;

export interface Signature {
  authors: string[];
  /** The date line under the sign-off, when there is one. */
  date: string | null;
  /** The sign-off lines to leave out of the text (none for a bio). */
  lines: number[];
}

/** The last text lines of `lines[start, end)` that are not boilerplate, last first. */
function closingLines(lines: readonly string[], start: number, end: number, count: number): number[] {
  const found: number[] = [];
  for (let i = end - 1; i >= start && found.length < count; i -= 1) {
    const line = lines[i] ?? '';
    if (line !== '' && !isBoilerplateLine(line)) found.push(i);
  }
  return found;
}

/** The authors an article's closing lines state, or null. */
export function findSignature(lines: readonly string[], start: number, end: number): Signature | null {
  const [last, beforeLast] = closingLines(lines, start, end, 2);
  if (last === undefined) return null;
  const date = parseDateLine(lines[last] ?? '');
  const signed = date === null ? last : beforeLast;
  const line = signed === undefined ? '' : (lines[signed] ?? '');
  const signOff = SIGN_OFF.exec(line);
  // Under a date line a bare name signs too (`Jane Roe` / `March 1, 2023`).
  const names = signOff ? splitAuthorNames((signOff[1] ?? signOff[2] ?? '').replace(TRAILING_ROLE, '')) : date !== null && isPersonName(line) ? [line.trim()] : null;
  if (names && signed !== undefined) return { authors: names, date, lines: date === null ? [signed] : [signed, last] };
  for (const i of closingLines(lines, start, end, BIO_REACH)) {
    const line = lines[i] ?? '';
    const withRole = BIO_WITH_ROLE.exec(line);
    const name = BIO.exec(line)?.[1] ?? (withRole && (ROLE.test(withRole[2] ?? '') || AFFILIATION.test(withRole[2] ?? '')) ? withRole[1] : undefined);
    if (name && line.length <= MAX_BIO_LENGTH && isPersonName(name)) return { authors: [name], date: null, lines: [] };
  }
  return null;
}
