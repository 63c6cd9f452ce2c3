import { isBoilerplateLine } from './clean.js';
import { AFFILIATION, isPersonName, ROLE, splitAuthorNames } from './bylines.js';
import { parseDateLine } from './dates.js';

/**
 * Authors stated at the end of an article: a sign-off line (`— Jane Roe`, `By Jane Roe`,
 * `Written by Jane Roe`) or a closing author bio (`Jane Roe is a reporter at ...`, or with the
 * job title set off: `Jane Roe, Staff Engineer at Example, has ...`). The sign-off is metadata
 * and leaves the text; a bio is prose and stays. A date line may close the sign-off (a letter's
 * `Jane Roe` / `March 1, 2023`): it dates the article and leaves the text too. A letter signs
 * under its valediction (`Warm wishes,` / `Tom Eastwood` / `Volunteer Coordinator`): the name and
 * role leave the text.
 */

const SIGN_OFF = /^(?:[—–~]|--?)\s*(.+?)\.?$|^(?:(?:written|posted|reported)\s+by|(?:minutes|notes)\s+(?:taken|written|recorded|kept)\s+by|by|door|geschreven door)\s+(.+?)\.?$/i;
/** The role or group after a signing name (`Minutes taken by Gwen Pryce, secretary.`, `Written by Jo Penn on behalf of the Bellringers`). */
const TRAILING_ROLE = /,\s+(?:the\s+)?[a-z][a-z -]{2,40}$|\s+(?:on behalf of|for)\s+\S.*$/;
/** Two to five capitalised words that name the writer in a closing note or bio (group 1). */
const WRITER_NAME = String.raw`((?:\p{Lu}[\p{L}'’.-]*\s+){1,4}\p{Lu}[\p{L}'’-]+)`;
/** A closing note introducing the writer (`About me: I'm Fiona Achterberg, ...`, `About the author: Jane Roe is ...`). */
const ABOUT_WRITER = /^[*_]*about (?:me|the author|the writer)\s*[:.–—-]\s*/i;
const FIRST_PERSON_NAME = new RegExp(String.raw`^(?:I['’]m|I am|my name is)\s+${WRITER_NAME}`, 'u');
const BIO = new RegExp(String.raw`^${WRITER_NAME}\s+(?:is (?:a|an|the)|was (?:a|an|the)|is een|writes (?:about|for)|works (?:at|for|as)|werkt (?:bij|als|aan)|schrijft (?:over|voor))\b`, 'u');
/** A bio that sets the job title off after the name (`Tan Zhiqiang, AWS Migration Solution Architect, is ...`). */
const BIO_WITH_ROLE = new RegExp(String.raw`^${WRITER_NAME},\s+([^,]{3,100}),\s+(?:is|was|has|had|works|worked|writes|leads|heads|werkt|schrijft|leidt)\b`, 'u');
/** A letter's close before the name that signs it (`Warm wishes,`, `Thank you for standing with us,`, `Met vriendelijke groet,`). */
const VALEDICTION =
  /^(?:(?:with\s+)?(?:warm(?:est)?|kind(?:est)?|best|many)?\s*(?:wishes|regards|thanks)|thanks(?: again)?|thank you\b[^.!?]{0,80}|cheers|sincerely|yours(?: sincerely| faithfully| truly)?|all the best|best|love|in solidarity|(?:met )?vriendelijke groet(?:en)?|(?:hartelijke )?groet(?:en|jes)?)\s*,$/i;
/** A job title under the signing name (`Volunteer Coordinator`): a few words, no sentence. */
const MAX_ROLE_WORDS = 6;

/** The name (and role) signing a letter under its valediction, as line indexes; null when it does not close so. */
function closingSignature(lines: readonly string[], start: number, end: number): { name: string; lines: number[] } | null {
  const [last, beforeLast, third] = closingLines(lines, start, end, 3);
  const isRole = (i: number | undefined) => i !== undefined && (lines[i] ?? '').trim().split(/\s+/).length <= MAX_ROLE_WORDS && !/[.!?]$/.test((lines[i] ?? '').trim());
  for (const [valediction, name, role] of [[beforeLast, last, undefined], [third, beforeLast, last]] as const) {
    if (valediction === undefined || name === undefined || !VALEDICTION.test((lines[valediction] ?? '').trim())) continue;
    if (!isPersonName((lines[name] ?? '').trim()) || (role !== undefined && !isRole(role))) continue;
    return { name: (lines[name] ?? '').trim(), lines: role === undefined ? [name] : [name, role] };
  }
  return null;
}

