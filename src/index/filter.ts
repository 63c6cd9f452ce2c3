import type { Article, SearchFilter } from '../domain.js';
import { foldText } from '../text/normalize.js';

/**
 * Turns a SearchFilter into a predicate over articles. Names are compared folded (case and
 * accents ignored) and by whole words, so "van auken" finds "Bill Van Auken" and "Beeley"
 * finds "Vanessa Beeley", but "van" alone does not find "Vanessa".
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

export type PassageScope = ((passage: { articleId: string }) => boolean) | undefined;

/**
 * Which passages a search may return under the filter (judged once per article), or undefined
 * when every passage may be returned.
 */
export function passageScope(filter: SearchFilter | undefined, articles: ReadonlyMap<string, Article>): PassageScope {
  const predicate = compileFilter(filter, articles.values());
  if (!predicate) return undefined;
  const allowed = new Set([...articles.values()].filter(predicate).map((article) => article.id));
  return (passage) => allowed.has(passage.articleId);
}

/** `passageScope` remembering its last filter: the dense and keyword searches of one question share it. */
export function scopeCache(articles: ReadonlyMap<string, Article>): (filter: SearchFilter | undefined) => PassageScope {
  let lastKey: string | null = null;
  let last: PassageScope;
  return (filter) => {
    const key = JSON.stringify(filter ?? null);
    if (key !== lastKey) {
      last = passageScope(filter, articles);
      lastKey = key;
    }
    return last;
  };
}
