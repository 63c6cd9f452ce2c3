import type { Article, Passage } from '../../src/domain.js';
import { chunkArticle } from '../../src/index/chunk.js';
import { MANIFEST_VERSION } from '../../src/index/generation-format.js';
import { scopeCache } from '../../src/index/filter.js';
import { buildLexicalIndex } from '../../src/index/lexical.js';
import type { ArticleSentences, DenseHit, SearchIndex } from '../../src/index/search-index.js';
import { embeddingInput } from '../../src/text/gloss.js';
import { splitSentences } from '../../src/text/sentences.js';
import { bagOfWordsVector, FAKE_DIMENSIONS as DIMENSIONS } from './fake-embedder.js';

/**
 * An in-memory SearchIndex for tests: brute-force cosine over the fake embedder's vectors (hashed
 * bag of words, unit length, of the texts the real build embeds), and the real BM25 index over the same passages.
 */

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** Every sentence of the article with its bag-of-words vector, stored like the real index does. */
function sentencesWithVectors(article: Article): ArticleSentences {
  const spans = splitSentences(article.text, article.language);
  const vectors = new Float32Array(spans.length * DIMENSIONS);
  spans.forEach((span, i) => vectors.set(bagOfWordsVector(embeddingInput(article.text.slice(span.start, span.end), article.language).text), i * DIMENSIONS));
  return { spans, vectors };
}

/** Chunks the articles like the real pipeline (smaller passages) and indexes them with their sentences in memory. */
export async function buildFakeIndex(articles: readonly Article[], chunkSize = 300): Promise<SearchIndex> {
  const passages: Passage[] = [];
  for (const article of articles) passages.push(...(await chunkArticle(article, { size: chunkSize, overlap: 0 })));
  const byId = new Map(articles.map((article) => [article.id, article]));
  // Embedded as the real build does: a Dutch text as its English gloss.
  const vectors = new Map(passages.map((passage) => [passage.id, bagOfWordsVector(embeddingInput(passage.text, byId.get(passage.articleId)!.language).text)]));
  const sentences = new Map(articles.map((article) => [article.id, sentencesWithVectors(article)]));
  const scopeOf = scopeCache(byId);
  return {
    manifest: {
      version: MANIFEST_VERSION,
      embedding: { provider: 'fake', model: 'fake-bag-of-words', dimensions: DIMENSIONS },
      chunking: { splitter: 'sentences-v1', size: chunkSize, overlap: 0 },
      hnsw: { space: 'cosine', m: 16, efConstruction: 200 },
      files: [],
      problems: [],
      counts: {
        files: new Set(articles.map((a) => a.source)).size,
        articles: articles.length,
        passages: passages.length,
        sentences: [...sentences.values()].reduce((sum, { spans }) => sum + spans.length, 0),
      },
      builtAt: '2024-01-01T00:00:00.000Z',
      buildSeconds: 0,
    },
    articles: byId,
    passages,
    lexical: buildLexicalIndex(passages, byId, scopeOf),
    async searchDense(vector, k, filter) {
      const scope = scopeOf(filter);
      const hits: DenseHit[] = passages
        .filter((passage) => !scope || scope.has(passage.articleId))
        .map((passage) => ({ passage, similarity: dot(vector, vectors.get(passage.id)!) }));
      return hits.sort((a, b) => b.similarity - a.similarity).slice(0, k);
    },
    sentencesOf: (articleId) => sentences.get(articleId),
    passageVector: (passageId) => vectors.get(passageId),
  };
}

/**
 * The relevance threshold for engines over this fake index: bag-of-words cosines sit on another
 * scale than a real model's, so tests do not depend on the calibrated default.
 */
export const FAKE_MIN_RELEVANCE = 0.3;
