import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildAnswerButtons } from '../src/discord/answer-buttons.js';
import { decodeButton, encodeButton } from '../src/discord/button-ids.js';
import { resolveTypedFilter, suggestAuthors, suggestDocuments } from '../src/discord/corpus-filter.js';
import { parseDirectMessage } from '../src/discord/direct-message-parser.js';
import { UserError } from '../src/discord/errors.js';
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

describe('button custom ids', () => {
  test('round-trip, stay far below 100 characters, and reject foreign ids', () => {
    const actions = [
      { kind: 'more', answerId: 'AbC_-12x' },
      { kind: 'context', answerId: 'AbC_-12x', index: 9 },
      { kind: 'vote', answerId: 'AbC_-12x', vote: 'down' },
      { kind: 'sources', page: 12 },
      { kind: 'fix', documentKey: 'Zm9vYmFyYmF6cXV4' },
    ] as const;
    for (const action of actions) {
      const id = encodeButton(action);
      assert.ok(id.length <= 100);
      assert.deepEqual(decodeButton(id), action);
    }
    assert.equal(decodeButton('something-else'), null);
    assert.equal(decodeButton('context:abc:x'), null);
    assert.equal(decodeButton('vote:abc:maybe'), null);
  });

  const quote = (url: string | null) => ({ text: 'Arches carry the weight.', url });
  const kinds = (rows: ReturnType<typeof buildAnswerButtons>) =>
    rows.map((row) => row.toJSON().components.map((button) => ('url' in button ? 'link' : ('custom_id' in button ? button.custom_id.split(':')[0] : '?'))));

  test('More quotes, 👍 and 👎 first, then a Context button per quote in rows of at most five', () => {
    const rows = kinds(buildAnswerButtons({ answerId: 'abc', quotes: Array.from({ length: 10 }, () => quote(null)), firstNumber: 1, offerMore: true }));
    assert.deepEqual(rows, [['more', 'vote', 'vote'], Array(5).fill('context'), Array(5).fill('context')]);
  });

  test('a quote from an article with a web address gets a Source link next to its Context button, never split from it', () => {
    const built = buildAnswerButtons({ answerId: 'abc', quotes: [quote('https://example.org/a'), quote(null), quote('https://example.org/b')], firstNumber: 1, offerMore: false });
    assert.deepEqual(kinds(built), [['vote', 'vote'], ['context', 'link', 'context', 'context', 'link']]);
    const link = built[1]!.toJSON().components[1] as { url: string; label: string };
    assert.equal(link.label, 'Source 1');
    assert.equal(link.url, 'https://example.org/a#:~:text=Arches%20carry%20the%20weight.');
    const many = kinds(buildAnswerButtons({ answerId: 'abc', quotes: Array.from({ length: 10 }, () => quote('https://example.org/a')), firstNumber: 1, offerMore: true }));
    assert.equal(many.length, 5, 'Discord allows five rows');
    assert.ok(many.slice(1).every((row) => row.length === 4), 'two quotes (Context + Source) per row');
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

  test('over many documents: the first 25 by name, titles starting with the typed text before those containing it', () => {
    const many: ArticleSummary[] = Array.from({ length: 500 }, (_, i) => ({
      id: `r${i}#0`,
      source: `r${i}.txt`,
      title: i % 2 === 0 ? `Report ${String(i).padStart(3, '0')}` : `Annual report ${String(i).padStart(3, '0')}`,
      authors: [],
      date: null,
      language: 'en',
    }));
    const titles = suggestDocuments(many, 'rep').map((choice) => choice.name);
    assert.deepEqual(titles, Array.from({ length: 25 }, (_, i) => `Report ${String(i * 2).padStart(3, '0')} — Unknown author`));
    assert.deepEqual(suggestDocuments(many, 'annual report 49').map((choice) => choice.value), ['r491#0', 'r493#0', 'r495#0', 'r497#0', 'r499#0']);
    assert.equal(suggestDocuments(many, 'report 499').length, 1);
  });

  test('resolving: exact names win, unique partial matches are accepted, the rest is a clear UserError', () => {
    assert.deepEqual(resolveTypedFilter(ARTICLES, { author: 'jane doe', document: 'on bridges' }), { filter: { author: 'Jane Doe', document: 'a#0' }, documentTitle: 'On Bridges' });
    assert.deepEqual(resolveTypedFilter(ARTICLES, { author: 'smith' }).filter, { author: 'John Smith' });
    assert.deepEqual(resolveTypedFilter(ARTICLES, { author: null, document: '' }), { filter: undefined });
    assert.throws(() => resolveTypedFilter(ARTICLES, { author: 'Zed' }), (error: Error) => error instanceof UserError && /No article by Zed here.*\/sources/s.test(error.message));
    assert.throws(() => resolveTypedFilter(ARTICLES, { document: 'bridges' }), /matches several documents/);
  });
});
