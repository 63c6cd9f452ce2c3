import MiniSearch from 'minisearch';
import type { Article, Passage } from '../domain.js';
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
   * Best passages for the query terms among those `accept` lets through, best first. A term's
   * BM25 contribution is multiplied by its weight (1 when `weights` does not list it).
   */
  search(
    terms: readonly string[],
    k: number,
    accept?: (passage: Passage) => boolean,
    weights?: ReadonlyMap<string, number>,
  ): LexicalHit[];
  /** BM25 inverse document frequency; a term absent from the corpus gets the highest value. */
  idf(term: string): number;
  /** The index terms of a passage, its article's author names included (empty for an unknown id). */
  termsOf(passageId: string): ReadonlySet<string>;
  /** The terms of an article's author names: "What does Beeley say" is about her articles. */
  authorTermsOf(articleId: string): ReadonlySet<string>;
}

interface LexicalDocument {
  id: string;
  terms: string;
  authors: string;
}

const splitTerms = (text: string): string[] => text.split(' ').filter(Boolean);

/** Indexes every passage whose article is known; passages of unknown articles are skipped. */
export function buildLexicalIndex(
  passages: readonly Passage[],
  articles: ReadonlyMap<string, Article>,
): LexicalIndex {
  const search = new MiniSearch<LexicalDocument>({
    fields: ['terms', 'authors'],
    tokenize: splitTerms,
    processTerm: (term) => term,
    searchOptions: { combineWith: 'OR', prefix: false, fuzzy: false },
  });
  const byId = new Map<string, Passage>();
  const termSets = new Map<string, ReadonlySet<string>>();
  const authorTerms = new Map<string, ReadonlySet<string>>();
  const documentFrequency = new Map<string, number>();
  const documents: LexicalDocument[] = [];

  for (const passage of passages) {
    const article = articles.get(passage.articleId);
    if (!article || byId.has(passage.id)) continue;
    const terms = tokenize(passage.text, article.language);
    let names = authorTerms.get(article.id);
    if (!names) {
      names = new Set(article.authors.flatMap((author) => tokenize(author, article.language)));
      authorTerms.set(article.id, names);
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
    search(terms, k, accept, weights) {
      const unique = [...new Set(terms)];
      if (unique.length === 0 || k <= 0 || total === 0) return [];
      const results = search.search(unique.join(' '), {
        filter: accept ? (result) => accept(byId.get(result.id as string)!) : undefined,
        boostTerm: weights ? (term) => weights.get(term) ?? 1 : undefined,
      });
      return results.slice(0, k).map((result) => ({ passage: byId.get(result.id as string)!, score: result.score }));
    },
    idf(term) {
      const frequency = documentFrequency.get(term) ?? 0;
      return Math.log(1 + (total - frequency + 0.5) / (frequency + 0.5));
    },
    termsOf(passageId) {
      return termSets.get(passageId) ?? empty;
    },
    authorTermsOf(articleId) {
      return authorTerms.get(articleId) ?? empty;
    },
  };
}
