import type { Article, Passage, SearchFilter } from '../domain.js';
import type { SearchIndex } from '../index/search-index.js';
import { denseTrust, type SearchMode } from './relevance.js';

/**
 * Candidate passages for a question: the dense (embedding) ranking and the BM25 ranking, each
 * computed among the passages the filter accepts, merged by reciprocal rank fusion. RRF needs
 * no score calibration between the two, which have unrelated scales. Where the dense ranking
 * cannot be trusted (a question the English-only model sees in Dutch), the BM25 rank stands in for it.
 */

export interface RetrievedPassage {
  passage: Passage;
  article: Article;
  /** Cosine similarity to the question when the dense search returned the passage. */
  similarity: number | null;
  /** Fused rank score: only for ordering. */
  fused: number;
}

export interface RetrieveOptions {
  mode: SearchMode;
  /** The question vector (null in lexical mode). */
  vector: number[] | null;
  /** Query terms, one group of stems per question word. */
  terms: readonly (readonly string[])[];
  /** Keyword-search weight per term (translations count less); 1 when absent. */
  weights?: ReadonlyMap<string, number>;
  /** Language of the text embedded for the question, which with each passage's decides how far the dense ranking counts (default English). */
  language?: string;
  /** Limits both searches to part of the corpus, inside the searches. */
  filter?: SearchFilter;
  /** How many passages to hand on to quote selection. */
  poolSize: number;
  /** Extra passages from articles not yet in the pool, so quotes can come from several articles. */
  extraArticles: number;
}

/** Depth of each ranking before fusion. */
export const RANKING_DEPTH = 30;
/** The usual RRF constant: damps the weight of the very top ranks. */
const RRF_K = 60;
/** Passages this high in either ranking always reach quote selection. */
const LEADERS = 3;

/** The best passages for a question, best first, at most `poolSize + extraArticles`. */
export async function retrievePassages(index: SearchIndex, options: RetrieveOptions): Promise<RetrievedPassage[]> {
  const [dense, keyword] = await Promise.all([
    options.mode !== 'lexical' && options.vector ? index.searchDense(options.vector, RANKING_DEPTH, options.filter) : [],
    options.mode !== 'dense' ? index.lexical.search(options.terms.flat(), RANKING_DEPTH, options.filter, options.weights) : [],
  ]);

  const language = options.language ?? 'en';
  const trust = denseTrust(language);
  const fused = new Map<string, { passage: Passage; similarity: number | null; fused: number }>();
  const add = (passage: Passage, share: number, similarity: number | null) => {
    const entry = fused.get(passage.id) ?? { passage, similarity: null, fused: 0 };
    entry.fused += share;
    if (similarity !== null) entry.similarity = similarity;
    fused.set(passage.id, entry);
  };
  const reciprocal = (rank: number) => 1 / (RRF_K + rank + 1);
  dense.forEach((hit, rank) => add(hit.passage, trust * reciprocal(rank), hit.similarity));
  // Without a dense ranking (lexical mode) BM25 alone orders the passages.
  keyword.forEach((hit, rank) => add(hit.passage, (dense.length > 0 ? 2 - trust : 1) * reciprocal(rank), null));

  const ranked: RetrievedPassage[] = [];
  for (const entry of fused.values()) {
    const article = index.articles.get(entry.passage.articleId);
    // The index guarantees passages belong to known articles; a stray one is skipped, not quoted.
    if (article) ranked.push({ ...entry, article });
  }
  ranked.sort((a, b) => b.fused - a.fused || a.passage.id.localeCompare(b.passage.id));

  // RRF favours passages both rankings place fairly high; the top few of each ranking join the
  // pool anyway, so a passage only one of them finds (a rare name, a paraphrase) is not lost.
  const leaders = new Set([...dense.slice(0, LEADERS), ...keyword.slice(0, LEADERS)].map((hit) => hit.passage.id));
  const pool = ranked.filter((candidate) => leaders.has(candidate.passage.id));
  for (const candidate of ranked) {
    if (pool.length >= options.poolSize) break;
    if (!leaders.has(candidate.passage.id)) pool.push(candidate);
  }
  pool.sort((a, b) => b.fused - a.fused || a.passage.id.localeCompare(b.passage.id));
  const seen = new Set(pool.map((candidate) => candidate.article.id));
  const inPool = new Set(pool.map((candidate) => candidate.passage.id));
  let extras = 0;
  for (const candidate of ranked) {
    if (extras >= options.extraArticles) break;
    if (inPool.has(candidate.passage.id) || seen.has(candidate.article.id)) continue;
    seen.add(candidate.article.id);
    pool.push(candidate);
    extras++;
  }
  return pool;
}
