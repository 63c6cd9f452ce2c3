import type { QueryEmbedder } from '../index/search-index.js';

/**
 * Embeds candidate sentences for quote selection, in one batch per question, remembering
 * vectors by text so a follow-up ("More quotes") or a similar question costs nothing.
 */

/** An embedder that can also take a batch (LangChain's `Embeddings` can); used when present. */
type BatchingEmbedder = QueryEmbedder & { embedDocuments?(texts: string[]): Promise<number[][]> };

/** Enough for every sentence of a corpus of a few hundred articles; oldest entries go first. */
const DEFAULT_CAPACITY = 20_000;

export class SentenceVectors {
  readonly #embedder: BatchingEmbedder;
  readonly #capacity: number;
  readonly #vectors = new Map<string, number[]>();

  constructor(embedder: QueryEmbedder, capacity = DEFAULT_CAPACITY) {
    this.#embedder = embedder;
    this.#capacity = capacity;
  }

  /** Vectors for the texts, in order. Throws only when the embedder fails. */
  async embed(texts: readonly string[]): Promise<number[][]> {
    const missing = [...new Set(texts.filter((text) => !this.#vectors.has(text)))];
    if (missing.length > 0) {
      const embedder = this.#embedder;
      const vectors = embedder.embedDocuments
        ? await embedder.embedDocuments(missing)
        : await Promise.all(missing.map((text) => embedder.embedQuery(text)));
      missing.forEach((text, i) => this.#remember(text, vectors[i] ?? []));
    }
    return texts.map((text) => this.#vectors.get(text) ?? []);
  }

  #remember(text: string, vector: number[]): void {
    this.#vectors.set(text, vector);
    if (this.#vectors.size > this.#capacity) {
      const oldest = this.#vectors.keys().next();
      if (!oldest.done) this.#vectors.delete(oldest.value);
    }
  }
}
