import type { Article, Passage, SearchFilter } from '../domain.js';
import { PassagesByArticle, scopeCache, type ArticleScope } from './filter.js';
import { ImpactListBuilder, searchImpactLists, type ImpactList } from './impact-postings.js';
import { tokenize } from '../text/tokenize.js';
import { PackedTerms, type TermLookup } from './packed-terms.js';

/**
 * BM25+ keyword search over passages, built in memory from the loaded index. Passages are
 * tokenised in their article's language, and a passage's author names are a second field, so
 * "What does Beeley say" finds her passages. Scores are MiniSearch's BM25+ (the library this
 * replaced, and the formula the PostgreSQL store computes in SQL), but the postings are ordered
 * by impact and a search reads at most `LEXICAL_DEPTH` passages per term: MiniSearch scores every
 * passage holding any query word, which grew linearly with the corpus (`npm run bench -- --scale`).
 * Up to that many passages per term the ranking is exact; past it, a passage that is in no term's
 * head is not found by the keyword side (the dense side still sees it). A filter that leaves at
 * most that many passages is searched through those passages' own terms (the same ranking): walking
 * a common word's full list to find an author's few passages in it grew with the corpus too.
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
  /** How many passages use the term (0 for a term the corpus never uses). */
  documentFrequency(term: string): number;
  /** The index terms of a passage, its article's author names included (empty for an unknown id). */
  termsOf(passageId: string): TermLookup;
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

/** BM25+ parameters (MiniSearch's defaults), shared with the PostgreSQL store so both rank alike. */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

/** Passages read per query term, best impact first (see the header). */
export const LEXICAL_DEPTH = 4096;

/** BM25+ weight of a term seen `frequency` times in a field of `length` distinct terms. */
function termImpact(idf: number, frequency: number, length: number, meanLength: number): number {
  const { k, b, d } = BM25;
  return idf * (d + (frequency * (k + 1)) / (frequency + k * (1 - b + (b * length) / (meanLength > 0 ? meanLength : 1))));
}

/** What BM25+ needs of a collection besides a passage's own terms: its size, each field's mean length and document frequencies. */
export interface FieldStatistics {
  passages: number;
  meanText: number;
  meanAuthors: number;
  /** Passages whose text holds the term. */
  textFrequency(term: string): number;
  /** Passages whose authors' names hold the term. */
  authorFrequency(term: string): number;
}

/** What a term adds to a passage's score through each field. */
function fieldImpacts(stats: FieldStatistics) {
  return {
    text: (term: string, count: number, length: number) => termImpact(inverseDocumentFrequency(stats.passages, stats.textFrequency(term)), count, length, stats.meanText),
    author: (term: string, length: number) => termImpact(inverseDocumentFrequency(stats.passages, stats.authorFrequency(term)), 1, length, stats.meanAuthors),
  };
}

/** Each row's text terms with their counts, and the terms of its article's authors. */
export interface RowTerms {
  text: PackedTerms;
  authors(row: number): ReadonlySet<string>;
}

/**
 * The impact-ordered lists of `terms` restricted to the rows `rows`, made from those rows' own term
 * counts as the full lists hold them (fields summed, stored as 32-bit floats), so a search over them
 * ranks exactly as a walk of the full lists would, without walking a common word's whole list to
 * find a few passages in it.
 */
export function scopedImpactLists(terms: Iterable<string>, rows: readonly number[], passages: RowTerms, stats: FieldStatistics): Map<string, ImpactList> {
  const impact = fieldImpacts(stats);
  const wanted = new Set(terms);
  const found = new Map<string, { rows: number[]; impacts: number[] }>();
  for (const row of rows) {
    const authors = passages.authors(row);
    for (const term of wanted) {
      const count = passages.text.count(row, term);
      const named = authors.has(term);
      if (count === undefined && !named) continue;
      const sum = (count === undefined ? 0 : impact.text(term, count, passages.text.size(row))) + (named ? impact.author(term, authors.size) : 0);
      let list = found.get(term);
      if (!list) found.set(term, (list = { rows: [], impacts: [] }));
      list.rows.push(row);
      list.impacts.push(sum);
    }
  }
  const lists = new Map<string, ImpactList>();
  for (const [term, { rows: numbers, impacts }] of found) {
    const order = numbers.map((_, i) => i).sort((a, b) => impacts[b]! - impacts[a]! || numbers[a]! - numbers[b]!);
    lists.set(term, { passages: Int32Array.from(order, (i) => numbers[i]!), impacts: Float32Array.from(order, (i) => impacts[i]!) });
  }
  return lists;
}

interface IndexedPassage {
  passage: Passage;
  /** The distinct terms of the authors field. */
  authors: ReadonlySet<string>;
}

