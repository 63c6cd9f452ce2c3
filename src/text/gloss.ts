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

/**
 * The text the embedder is given for a text in `language`: a Dutch text as its English gloss
 * (to the English-only model every Dutch text looks alike), any other as written.
 */
export function embeddableText(text: string, language: string): string {
  if (language !== 'nl') return text;
  const gloss = glossToEnglish(text);
  return gloss === '' ? text : gloss;
}