/** How many closing lines a footer under a worded sign-off may take. */
const FOOTER_REACH = 3;
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

/** A first name alone, as a club's notes are signed among members who know each other (`— Tom, allotment secretary`). */
const FIRST_NAME = /^\p{Lu}[\p{Ll}'’-]+$/u;

/** The names of a sign-off line's signers; a first name alone signs only with the role that vouches for it. */
function signingNames(signed: string): string[] | null {
  const role = TRAILING_ROLE.exec(signed)?.[0] ?? '';
  const name = signed.slice(0, signed.length - role.length).trim();
  return splitAuthorNames(name) ?? (FIRST_NAME.test(name) && ROLE.test(role) ? [name] : null);
}

/** A mail's signature delimiter (`-- `): the name under it signs the text, and the lines under it are no part of it. */
const SIGNATURE_DELIMITER = /^--\s*$/;

/** The signature under a delimiter among the closing lines, or null. */
function delimitedSignature(lines: readonly string[], start: number, end: number): Signature | null {
  const closing = closingLines(lines, start, end, FOOTER_REACH + 1).reverse();
  const delimiter = closing.findIndex((i) => SIGNATURE_DELIMITER.test(lines[i] ?? ''));
  const nameLine = closing[delimiter + 1];
  if (delimiter === -1 || nameLine === undefined) return null;
  const authors = splitAuthorNames((lines[nameLine] ?? '').trim().replace(TRAILING_ROLE, ''));
  return authors ? { authors, date: null, lines: closing.slice(delimiter) } : null;
}

/** The authors an article's closing lines state, or null. */
export function findSignature(lines: readonly string[], start: number, end: number): Signature | null {
  const [last, beforeLast] = closingLines(lines, start, end, 2);
  if (last === undefined) return null;
  const delimited = delimitedSignature(lines, start, end);
  if (delimited) return delimited;
  const date = parseDateLine(lines[last] ?? '');
  const signed = date === null ? last : beforeLast;
  const line = signed === undefined ? '' : (lines[signed] ?? '');
  const signOff = SIGN_OFF.exec(line);
  // Under a date line a bare name signs too (`Jane Roe` / `March 1, 2023`).
  const names = signOff ? signingNames(signOff[1] ?? signOff[2] ?? '') : date !== null && isPersonName(line) ? [line.trim()] : null;
  if (names && signed !== undefined) return { authors: names, date, lines: date === null ? [signed] : [signed, last] };
  const letter = closingSignature(lines, start, end);
  if (letter) return { authors: [letter.name], date: null, lines: letter.lines };
  // A worded sign-off may stand above a publication's footer (`Written by ...` / `Parish News is produced by volunteers ...`).
  for (const i of closingLines(lines, start, end, FOOTER_REACH).slice(1)) {
    const worded = SIGN_OFF.exec(lines[i] ?? '')?.[2];
    const authors = worded ? splitAuthorNames(worded.replace(TRAILING_ROLE, '')) : null;
    if (authors) return { authors, date: null, lines: [i] };
  }
  for (const i of closingLines(lines, start, end, BIO_REACH)) {
    const about = ABOUT_WRITER.exec(lines[i] ?? '');
    const line = (lines[i] ?? '').slice(about?.[0].length ?? 0);
    const withRole = BIO_WITH_ROLE.exec(line);
    const name =
      BIO.exec(line)?.[1] ??
      (withRole && (ROLE.test(withRole[2] ?? '') || AFFILIATION.test(withRole[2] ?? '')) ? withRole[1] : undefined) ??
      (about ? FIRST_PERSON_NAME.exec(line)?.[1] : undefined);
    if (name && line.length <= MAX_BIO_LENGTH && isPersonName(name)) return { authors: [name], date: null, lines: [] };
  }
  return null;
}
