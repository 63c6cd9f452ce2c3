import type { Embedder } from '../../src/index/embeddings.js';

/**
 * The one stand-in for an embedding model in tests: a hashed bag of lowercase words (a plural -s
 * dropped, common function words ignored) as a unit vector. Texts sharing words are close; words
 * it has never seen together give orthogonal vectors, so an off-topic question has similarity 0
 * with everything. It records what it embeds, can hold a question in flight, and can fail on demand.
 */

export const FAKE_DIMENSIONS = 512;
const FAKE_STOPWORDS = new Set(
  'a an and are as at be by de did do does for from had has have he het how in is it its of on or that the their there this to was were what which who why with'.split(' '),
);

function hashWord(word: string, dimensions: number): number {
  let hash = 2166136261;
  for (let i = 0; i < word.length; i++) {
    hash ^= word.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) % dimensions;
}

/** Hashed bag of words: lowercase words (a plural -s dropped), stopwords ignored, unit length. */
export function bagOfWordsVector(text: string, dimensions = FAKE_DIMENSIONS): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const raw of text.toLowerCase().match(/\p{L}+|\p{N}+/gu) ?? []) {
    if (FAKE_STOPWORDS.has(raw)) continue;
    const word = raw.length > 3 && raw.endsWith('s') ? raw.slice(0, -1) : raw;
    const slot = hashWord(word, dimensions);
    vector[slot] = vector[slot]! + 1;
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((x) => x / norm);
}

export interface FakeEmbedderOptions {
  model?: string;
  dimensions?: number;
  /** Document embedding throws once this many texts have been embedded. */
  failAfter?: number;
}

export class FakeEmbedder implements Embedder {
  readonly provider = 'local' as const;
  readonly model: string;
  readonly dimensions: number;
  /** Texts embedded as documents (index builds). */
  embeddedTexts = 0;
  /** Every question embedded, in order: lets tests see what reached the embedder. */
  readonly seen: string[] = [];
  /** When set, every question waits for this before it is answered (to hold it in flight). */
  gate: Promise<void> | null = null;
  private readonly failAfter: number;

  constructor(options: FakeEmbedderOptions = {}) {
    this.model = options.model ?? 'fake-bag-of-words';
    this.dimensions = options.dimensions ?? FAKE_DIMENSIONS;
    this.failAfter = options.failAfter ?? Infinity;
  }

  embedText(text: string): number[] {
    return bagOfWordsVector(text, this.dimensions);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    if (this.embeddedTexts + texts.length > this.failAfter) throw new Error('embedding service went away');
    this.embeddedTexts += texts.length;
    return texts.map((text) => this.embedText(text));
  }

  async embedQuery(text: string): Promise<number[]> {
    this.seen.push(text);
    if (this.gate) await this.gate;
    return this.embedText(text);
  }

  async close(): Promise<void> {}
}
