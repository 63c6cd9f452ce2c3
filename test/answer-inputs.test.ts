import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Answer } from '../src/domain.js';
import { createEngine, type SwappableEngine } from '../src/answer/engine.js';
import { cleanQuestion, MAX_QUESTION_LENGTH } from '../src/answer/question.js';
import { ARTICLES } from './support/articles.js';
import { FakeEmbedder } from './support/fake-embedder.js';
import { buildFakeIndex, FAKE_MIN_RELEVANCE } from './support/fake-search-index.js';

const byId = new Map(ARTICLES.map((article) => [article.id, article]));
let engine: SwappableEngine;
let embedder: FakeEmbedder;

before(async () => {
  embedder = new FakeEmbedder();
  engine = createEngine({
    index: await buildFakeIndex(ARTICLES),
    embedder,
    settings: { minRelevance: FAKE_MIN_RELEVANCE },
  });
});

/** Well formed: the fields an adapter reads, no quotes when unanswered, every quote verbatim. */
function assertWellFormed(answer: Answer, limit = 3): void {
  assert.equal(typeof answer.question, 'string');
  assert.ok(!/[\uD800-\uDFFF]/.test(answer.question.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')), 'lone surrogate');
  assert.equal(typeof answer.answered, 'boolean');
  assert.ok(Array.isArray(answer.quotes) && answer.quotes.length <= limit);
  if (!answer.answered) assert.equal(answer.quotes.length, 0);
  for (const quote of answer.quotes) {
    assert.equal(byId.get(quote.articleId)?.text.slice(quote.start, quote.end), quote.text);
    assert.ok(quote.score >= 0 && quote.score <= 1);
  }
}

describe('questions that are not questions', () => {
  const cases: Record<string, string> = {
    empty: '',
    whitespace: ' \n\t  ',
    emoji: '🤔🔥💣',
    'control characters': '\u0000\u0007\u001b[31m',
    'zero-width characters': '\u200b\u200c\u200d\ufeff',
    'lone surrogate only': '\uD800',
    '@everyone': '@everyone',
    'a mention': '<@123456789012345678>',
    punctuation: '?!?!...',
  };
  for (const [name, question] of Object.entries(cases)) {
    test(`${name} gives no answer`, async () => {
      const answer = await engine.answer(question);
      assertWellFormed(answer);
      assert.equal(answer.answered, false);
    });
  }

  test('a lone surrogate inside a real question is replaced, not fatal', async () => {
    const answer = await engine.answer('\uD800abc civilians killed by air strikes');
    assertWellFormed(answer);
    assert.equal(answer.answered, true);
    assert.ok(!answer.question.includes('\uD800'));
  });

  test('markdown and mentions around a question do not stop it being answered', async () => {
    const answer = await engine.answer('@everyone **How many civilians** were _killed_ by `air strikes`? <@123456789012345678>');
    assertWellFormed(answer);
    assert.equal(answer.answered, true);
  });

  test('a 6000-character question is trimmed before it reaches the embedder', async () => {
    const question = 'civilians killed by air strikes '.repeat(200).slice(0, 6000);
    const before = embedder.seen.length;
    const answer = await engine.answer(question);
    assertWellFormed(answer);
    assert.ok(answer.question.length <= MAX_QUESTION_LENGTH);
    const embeddedQuestion = embedder.seen[before];
    assert.ok(embeddedQuestion !== undefined && embeddedQuestion.length <= MAX_QUESTION_LENGTH);
  });

  test('odd limit and offset values are read sensibly', async () => {
    const question = 'civilians killed by air strikes';
    assertWellFormed(await engine.answer(question, { limit: -1 }), 0);
    assertWellFormed(await engine.answer(question, { limit: Number.NaN, offset: Number.NaN }));
    assertWellFormed(await engine.answer(question, { limit: 2.7, offset: -4 }), 2);
  });
});

describe('cleanQuestion', () => {
  test('removes invisible characters and collapses whitespace', () => {
    assert.equal(cleanQuestion('  who\u200b bombed\n\nthe\u0000 prison? '), 'who bombed the prison?');
  });

  test('cuts a long question at a word boundary and keeps emoji pairs whole', () => {
    const cleaned = cleanQuestion('word 🤔 '.repeat(1000));
    assert.ok(cleaned.length <= MAX_QUESTION_LENGTH);
    assert.ok(cleaned.endsWith('word') || cleaned.endsWith('🤔'));
  });
});

describe('any string', () => {
  test('gives a well-formed answer whose quotes are verbatim', async () => {
    const words = ['civilians', 'killed', 'air', 'strikes', 'oil', 'Syria', 'bombardementen', 'strijders', 'Iran', 'the', '?'];
    const question = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      // Single UTF-16 code units: lone surrogates, controls, zero-width characters.
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 50 }),
      fc.array(fc.constantFrom(...words), { maxLength: 12 }).map((parts) => parts.join(' ')),
    );
    await fc.assert(
      fc.asyncProperty(question, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 4 }), async (text, limit, offset) => {
        assertWellFormed(await engine.answer(text, { limit, offset }), limit);
      }),
      { numRuns: 150, seed: 42 },
    );
  });
});
