import MiniSearch from 'minisearch';
import { describeDocument, type ArticleSummary, type SearchFilter } from '../domain.js';
import { foldText, normalizeForComparison } from '../text/normalize.js';

/**
 * Author and document filters as people type them, in the terminal or on Discord: suggestions as
 * they type, and the one way a typed name becomes the SearchFilter the engine applies. Matching
 * ignores case, accents and typography; a name that matches nothing comes back with the nearest
 * names, so the person can correct it.
 */

/** A typed name as compared: lower case, no accents, plain quotes and dashes, spaces collapsed. */
export function normalizeName(text: string): string {
  return normalizeForComparison(text, { fold: true });
}

/** 0 = starts with the typed text, 1 = a word starts with it, 2 = contains it, null = no match. */
function matchRank(key: string, typed: string): number | null {
  if (typed === '') return 0;
  if (key.startsWith(typed)) return 0;
  if (key.includes(` ${typed}`)) return 1;
  if (key.includes(typed)) return 2;
  return null;
}

/** Labels normalised once and kept in display order, so a lookup is one pass of plain string tests. */
interface NameList<T> {
  items: readonly T[];
  keys: readonly string[];
}

function nameList<T>(items: readonly T[], label: (item: T) => string): NameList<T> {
  const collator = new Intl.Collator();
  const sorted = [...items].sort((a, b) => collator.compare(label(a), label(b)));
  return { items: sorted, keys: sorted.map((item) => normalizeName(label(item))) };
}

/** Which matches a lookup wants: at most `limit` of them (autocomplete shows 25), and only those `accept` keeps. */
export interface MatchOptions<T> {
  limit?: number;
  accept?: (item: T) => boolean;
}

/**
 * The items whose label contains the typed text, best matches first (by rank, then by label).
 * With a limit the pass stops once that many best-rank matches are found: a short prefix, the
 * common case while someone types, then reads a few names instead of the whole corpus.
 */
function rankedMatches<T>(list: NameList<T>, typed: string, options: MatchOptions<T> = {}): T[] {
  const { limit = Number.POSITIVE_INFINITY, accept } = options;
  const query = normalizeName(typed);
  const byRank: T[][] = [[], [], []];
  for (let i = 0; i < list.keys.length && byRank[0]!.length < limit; i++) {
    const rank = matchRank(list.keys[i]!, query);
    const item = list.items[i]!;
    if (rank !== null && (!accept || accept(item))) byRank[rank]!.push(item);
  }
  return byRank.flat().slice(0, limit);
}

/** Every author named in the corpus, once each (spelling variants by case or accent merged). */
export function listAuthors(articles: readonly ArticleSummary[]): string[] {
  const byKey = new Map<string, string>();
  for (const article of articles) {
    for (const author of article.authors) {
      const key = normalizeName(author);
      if (key !== '' && !byKey.has(key)) byKey.set(key, author);
    }
  }
  return [...byKey.values()];
}

/** The names of one article list, prepared once: the engine hands out the same list until the index changes. */
interface CorpusNames {
  authors: NameList<string>;
  titles: NameList<ArticleSummary>;
}

const namesByList = new WeakMap<readonly ArticleSummary[], CorpusNames>();

function namesOf(articles: readonly ArticleSummary[]): CorpusNames {
  let names = namesByList.get(articles);
  if (!names) {
    names = { authors: nameList(listAuthors(articles), (name) => name), titles: nameList(articles, (article) => article.title) };
    namesByList.set(articles, names);
  }
  return names;
}

/** Author names containing the typed text, best matches first. */
export function matchAuthors(articles: readonly ArticleSummary[], typed: string, options?: MatchOptions<string>): string[] {
  return rankedMatches(namesOf(articles).authors, typed, options);
}

/** Documents whose title contains the typed text, best matches first. */
export function matchDocuments(articles: readonly ArticleSummary[], typed: string, options?: MatchOptions<ArticleSummary>): ArticleSummary[] {
  return rankedMatches(namesOf(articles).titles, typed, options);
}

