import { describeNotFound, matchAuthors, matchDocuments, resolveFilter, type FilterMismatch, type TypedFilter } from '../answer/filter-resolver.js';
import { describeDocument, type ArticleSummary, type SearchFilter } from '../domain.js';
import { UserError } from './errors.js';
import { MAX_AUTOCOMPLETE_CHOICES, MAX_CHOICE_NAME_LENGTH, MAX_CHOICE_VALUE_LENGTH } from './limits.js';
import { escapeText } from './markdown.js';
import { truncateAtWord } from './truncate.js';
import { echoUserText } from './user-text.js';

/**
 * Author and document filters on Discord: autocomplete choices as people type, and the typed
 * values resolved (by the resolver the terminal uses too) or turned into a reply saying what to pick.
 */

export interface Choice {
  name: string;
  value: string;
}

export function suggestAuthors(articles: readonly ArticleSummary[], typed: string): Choice[] {
  return matchAuthors(articles, typed, { limit: MAX_AUTOCOMPLETE_CHOICES, accept: (name) => name.length <= MAX_CHOICE_VALUE_LENGTH })
    .map((name) => ({ name: truncateAtWord(name, MAX_CHOICE_NAME_LENGTH), value: name }));
}

export function suggestDocuments(articles: readonly ArticleSummary[], typed: string): Choice[] {
  return matchDocuments(articles, typed, { limit: MAX_AUTOCOMPLETE_CHOICES, accept: (article) => article.id.length <= MAX_CHOICE_VALUE_LENGTH })
    .map((article) => ({ name: truncateAtWord(describeDocument(article), MAX_CHOICE_NAME_LENGTH), value: article.id }));
}

/** How much of a typed filter, and of each listed name, an error message repeats. */
const ECHO_LENGTH = 100;

function listForMessage(names: readonly string[]): string {
  const shown = names.slice(0, 5).map((name) => `• ${escapeText(truncateAtWord(name, ECHO_LENGTH))}`);
  if (names.length > 5) shown.push(`…and ${names.length - 5} more`);
  return shown.join('\n');
}

/** What to tell the person whose author or document matched nothing, or several. */
function describeMismatch(mismatch: FilterMismatch): string {
  const typed = echoUserText(mismatch.typed, ECHO_LENGTH);
  const kind = mismatch.field === 'author' ? 'author' : 'document';
  if (mismatch.problem === 'several') {
    return `“${typed}” matches several ${kind}s; pick one from the suggestions:\n${listForMessage(mismatch.candidates)}`;
  }
  const nearest = mismatch.candidates.length > 0 ? ` The nearest ${kind === 'author' ? 'names' : 'titles'}:\n${listForMessage(mismatch.candidates)}\n` : ' ';
  const what = kind === 'author' ? 'the authors and documents' : 'the documents';
  return `${describeNotFound(mismatch.field, typed)}${nearest}Use \`/sources\` to see ${what} I can quote from.`;
}

export interface ResolvedFilter {
  filter: SearchFilter | undefined;
  /** The title of the chosen document, to name it in replies. */
  documentTitle?: string;
}

/** Turns the author/document a user typed into a SearchFilter, or a UserError saying what did not match. */
export function resolveTypedFilter(articles: readonly ArticleSummary[], typed: TypedFilter): ResolvedFilter {
  const resolution = resolveFilter(articles, typed);
  if (!resolution.ok) throw new UserError(describeMismatch(resolution), 'invalid');
  return { filter: resolution.filter, ...(resolution.documentTitle ? { documentTitle: resolution.documentTitle } : {}) };
}
