import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hideSources } from '../src/answer/hidden-sources.js';
import { createFixtureEngine } from './support/fixture-engine.js';

test('a hidden document is never quoted, listed or shown in context, and comes back when revealed', async () => {
  const engine = hideSources(createFixtureEngine());
  const before = await engine.answer('bridges', { limit: 3 });
  assert.ok(before.quotes.some((quote) => quote.source === 'bridges.txt'));
  engine.hide('bridges.txt');
  const during = await engine.answer('bridges and rivers', { limit: 3 });
  const others = (await createFixtureEngine().answer('bridges and rivers', { limit: 25 })).quotes.filter((quote) => quote.source !== 'bridges.txt');
  assert.deepEqual(during.quotes, others.slice(0, 3), 'other documents fill the answer');
  assert.ok(during.quotes.every((quote) => quote.source !== 'bridges.txt'));
  assert.ok(engine.listArticles().every((article) => article.source !== 'bridges.txt'));
  assert.equal(engine.context(before.quotes.find((quote) => quote.source === 'bridges.txt')!), null);
  const only = await engine.answer('Romans traffic', { limit: 3, filter: { document: 'bridges.txt' } });
  assert.deepEqual([only.answered, only.quotes], [false, []]);
  engine.reveal('bridges.txt');
  assert.deepEqual(await engine.answer('bridges', { limit: 3 }), before);
});
