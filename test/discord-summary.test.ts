import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeListChatModel, FakeStreamingChatModel } from '@langchain/core/utils/testing';
import { createSummaryWriter, withSummaries, type ChatModel } from '../src/answer/summary.js';
import type { Quote } from '../src/domain.js';
import { ANSWER_COLOR, formatAnswer, SUMMARY_COLOR } from '../src/discord/format-answer.js';
import { captureLogger, startBotAgainstFake, type BotHarness } from './support/bot-harness.js';
import { createFixtureEngine } from './support/fixture-engine.js';

const QUESTION = 'Who built the oldest stone bridges?';
const REPLY = 'Jane Doe writes that they "were built by the Romans" [1]. They *still* carry traffic, and nobody pinged @everyone [1].';
const LABEL = '*Written by a language model (fake:model) from the quotes below, which it cites as [n]; only the quotes are verbatim.*';

interface EmbedJson {
  title?: string;
  description: string;
  color: number;
}

function summarizedFixture(model: ChatModel) {
  return withSummaries(createFixtureEngine(), createSummaryWriter(model, { model: 'fake:model', timeoutMs: 10_000 }), captureLogger().logger);
}

/** The labels of the "More quotes" and "Context n" buttons (votes and source links aside). */
const buttonLabels = (body: { components?: { components: { label?: string }[] }[] }) =>
  (body.components ?? [])
    .flatMap((row) => row.components.map((button) => button.label ?? ''))
    .filter((label) => label === 'More quotes' || label.startsWith('Context'));

describe('Discord layout of a written answer', () => {
  const quote: Quote = { text: 'Bridges stand.', articleId: 'a#0', source: 'a.txt', title: 'On Bridges', authors: ['Jane Doe'], date: null, start: 0, end: 14, score: 1, quotedFrom: null };

  test('the labelled summary comes first under the question, then the quotes, numbered even when alone', () => {
    const [part] = formatAnswer({ question: 'Why?', quotes: [quote], summary: { text: 'They *stand* [1].', citations: [1], model: 'fake:model' } });
    const [written, quotes] = part!.embeds;
    assert.equal(written?.color, SUMMARY_COLOR);
    assert.equal(written?.title, '“Why?”');
    assert.equal(written?.description, `${LABEL}\n\nThey \\*stand\\* [1].`);
    assert.equal(quotes?.color, ANSWER_COLOR);
    assert.equal(quotes?.title, undefined);
    assert.equal(quotes?.description, '> Bridges stand.\n— Jane Doe, *On Bridges* [1]');
  });

  test('without a summary the layout is as before', () => {
    const [part] = formatAnswer({ question: 'Why?', quotes: [quote] });
    assert.equal(part!.embeds.length, 1);
    assert.equal(part!.embeds[0]!.title, '“Why?”');
    assert.equal(part!.embeds[0]!.description, '> Bridges stand.\n— Jane Doe, *On Bridges*');
  });
});

describe('a written answer through the bot', () => {
  let h: BotHarness;
  before(async () => {
    h = await startBotAgainstFake({ engine: summarizedFixture(new FakeListChatModel({ responses: [REPLY] })), env: { ANSWER_QUOTES: '1' } });
  });
  after(async () => {
    await h.stop();
  });

  test('/ask shows the labelled summary, then the quote it cites as [1], with "Context 1"', async () => {
    const ask = await h.fake.sendSlashCommand('ask', { question: QUESTION });
    const edit = await h.waitForOriginalEdit(ask.token);
    assert.equal(edit.status, 200);
    const [written, quotes] = edit.body.embeds as EmbedJson[];
    assert.equal(written?.color, SUMMARY_COLOR);
    assert.equal(
      written?.description,
      `${LABEL}\n\nJane Doe writes that they "were built by the Romans" [1]. They \\*still\\* carry traffic, and nobody pinged @everyone [1].`,
    );
    assert.match(quotes!.description, /^> The oldest stone bridges in Europe were built by the Romans\.\n— Jane Doe, \*On Bridges\* \(2021-03-04\) \[1\]$/);
    assert.deepEqual(edit.body.allowed_mentions, { parse: [] });
    assert.deepEqual(buttonLabels(edit.body), ['More quotes', 'Context 1']);
  });

  test('"More quotes" adds quotes without a written part, and the first answer keeps its numbers', async () => {
    const ask = await h.fake.sendSlashCommand('ask', { question: QUESTION });
    const edit = await h.waitForOriginalEdit(ask.token);
    const more = (edit.response as { id: string; components: { components: { custom_id: string; label: string }[] }[] });
    const button = more.components.flatMap((row) => row.components).find((b) => b.label === 'More quotes')!;
    const click = await h.fake.clickButton(more.id, button.custom_id);
    const followUp = await h.waitForFollowUp(click.token);
    assert.ok((followUp.body.embeds as EmbedJson[]).every((embed) => embed.color === ANSWER_COLOR));
    assert.match(followUp.body.embeds[0].description, /\[2\]$/m);
    const oldEdit = await h.waitForOriginalEdit(click.token);
    assert.deepEqual(buttonLabels(oldEdit.body), ['Context 1']);
  });

  test('a direct message gets the written part too', async () => {
    const dm = await h.fake.sendDirectMessage(QUESTION);
    const reply = await h.fake.waitForRequest((r) => r.method === 'POST' && r.body?.message_reference?.message_id === dm.id);
    assert.equal(reply.body.embeds[0].color, SUMMARY_COLOR);
    assert.ok(reply.body.embeds[0].description.startsWith(LABEL));
  });
});

describe('a failing chat model through the bot', () => {
  let h: BotHarness;
  before(async () => {
    h = await startBotAgainstFake({ engine: summarizedFixture(new FakeStreamingChatModel({ thrownErrorString: 'model not found' })) });
  });
  after(async () => {
    await h.stop();
  });

  test('the answer is the quotes alone, laid out as without a model', async () => {
    const ask = await h.fake.sendSlashCommand('ask', { question: QUESTION });
    const edit = await h.waitForOriginalEdit(ask.token);
    assert.ok((edit.body.embeds as EmbedJson[]).every((embed) => embed.color === ANSWER_COLOR));
    assert.equal(edit.body.embeds[0].title, `“${QUESTION}”`);
    assert.match(edit.body.embeds[0].description, /^> The oldest stone bridges in Europe were built by the Romans\.$/m);
  });
});
