/**
 * Dates as articles write them, in English and Dutch, turned into ISO `YYYY-MM-DD`:
 * `28 June 2017`, `3 Jun 2023`, `October 3, 2017 at 12:58 pm`, `2017-10-03`, `07-Jul-2001`,
 * `donderdag 8 februari 2018`, `14-03-2022`, `03/14/2022`. A date is the calendar day as written;
 * no time zone conversion.
 */

const MONTHS: ReadonlyMap<string, number> = new Map(
  [
    ['january jan', 1], ['february feb', 2], ['march mar', 3], ['april apr', 4], ['may', 5], ['june jun', 6],
    ['july jul', 7], ['august aug', 8], ['september sep sept', 9], ['october oct', 10], ['november nov', 11],
    ['december dec', 12],
    ['januari', 1], ['februari', 2], ['maart mrt', 3], ['mei', 5], ['juni', 6], ['juli', 7],
    ['augustus', 8], ['oktober okt', 10],
  ].flatMap(([names, month]) => String(names).split(' ').map((name) => [name, Number(month)] as const)),
);

const WEEKDAY =
  '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\\.?,?';
const MONTH = '(\\p{L}{3,9})\\.?';
const TIME = '(?:,?\\s+(?:at|om|-|–)?\\s*\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?(?:\\s*(?:uur|[A-Z]{2,4}))?)?';

/** The date forms, each with named groups; anchored by the callers. */
const FORMS: readonly string[] = [
  `(?:${WEEKDAY}\\s+)?(?<day>\\d{1,2})(?:st|nd|rd|th|e)?\\s+(?:of\\s+)?${MONTH.replace('(', '(?<month>')}\\s+(?<year>\\d{4})${TIME}`,
  `(?:${WEEKDAY}\\s+)?${MONTH.replace('(', '(?<month>')}\\s+(?<day>\\d{1,2})(?:st|nd|rd|th)?,?\\s+(?<year>\\d{4})${TIME}`,
  `(?<year>\\d{4})-(?<monthNumber>\\d{2})-(?<day>\\d{2})`,
  `(?<day>\\d{1,2})-${MONTH.replace('(', '(?<month>').replace('\\.?', '')}-(?<year>\\d{4})`,
  // Numbers only: with dots or dashes day first (`14.03.2022`, `14-03-2022`); with slashes either way round (below).
  `(?:${WEEKDAY}\\s+)?(?<day>\\d{1,2})[.-](?<monthNumber>\\d{1,2})[.-](?<year>\\d{4})${TIME}`,
  `(?:${WEEKDAY}\\s+)?(?<first>\\d{1,2})\\/(?<second>\\d{1,2})\\/(?<year>\\d{4})${TIME}`,
];

const WHOLE = FORMS.map((form) => new RegExp(`^${form}$`, 'iu'));
const LEADING = FORMS.map((form) => new RegExp(`^${form}(?![\\p{L}\\p{N}])`, 'iu'));
const TRAILING = FORMS.map((form) => new RegExp(`(?<![\\p{L}\\p{N}])${form}$`, 'iu'));

/**
 * Day and month of `03/14/2022` (American) or `14/03/2022` (European): whichever reading the
 * numbers allow; none when both do (`03/04/2022`), since a wrong date is worse than none.
 */
function slashedDayMonth(first: number, second: number): { day: number; month: number } | null {
  if (first > 12 && second <= 12) return { day: first, month: second };
  if (second > 12 && first <= 12) return { day: second, month: first };
  return null;
}

function toIsoDate(groups: Record<string, string | undefined> | undefined): string | null {
  if (!groups) return null;
  const year = Number(groups.year);
  const slashed = groups.first ? slashedDayMonth(Number(groups.first), Number(groups.second)) : null;
  if (groups.first && !slashed) return null;
  const month = slashed?.month ?? (groups.monthNumber ? Number(groups.monthNumber) : MONTHS.get((groups.month ?? '').toLowerCase()));
  const day = slashed?.day ?? Number(groups.day);
  if (!month || month < 1 || month > 12 || year < 1000) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function firstMatch(patterns: readonly RegExp[], text: string): { date: string; match: RegExpExecArray } | null {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    const date = toIsoDate(match?.groups);
    if (match && date) return { date, match };
  }
  return null;
}

/** A month and year without a day (`June 2021`, `juni 2021`): a date too vague for an article's, but a date. */
export function isMonthYear(text: string): boolean {
  const match = /^(\p{L}{3,9})\.?\s+(\d{4})$/u.exec(text.trim());
  return match !== null && MONTHS.has(match[1]!.toLowerCase());
}

/** The ISO date when the whole line is a date (weekday and time of day allowed), else null. */
export function parseDateLine(line: string): string | null {
  return firstMatch(WHOLE, line.trim())?.date ?? null;
}

