import type { Article, Quote } from '../domain.js';
import { normalizeForComparison } from '../text/normalize.js';

/**
 * The last gate before a quote is shown: it must be the article's own words at its offsets.
 * The second check (the text occurs in the article once whitespace, quote marks and dashes are
 * normalised) guards against offsets that are right by accident in a text the cleaner changed.
 */

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