const bump = (counts: Map<string, number>, term: string) => counts.set(term, (counts.get(term) ?? 0) + 1);

/** Adds one to the count of every term in `terms` (as many times as it occurs there). */
function countInto(counts: Map<string, number>, terms: Iterable<string>): Map<string, number> {
  for (const term of terms) bump(counts, term);
  return counts;
}

/** Each passage's term counts in its article's language, made one at a time as they are packed. */
export function* termCounts(passages: readonly Passage[], articles: ReadonlyMap<string, Article>): Generator<Map<string, number>> {
  for (const passage of passages) yield countInto(new Map(), tokenize(passage.text, articles.get(passage.articleId)!.language));
}

/** Indexes every passage whose article is known; passages of unknown articles are skipped. */
export function buildLexicalIndex(
  passages: readonly Passage[],
  articles: ReadonlyMap<string, Article>,
  scopeOf: (filter: SearchFilter | undefined) => ArticleScope = scopeCache(articles),
): LexicalIndex {
  const authorTermSets = new Map<string, ReadonlySet<string>>();
  // Row of each passage in `indexed` and `text`; also says which passages are indexed already.
  const rowOf = new Map<string, number>();
  const indexed: IndexedPassage[] = [];
  for (const passage of passages) {
    const article = articles.get(passage.articleId);
    if (!article || rowOf.has(passage.id)) continue;
    let names = authorTermSets.get(article.id);
    if (!names) authorTermSets.set(article.id, (names = authorTerms(article)));
    rowOf.set(passage.id, indexed.length);
    indexed.push({ passage, authors: names });
  }
  // Term counts of the text field, row by row: each passage is tokenised once, here, and only its packed form is kept.
  const text = PackedTerms.pack(termCounts(indexed.map(({ passage }) => passage), articles));

  const total = indexed.length;
  // A narrow filter is searched through its articles' passages (see search).
  const byArticle = new PassagesByArticle(indexed.map(({ passage }) => passage));
  const textFrequency = new Map<string, number>();
  const authorFrequency = new Map<string, number>();
  const documentFrequency = new Map<string, number>();
  let textLengths = 0;
  let authorLengths = 0;
  indexed.forEach(({ authors }, row) => {
    textLengths += text.size(row);
    authorLengths += authors.size;
    for (const [term] of text.entries(row)) {
      bump(textFrequency, term);
      bump(documentFrequency, term);
    }
    countInto(authorFrequency, authors);
    // A passage counts once for a term in both fields.
    for (const term of authors) if (text.count(row, term) === undefined) bump(documentFrequency, term);
  });
  const statistics: FieldStatistics = {
    passages: total,
    meanText: textLengths / Math.max(1, total),
    meanAuthors: authorLengths / Math.max(1, total),
    textFrequency: (term) => textFrequency.get(term) ?? 0,
    authorFrequency: (term) => authorFrequency.get(term) ?? 0,
  };
  const impact = fieldImpacts(statistics);
  const lists = new ImpactListBuilder();
  indexed.forEach(({ authors }, number) => {
    for (const [term, count] of text.entries(number)) lists.add(term, number, impact.text(term, count, text.size(number)));
    for (const term of authors) lists.add(term, number, impact.author(term, authors.size));
  });
  const postings = lists.build();
  const rowTerms: RowTerms = { text, authors: (row) => indexed[row]!.authors };
  const empty: ReadonlySet<string> = new Set();

  return {
    async search(terms, k, filter, weights) {
      if (terms.length === 0 || k <= 0 || total === 0) return [];
      const scope = scopeOf(filter);
      const query = { terms: new Map(terms.map((term) => [term, weights?.get(term) ?? 1])), depth: LEXICAL_DEPTH, k };
      const numbers = scope ? byArticle.within(scope, LEXICAL_DEPTH) : null;
      let found;
      if (!scope) found = searchImpactLists(postings, query);
      else if (numbers) found = searchImpactLists(scopedImpactLists(query.terms.keys(), numbers, rowTerms, statistics), query);
      // A wide filter: the full lists are walked, skipping passages outside it.
      else found = searchImpactLists(postings, { ...query, accept: (number) => scope.has(indexed[number]!.passage.articleId) });
      return found.map((hit) => ({ passage: indexed[hit.passage]!.passage, score: hit.score }));
    },
    documentFrequency(term) {
      return documentFrequency.get(term) ?? 0;
    },
    idf(term) {
      return inverseDocumentFrequency(total, documentFrequency.get(term) ?? 0);
    },
    termsOf(passageId) {
      const row = rowOf.get(passageId);
      return row === undefined ? empty : text.lookup(row, indexed[row]!.authors);
    },
    authorTermsOf(articleId) {
      return authorTermSets.get(articleId) ?? empty;
    },
  };
}
