/**
 * Inverted lists ordered by impact: for every term, the passages that hold it, ordered by what the
 * term adds to their BM25+ score (largest first). A search reads only the head of each list, so its
 * cost depends on the number of query terms, not on the size of the corpus ("impact-ordered
 * postings" with early termination, as in Anh & Moffat's score-at-a-time ranking).
 */

/** One term's postings: passage numbers and their impacts, in the same order, largest impact first. */
export interface ImpactList {
  readonly passages: Int32Array;
  readonly impacts: Float32Array;
}

/** Collects (term, passage, impact) triples, then freezes them into impact-ordered lists. */
export class ImpactListBuilder {
  private readonly pending = new Map<string, Map<number, number>>();

  /** Adds to what `term` contributes to passage `passage` (the fields of one passage add up). */
  add(term: string, passage: number, impact: number): void {
    let perPassage = this.pending.get(term);
    if (!perPassage) this.pending.set(term, (perPassage = new Map()));
    perPassage.set(passage, (perPassage.get(passage) ?? 0) + impact);
  }

  build(): ReadonlyMap<string, ImpactList> {
    const lists = new Map<string, ImpactList>();
    for (const [term, perPassage] of this.pending) {
      // Ties keep the build order (the corpus order), so rankings are stable from one load to the next.
      const entries = [...perPassage].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      lists.set(term, { passages: Int32Array.from(entries, (entry) => entry[0]), impacts: Float32Array.from(entries, (entry) => entry[1]) });
    }
    this.pending.clear();
    return lists;
  }
}

export interface ImpactQuery {
  /** Each query term with its weight; a term absent from `lists` is skipped. */
  terms: ReadonlyMap<string, number>;
  /** How many passages of each list are read; lists no longer than this are read whole (exact). */
  depth: number;
  k: number;
  /** Passages a search may return; unset: all. Passages outside it do not count towards `depth`. */
  accept?: (passage: number) => boolean;
}

export interface ScoredPassage {
  passage: number;
  score: number;
}

/**
 * Per-passage sums and matched-term counts, reused from one search to the next (a search runs to
 * its end without yielding): a Map of each per search was a tenth of an answer's time at 100,000
 * articles. Grown on demand, and only the entries a search touched are reset.
 */
let sums = new Float64Array(1024);
let matched = new Uint16Array(1024);

function makeRoom(passage: number): void {
  if (passage < sums.length) return;
  const size = Math.max(passage + 1, sums.length * 2);
  const grownSums = new Float64Array(size);
  const grownMatched = new Uint16Array(size);
  grownSums.set(sums);
  grownMatched.set(matched);
  sums = grownSums;
  matched = grownMatched;
}

/**
 * The k passages with the highest score: the weighted impacts summed over the query terms, times
 * the number of query terms the passage holds (MiniSearch's and the PostgreSQL store's "quality").
 */
export function searchImpactLists(lists: ReadonlyMap<string, ImpactList>, query: ImpactQuery): ScoredPassage[] {
  const touched: number[] = [];
  for (const [term, weight] of query.terms) {
    const list = lists.get(term);
    if (!list) continue;
    let taken = 0;
    for (let i = 0; i < list.passages.length && taken < query.depth; i++) {
      const passage = list.passages[i]!;
      if (query.accept && !query.accept(passage)) continue;
      taken++;
      makeRoom(passage);
      if (matched[passage] === 0) touched.push(passage);
      sums[passage] = sums[passage]! + weight * list.impacts[i]!;
      matched[passage] = matched[passage]! + 1;
    }
  }
  const scored: ScoredPassage[] = touched.map((passage) => ({ passage, score: sums[passage]! * matched[passage]! }));
  for (const passage of touched) {
    sums[passage] = 0;
    matched[passage] = 0;
  }
  scored.sort((a, b) => b.score - a.score || a.passage - b.passage);
  return scored.slice(0, query.k);
}
