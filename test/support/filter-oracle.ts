import type { Article, SearchFilter } from '../../src/domain.js';
import { foldText } from '../../src/text/normalize.js';

/**
 * What a SearchFilter means, written plainly as a predicate over one article at a time (the
 * module comment of src/index/filter.ts says it in words). The tests check the product's fast
 * lookups (`articlesMatching`) and the PostgreSQL filter SQL against it.
 */

export type ArticlePredicate = (article: Article) => boolean;

const folded = (text: string): string => foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

function containsWords(haystack: string, needle: string): boolean {
  return ` ${folded(haystack)} `.includes(` ${needle} `);
}

function matchesDocument(article: Article, wanted: string): boolean {
  const exact = foldText(wanted.trim());
  const source = foldText(article.source);
  return (
    foldText(article.id) === exact ||
    source === exact ||
    source.replace(/\.[^.]+$/, '') === exact ||
    foldText(article.title.trim()) === exact
  );
}

/** Inclusive bounds; a partial bound (`2018`, `2018-06`) covers the whole year or month. */
function withinDates(date: string | null, from: string | undefined, to: string | undefined): boolean {
  if (!from && !to) return true;
  if (!date) return false;
  if (from && date < from) return false;
  if (to && date.slice(0, to.length) > to) return false;
  return true;
}

/**
 * A predicate for the articles the filter lets through, or null when there is no filter.
 * A document that matches no id, file or title exactly is looked for as part of a title.
 */
export function compileFilter(filter: SearchFilter | undefined, articles: Iterable<Article>): ArticlePredicate | null {
  if (!filter) return null;
  const authorGiven = Boolean(filter.author?.trim());
  const author = authorGiven ? folded(filter.author ?? '') : '';
  const document = filter.document?.trim() ?? '';
  const from = filter.dateFrom?.trim() || undefined;
  const to = filter.dateTo?.trim() || undefined;
  const language = filter.language?.trim() || undefined;
  if (!authorGiven && !document && !from && !to && !language) return null;

  let documentMatch: ArticlePredicate | null = null;
  if (document) {
    const all = [...articles];
    const part = folded(document);
    documentMatch = all.some((article) => matchesDocument(article, document))
      ? (article) => matchesDocument(article, document)
      : (article) => part !== '' && containsWords(article.title, part);
  }
  return (article) =>
    (!authorGiven || (author !== '' && article.authors.some((name) => containsWords(name, author)))) &&
    (!documentMatch || documentMatch(article)) &&
    withinDates(article.date, from, to) &&
    (!language || article.language === language);
}

