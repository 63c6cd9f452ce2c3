import { createRequire } from 'node:module';
import type { Language } from '../domain.js';
import { foldText } from './normalize.js';

/**
 * English and Dutch, the two languages of the corpus and of its readers: their function words,
 * which searches drop, and the one language detector, which counts the common words only one of
 * the two languages uses. Cheap, offline, and good enough to tell an English paragraph or question
 * from a Dutch one.
 */

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
 * The commonest function words of each language, in lists of about the same length: what the
 * detector counts. The packaged stopword lists are uneven for this (the Dutch one has `mij`,
 * `want`, `niets` where the English one lacks `not` and `will`), which would tilt a mixed text
 * towards Dutch.
 */
const ENGLISH_MARKERS =
  'the and of to a that was for on with as by it from are have has be this which not or an at were their they its but been who will would said there these than also about into after more';
const DUTCH_MARKERS =
  'de het een en van dat die niet op te voor met zijn er maar om ook als aan bij nog wel naar door dit wordt werd heeft hebben kan deze zo uit tot dan geen haar hij ze wat nu men zich waar worden ofwel waarin waarbij omdat echter zelfs daar alleen moet weer zeer';

/** Question words Dutch writes the same way, which say nothing about the language. */
const SHARED_WORDS: ReadonlySet<string> = new Set(['blog', 'blogger', 'journalist']);
const evidence = (markers: string, questionWords: readonly string[]): ReadonlySet<string> =>
  new Set([...markers.split(' '), ...questionWords.filter((word) => !SHARED_WORDS.has(word))].map(foldText));
/** Words that tell English from Dutch: the markers, and the question words (for short questions). */
const ENGLISH_EVIDENCE = evidence(ENGLISH_MARKERS, ENGLISH_QUESTION_WORDS);
const DUTCH_EVIDENCE = evidence(DUTCH_MARKERS, DUTCH_QUESTION_WORDS);

/**
 * Dropped from passages and questions alike: the corpus and its readers mix both languages. Read
 * on first use: the package holds the lists of some fifty languages.
 */
let stopwords: ReadonlySet<string> | null = null;

/** Whether a folded word is a function word of English or Dutch. */
export function isStopword(word: string): boolean {
  if (!stopwords) {
    const { eng, nld } = createRequire(import.meta.url)('stopword') as typeof import('stopword');
    stopwords = new Set([...eng, ...ENGLISH_QUESTION_WORDS, ...nld, ...DUTCH_QUESTION_WORDS].map(foldText));
  }
  return stopwords.has(word);
}

export interface LanguageScore {
  en: number;
  nl: number;
}

/** Counts the words of the text that only English, or only Dutch, uses among its function and question words. */
export function scoreLanguage(text: string): LanguageScore {
  const score: LanguageScore = { en: 0, nl: 0 };
  for (const word of foldText(text).match(/\p{L}+/gu) ?? []) {
    const english = ENGLISH_EVIDENCE.has(word);
    const dutch = DUTCH_EVIDENCE.has(word);
    if (english && !dutch) score.en += 1;
    if (dutch && !english) score.nl += 1;
  }
  return score;
}

/** The language of a text, an article or a question: the one with more function words, English when neither has more. */
export function detectLanguage(text: string): 'en' | 'nl' {
  const { en, nl } = scoreLanguage(text);
  return nl > en ? 'nl' : 'en';
}

/**
 * The language of a text when the evidence is clear (enough function words, and one language well
 * ahead of the other); null when the text is too short or mixed to tell.
 */
export function detectLanguageConfidently(text: string, minHits = 3): 'en' | 'nl' | null {
  const { en, nl } = scoreLanguage(text);
  if (Math.max(en, nl) < minHits) return null;
  if (en >= 2 * nl) return 'en';
  if (nl >= 2 * en) return 'nl';
  return null;
}

/** Whether an article's language tag is Dutch (`nl`, `nl-BE`). */
export function isDutch(language: Language): boolean {
  return language.toLowerCase().startsWith('nl');
}
