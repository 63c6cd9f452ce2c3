/**
 * The distinct terms of every passage and how often each occurs, packed into flat typed arrays
 * over one vocabulary: a sorted run of term numbers and their counts per passage. A Map and a Set
 * per passage cost a few kilobytes each, which at 100,000 articles was over a gigabyte of heap,
 * and a large heap makes every young-generation collection slower (`npm run bench -- --scale`).
 */

/** Membership of terms: all a coverage check asks of a passage's or a sentence's terms. */
export interface TermLookup {
  has(term: string): boolean;
}

export class PackedTerms {
  private constructor(
    private readonly vocabulary: ReadonlyMap<string, number>,
    private readonly words: readonly string[],
    /** Row `r`'s terms are `terms[offsets[r]]` to `terms[offsets[r + 1] - 1]`, ascending. */
    private readonly offsets: Uint32Array,
    private readonly terms: Uint32Array,
    private readonly counts: Uint16Array,
  ) {}

  /** Packs rows of term counts (row `r` is `rows[r]`). */
  static pack(rows: Iterable<ReadonlyMap<string, number>>): PackedTerms {
    const vocabulary = new Map<string, number>();
    const words: string[] = [];
    const offsets: number[] = [0];
    const terms: number[] = [];
    const counts: number[] = [];
    for (const row of rows) {
      const numbered = [...row].map(([word, count]) => {
        let id = vocabulary.get(word);
        if (id === undefined) {
          id = words.length;
          vocabulary.set(word, id);
          words.push(word);
        }
        return [id, count] as const;
      });
      numbered.sort((a, b) => a[0] - b[0]);
      for (const [id, count] of numbered) {
        terms.push(id);
        // A count past the type's range only ever meets BM25's saturation, where it no longer matters.
        counts.push(Math.min(count, 0xffff));
      }
      offsets.push(terms.length);
    }
    return new PackedTerms(vocabulary, words, Uint32Array.from(offsets), Uint32Array.from(terms), Uint16Array.from(counts));
  }

  /** Number of rows. */
  get rows(): number {
    return this.offsets.length - 1;
  }

  /** How many distinct terms row `row` holds. */
  size(row: number): number {
    return this.offsets[row + 1]! - this.offsets[row]!;
  }

  /** How often `word` occurs in row `row`; undefined when it does not. */
  count(row: number, word: string): number | undefined {
    const id = this.vocabulary.get(word);
    if (id === undefined) return undefined;
    let low = this.offsets[row]!;
    let high = this.offsets[row + 1]! - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.terms[middle]!;
      if (found === id) return this.counts[middle];
      if (found < id) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  /** Row `row`'s terms with their counts. */
  *entries(row: number): Generator<[string, number]> {
    for (let at = this.offsets[row]!; at < this.offsets[row + 1]!; at++) yield [this.words[this.terms[at]!]!, this.counts[at]!];
  }

  /** Row `row`'s terms and `extra` (an article's author names) as one lookup. */
  lookup(row: number, extra: ReadonlySet<string>): TermLookup {
    return { has: (word) => extra.has(word) || this.count(row, word) !== undefined };
  }
}