/**
 * A news dateline's place before its date (`OSLO, March 3, 2022 —`, `PORTLAND, Ore., May 2, 2021
 * --`): a place in capitals, maybe a region, then the date, which a dash must follow.
 */
const DATELINE_PLACE = /^\p{Lu}[\p{Lu}\p{M}'.-]*(?:\s+\p{Lu}[\p{Lu}\p{M}'.-]*){0,3}(?:,\s+\p{Lu}[\p{L}.]{1,15}(?:\s+\p{Lu}[\p{L}.]{1,15})?)?,\s+/u;
const DATELINE_DASH = /^\s*(?:\([^)]{1,40}\)|\/[^/]{1,40}\/)?\s*(?:—|–|--?)\s/;

/** A date that opens a paragraph (`3 Jun 2023 – Reports are ...`), maybe after a news dateline's place: the ISO date, or null. */
export function parseLeadingDate(text: string): string | null {
  const opening = text.trimStart();
  const place = DATELINE_PLACE.exec(opening);
  if (place) {
    const rest = opening.slice(place[0].length);
    const found = firstMatch(LEADING, rest);
    if (found && DATELINE_DASH.test(rest.slice(found.match[0].length))) return found.date;
  }
  return firstMatch(LEADING, opening)?.date ?? null;
}

/** A date that closes a line (`Bill Van Auken 2 October 2018`): the date and what comes before it. */
export function splitTrailingDate(line: string): { date: string; rest: string } | null {
  const trimmed = line.trim();
  const found = firstMatch(TRAILING, trimmed);
  if (!found) return null;
  return { date: found.date, rest: trimmed.slice(0, found.match.index).trim() };
}

/** Words that introduce a date line (`Published: 3 March 2021`, `Posted on ...`, `Geplaatst op ...`). */
const DATE_LABEL = /^(?:(?:published|posted|date|dated|created|written|datum|gepubliceerd|geplaatst|geschreven)(?:\s+(?:on|op))?\s*:?\s+)/i;
/** A short remark after a labelled date: a few words after a comma or a dash, no sentence. */
const LABELLED_DATE_REMARK = /^\s*(?:,|—|–|-)\s*[^.!?]{1,60}$/;
/** Labels of dates that are not the publication date; such lines are still header lines. */
const OTHER_DATE_LABEL = /^(?:(?:last\s+)?(?:updated|modified|revised|edited)|bijgewerkt|gewijzigd)(?:\s+(?:on|op))?\s*:?\s+/i;

/**
 * A dateline: a line that is a date, a labelled date (`Published: ...`), or a short lead-in
 * ending in a date (`For the Independent Journal. Saturday, October 27, 1787`). `kind` says
 * whether it gives the publication date or another one (`Updated: ...`).
 */
export function parseDateline(line: string): { date: string; kind: 'published' | 'other' } | null {
  const text = line.trim();
  // A list item is a point of the text (`• Sign the lease: 1 October 2021`), not when it was written.
  if (text.length > 120 || /^[•▪◦‣*+–-]\s/.test(text)) return null;
  const other = OTHER_DATE_LABEL.exec(text);
  if (other) {
    const date = parseDateLine(text.slice(other[0].length));
    return date ? { date, kind: 'other' } : null;
  }
  const whole = parseDateLine(text.replace(DATE_LABEL, ''));
  if (whole) return { date: whole, kind: 'published' };
  // A labelled date may say more about it after a comma (`Written 3 March 2024, after the committee meeting`).
  const label = DATE_LABEL.exec(text);
  const labelled = label ? firstMatch(LEADING, text.slice(label[0].length)) : null;
  if (labelled && LABELLED_DATE_REMARK.test(text.slice(label![0].length + labelled.match[0].length))) return { date: labelled.date, kind: 'published' };
  const trailing = splitTrailingDate(text);
  // A lead-in is a place of publication, a society or an issue, not a sentence: short, ending in
  // `.`, `,`, `:`, a dash, `·` or `published` (`Spring Newsletter 2023 – published 20 March 2023`).
  if (trailing && /^[^.!?]{1,60}(?:[.,:–—·•|-]|\b(?:published|posted|issued|dated|gepubliceerd)(?: on| op)?)$/i.test(trailing.rest)) return { date: trailing.date, kind: 'published' };
  return null;
}

/** The date a link target holds (`/blog/2024/10/29/slug/`, `#2024-10-29`, `$section.id('2024-10-29')`), or null. */
export function parseLinkDate(href: string): string | null {
  const match = /(?<![\d])(\d{4})([-/])(\d{2})\2(\d{2})(?![\d])/.exec(href);
  return match ? parseDateLine(`${match[1]}-${match[3]}-${match[4]}`) : null;
}
