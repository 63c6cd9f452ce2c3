import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAnswerButtons } from '../src/discord/answer-flow.js';
import { decodeButton, encodeButton } from '../src/discord/button-ids.js';
import { resolveTypedFilter, suggestAuthors, suggestDocuments } from '../src/discord/corpus-filter.js';
import { parseDirectMessage } from '../src/discord/direct-message-parser.js';
import { UserError } from '../src/discord/errors.js';
import { ExpiringCache } from '../src/discord/expiring-cache.js';
import { RateLimiter } from '../src/discord/rate-limiter.js';
import type { ArticleSummary } from '../src/domain.js';

describe('parsing a DM', () => {
  test('a plain question has no filters', () => {
    assert.deepEqual(parseDirectMessage('  What about   bridges? '), { ok: true, value: { question: 'What about bridges?' } });
  });

  test('author: and document: prefixes, ended by a new line or a semicolon, any case', () => {
    assert.deepEqual(parseDirectMessage('Author: Jane Doe\nDocument: On Bridges; why do they stand?'), {
      ok: true,
      value: { question: 'why do they stand?', author: 'Jane Doe', document: 'On Bridges' },
    });
    assert.deepEqual(parseDirectMessage('doc: North;what: about ice?'), { ok: true, value: { question: 'what: about ice?', document: 'North' } });
  });

  test('a colon later in the question is not a filter', () => {
    assert.deepEqual(parseDirectMessage('Why did the author: Jane write it?'), { ok: true, value: { question: 'Why did the author: Jane write it?' } });
  });

  test('a filter without a question, or an empty message, explains how to ask', () => {
    const bare = parseDirectMessage('author: Jane Doe');
    assert.equal(bare.ok, false);
    assert.ok(!bare.ok && bare.reason === 'no-question' && bare.message.includes('author: Name'));
    const empty = parseDirectMessage('   ');
    assert.ok(!empty.ok && empty.reason === 'empty');
  });
});

describe('rate limiter (sliding window)', () => {
  test('allows `limit` per window per user, says when the next one is allowed, then allows again', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 2, windowMs: 60_000, now: () => now });
    assert.deepEqual(limiter.take('u'), { allowed: true });
    now = 10_000;
    assert.deepEqual(limiter.take('u'), { allowed: true });
    now = 20_000;
    assert.deepEqual(limiter.take('u'), { allowed: false, retryAfterMs: 40_000 });
    assert.deepEqual(limiter.take('other'), { allowed: true });
    now = 60_000;
    assert.deepEqual(limiter.take('u'), { allowed: true });
    assert.deepEqual(limiter.take('u'), { allowed: false, retryAfterMs: 10_000 });
  });

  test('keeps memory bounded', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 1, windowMs: 1000, now: () => now, maxKeys: 3 });
    for (let i = 0; i < 10; i += 1) {
      now += 1;
      limiter.take(`user${i}`);
    }
    assert.ok((limiter as unknown as { hits: Map<string, unknown> }).hits.size <= 3);
  });
});

describe('expiring cache', () => {
  test('entries expire after the TTL and the least recently used go first when full', () => {
    let now = 0;
    const cache = new ExpiringCache<number>({ maxEntries: 2, ttlMs: 100, now: () => now });
    cache.set('a', 1);
    cache.set('b', 2);
    assert.equal(cache.get('a'), 1);
    cache.set('c', 3);
    assert.equal(cache.get('b'), undefined, 'least recently used evicted');
    assert.equal(cache.get('a'), 1);
    now = 100;
    assert.equal(cache.get('c'), undefined, 'expired');
  });
});

describe('button custom ids', () => {
  test('round-trip, stay far below 100 characters, and reject foreign ids', () => {
    for (const action of [{ kind: 'more', answerId: 'AbC_-12x' }, { kind: 'context', answerId: 'AbC_-12x', index: 9 }, { kind: 'sources', page: 12 }] as const) {
      const id = encodeButton(action);
      assert.ok(id.length <= 100);
      assert.deepEqual(decodeButton(id), action);
    }
    assert.equal(decodeButton('something-else'), null);
    assert.equal(decodeButton('context:abc:x'), null);
  });

  test('ten quotes fit: More + ten Context buttons in rows of at most five', () => {
    const rows = buildAnswerButtons('abc', 10, 1, true).map((row) => row.toJSON());
    assert.deepEqual(rows.map((row) => row.components.length), [5, 5, 1]);
  });
});

const ARTICLES: ArticleSummary[] = [
  { id: 'a#0', source: 'a.txt', title: 'On Bridges', authors: ['Jane Doe'], date: '2021-01-01', language: 'en' },
  { id: 'b#0', source: 'b.txt', title: 'Bridges of the North', authors: ['Jane Doe', 'John Smith'], date: null, language: 'en' },
  { id: 'c#0', source: 'c.txt', title: 'Rivers', authors: ['Amélie Dupont', 'AMELIE DUPONT'], date: null, language: 'en' },
  { id: 'd#0', source: 'd.txt', title: 'x'.repeat(300), authors: [], date: null, language: 'en' },
];

describe('author and document filters', () => {
  test('author suggestions: prefix matches first, then word starts, deduplicated', () => {
    assert.deepEqual(suggestAuthors(ARTICLES, 'j').map((c) => c.value), ['Jane Doe', 'John Smith']);
    assert.deepEqual(suggestAuthors(ARTICLES, 'smi').map((c) => c.value), ['John Smith']);
    assert.deepEqual(suggestAuthors(ARTICLES, 'amelie').map((c) => c.value), ['Amélie Dupont']);
  });

  test('document suggestions carry the id and a name of at most 100 characters', () => {
    const choices = suggestDocuments(ARTICLES, '');
    assert.ok(choices.every((c) => c.name.length >= 1 && c.name.length <= 100));
    assert.deepEqual(suggestDocuments(ARTICLES, 'north').map((c) => c.value), ['b#0']);
  });

  test('resolving: exact names win, unique partial matches are accepted, the rest is a clear UserError', () => {
    assert.deepEqual(resolveTypedFilter(ARTICLES, { author: 'jane doe', document: 'on bridges' }), { filter: { author: 'Jane Doe', document: 'a#0' }, documentTitle: 'On Bridges' });
    assert.deepEqual(resolveTypedFilter(ARTICLES, { author: 'smith' }).filter, { author: 'John Smith' });
    assert.deepEqual(resolveTypedFilter(ARTICLES, { author: null, document: '' }), { filter: undefined });
    assert.throws(() => resolveTypedFilter(ARTICLES, { author: 'Zed' }), (error: Error) => error instanceof UserError && /No author matches “Zed”.*\/sources/s.test(error.message));
    assert.throws(() => resolveTypedFilter(ARTICLES, { document: 'bridges' }), /matches several documents/);
  });
});
