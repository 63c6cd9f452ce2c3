import { isBoilerplateLine, TRAILING_READING_TIME } from './clean.js';
import { isMonthYear, parseDateLine, splitTrailingDate } from './dates.js';

/**
 * Who wrote an article, read only from what the text states: a byline (`By X`, `Written by X`,
 * `X – Publisher`, `X 2 October 2018`), a republishing credit, or an introduction that names
 * whose article follows. A name is never guessed: anything that does not look like a person's
 * name is left out, and the authors stay unknown.
 */

/** Lower-case name particles (`Van` in `Bill Van Auken` is capitalised and needs none). */
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'da', 'di', 'du', 'la', 'le', 'ter', 'ten', 'bin', 'ibn', 'al', 'el', 'abu', 'dos', 'das', 'del']);
/** Capitalised function words that start titles and organisation names, never a person. */
const NOT_NAMES = new Set(['the', 'a', 'an', 'of', 'and', 'in', 'on', 'for', 'to', 'by', 'with', 'from', 'at', 'is', 'het', 'een', 'en', 'op', 'voor', 'met', 'door', 'written', 'posted']);

const NAME_TOKEN = /^(?:\p{Lu}\.|\p{Lu}[\p{Ll}\p{M}]+(?:['’]\p{Lu}?[\p{Ll}\p{M}]+)*(?:-\p{Lu}[\p{Ll}\p{M}]+)*|\p{Lu}[\p{Ll}]\p{Lu}[\p{Ll}\p{M}]+|\p{Lu}['’]\p{Lu}[\p{Ll}\p{M}]+|(?:al|el|bin|ibn|abu)-\p{Lu}[\p{Ll}\p{M}]+)$/u;

function isNameToken(token: string): boolean {
  return NAME_TOKEN.test(token) && !NOT_NAMES.has(token.toLowerCase());
}

/** Last words that make capitalised words an organisation's name (`Harbour Trust`, `Eastgate Tool Library`), not a person's. */
const ORGANISATION_WORDS = new Set([
  'trust', 'council', 'committee', 'society', 'foundation', 'association', 'club', 'library', 'group', 'team', 'project', 'board',
  'institute', 'university', 'college', 'school', 'museum', 'centre', 'center', 'network', 'alliance', 'coalition', 'federation',
  'agency', 'ministry', 'department', 'services', 'company', 'corporation', 'bulletin', 'gazette', 'magazine', 'newsletter',
  'news', 'times', 'journal', 'herald', 'digest', 'chronicle', 'courier', 'tribune', 'weekly', 'review',
  'stichting', 'vereniging', 'gemeente', 'bibliotheek',
]);

/** Whether the text is one person's name: 2 to 5 capitalised words, particles allowed inside, not ending on an organisation's word. */
export function isPersonName(text: string): boolean {
  const tokens = text.trim().split(/\s+/);
  if (tokens.length < 2 || tokens.length > 5) return false;
  const first = tokens[0] ?? '';
  const last = tokens[tokens.length - 1] ?? '';
  if (!isNameToken(first) || !isNameToken(last) || ORGANISATION_WORDS.has(last.toLowerCase())) return false;
  // A possessive makes a heading, not a name (`Treasurer’s Corner`, `Editor's Note`).
  if (tokens.some((token) => /['’]s$/.test(token))) return false;
  return tokens.every((token) => isNameToken(token) || PARTICLES.has(token));
}

/** Words that make part of a byline an affiliation or organisation rather than a person. */
export const AFFILIATION =
  /\b(?:universit(?:y|ies|é|e|eit|à|ät|ade|at|as)|institut(?:e|o)?|college|school|department|dept|faculty|laborator(?:y|ies)|labs?|cent(?:er|re)|hospital|foundation|academy|hogeschool|ministry|agency|society|association|inc|ltd|llc|gmbh|b\.?v|corp(?:oration)?|company)\b/i;
/** A job title after a name (`Jane Roe, Staff Writer`): not a second author. */
export const ROLE =
  /\b(?:writer|editor|reporter|correspondent|contributor|columnist|journalist|staff|redacteur|verslaggever|fellow|professor|student|director|manager|engineer|developer|designer|architect|consultant|researcher|scientist|analyst|founder|maintainer|coordinator|organi[sz]er|volunteer|chair|chairman|chairwoman|chairperson|secretary|treasurer|spokesperson|officer)s?\b/i;
/** A team credited as the author (`The Rust Core Team`), accepted only where a byline is confirmed. */
const GROUP_AUTHOR = /^(?:the\s+)?(?:[\p{Lu}\p{N}][\p{L}\p{N}.-]*\s+){0,5}(?:team|staff|group|committee|board|editors|editorial board|working group|wg|redactie|bestuur)$/iu;
/** A name in capitals (`HAMILTON`, `JOHN JAY`), as old texts and datelines print them. */
const CAPITALS_NAME = /^\p{Lu}[\p{Lu}'’.-]+(?: \p{Lu}[\p{Lu}'’.-]+){0,3}$/u;

/** Whether a line is a name written in capitals, as a byline under a dateline is. */
export function isCapitalsName(text: string): boolean {
  return CAPITALS_NAME.test(text.trim()) && text.trim().length <= 40;
}

/** The marks that tie a name or a word to an affiliation or a note below (`Aoife Brennan¹`, `¹ University of Galway`). */
export const NOTE_MARKS = '¹²³⁴⁵⁶⁷⁸⁹⁰†‡';
/**
 * Those marks after an author's name, an asterisk (`J. Roe*`), and the raised digits a PDF's text
 * glues to a name (`Ada Whitcombe1,2`): a name never ends in a digit.
 */
const AFFILIATION_MARKS = new RegExp(`(?<=\\p{L})[${NOTE_MARKS}*]+|(?<=\\p{Ll})\\d{1,2}(?:,\\d{1,2})*(?=\\s|,|$)`, 'gu');
/** Those marks between two names set side by side without a comma, as a paper's author line does (`Hannah Roe* Samir Qureshi†`). */
const MARKS_BETWEEN_NAMES = new RegExp(`(?<=\\p{L})(?:[${NOTE_MARKS}*]+|(?<=\\p{Ll})\\d{1,2}(?:,\\d{1,2})*)\\s+(?=\\p{Lu})`, 'gu');

/** A title before a name (`Dr Ruth Akroyd`, `Prof. Jan de Vries`): the name goes without it. */
const HONORIFIC = /^(?:Dr|Prof|Mr|Mrs|Ms|Mx|Rev|Revd|Dhr|Mevr|Drs|Ir)\.?\s+(?=\p{Lu})/u;

/**
 * `X`, `X and Y`, `X, Y and Z`, `X & Y`, `X en Y`: the names, or null unless every part is a
 * name. A job title or affiliation after the names is left out; `groups` (a confirmed byline)
 * also accepts a team and a name in capitals (`By JANE DOE`).
 */
export function splitAuthorNames(text: string, options: { groups?: boolean } = {}): string[] | null {
  const parts = text
    .replace(MARKS_BETWEEN_NAMES, ', ')
    .replace(AFFILIATION_MARKS, '')
    .trim()
    .replace(/[.,;]$/, '')
    .split(/\s*(?:,|\band\b|&|\ben\b)\s*/)
    .map((part) => part.trim().replace(HONORIFIC, ''))
    .filter(Boolean);
  const [first, ...rest] = parts;
  if (first === undefined) return null;
  const isName = (part: string): boolean => isPersonName(part) || (options.groups === true && (GROUP_AUTHOR.test(part) || isCapitalsName(part)));
  // After the names, a job title, an affiliation or a one-word organisation ends the list (`Jane Roe, Software Engineer, Google`).
  const end = rest.findIndex((part) => AFFILIATION.test(part) || ROLE.test(part) || !/\s/.test(part));
  const names = [first, ...(end === -1 ? rest : rest.slice(0, end))];
  if (!names.every(isName)) return null;
  return names;
}

export interface Byline {
  authors: string[];
  publisher: string | null;
  date: string | null;
  /** Stated by a cue (`By`, `Written by`, `Door`) or with a date on the same line. */
  corroborated: boolean;
}

export const BY_CUE = /^(?:(?:written|posted|post|reported|words|prepared|compiled|edited|created|submitted)\s+by|by|door|geschreven door|opgesteld door|auteur|author)\s*:?\s+/i;
/** Between the parts of a byline; a slash between digits is a date's (`03/14/2022`). */
const SEPARATORS = /\s+[/|–—·•»]\s+|\s+-\s+|\s*(?<!\d)\/(?!\d)\s*/;

/** Publisher names are short labels, not sentences. */
function asPublisher(segment: string): string | null {
  const text = segment.trim();
  if (text === '' || text.length > 60 || /[.!?:]$/.test(text) || isBoilerplateLine(text) || parseDateLine(text) || isMonthYear(text)) return null;
  if (!/^\p{Lu}/u.test(text)) return null;
  return text;
}

/** `Posted on March 4, 2021 by Jane Doe`: a dateline and a byline in one. */
const POSTED_ON_BY = /^(?:posted|published|written|geplaatst|gepubliceerd)\s+(?:on\s+|op\s+)?(.+?)\s+(?:by|door)\s+(.+?)\.?$/i;

/** A user name as forums print it: one lower-case word of letters, digits, `_`, `.`, `-`, maybe after `@`. */
const HANDLE = /^@?[\p{Ll}\d][\p{Ll}\d_.-]{2,29}$/u;
/** Lower-case words that open a date line and are nobody's handle. */
const NOT_HANDLES = new Set(['posted', 'published', 'updated', 'edited', 'written', 'created', 'modified', 'revised', 'dated', 'since', 'until', 'from', 'and', 'the', 'geplaatst', 'gepubliceerd', 'bijgewerkt', 'sinds', 'door']);
export const isHandle = (text: string): boolean => HANDLE.test(text) && !NOT_HANDLES.has(text);

/** More words than this in one part of a line make it a sentence, not a part of a byline. */
const MAX_BYLINE_SEGMENT_WORDS = 8;

/** Reads a byline; null when the line is not one. */
export function parseByline(line: string): Byline | null {
  const text = line.trim().replace(TRAILING_READING_TIME, '');
  if (text.length > 200) return null;
  const postedOn = POSTED_ON_BY.exec(text);
  const postedDate = postedOn ? parseDateLine(postedOn[1] ?? '') : null;
  const postedNames = postedDate ? splitAuthorNames(postedOn?.[2] ?? '', { groups: true }) : null;
  if (postedDate && postedNames) return { authors: postedNames, publisher: null, date: postedDate, corroborated: true };
  const cue = BY_CUE.exec(text);
  const segments = (cue ? text.slice(cue[0].length) : text).split(SEPARATORS);
  let date: string | null = null;
  // A date may come first (`Nov. 14, 2017 · Jane Roe`).
  if (segments.length > 1) date = parseDateLine(segments[0] ?? '');
  if (date !== null) segments.shift();
  const first = segments.shift() ?? '';
  const corroborated = cue !== null || date !== null;
  let names = splitAuthorNames(first, { groups: corroborated });
  // A forum's `Post by annak » Tue Sep 12, 2023 7:41 pm`: a handle signs when a cue and a date vouch for it.
  if (!names && cue && isHandle(first) && segments.some((segment) => parseDateLine(segment) !== null)) names = [first];
  if (!names) {
    const dated = splitTrailingDate(first);
    if (dated) {
      const rest = dated.rest.replace(/[,\s]+(?:on|op|at)$/i, '');
      // A forum post's handle and date (`sokoro October 4, 2022, 9:12am`) sign it as well as a name does.
      names = splitAuthorNames(rest, { groups: true }) ?? (isHandle(rest) ? [rest] : null);
      date = dated.date;
    }
  }
  if (!names) return null;
  // A sentence after the date is a news dateline opening its paragraph (`OSLO, March 3, 2022 — Fjordlink today ...`), not a byline.
  if (!cue && segments.some((segment) => segment.trim().split(/\s+/).length > MAX_BYLINE_SEGMENT_WORDS)) return null;
  let publisher: string | null = null;
  for (const segment of segments) {
    const segmentDate = parseDateLine(segment);
    if (segmentDate) date ??= segmentDate;
    else publisher ??= asPublisher(segment);
  }
  if (!cue && segments.length > 0 && publisher === null && date === null) return null;
  return { authors: names, publisher, date, corroborated: cue !== null || date !== null };
}

/** A republishing credit such as `By X / Republished with permission / Zero Hedge / Report a typo`. */
export function parseCreditLine(line: string): Byline | null {
  if (!isBoilerplateLine(line)) return null;
  return parseByline(line);
}

const NAME_RUN = /(?:\p{Lu}[\p{L}\p{M}'’.-]*|(?:van|von|de|der|den|al|bin|ibn|ter|ten)(?=\s+\p{Lu}))(?:\s+(?:\p{Lu}[\p{L}\p{M}'’.-]*|(?:van|von|de|der|den|al|bin|ibn|ter|ten)(?=\s+\p{Lu})))*/gu;
/** Phrases that announce whose article follows. */
const ARTICLE_BY = /\b(?:artikel|article|bericht|stuk|piece|essay|column|opiniestuk|analyse|analysis|interview)\s+(?:van|by|door|of)\s+/giu;
/** Phrases that name where an article appeared: what follows is a publisher, not a person. */
const APPEARED_ON = /\b(?:verscheen(?:\s+eerder)?\s+(?:op|in|bij)|appeared(?:\s+first)?\s+(?:on|in)|first published (?:on|in|by)|overgenomen van|over van|republished from)\s+/giu;

function sentenceFrom(text: string, index: number): string {
  const rest = text.slice(index);
  const end = rest.search(/[.!?](?:\s|$)(?!\p{Ll})/u);
  return end === -1 ? rest : rest.slice(0, end);
}

function nameRuns(text: string): string[] {
  return [...text.matchAll(NAME_RUN)].map((match) => match[0].replace(/[.'’-]+$/, ''));
}

/** Organisation names the text states as a place of publication (`verscheen op Zero Hedge`). */
export function findStatedPublishers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(APPEARED_ON)) {
    const after = sentenceFrom(text, match.index + match[0].length);
    const run = nameRuns(after)[0];
    if (run && after.startsWith(run)) found.push(run);
  }
  return found;
}

/** The person's name that opens `after` (the text right after `artikel van`), unless it is a publisher. */
function leadingPersonName(after: string, publishers: readonly string[]): string | null {
  const run = nameRuns(after)[0];
  return run && after.startsWith(run) && isPersonName(run) && !publishers.includes(run) ? run : null;
}

/** Full names the text states as an article's author (`artikel van Darius Shahtahmasebi`). */
export function findStatedAuthorNames(text: string, publishers: readonly string[]): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(ARTICLE_BY)) {
    const name = leadingPersonName(sentenceFrom(text, match.index + match[0].length), publishers);
    if (name) found.push(name);
  }
  return found;
}

/** The full name a lone surname stands for, when exactly one stated name ends with it. */
function resolveSurname(surname: string, knownNames: readonly string[]): string | null {
  const matches = [...new Set(knownNames.filter((name) => name.split(/\s+/).at(-1) === surname))];
  return matches.length === 1 ? (matches[0] ?? null) : null;
}

/** The first name run that is a known author's full name or stands for one by its surname. */
function findKnownName(runs: readonly string[], knownNames: readonly string[]): string | null {
  for (const run of runs) {
    if (knownNames.includes(run)) return run;
    const resolved = run.includes(' ') ? null : resolveSurname(run, knownNames);
    if (resolved) return resolved;
  }
  return null;
}

/**
 * The author an introduction names for the article it presents: the person right after
 * `artikel van` / `article by`, or, when an organisation comes first (`een artikel van
 * Anti-Media waarin Shahtahmasebi ...`), a name in the same sentence that the file states as an
 * author elsewhere. Uses the last such phrase, the one nearest the article. Null when unsure.
 */
export function findIntroducedAuthor(intro: string, knownNames: readonly string[], publishers: readonly string[]): string | null {
  let author: string | null = null;
  for (const match of intro.matchAll(ARTICLE_BY)) {
    const after = sentenceFrom(intro, match.index + match[0].length);
    const found = leadingPersonName(after, publishers) ?? findKnownName(nameRuns(after), knownNames);
    if (found) author = found;
  }
  return author;
}
