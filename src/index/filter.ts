import type { Article, SearchFilter } from '../domain.js';
import { foldText } from '../text/normalize.js';

/**
 * Which articles a SearchFilter lets through. Names are compared folded (case and accents
 * ignored) and by whole words, so "van auken" finds "Bill Van Auken" and "Beeley" finds
 * "Vanessa Beeley", but "van" alone does not find "Vanessa". A document is an article's id, file
 * (with or without extension) or title, exactly; one that matches none is looked for as part of a
 * title. Date bounds are inclusive, and a partial bound (`2018`, `2018-06`) covers the whole year or month.
 */

const folded = (text: string): string => foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * The articles a filter lets through, found from lookups made once per collection of articles
 * (authors by name, documents by id, file and title, dates in order, languages) instead of by
 * testing every article: a filtered question costs what the filter matches, not the corpus size.
 */
interface ArticleLookups {
  /** Each distinct author name, spaced and folded (" bill van auken "), with its articles. */
  authors: Map<string, string[]>;
  /** Articles by folded id, file, file without extension and trimmed title: a document named exactly. */
  exact: Map<string, string[]>;
  /** Each article's folded title words, spaced: a document named by part of its title (read whole). */
  titles: { id: string; spaced: string }[];
  /** Dated articles in date order, and their dates. */
  byDate: string[];
  dates: string[];
  languages: Map<string, string[]>;
}

const lookupsByArticles = new WeakMap<ReadonlyMap<string, Article>, ArticleLookups>();

function lookupsOf(articles: ReadonlyMap<string, Article>): ArticleLookups {
  let lookups = lookupsByArticles.get(articles);
  if (lookups) return lookups;
  const post = (map: Map<string, string[]>, key: string, id: string) => {
    const list = map.get(key);
    if (!list) map.set(key, [id]);
    else if (list[list.length - 1] !== id) list.push(id);
  };
  const authors = new Map<string, string[]>();
  const exact = new Map<string, string[]>();
  const languages = new Map<string, string[]>();
  const titles: { id: string; spaced: string }[] = [];
  const dated: Article[] = [];
  for (const article of articles.values()) {
    for (const name of article.authors) post(authors, ` ${folded(name)} `, article.id);
    const source = foldText(article.source);
    for (const key of new Set([foldText(article.id), source, source.replace(/\.[^.]+$/, ''), foldText(article.title.trim())])) post(exact, key, article.id);
    titles.push({ id: article.id, spaced: ` ${folded(article.title)} ` });
    if (article.date) dated.push(article);
    post(languages, article.language, article.id);
  }
  dated.sort((a, b) => (a.date! < b.date! ? -1 : a.date! > b.date! ? 1 : 0));
  lookups = { authors, exact, titles, byDate: dated.map((article) => article.id), dates: dated.map((article) => article.date!), languages };
  lookupsByArticles.set(articles, lookups);
  return lookups;
}

/** The first position in the sorted `values` at which `wanted` fails. */
function boundary(values: readonly string[], wanted: (value: string) => boolean): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (wanted(values[middle]!)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The ids of the articles the filter lets through, or null when there is no filter. Each part of
 * the filter is looked up; the smallest part's articles are then checked against the others.
 */
export function articlesMatching(filter: SearchFilter | undefined, articles: ReadonlyMap<string, Article>): ReadonlySet<string> | null {
  if (!filter) return null;
  const authorGiven = Boolean(filter.author?.trim());
  const document = filter.document?.trim() ?? '';
  const from = filter.dateFrom?.trim() || undefined;
  const to = filter.dateTo?.trim() || undefined;
  const language = filter.language?.trim() || undefined;
  if (!authorGiven && !document && !from && !to && !language) return null;

  const lookups = lookupsOf(articles);
  const parts: (readonly string[])[] = [];
  if (authorGiven) {
    const author = folded(filter.author ?? '');
    const ids = new Set<string>();
    if (author !== '') for (const [name, owned] of lookups.authors) if (name.includes(` ${author} `)) for (const id of owned) ids.add(id);
    parts.push([...ids]);
  }
  if (document) {
    const exact = lookups.exact.get(foldText(document));
    const part = folded(document);
    parts.push(exact ?? (part === '' ? [] : lookups.titles.filter((title) => title.spaced.includes(` ${part} `)).map((title) => title.id)));
  }
  if (from || to) {
    const first = from ? boundary(lookups.dates, (date) => date < from) : 0;
    const end = to ? boundary(lookups.dates, (date) => date.slice(0, to.length) <= to) : lookups.dates.length;
    parts.push(lookups.byDate.slice(first, Math.max(first, end)));
  }
  if (language) parts.push(lookups.languages.get(language) ?? []);

  parts.sort((a, b) => a.length - b.length);
  const [smallest, ...others] = parts;
  const sets = others.map((ids) => new Set(ids));
  return new Set(smallest!.filter((id) => sets.every((set) => set.has(id))));
}

/**
 * Each article's passages by their position in a store's own list (an HNSW label, a keyword-index
 * number, a PostgreSQL ordinal): a narrow filter is searched through its articles' passages.
 */
export class PassagesByArticle {
  private readonly positions = new Map<string, number[]>();

  constructor(passages: readonly { articleId: string }[]) {
    passages.forEach(({ articleId }, position) => {
      const positions = this.positions.get(articleId);
      if (positions) positions.push(position);
      else this.positions.set(articleId, [position]);
    });
  }

  /** The positions of the passages of the scope's articles, or null when there are more than `limit`. */
  within(scope: ReadonlySet<string>, limit: number): number[] | null {
    const found: number[] = [];
    for (const articleId of scope) {
      for (const position of this.positions.get(articleId) ?? []) found.push(position);
      if (found.length > limit) return null;
    }
    return found;
  }
}

/**
 * A filter leaving at most this many passages is searched exactly, by reading those passages'
 * vectors: an HNSW search under a filter walks the graph until it has found `ef` passages that
 * pass, so for an author with a few dozen articles it visited most of the graph (the more, the
 * larger the corpus), where reading their vectors costs about a millisecond.
 */
export const EXACT_SEARCH_LIMIT = 8192;

/** The articles a search may return passages of under the filter, or undefined when it may return any. */
export type ArticleScope = ReadonlySet<string> | undefined;

/** `articlesMatching` remembering its last filter: the dense and keyword searches of one question share it. */
export function scopeCache(articles: ReadonlyMap<string, Article>): (filter: SearchFilter | undefined) => ArticleScope {
  let lastKey: string | null = null;
  let last: ArticleScope;
  return (filter) => {
    const key = JSON.stringify(filter ?? null);
    if (key !== lastKey) {
      last = articlesMatching(filter, articles) ?? undefined;
      lastKey = key;
    }
    return last;
  };
}
