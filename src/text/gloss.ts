import { sharedGlossary } from './glossary.js';
import { hasDigit, meaningfulWords } from './tokenize.js';

/**
 * An English rendering of a Dutch text, word for word, for the English-only embedder: each
 * content word becomes its commonest glossary translation, a word the glossary lacks (a name,
 * a number) stays as written, and function words are dropped.
 */
export function glossToEnglish(text: string): string {
  const glossary = sharedGlossary();
  return meaningfulWords(text)
    .map(({ written, folded }) => (hasDigit(folded) ? written : (glossary.glossEnglish(folded) ?? written)))
    .join(' ');
}

/** What the embedder is given for a text, and the language that text is in. */
export interface EmbeddingInput {
  text: string;
  language: string;
}

/**
 * What the embedder is given for a question or a passage in `language`. The local model is
 * English-only: to it every Dutch text looks alike, so a Dutch text is embedded as its
 * word-for-word English gloss (or as written, and said to be Dutch, when nothing in it can be glossed).
 */
export function embeddingInput(text: string, language: string): EmbeddingInput {
  if (language !== 'nl') return { text, language };
  const gloss = glossToEnglish(text);
  return gloss === '' ? { text, language } : { text: gloss, language: 'en' };
}
