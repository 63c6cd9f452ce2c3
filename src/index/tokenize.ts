import { newStemmer, type Stemmer } from 'snowball-stemmers';
import { eng, nld } from 'stopword';
import type { Language } from '../domain.js';

/**
 * Search terms for the lexical index: words folded to lowercase without accents, stemmed in the
 * passage's language, with English and Dutch stopwords dropped. The corpus mixes both languages,
 * so a question is stemmed both ways and matches a name or number whatever language it is in.
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

/** The languages a question is stemmed in. */
const QUERY_LANGUAGES = ['en', 'nl'] as const;

/**
 * Words that phrase a question but say nothing about its topic. The packaged Dutch list lacks
 * counterparts of English entries (make, many, get, come), so they are added here.
 */
const QUESTION_WORDS = [
  'does', 'why', 'when', 'whom', 'whose', 'she', 'its', 'tell', 'say', 'says', 'think', 'thinks',
  'according', 'article', 'articles', 'write', 'writes', 'wrote', 'written', 'author', 'writer',
  'blog', 'blogger', 'journalist',
  'waarom', 'wanneer', 'welke', 'welk', 'waar', 'zegt', 'zeggen', 'zei', 'vindt', 'denkt', 'volgens',
  'artikel', 'schrijft', 'schreef', 'auteur', 'schrijver', 'hoeveel', 'maak', 'maakt', 'maken', 'krijg', 'krijgt',
  'krijgen', 'kom', 'komt', 'komen', 'kwam', 'ga', 'gaat', 'gaan', 'ging', 'doet', 'deed', 'zoals',
  'tussen', 'sinds', 'elk', 'elke', 'alleen', 'moeten', 'zouden',
];

/** A word or a number; thousands separators are removed before this runs. */
const WORD = /[\p{L}\p{N}]+/gu;
const THOUSANDS_SEPARATOR = /(?<=\p{N})[,.](?=\p{N}{3}(?!\p{N}))/gu;
const COMBINING_MARKS = /\p{M}+/gu;
/** An all-capitals word (`US`, `IS`, `VS`) is an acronym, not the stopword it spells. */
const ACRONYM = /^\p{Lu}{2,}$/u;

const STOPWORDS: ReadonlySet<string> = new Set([...eng, ...nld, ...QUESTION_WORDS].map(foldText));

/** Lowercase, accents removed (`Syrië` -> `syrie`), compatibility forms unified. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase();
}

const stemmers = new Map<string, Stemmer | null>();

function stemmerFor(language: Language): Stemmer | null {
  const key = language.toLowerCase().slice(0, 2);
  let stemmer = stemmers.get(key);
  if (stemmer === undefined) {
    const algorithm = SNOWBALL_ALGORITHMS[key];
    stemmer = algorithm ? newStemmer(algorithm) : null;
    stemmers.set(key, stemmer);
  }
  return stemmer;
}

/** The folded content words of a text, in order; stopwords and single letters dropped. */
export function contentWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.replace(THOUSANDS_SEPARATOR, '').matchAll(WORD)) {
    const word = match[0];
    const folded = foldText(word);
    if (folded.length < 2 && !/\p{N}/u.test(folded)) continue;
    if (STOPWORDS.has(folded) && !ACRONYM.test(word)) continue;
    words.push(folded);
  }
  return words;
}

/** Stems by language and word; a corpus repeats its words, and the stemmers are slow. */
const stems = new Map<string, Map<string, string>>();
/** Bounds the memo for a long-running bot fed arbitrary questions. */
const MAX_MEMO_WORDS = 200_000;

/** Stems one folded word in a language (unchanged when the language has no stemmer). */
export function stemWord(word: string, language: Language): string {
  const stemmer = stemmerFor(language);
  if (!stemmer || /\p{N}/u.test(word)) return word;
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

/** Index terms of a passage written in `language`. */
export function tokenize(text: string, language: Language): string[] {
  return contentWords(text).map((word) => stemWord(word, language));
}

/**
 * Terms of a question, one group per content word: its stems in English and Dutch (deduplicated),
 * so "bombardementen" and "bombing" each reach passages in either language.
 */
export function tokenizeQuery(text: string): string[][] {
  const groups: string[][] = [];
  const seen = new Set<string>();
  for (const word of contentWords(text)) {
    if (seen.has(word)) continue;
    seen.add(word);
    groups.push([...new Set(QUERY_LANGUAGES.map((language) => stemWord(word, language)))]);
  }
  return groups;
}

const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(eng.map(foldText));
const DUTCH_STOPWORDS: ReadonlySet<string> = new Set(nld.map(foldText));

/**
 * The language of a short text such as a question: 'nl' when it has more Dutch than English
 * stopwords (the full packaged lists, so "Hoe maak ik ..." counts), else 'en'.
 */
export function detectQuestionLanguage(text: string): 'en' | 'nl' {
  let english = 0;
  let dutch = 0;
  for (const match of text.matchAll(WORD)) {
    const word = foldText(match[0]);
    if (ENGLISH_STOPWORDS.has(word)) english++;
    if (DUTCH_STOPWORDS.has(word)) dutch++;
  }
  return dutch > english ? 'nl' : 'en';
}
