import { describeAuthors, describeDocument, type ArticleSummary, type SearchFilter } from '../domain.js';
import { describeNotFound, listAuthors, nearestLabels } from './filter-resolver.js';
import type { QuestionScope } from './question-scope.js';

/**
 * Answers about the corpus itself, from its catalogue (titles, authors, dates): what a question
 * naming an author, a title or a year narrowed the search to, said in words; who wrote an
 * article, when it was published, which articles there are; and, for an author or title the
 * corpus does not have, that it does not, with the nearest names it has.
 */

/** The caller's filter narrowed by what the question names (the caller's own choices win). */
export function narrowFilter(scope: QuestionScope, filter: SearchFilter | undefined): SearchFilter | undefined {
  const added: SearchFilter = {};
  if (!filter?.author && scope.authors.length > 0) added.author = scope.authors[0];
  if (!filter?.document && scope.articleIds.length === 1) added.document = scope.articleIds[0];
  if (!filter?.language && scope.language) added.language = scope.language;
  if (!filter?.dateFrom && !filter?.dateTo) {
    if (scope.dateFrom) added.dateFrom = scope.dateFrom;
    if (scope.dateTo) added.dateTo = scope.dateTo;
  }
  return Object.keys(added).length > 0 ? { ...filter, ...added } : filter;
}

/** "from 2018", "from June 2023", "from 2016 to 2018", "from 2019 on", "until 2017". */
function describeDates(from: string | null | undefined, to: string | null | undefined): string | null {
  if (from && to) return from === to ? `from ${from}` : `from ${from} to ${to}`;
  if (from) return `from ${from} on`;
  if (to) return `until ${to}`;
  return null;
}

/** How a narrowing names a language: "Searched the Dutch articles." */
const LANGUAGE_LABELS: Readonly<Record<string, string>> = { en: 'English', nl: 'Dutch' };
const languageLabel = (scope: QuestionScope): string => (scope.language ? `${LANGUAGE_LABELS[scope.language] ?? scope.language} ` : '');

/** What a question narrowed the search to, as said before its quotes: "Searched Bill Van Auken's articles from 2023." */
export function describeNarrowing(scope: QuestionScope, catalogue: readonly ArticleSummary[]): string | null {
  const title = scope.articleIds.length === 1 ? catalogue.find((article) => article.id === scope.articleIds[0])?.title : undefined;
  const dates = describeDates(scope.dateFrom, scope.dateTo);
  if (title) return `Searched “${title}”.`;
  const language = languageLabel(scope);
  const whose = scope.authors.length > 0 ? `${describeAuthors(scope.authors.slice(0, 1))}’s ${language}articles` : null;
  if (!whose && !dates && !language) return null;
  return `Searched ${[whose ?? `${language ? 'the ' : ''}${language}articles`, dates].filter(Boolean).join(' ')}.`;
}

/** "No article by Noam Chomsky here. Nearest names: ...", for a writer or title the corpus does not have. */
export function describeMissing(scope: QuestionScope, catalogue: readonly ArticleSummary[]): string | null {
  if (scope.unknownAuthor) return missingAuthor(scope.unknownAuthor, catalogue);
  if (scope.unknownTitle) {
    const nearest = nearestLabels(catalogue.map((article) => article.title), scope.unknownTitle);
    return `${describeNotFound('document', scope.unknownTitle)}${nearest.length > 0 ? ` Nearest titles: ${nearest.map((title) => `“${title}”`).join(', ')}.` : ''}`;
  }
  return null;
}

/** "No article by X here", with the authors whose names are nearest (or the first few there are). */
export function missingAuthor(name: string, catalogue: readonly ArticleSummary[]): string {
  const authors = listAuthors(catalogue);
  const nearest = nearestLabels(authors, name);
  const offered = nearest.length > 0 ? nearest : authors.slice(0, 3);
  return `${describeNotFound('author', name)}${offered.length > 0 ? ` Authors here include ${offered.join(', ')}.` : ''}`;
}

/** What was asked of the catalogue, answered: the lines to say and the articles to list. */
export interface CatalogueAnswer {
  notes: string[];
  articles: ArticleSummary[];
}

/**
 * The catalogue's answer: for "who wrote"/"when was it published", about `found` (the article the
 * question names, or else the one its best quote comes from); for "which articles", the
 * `matching` ones, newest first.
 */
export function answerFromCatalogue(
  scope: QuestionScope,
  found: ArticleSummary | undefined,
  matching: readonly ArticleSummary[],
): CatalogueAnswer | null {
  if (scope.ask === 'list') {
    if (matching.length === 0) return null;
    const count = matching.length === 1 ? 'One article' : `${matching.length} articles`;
    return { notes: [`${count}:`], articles: [...matching] };
  }
  if (!found) return null;
  if (scope.ask === 'author') {
    const line =
      found.authors.length > 0
        ? `“${found.title}” is by ${describeAuthors(found.authors)}${found.date ? ` (${found.date})` : ''}.`
        : `“${found.title}” does not name its author.`;
    return { notes: [line], articles: [found] };
  }
  if (scope.ask === 'date') {
    const line = found.date ? `“${found.title}” was published on ${found.date}.` : `“${found.title}” does not say when it was published.`;
    return { notes: [line], articles: [found] };
  }
  return null;
}

/** "No article by Bill Van Auken from 2023 here", when what the question names exists but not together. */
export function describeEmptyNarrowing(scope: QuestionScope, catalogue: readonly ArticleSummary[]): string {
  const dates = describeDates(scope.dateFrom, scope.dateTo);
  const by = scope.authors.length > 0 ? ` by ${scope.authors[0]}` : '';
  const theirs = scope.authors.length > 0 ? catalogue.filter((article) => article.authors.includes(scope.authors[0]!)) : [];
  const known = theirs.map(describeDocument).slice(0, 3);
  return `No ${languageLabel(scope)}article${by}${dates ? ` ${dates}` : ''} here.${known.length > 0 ? ` ${scope.authors[0]}’s articles: ${known.join('; ')}.` : ''}`;
}
