import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../src/answer/engine.js';
import { ABSENT_NAME_FACTOR } from '../src/answer/relevance.js';
import { makeArticle } from './support/articles.js';
import { FakeEmbedder } from './support/fake-embedder.js';
import { buildFakeIndex } from './support/fake-search-index.js';

test('a quote from an article that never uses a name of the question (the corpus does) loses relevance', async () => {
  const release = makeArticle('release.md#0', 'The new point release was published today, six weeks after the last one. It fixes two bugs in the compiler.', {
    title: 'Rust point release',
  });
  const history = makeArticle('history.md#0', 'The Tokyo meetup celebrated ten years of the language with talks and cake.', { title: 'Ten years of the language' });
  const engine = createEngine({ index: await buildFakeIndex([release, history]), embedder: new FakeEmbedder(), settings: { minRelevance: 0 } });
  const score = async (question: string) => (await engine.answer(question, { limit: 5 })).quotes.find((quote) => quote.articleId === release.id)?.score ?? 0;
  const plain = await score('When was the Rust point release published?');
  const named = await score('When was the Rust point release published in Tokyo?');
  assert.ok(plain > 0);
  // The same words plus a name the release never uses: what is left of its score is the factor, give or take the extra word's coverage.
  assert.ok(named <= plain * ABSENT_NAME_FACTOR + 1e-9, `${named} vs ${plain}`);
});
