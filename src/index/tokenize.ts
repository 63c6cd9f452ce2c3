import { newStemmer, type Stemmer } from 'snowball-stemmers';
import { eng, nld } from 'stopword';
import type { Language } from '../domain.js';
import { parseGlossary, readGlossaryFile, type Glossary } from './glossary.js';

/**
 * Search terms for the lexical index: words folded to lowercase without accents, stemmed in the
 * passage's language, with English and Dutch stopwords dropped; a Dutch compound also yields its
 * parts. The corpus mixes both languages, so a question is stemmed both ways (a name or number
 * matches whatever language it is in) and its words are translated into the other language
 * through the glossary, as weaker terms.
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
 * counterparts of English entries (make, many, get, come), so they are added here. They also tell
 * the language of a short question ("Welke oorlog?").
 */
const ENGLISH_QUESTION_WORDS = [
  'does', 'why', 'when', 'whom', 'whose', 'she', 'its', 'tell', 'say', 'says', 'think', 'thinks',
  'according', 'article', 'articles', 'write', 'writes', 'wrote', 'written', 'author', 'writer',
  'blog', 'blogger', 'journalist',
];
const DUTCH_QUESTION_WORDS = [
  'waarom', 'wanneer', 'welke', 'welk', 'waar', 'zegt', 'zeggen', 'zei', 'vindt', 'denkt', 'volgens',
  'artikel', 'schrijft', 'schreef', 'auteur', 'schrijver', 'hoeveel', 'maak', 'maakt', 'maken', 'krijg', 'krijgt',
  'krijgen', 'kom', 'komt', 'komen', 'kwam', 'ga', 'gaat', 'gaan', 'ging', 'doet', 'deed', 'zoals',
  'tussen', 'sinds', 'elk', 'elke', 'alleen', 'moeten', 'zouden',
];

/**
 * A decimal number (`2.2`, `2,2`) or a word; thousands separators are removed before this runs,
 * so `5,775`, `5.775` and `5775` are one term, and a decimal comma reads as a decimal point.
 */
const WORD = /\p{N}+(?:[.,]\p{N}+)+(?!\p{L})|[\p{L}\p{N}]+/gu;
const THOUSANDS_SEPARATOR = /(?<=\p{N})[,.](?=\p{N}{3}(?!\p{N}))/gu;
const DECIMAL_COMMA = /,/g;
const COMBINING_MARKS = /\p{M}+/gu;
/** An all-capitals word (`US`, `IS`, `VS`) is an acronym, not the stopword it spells. */
const ACRONYM = /^\p{Lu}{2,}$/u;

const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set([...eng, ...ENGLISH_QUESTION_WORDS].map(foldText));
const DUTCH_STOPWORDS: ReadonlySet<string> = new Set([...nld, ...DUTCH_QUESTION_WORDS].map(foldText));
/** Dropped from passages and questions alike: the corpus and its readers mix both languages. */
const STOPWORDS: ReadonlySet<string> = new Set([...ENGLISH_STOPWORDS, ...DUTCH_STOPWORDS]);

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
    const folded = foldText(word).replace(DECIMAL_COMMA, '.');
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

let glossary: Glossary | null = null;

/** The Dutch-English glossary, read on first use and shared (tens of ms, once per process). */
export function sharedGlossary(): Glossary {
  glossary ??= parseGlossary(readGlossaryFile(), { fold: foldText, isStopword: (word) => STOPWORDS.has(word) });
  return glossary;
}

const isDutch = (language: Language): boolean => language.toLowerCase().startsWith('nl');

/** Index terms of a passage written in `language`; a Dutch compound adds the stems of its parts. */
export function tokenize(text: string, language: Language): string[] {
  const terms: string[] = [];
  const dutch = isDutch(language);
  for (const word of contentWords(text)) {
    terms.push(stemWord(word, language));
    const parts = dutch ? sharedGlossary().splitCompound(word) : null;
    if (parts) for (const part of parts) terms.push(stemWord(part, language));
  }
  return terms;
}

/** Weight in the keyword search of a term that stands for a question word in the other language. */
const TRANSLATION_WEIGHT = 0.5;
/** Translations kept per question word: later senses are rarer and mostly add noise. */
const MAX_TRANSLATIONS = 6;

/** What a question searches for. */
export interface QueryTerms {
  /** The question's language, which says which way its words are translated. */
  language: 'en' | 'nl';
  /**
   * One group per content word: its stems in English and Dutch, then the stems of its glossary
   * translations (a Dutch compound the glossary lacks is translated through its parts). A
   * passage using any of them uses the word.
   */
  groups: string[][];
  /** Keyword-search weight of every term: 1 for the question's own words, less for translations. */
  weights: ReadonlyMap<string, number>;
}

/** The stems, in the other language, of the first few glossary translations of a question word. */
function translationStems(word: string, from: 'en' | 'nl'): string[] {
  const words = sharedGlossary();
  const to = from === 'nl' ? 'en' : 'nl';
  const translations = from === 'nl' ? words.toEnglish(word) : words.toDutch(word);
  return translations
    .filter((translation) => !STOPWORDS.has(translation))
    .slice(0, MAX_TRANSLATIONS)
    .map((translation) => stemWord(translation, to));
}

/**
 * Terms of a question: each content word stemmed in English and Dutch (so "bombardementen" and
 * "bombing" reach passages in either language), plus its glossary translations into the other
 * language, weighted lower. Costs microseconds once the glossary is loaded.
 */
export function analyzeQuery(text: string): QueryTerms {
  const language = detectQuestionLanguage(text);
  const groups: string[][] = [];
  const weights = new Map<string, number>();
  const seen = new Set<string>();
  for (const word of contentWords(text)) {
    if (seen.has(word)) continue;
    seen.add(word);
    const own = [...new Set(QUERY_LANGUAGES.map((to) => stemWord(word, to)))];
    for (const term of own) weights.set(term, 1);
    const translated = translationStems(word, language).filter((term) => !own.includes(term));
    for (const term of translated) if (!weights.has(term)) weights.set(term, TRANSLATION_WEIGHT);
    groups.push([...new Set([...own, ...translated])]);
  }
  return { language, groups, weights };
}

/** Terms of a question, one group per content word (see `analyzeQuery`). */
export function tokenizeQuery(text: string): string[][] {
  return analyzeQuery(text).groups;
}

/**
 * An English rendering of a Dutch text, word for word, for the English-only embedder: each
 * content word becomes its commonest glossary translation, a word the glossary lacks (a name,
 * a number) stays as written, and stopwords are dropped.
 */
export function glossToEnglish(text: string): string {
  const words = sharedGlossary();
  const glossed: string[] = [];
  for (const match of text.replace(THOUSANDS_SEPARATOR, '').matchAll(WORD)) {
    const folded = foldText(match[0]);
    if (STOPWORDS.has(folded) && !ACRONYM.test(match[0])) continue;
    glossed.push(/\p{N}/u.test(folded) ? match[0] : (words.glossEnglish(folded) ?? match[0]));
  }
  return glossed.join(' ');
}

/**
 * The language of a short text such as a question: 'nl' when it has more Dutch than English
 * stopwords and question words (the full packaged lists, so "Hoe maak ik ..." counts), else 'en'.
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
