import { createRequire } from 'node:module';
import type { Stemmer } from 'snowball-stemmers';
import type { Language } from '../domain.js';
import { sharedGlossary } from './glossary.js';
import { isDutch, isStopword } from './language.js';
import { foldText } from './normalize.js';

/**
 * Search terms: words folded to lowercase without accents, stemmed in the text's language, with
 * English and Dutch function words dropped; a Dutch compound also yields its parts. Passages are
 * indexed and questions searched with the same terms.
 */

/** Snowball algorithm per ISO 639-1 code; other languages are indexed unstemmed. */
const SNOWBALL_ALGORITHMS: Readonly<Record<string, string>> = {
  en: 'english',
  nl: 'dutch',
  de: 'german',
  fr: 'french',
  es: 'spanish',
  it: 'italian',
  pt: 'portuguese',
};

/**
 * A decimal number (`2.2`, `2,2`) or a word; thousands separators are removed before this runs,
 * so `5,775`, `5.775` and `5775` are one term, and a decimal comma reads as a decimal point.
 */
const WORD = /\p{N}+(?:[.,]\p{N}+)+(?!\p{L})|[\p{L}\p{N}]+/gu;
const THOUSANDS_SEPARATOR = /(?<=\p{N})[,.](?=\p{N}{3}(?!\p{N}))/gu;
const DECIMAL_COMMA = /,/g;
/** An all-capitals word (`US`, `IS`, `VS`) is an acronym, not the function word it spells. */
const ACRONYM = /^\p{Lu}{2,}$/u;
const DIGIT = /\p{N}/u;

/** A word as written and as searched (folded, a decimal comma read as a point). */
export interface TextWord {
  written: string;
  folded: string;
}

/** The words of a text that are not function words, in order (an acronym spelling one is kept). */
export function meaningfulWords(text: string): TextWord[] {
  const words: TextWord[] = [];
  for (const match of text.replace(THOUSANDS_SEPARATOR, '').matchAll(WORD)) {
    const written = match[0];
    const folded = foldText(written).replace(DECIMAL_COMMA, '.');
    if (isStopword(folded) && !ACRONYM.test(written)) continue;
    words.push({ written, folded });
  }
  return words;
}

/** Whether a word is (or holds) a number, which is matched as written rather than stemmed or translated. */
export function hasDigit(word: string): boolean {
  return DIGIT.test(word);
}

/** The folded content words of a text, in order; function words and single letters dropped. */
export function contentWords(text: string): string[] {
  return meaningfulWords(text)
    .map(({ folded }) => folded)
    .filter((folded) => folded.length >= 2 || hasDigit(folded));
}

const stemmers = new Map<string, Stemmer | null>();
/**
 * The Snowball package holds every language's stemmer in one large file: it is read on the first
 * stem (while an index loads beside the model), not when a command starts.
 */
let snowball: typeof import('snowball-stemmers') | null = null;

/** The Snowball algorithm for a language (also the name of PostgreSQL's configuration for it), or null. */
export function stemmingAlgorithm(language: Language): string | null {
  return SNOWBALL_ALGORITHMS[language.toLowerCase().slice(0, 2)] ?? null;
}

function stemmerFor(language: Language): Stemmer | null {
  const key = language.toLowerCase().slice(0, 2);
  let stemmer = stemmers.get(key);
  if (stemmer === undefined) {
    const algorithm = stemmingAlgorithm(key);
    snowball ??= createRequire(import.meta.url)('snowball-stemmers') as typeof import('snowball-stemmers');
    stemmer = algorithm ? snowball.newStemmer(algorithm) : null;
    stemmers.set(key, stemmer);
  }
  return stemmer;
}

/** Stems by language and word; a corpus repeats its words, and the stemmers are slow. */
const stems = new Map<string, Map<string, string>>();
/** Bounds the memo for a long-running bot fed arbitrary questions. */
const MAX_MEMO_WORDS = 200_000;

/** Stems one folded word in a language (unchanged when the language has no stemmer). */
export function stemWord(word: string, language: Language): string {
  const stemmer = stemmerFor(language);
  if (!stemmer || hasDigit(word)) return word;
  let memo = stems.get(language);
  if (!memo) stems.set(language, (memo = new Map()));
  let stem = memo.get(word);
  if (stem === undefined) {
    stem = stemmer.stem(word);
    if (memo.size >= MAX_MEMO_WORDS) memo.clear();
    memo.set(word, stem);
  }
  return stem;
}

/** The words a text written in `language` is indexed by, unstemmed: a Dutch compound adds its parts. */
export function indexWords(text: string, language: Language): string[] {
  const words: string[] = [];
  const dutch = isDutch(language);
  for (const word of contentWords(text)) {
    words.push(word);
    const parts = dutch ? sharedGlossary().splitCompound(word) : null;
    if (parts) words.push(...parts);
  }
  return words;
}

/** Index terms of a text written in `language`: its index words, stemmed. */
export function tokenize(text: string, language: Language): string[] {
  return indexWords(text, language).map((word) => stemWord(word, language));
}
