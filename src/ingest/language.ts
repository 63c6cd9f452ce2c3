import type { Language } from '../domain.js';

/**
 * Language detection by counting frequent function words that the two corpus languages do not
 * share. Cheap, offline and good enough to tell an English paragraph from a Dutch one.
 */

const STOPWORDS: Record<'en' | 'nl', ReadonlySet<string>> = {
  en: new Set(
    'the and of to a that was for on with as by it from are have has be this which not or an at were their they its but been who will would said there these than also about into after more'.split(' '),
  ),
  nl: new Set(
    'de het een en van dat die niet op te voor met zijn er maar om ook als aan bij nog wel naar door dit wordt werd heeft hebben kan deze zo uit tot dan geen haar hij ze wat nu men zich waar worden ofwel waarin waarbij omdat echter zelfs daar alleen moet weer zeer'.split(' '),
  ),
};

export interface LanguageScore {
  en: number;
  nl: number;
}

/** Counts the stopwords of each language in the text. */
export function scoreLanguage(text: string): LanguageScore {
  const score: LanguageScore = { en: 0, nl: 0 };
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (STOPWORDS.en.has(word)) score.en += 1;
    if (STOPWORDS.nl.has(word)) score.nl += 1;
  }
  return score;
}

/**
 * The language of a text when the evidence is clear (enough stopwords, and one language well
 * ahead of the other); null when the text is too short or mixed to tell.
 */
export function detectLanguageConfidently(text: string, minHits = 3): 'en' | 'nl' | null {
  const { en, nl } = scoreLanguage(text);
  if (Math.max(en, nl) < minHits) return null;
  if (en >= 2 * nl) return 'en';
  if (nl >= 2 * en) return 'nl';
  return null;
}

/** The language of a whole article: the one with more stopwords, English when there are none. */
export function detectLanguage(text: string): Language {
  const { en, nl } = scoreLanguage(text);
  return nl > en ? 'nl' : 'en';
}
