import type { Language } from '../domain.js';
import { AFFILIATION } from './bylines.js';
import { parseDateLine, parseLeadingDate } from './dates.js';

/**
 * Metadata a document states outside its running text (front matter, HTML meta tags, PDF
 * document info), read into the Article's fields. Values are taken as written: a handle stays a
 * handle, an e-mail address or an affiliation is not part of a name, nothing is guessed.
 */

export interface StatedMetadata {
  title: string | null;
  authors: string[];
  date: string | null;
  language: Language | null;
  url: string | null;
  publisher: string | null;
}

export const NOTHING_STATED: StatedMetadata = { title: null, authors: [], date: null, language: null, url: null, publisher: null };

const EMAIL = /<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?/g;

/** One name as written, without an e-mail address, a parenthesised affiliation or a `By` cue. */
function cleanName(text: string): string {
  return text
    .replace(EMAIL, ' ')
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/^\s*(?:written\s+)?by\s+/i, '')
    .replace(/\bet al\b\.?/i, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:.–—-]+|[\s,;:–—-]+$/g, '');
}

/**
 * Author names from a stated author field: a string (`A and B`, `A, B & C`, `A; B`), a list, or
 * objects with a `name` (or only the `key` of the site's author list, as Docusaurus writes
 * `- key: slorber`, which stays as written like any other handle). Affiliations and e-mail
 * addresses are left out; `Doe, Jane` stays whole.
 */
export function readAuthorNames(value: unknown): string[] {
  if (Array.isArray(value)) return [...new Set(value.flatMap(readAuthorNames))];
  if (value !== null && typeof value === 'object') {
    const fields = value as Record<string, unknown>;
    return readAuthorNames(fields.name ?? fields.fullname ?? fields.key);
  }
  if (typeof value !== 'string') return [];
  const text = cleanName(value.replace(EMAIL, ' '));
  if (text === '') return [];
  const commaParts = text.split(/\s*,\s*/);
  // `Doe, Jane` is one person written surname first, not two people.
  const surnameFirst = commaParts.length === 2 && commaParts.every((part) => /^\p{Lu}\S*$/u.test(part)) && !/\band\b|&|;/.test(text);
  const parts = (surnameFirst ? [text] : text.split(/\s*(?:[,;&]|\band\b|\ben\b|\bund\b|\bet\b)\s*/i))
    .map(cleanName)
    .filter((part) => part !== '' && !AFFILIATION.test(part) && !/^(?:https?:\/\/|www\.)/i.test(part));
  return [...new Set(parts)];
}

/** Millisecond timestamps between 2001 and 2100: a smaller number is a year or a count, not a time. */
const MIN_EPOCH_MS = 978_307_200_000;
const MAX_EPOCH_MS = 4_102_444_800_000;

/**
 * The calendar date a machine-readable or written date states, as ISO `YYYY-MM-DD`.
 * Time zone rule: the date is the one written in the source's own zone. `2021-03-05T23:15-05:00`
 * is 5 March: a timestamp is never converted to UTC or to the machine's zone.
 */
export function readDateValue(value: unknown): string | null {
  if (value instanceof Date) {
    // smol-toml's dates print as written, offset included; a plain Date has no zone of its own.
    const written = value.toISOString();
    return /^(\d{4}-\d{2}-\d{2})/.exec(written)?.[1] ?? null;
  }
  // Unix time in milliseconds, as note apps keep it (Dendron's `created: 1691140810442`); the day in UTC, its only zone.
  if (typeof value === 'number' || (typeof value === 'string' && /^\d{13}$/.test(value.trim()))) {
    const ms = Number(value);
    return ms >= MIN_EPOCH_MS && ms <= MAX_EPOCH_MS ? new Date(ms).toISOString().slice(0, 10) : null;
  }
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(text) ?? /^D:(\d{4})(\d{2})(\d{2})/.exec(text) ?? /^(\d{4})\/(\d{2})\/(\d{2})\b/.exec(text);
  if (iso) return parseDateLine(`${iso[1]}-${iso[2]}-${iso[3]}`);
  return parseDateLine(text) ?? parseLeadingDate(text.replace(/^\p{L}{3,9},\s*/u, ''));
}

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  english: 'en', engels: 'en', eng: 'en', dutch: 'nl', nederlands: 'nl', nld: 'nl', dut: 'nl', flemish: 'nl',
  german: 'de', deutsch: 'de', deu: 'de', ger: 'de', french: 'fr', français: 'fr', fra: 'fr', fre: 'fr',
  spanish: 'es', español: 'es', spa: 'es', italian: 'it', italiano: 'it', ita: 'it', portuguese: 'pt', português: 'pt', por: 'pt',
};

/** A language code from a stated language (`en-GB`, `nl_NL`, `English`), or null when it names none. */
export function readLanguageValue(value: unknown): Language | null {
  if (typeof value !== 'string') return null;
  const text = value.trim().toLowerCase();
  const primary = /^([a-z]{2})(?:[-_][a-z0-9]+)*$/.exec(text)?.[1];
  return primary ?? LANGUAGE_NAMES[text] ?? null;
}

/** An absolute web address, or null. */
export function readUrlValue(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return /^https?:\/\/\S+$/i.test(text) ? text : null;
}

/** A one-line text value (a title, a publisher), or null. */
export function readTextValue(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

/** The first candidate that `read` makes something of, or null. */
export function firstStated<T>(candidates: readonly unknown[], read: (value: unknown) => T | null): T | null {
  for (const candidate of candidates) {
    const value = read(candidate);
    if (value !== null) return value;
  }
  return null;
}
