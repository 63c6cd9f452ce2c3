import MiniSearch from 'minisearch';
import type { Article, Passage, SearchFilter } from '../domain.js';
import { scopeCache, type PassageScope } from './filter.js';
import { tokenize } from '../text/tokenize.js';

/**
 * BM25 keyword search over passages, built in memory from the loaded index (a few ms for the
 * corpus). Passages are tokenised in their article's language before indexing, so the library
 * only splits the pre-stemmed terms. MiniSearch (BM25+) is used rather than
 * wink-bm25-text-search because wink refuses collections of fewer than three documents, which a
 * one-article corpus or a narrow filter reaches.
 */

export interface LexicalHit {
  passage: Passage;
  /** BM25+ score: unbounded, only comparable within one search. */
  score: number;
}

export interface LexicalIndex {
  /**
   * Best passages for the query terms among those of the articles the filter lets through, best
   * first. A term's BM25 contribution is multiplied by its weight (1 when `weights` does not list it).
   */
  search(
    terms: readonly string[],
    k: number,
    filter?: SearchFilter,
    weights?: ReadonlyMap<string, number>,
  ): Promise<LexicalHit[]>;
  /** BM25 inverse document frequency; a term absent from the corpus gets the highest value. */
  idf(term: string): number;
  /** The index terms of a passage, its article's author names included (empty for an unknown id). */
  termsOf(passageId: string): ReadonlySet<string>;
  /** The terms of an article's author names: "What does Beeley say" is about her articles. */
  authorTermsOf(articleId: string): ReadonlySet<string>;
}

/** BM25 inverse document frequency of a term that `frequency` of `total` passages hold. */
export function inverseDocumentFrequency(total: number, frequency: number): number {
  return Math.log(1 + (total - frequency + 0.5) / (frequency + 0.5));
}

/** The terms of an article's author names, stemmed in the article's language. */
export function authorTerms(article: Article): Set<string> {
  return new Set(article.authors.flatMap((author) => tokenize(author, article.language)));
}

interface LexicalDocument {
  id: string;
  terms: string;
  authors: string;
}

const splitTerms = (text: string): string[] => text.split(' ').filter(Boolean);

/** BM25+ parameters (MiniSearch's defaults), shared with the PostgreSQL store so both rank alike. */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

/** Indexes every passage whose article is known; passages of unknown articles are skipped. */
export function buildLexicalIndex(
  passages: readonly Passage[],
  articles: ReadonlyMap<string, Article>,
  scopeOf: (filter: SearchFilter | undefined) => PassageScope = scopeCache(articles),
): LexicalIndex {
  const search = new MiniSearch<LexicalDocument>({
    fields: ['terms', 'authors'],
    tokenize: splitTerms,
    processTerm: (term) => term,
    searchOptions: { combineWith: 'OR', prefix: false, fuzzy: false, bm25: BM25 },
  });
  const byId = new Map<string, Passage>();
  const termSets = new Map<string, ReadonlySet<string>>();
  const authorTermSets = new Map<string, ReadonlySet<string>>();
  const documentFrequency = new Map<string, number>();
  const documents: LexicalDocument[] = [];

  for (const passage of passages) {
    const article = articles.get(passage.articleId);
    if (!article || byId.has(passage.id)) continue;
    const terms = tokenize(passage.text, article.language);
    let names = authorTermSets.get(article.id);
    if (!names) {
      names = authorTerms(article);
      authorTermSets.set(article.id, names);
    }
    const unique = new Set([...terms, ...names]);
    for (const term of unique) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    byId.set(passage.id, passage);
    termSets.set(passage.id, unique);
    documents.push({ id: passage.id, terms: terms.join(' '), authors: [...names].join(' ') });
  }
  search.addAll(documents);
  const total = documents.length;
  const empty: ReadonlySet<string> = new Set();

  return {
    async search(terms, k, filter, weights) {
      const unique = [...new Set(terms)];
      if (unique.length === 0 || k <= 0 || total === 0) return [];
      const accept = scopeOf(filter);
      const results = search.search(unique.join(' '), {
        filter: accept ? (result) => accept(byId.get(result.id as string)!) : undefined,
        boostTerm: weights ? (term) => weights.get(term) ?? 1 : undefined,
      });
      return results.slice(0, k).map((result) => ({ passage: byId.get(result.id as string)!, score: result.score }));
    },
    idf(term) {
      return inverseDocumentFrequency(total, documentFrequency.get(term) ?? 0);
    },
    termsOf(passageId) {
      return termSets.get(passageId) ?? empty;
    },
    authorTermsOf(articleId) {
      return authorTermSets.get(articleId) ?? empty;
    },
  };
}
