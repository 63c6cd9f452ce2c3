import type { Article, Quote } from '../domain.js';

/**
 * The last gate before a quote is shown: it must be the article's own words at its offsets.
 * The second check (the text occurs in the article once whitespace, quote marks and dashes are
 * normalised) guards against offsets that are right by accident in a text the cleaner changed.
 */

const QUOTE_MARKS = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g;
const DOUBLE_QUOTE_MARKS = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const DASHES = /[\u2010-\u2015\u2212\u2E3A\u2E3B]/g;

/** Whitespace runs to one space, typographic quotes and dashes to their ASCII forms. */
export function normalizeForComparison(text: string): string {
  return text
    .replace(QUOTE_MARKS, "'")
    .replace(DOUBLE_QUOTE_MARKS, '"')
    .replace(DASHES, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Each article's normalised text, made once: it is compared with every quote taken from the article. */
const normalizedArticles = new WeakMap<Article, { text: string; normalized: string }>();

function normalizedTextOf(article: Article): string {
  const cached = normalizedArticles.get(article);
  // Keyed by the object, checked against its text: an article whose text was replaced is normalised again.
  if (cached && cached.text === article.text) return cached.normalized;
  const normalized = normalizeForComparison(article.text);
  normalizedArticles.set(article, { text: article.text, normalized });
  return normalized;
}

/** True when the quote is verbatim from its article at its offsets and has a score in [0, 1]. */
export function verifyQuote(quote: Quote, article: Article | undefined): boolean {
  if (!article || article.id !== quote.articleId) return false;
  if (quote.text.trim() === '' || quote.start < 0 || quote.end > article.text.length) return false;
  if (article.text.slice(quote.start, quote.end) !== quote.text) return false;
  if (!normalizedTextOf(article).includes(normalizeForComparison(quote.text))) return false;
  return Number.isFinite(quote.score) && quote.score >= 0 && quote.score <= 1;
}
