import { formatAuthors, type ArticleSummary, type SearchFilter } from '../domain.js';
import { MAX_AUTOCOMPLETE_CHOICES, MAX_CHOICE_NAME_LENGTH, MAX_CHOICE_VALUE_LENGTH } from './limits.js';
import { escapeText } from './markdown.js';
import { truncateAtWord } from './truncate.js';
import { UserError } from './errors.js';

/**
 * Author and document filters as people type them: suggestions for autocomplete and resolving a
 * typed value to what the engine filters on. Matching ignores case and accents.
 */

export interface Choice {
  name: string;
  value: string;
}

/** Lower case, accents removed, spaces collapsed: `Émile  Zola` -> `emile zola`. */
export function normalizeForMatch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** 0 = starts with the typed text, 1 = a word starts with it, 2 = contains it, null = no match. */
function matchRank(candidate: string, typed: string): number | null {
  if (typed === '') return 0;
  const text = normalizeForMatch(candidate);
  if (text.startsWith(typed)) return 0;
  if (text.includes(` ${typed}`)) return 1;
  if (text.includes(typed)) return 2;
  return null;
}

function rankedMatches<T>(items: readonly T[], label: (item: T) => string, typed: string): T[] {
  const query = normalizeForMatch(typed);
  return items
    .map((item) => ({ item, rank: matchRank(label(item), query) }))
    .filter((entry): entry is { item: T; rank: number } => entry.rank !== null)
    .sort((a, b) => a.rank - b.rank || label(a.item).localeCompare(label(b.item)))
    .map((entry) => entry.item);
}

/** Every author named in the corpus, once each (spelling variants by case or accent merged). */
export function listAuthors(articles: readonly ArticleSummary[]): string[] {
  const byKey = new Map<string, string>();
  for (const article of articles) {
    for (const author of article.authors) {
      const key = normalizeForMatch(author);
      if (key !== '' && !byKey.has(key)) byKey.set(key, author);
    }
  }
  return [...byKey.values()];
}

/** Title, author and date in one line: how a document is told apart from another of the same title. */
export function describeDocument(article: ArticleSummary): string {
  const author = formatAuthors(article.authors) ?? 'Unknown author';
  return `${article.title} — ${author}${article.date ? ` (${article.date})` : ''}`;
}

export function suggestAuthors(articles: readonly ArticleSummary[], typed: string): Choice[] {
  return rankedMatches(listAuthors(articles), (name) => name, typed)
    .filter((name) => name.length <= MAX_CHOICE_VALUE_LENGTH)
    .slice(0, MAX_AUTOCOMPLETE_CHOICES)
    .map((name) => ({ name: truncateAtWord(name, MAX_CHOICE_NAME_LENGTH), value: name }));
}

export function suggestDocuments(articles: readonly ArticleSummary[], typed: string): Choice[] {
  return rankedMatches(articles, (article) => article.title, typed)
    .filter((article) => article.id.length <= MAX_CHOICE_VALUE_LENGTH)
    .slice(0, MAX_AUTOCOMPLETE_CHOICES)
    .map((article) => ({ name: truncateAtWord(describeDocument(article), MAX_CHOICE_NAME_LENGTH), value: article.id }));
}

function listForMessage(names: readonly string[]): string {
  const shown = names.slice(0, 5).map((name) => `• ${name}`);
  if (names.length > 5) shown.push(`…and ${names.length - 5} more`);
  return shown.join('\n');
}

/** The author name to filter on; a UserError when no author, or several, match. */
export function resolveAuthor(articles: readonly ArticleSummary[], typed: string): string {
  const authors = listAuthors(articles);
  const query = normalizeForMatch(typed);
  const exact = authors.find((name) => normalizeForMatch(name) === query);
  if (exact) return exact;
  const partial = rankedMatches(authors, (name) => name, typed);
  if (partial.length === 1) return partial[0]!;
  if (partial.length === 0) {
    throw new UserError(`No author matches “${escapeText(typed)}”. Use \`/sources\` to see the authors and documents I can quote from.`);
  }
  throw new UserError(`“${escapeText(typed)}” matches several authors; pick one from the suggestions:\n${listForMessage(partial)}`);
}

/** The article id to filter on; a UserError when no document, or several, match. */
export function resolveDocument(articles: readonly ArticleSummary[], typed: string): ArticleSummary {
  const query = normalizeForMatch(typed);
  const exact = articles.find(
    (article) => article.id === typed.trim() || article.source === typed.trim() || normalizeForMatch(article.title) === query,
  );
  if (exact) return exact;
  const partial = rankedMatches(articles, (article) => article.title, typed);
  if (partial.length === 1) return partial[0]!;
  if (partial.length === 0) {
    throw new UserError(`No document matches “${escapeText(typed)}”. Use \`/sources\` to see the documents I can quote from.`);
  }
  throw new UserError(`“${escapeText(typed)}” matches several documents; pick one from the suggestions:\n${listForMessage(partial.map(describeDocument))}`);
}

export interface ResolvedFilter {
  filter: SearchFilter | undefined;
  /** The title of the chosen document, to name it in replies. */
  documentTitle?: string;
}

/** Turns the author/document a user typed into a SearchFilter, or a UserError saying what did not match. */
export function resolveFilter(articles: readonly ArticleSummary[], typed: { author?: string | null; document?: string | null }): ResolvedFilter {
  const filter: SearchFilter = {};
  let documentTitle: string | undefined;
  if (typed.author?.trim()) filter.author = resolveAuthor(articles, typed.author);
  if (typed.document?.trim()) {
    const article = resolveDocument(articles, typed.document);
    filter.document = article.id;
    documentTitle = article.title;
  }
  return { filter: Object.keys(filter).length > 0 ? filter : undefined, ...(documentTitle ? { documentTitle } : {}) };
}
