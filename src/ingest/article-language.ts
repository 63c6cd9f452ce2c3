import { franc } from 'franc-min';
import type { Language } from '../domain.js';
import { detectLanguage } from '../text/language.js';

/**
 * The language of an article, detected by franc (trigram statistics) among the languages the
 * product supports. Kept to ingest: questions are told apart by their function words alone.
 */

/** The languages an article may be detected in (those the index stems), by ISO 639-3 code. */
const DETECTABLE: Readonly<Record<string, Language>> = { eng: 'en', nld: 'nl', deu: 'de', fra: 'fr', spa: 'es', ita: 'it', por: 'pt' };
/** Shorter texts are told apart by their function words only: trigram statistics need some length. */
const MIN_DETECT_LENGTH = 80;
/** Detection reads the start of a long article; the language does not change halfway. */
const SAMPLE_LENGTH = 6000;

/** Shorter than this, an article of a file of several is told by the whole file: trigrams mistake a one-sentence release note for French. */
export const SHORT_ARTICLE_LENGTH = 300;

/** The article's language; a text too short to tell falls back to counting English and Dutch function words. */
export function detectArticleLanguage(text: string): Language {
  const code = franc(text.slice(0, SAMPLE_LENGTH), { only: Object.keys(DETECTABLE), minLength: MIN_DETECT_LENGTH });
  return DETECTABLE[code] ?? detectLanguage(text);
}
