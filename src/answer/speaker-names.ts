import { eng, nld } from 'stopword';
import { foldText } from '../text/normalize.js';
import type { TextSpan } from '../text/sentences.js';

/**
 * Names of people and sources as an article writes them (see quoted-from): capitalised runs of
 * words, abbreviations of them, and the fullest form an earlier mention gave.
 */

export const STOPWORDS: ReadonlySet<string> = new Set([...eng, ...nld, 'according', 'back', 'volgens']);
/** Lower-case words that may sit inside a name ("Times of Israel", "Bill van Auken"). */
const NAME_JOINERS = new Set(['of', 'for', 'and', 'the', 'van', 'de', 'der', 'den', 'al', 'el', 'bin', 'ibn', 'von', 'du', 'la', 'le']);
/** Lower case without accents; NFKD only for a word that has non-ASCII letters (it is the slow part). */
export const foldWord = (word: string): string => (/[^\x00-\x7f]/.test(word) ? foldText(word) : word.toLowerCase());

/** A word that can carry a name: capitalised, or a particle joined to a capital ("al-Assad"). */
const NAME_WORD = /^(?:\p{Lu}|(?:al|el|bin|ibn)-\p{Lu})/u;
/** Short titles written with a full stop that still belong to the name after them ("Col. Sean Ryan"). */
export const TITLE_ABBREVIATIONS = new Set(['gen', 'col', 'lt', 'sgt', 'capt', 'maj', 'adm', 'sen', 'rep', 'gov', 'dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'jr']);

export interface Name extends TextSpan {
  text: string;
}

/**
 * Capitalised runs of words, with lower-case joiners inside ("Times of Israel", "Bashar
 * al-Assad"), without a leading stopword ("The Washington Post" -> "Washington Post").
 */
export function findNames(text: string, offset = 0): Name[] {
  const names: Name[] = [];
  const word = /[\p{L}][\p{L}\p{M}\p{N}'’?-]*[\p{L}\p{M}\p{N}]|[\p{L}]/gu;
  let run: RegExpExecArray[] = [];
  let possessive = false;
  const flush = () => {
    while (run.length > 0 && !NAME_WORD.test(run[run.length - 1]![0])) run.pop();
    while (run.length > 0 && STOPWORDS.has(foldWord(run[0]![0]))) run.shift();
    const first = run[0];
    const last = run[run.length - 1];
    if (first && last) {
      const end = last.index + last[0].replace(/['’]s?$/u, '').length;
      names.push({ text: text.slice(first.index, end), start: offset + first.index, end: offset + end });
    }
    run = [];
  };
  let previous: RegExpExecArray | null = null;
  for (const match of text.matchAll(word)) {
    const gap = previous ? text.slice(previous.index + previous[0].length, match.index) : '';
    const joined =
      /^[\s-]*$/u.test(gap) || (/^\.\s+$/u.test(gap) && (TITLE_ABBREVIATIONS.has(foldWord(previous![0])) || /^\p{Lu}$/u.test(previous![0])));
    if (run.length > 0 && (!joined || possessive)) flush();
    previous = match;
    possessive = /['’]s?$/u.test(match[0]) && match[0].length > 2;
    if (NAME_WORD.test(match[0])) run.push(match);
    else if (run.length > 0 && NAME_JOINERS.has(match[0])) run.push(match);
    else flush();
  }
  flush();
  return names;
}

/** True when `short` abbreviates `long`: each content word gives a prefix ("WAPO" = WAshington POst, "FP", "SOHR"). */
export function abbreviates(short: string, long: string): boolean {
  const letters = foldText(short).replace(/[^\p{L}]/gu, '');
  const words = foldText(long).split(/[^\p{L}]+/u).filter(Boolean);
  if (letters.length < 2 || words.length < 2) return false;
  const match = (at: number, w: number): boolean => {
    if (w === words.length) return at === letters.length;
    const current = words[w]!;
    if (STOPWORDS.has(current) && match(at, w + 1)) return true;
    for (let n = 1; n <= current.length && at + n <= letters.length; n++) {
      if (letters.slice(at, at + n) !== current.slice(0, n)) break;
      if (match(at + n, w + 1)) return true;
    }
    return false;
  };
  return match(0, 0);
}

/**
 * The fullest form of a name the text gave before `before`: an abbreviation spelled out ("WAPO"
 * after "Washington Post"), a surname completed ("de Vries" after "Anna de Vries"; also drops a
 * capitalised first word of the sentence that is not part of the name, as in "Later de Vries").
 */
export function fullName(name: string, text: string, before: number, known: readonly Name[]): string {
  const words = name.trim().split(/\s+/);
  // Only a lone surname, or a name whose first word may just be the sentence's first word, is completed.
  const sentenceInitial = /(?:^|[.!?:]["”’]?\s+|\n\s*)$/u.test(text.slice(Math.max(0, before - 4), before));
  const tails = (words.length === 1 || sentenceInitial ? words : [])
    .map((_, from) => foldText(words.slice(from).join(' ')))
    .filter((tail) => !STOPWORDS.has(tail));
  const acronym = words.length === 1 && /\p{Lu}.*\p{Lu}/u.test(name);
  for (const candidate of known.filter((earlier) => earlier.end <= before).reverse()) {
    const candidateWords = candidate.text.split(/\s+/);
    if (candidateWords.length < 2) continue;
    const folded = foldText(candidate.text);
    if (folded !== foldText(name) && tails.some((tail) => folded.endsWith(` ${tail}`))) return candidate.text;
    // "WAPO" after "the CIA-aligned Washington Post": the abbreviation may spell the name's last words.
    for (let from = 0; acronym && from <= candidateWords.length - 2; from++) {
      const tail = candidateWords.slice(from);
      if (!STOPWORDS.has(foldText(tail[0]!)) && abbreviates(name, tail.join(' '))) return tail.join(' ');
    }
  }
  return name;
}