/** Names offered when a typed name matches nothing: at most this many. */
const NEAREST_NAMES = 3;
/** A typed word may differ from a name's word by about this share of its letters and still be "near". */
const NEAR_EDIT_SHARE = 0.34;

/** The labels nearest to a misspelled name: word by word, allowing a few wrong letters. */
export function nearestLabels(labels: readonly string[], typed: string): string[] {
  const search = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    processTerm: (term) => foldText(term),
    searchOptions: { combineWith: 'OR', prefix: true, fuzzy: NEAR_EDIT_SHARE },
  });
  search.addAll(labels.map((text, id) => ({ id, text })));
  return search.search(typed).slice(0, NEAREST_NAMES).map((result) => labels[result.id as number]!);
}

/** The one way to say that the corpus has no such author or document: "No article by Noam Chomsky here." */
export function describeNotFound(field: 'author' | 'document', typed: string): string {
  return field === 'author' ? `No article by ${typed} here.` : `No article titled “${typed}” here.`;
}

/** What a person typed to narrow a question down (empty or missing means no filter). */
export interface TypedFilter {
  author?: string | null;
  document?: string | null;
}

/** A typed author or document that cannot be used, with the names to offer instead. */
export interface FilterMismatch {
  field: 'author' | 'document';
  typed: string;
  /** `none`: nothing matches, `candidates` are the nearest names; `several`: they are the matches. */
  problem: 'none' | 'several';
  /** Author names, or documents as `Title — Author (date)`. */
  candidates: string[];
}

export type FilterResolution =
  | { ok: true; filter: SearchFilter | undefined; /** The chosen document's title, to name it in replies. */ documentTitle?: string }
  | ({ ok: false } & FilterMismatch);

type Picked<T> = { ok: true; value: T } | ({ ok: false } & FilterMismatch);

function pickAuthor(articles: readonly ArticleSummary[], typed: string): Picked<string> {
  const { authors } = namesOf(articles);
  const wanted = normalizeName(typed);
  const exact = authors.items[authors.keys.indexOf(wanted)];
  if (exact !== undefined) return { ok: true, value: exact };
  const partial = rankedMatches(authors, typed);
  if (partial.length === 1) return { ok: true, value: partial[0]! };
  if (partial.length > 1) return { ok: false, field: 'author', typed, problem: 'several', candidates: partial };
  return { ok: false, field: 'author', typed, problem: 'none', candidates: nearestLabels(authors.items, typed) };
}

function pickDocument(articles: readonly ArticleSummary[], typed: string): Picked<ArticleSummary> {
  const query = normalizeName(typed);
  const exact = articles.find(
    (article) => article.id === typed.trim() || article.source === typed.trim() || normalizeName(article.title) === query,
  );
  if (exact) return { ok: true, value: exact };
  const partial = rankedMatches(namesOf(articles).titles, typed);
  if (partial.length === 1) return { ok: true, value: partial[0]! };
  if (partial.length > 1) return { ok: false, field: 'document', typed, problem: 'several', candidates: partial.map(describeDocument) };
  const nearest = nearestLabels(articles.map((article) => article.title), typed);
  const described = nearest.map((title) => describeDocument(articles.find((article) => article.title === title)!));
  return { ok: false, field: 'document', typed, problem: 'none', candidates: described };
}

/**
 * Turns the author and document a person typed into the SearchFilter the engine applies: an exact
 * name (or document id, file or title) wins, else a unique partial match; anything else is a
 * mismatch naming what to choose from.
 */
export function resolveFilter(articles: readonly ArticleSummary[], typed: TypedFilter): FilterResolution {
  const filter: SearchFilter = {};
  let documentTitle: string | undefined;
  if (typed.author?.trim()) {
    const author = pickAuthor(articles, typed.author);
    if (!author.ok) return author;
    filter.author = author.value;
  }
  if (typed.document?.trim()) {
    const document = pickDocument(articles, typed.document);
    if (!document.ok) return document;
    filter.document = document.value.id;
    documentTitle = document.value.title;
  }
  return { ok: true, filter: Object.keys(filter).length > 0 ? filter : undefined, ...(documentTitle ? { documentTitle } : {}) };
}
