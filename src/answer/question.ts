import { glossToEnglish } from '../index/tokenize.js';

/**
 * Makes any string safe to search with: a question arrives from Discord or a terminal and may
 * hold control characters, invisible characters, broken UTF-16 or thousands of characters. Also
 * decides what text is embedded for it.
 */

/** Longest question searched; beyond this a question is noise for both the embedder and BM25. */
export const MAX_QUESTION_LENGTH = 500;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Control characters and invisible format characters (zero-width spaces and joiners, BOM, bidi marks). */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;
/** Discord mentions (`<@123>`, `<#123>`, `<@&123>`) and mass pings carry no topic. */
const MENTION = /<[@#][!&]?\d+>|@(?:everyone|here)\b/g;

/** The question as searched: well-formed, visible characters only, whitespace collapsed, trimmed to a sane length. */
export function cleanQuestion(raw: string): string {
  const text = String(raw)
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(INVISIBLE, ' ')
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

/** What the embedder is given for a question, and the language that text is in. */
export interface EmbeddingInput {
  text: string;
  language: 'en' | 'nl';
}

/**
 * The text the embedder sees for a question. The local model is English-only: to it every Dutch
 * text looks alike, so a Dutch question is embedded as its word-for-word English gloss (or as
 * written, and said to be Dutch, when nothing in it can be glossed).
 */
export function embeddingInput(question: string, language: 'en' | 'nl'): EmbeddingInput {
  if (language !== 'nl') return { text: question, language };
  const gloss = glossToEnglish(question);
  return gloss === '' ? { text: question, language } : { text: gloss, language: 'en' };
}
