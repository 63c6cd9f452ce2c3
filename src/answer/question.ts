import { sharedGlossary } from '../text/glossary.js';
import { detectLanguage, isStopword } from '../text/language.js';
import { LONE_SURROGATE } from '../text/normalize.js';
import { hasDigit, meaningfulWords, stemWord } from '../text/tokenize.js';

/**
 * A question as the engine reads it: made safe to search with (it arrives from Discord or a
 * terminal and may hold control characters, invisible characters, broken UTF-16 or thousands of
 * characters), its language, and the terms it searches for in both languages (the text embedded
 * for it is `embeddingInput` of the shared text handling).
 */

/** Longest question searched; beyond this a question is noise for both the embedder and BM25. */
export const MAX_QUESTION_LENGTH = 500;

/** Control characters and invisible format characters (zero-width spaces and joiners, BOM, bidi marks). */
const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}]/gu;
/** Discord mentions (`<@123>`, `<#123>`, `<@&123>`) and mass pings carry no topic. */
const MENTION = /<[@#][!&]?\d+>|@(?:everyone|here)\b/g;

/** The question as searched: well-formed, visible characters only, whitespace collapsed, trimmed to a sane length. */
export function cleanQuestion(raw: string): string {
  const text = String(raw)
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(CONTROL_OR_FORMAT, ' ')
    .replace(MENTION, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= MAX_QUESTION_LENGTH) return text;
  const cut = text.slice(0, MAX_QUESTION_LENGTH);
  const lastSpace = cut.lastIndexOf(' ');
  const trimmed = lastSpace > MAX_QUESTION_LENGTH / 2 ? cut.slice(0, lastSpace) : cut;
  // Never end on half of a surrogate pair.
  return trimmed.replace(LONE_SURROGATE, '').trim();
}

/** True when the text has something to search for: a letter or a digit. */
export function hasSearchableText(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** The languages a question is stemmed in. */
const QUERY_LANGUAGES = ['en', 'nl'] as const;
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
  /**
   * Positions in `groups` of the words that name something: capitalised (not as the question's
   * first word), an acronym, or a number of two or more characters ("Borg", "SSH", "2016", "23").
   */
  names: number[];
}

/** The stems, in the other language, of the first few glossary translations of a question word. */
function translationStems(word: string, from: 'en' | 'nl'): string[] {
  const glossary = sharedGlossary();
  const to = from === 'nl' ? 'en' : 'nl';
  const translations = from === 'nl' ? glossary.toEnglish(word) : glossary.toDutch(word);
  return translations
    .filter((translation) => !isStopword(translation))
    .slice(0, MAX_TRANSLATIONS)
    .map((translation) => stemWord(translation, to));
}

/**
 * Terms of a question: each content word stemmed in English and Dutch (so "bombardementen" and
 * "bombing" reach passages in either language), plus its glossary translations into the other
 * language, weighted lower. Costs microseconds once the glossary is loaded.
 */
export function analyzeQuery(text: string): QueryTerms {
  const language = detectLanguage(text);
  const groups: string[][] = [];
  const weights = new Map<string, number>();
  const names: number[] = [];
  const seen = new Set<string>();
  const firstWord = /[\p{L}\p{N}]+/u.exec(text)?.[0];
  for (const { written, folded: word } of meaningfulWords(text)) {
    if (seen.has(word) || (word.length < 2 && !hasDigit(word))) continue;
    seen.add(word);
    if (hasDigit(word) ? word.length >= 2 : /^\p{Lu}/u.test(written) && written !== firstWord) names.push(groups.length);
    const own = [...new Set(QUERY_LANGUAGES.map((to) => stemWord(word, to)))];
    for (const term of own) weights.set(term, 1);
    const translated = translationStems(word, language).filter((term) => !own.includes(term));
    for (const term of translated) if (!weights.has(term)) weights.set(term, TRANSLATION_WEIGHT);
    groups.push([...new Set([...own, ...translated])]);
  }
  return { language, groups, weights, names };
}
