import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BaseMessage } from '@langchain/core/messages';
import { FakeListChatModel, FakeStreamingChatModel } from '@langchain/core/utils/testing';
import { buildSummaryPrompt, createSummaryWriter, withSummaries, type ChatModel } from '../src/answer/summary.js';
import type { Quote } from '../src/domain.js';
import { captureLogger } from './support/bot-harness.js';
import { createFixtureEngine, FIXTURE_ARTICLES } from './support/fixture-engine.js';

const MODEL = 'fake:list';
const QUESTION = 'Who built the oldest stone bridges, and do they carry traffic?';

/** A fake chat model answering `replies` in turn, recording the messages of every call. */
function fakeModel(replies: string[], fields: { sleep?: number } = {}): { model: FakeListChatModel; calls: BaseMessage[][] } {
  const calls: BaseMessage[][] = [];
  const model = new FakeListChatModel({
    responses: replies,
    ...fields,
    callbacks: [{ handleChatModelStart: (_llm, messages) => void calls.push(...messages) }],
  });
  return { model, calls };
}

function summarizedEngine(model: ChatModel, timeoutMs = 5_000) {
  const engine = createFixtureEngine();
  const log = captureLogger();
  const writer = createSummaryWriter(model, { model: MODEL, timeoutMs });
  return { base: createFixtureEngine(), engine: withSummaries(engine, writer, log.logger), fixture: engine, log };
}

describe('summary prompt', () => {
  const quotes: Quote[] = [
    { text: 'The oldest stone bridges in Europe were built by the Romans.', articleId: 'bridges.txt#0', source: 'bridges.txt', title: 'On Bridges', authors: ['Jane Doe'], date: '2021-03-04', start: 0, end: 1, score: 1, quotedFrom: null },
    { text: 'A careless line may say @everyone.', articleId: 'm#0', source: 'm.txt', title: 'Notes', authors: [], date: null, start: 0, end: 1, score: 1, quotedFrom: null },
  ];

  test('gives the model the rules, then only the question and the numbered quotes with their attributions', () => {
    const [system, human] = buildSummaryPrompt(QUESTION, quotes);
    assert.equal(system?.[0], 'system');
    assert.match(system![1], /at most 3 sentences/);
    assert.match(system![1], /\[1\]/);
    assert.deepEqual(human, [
      'human',
      `Question: ${QUESTION}\n\nQuotes:\n\n` +
        '[1] Jane Doe, “On Bridges” (2021-03-04):\nThe oldest stone bridges in Europe were built by the Romans.\n\n' +
        '[2] Unknown author, “Notes”:\nA careless line may say @everyone.',
    ]);
  });
});

describe('written answer over the engine', () => {
  test('a good reply becomes the summary; the quotes are the engine’s, unchanged', async () => {
    const { model, calls } = fakeModel(['Jane Doe writes that the oldest stone bridges “were built by the Romans” [1]. Many still carry traffic [1].']);
    const { base, engine } = summarizedEngine(model);
    const answer = await engine.answer(QUESTION);
    const plain = await base.answer(QUESTION);
    assert.deepEqual(answer.quotes, plain.quotes);
    assert.deepEqual(answer.summary, {
      text: 'Jane Doe writes that the oldest stone bridges “were built by the Romans” [1]. Many still carry traffic [1].',
      citations: [1],
      model: MODEL,
    });
    // The model saw the quotes the reader sees, and nothing of the articles beyond them.
    const prompt = calls[0]!.map((message) => message.text).join('\n');
    for (const quote of answer.quotes) assert.ok(prompt.includes(quote.text));
    const unseen = FIXTURE_ARTICLES.flatMap((article) => article.text.split(/(?<=\.)\s+/)).filter((sentence) => !answer.quotes.some((q) => q.text === sentence));
    for (const sentence of unseen) assert.ok(!prompt.includes(sentence), sentence);
  });

  test('sentences that fail a check are dropped; the rest is kept', async () => {
    const { model } = fakeModel(['Jane Doe says bridges “never fall” [1]. The Romans built the oldest stone bridges [1]. Napoleon rebuilt them [1]. They are old.']);
    const { engine, log } = summarizedEngine(model);
    const answer = await engine.answer(QUESTION);
    assert.equal(answer.summary?.text, 'The Romans built the oldest stone bridges [1].');
    const line = await log.waitForLog((entry) => entry.event === 'summary');
    assert.deepEqual(
      (line.dropped as { reason: string }[]).map((d) => d.reason),
      ['unverified-quotation', 'unknown-name', 'no-citation'],
    );
  });

  for (const [name, reply] of [
    ['an invented quotation', 'Jane Doe says the bridges “will stand forever” [1].'],
    ['a citation to a quote that does not exist', 'The Romans built the oldest stone bridges [7].'],
    ['a name found in no quote', 'Vitruvius designed the oldest stone bridges [1].'],
    ['no citations at all', 'The Romans built the oldest stone bridges.'],
    ['NONE', 'NONE'],
  ] as const) {
    test(`${name}: the answer is the quotes alone`, async () => {
      const { model } = fakeModel([reply]);
      const { base, engine } = summarizedEngine(model);
      assert.deepEqual(await engine.answer(QUESTION), await base.answer(QUESTION));
    });
  }

  test('a model that fails leaves the quotes alone and says so in the log', async () => {
    const model = new FakeStreamingChatModel({ thrownErrorString: 'connection refused' });
    const { base, engine, log } = summarizedEngine(model);
    assert.deepEqual(await engine.answer(QUESTION), await base.answer(QUESTION));
    const line = await log.waitForLog((entry) => entry.event === 'summary');
    assert.equal(line.status, 'failed');
    assert.match(String(line.error), /connection refused/);
  });

  test('a model slower than the time limit leaves the quotes alone', async () => {
    const { model } = fakeModel(['The Romans built the oldest stone bridges [1].'], { sleep: 2_000 });
    const { base, engine, log } = summarizedEngine(model, 50);
    assert.deepEqual(await engine.answer(QUESTION), await base.answer(QUESTION));
    assert.equal((await log.waitForLog((entry) => entry.event === 'summary')).status, 'timeout');
  });

  test('"More quotes" pages and unanswered questions never call the model', async () => {
    const { model, calls } = fakeModel(['The Romans built the oldest stone bridges [1].']);
    const { engine } = summarizedEngine(model);
    const more = await engine.answer(QUESTION, { offset: 3 });
    const none = await engine.answer('zzzz qqqq');
    assert.equal(more.summary, undefined);
    assert.equal(none.answered, false);
    assert.equal(calls.length, 0);
  });

  test('the wrapped engine keeps the rest of the engine live, its index swaps included', async () => {
    const { model } = fakeModel(['x']);
    const fixture = createFixtureEngine();
    let index = 'first';
    const swappable = {
      ...fixture,
      get index() {
        return index;
      },
      swapIndex(next: string) {
        index = next;
      },
    };
    const engine = withSummaries(swappable, createSummaryWriter(model, { model: MODEL, timeoutMs: 1_000 }), captureLogger().logger);
    assert.deepEqual(engine.listArticles(), fixture.listArticles());
    engine.swapIndex('second');
    assert.equal(engine.index, 'second');
    await engine.answer(QUESTION);
    assert.equal(fixture.calls.length, 1);
  });
});
