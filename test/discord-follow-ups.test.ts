import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBotAgainstFake, type BotHarness } from './support/bot-harness.js';
import { isReplyTo, quotesOf, type ShownQuote } from './support/bot-messages.js';
import { FAKE_IDS, type RecordedRequest } from './support/fake-discord.js';
import { createFixtureEngine, type FixtureEngine } from './support/fixture-engine.js';

/** Follow-ups with the real discord.js client: replies in a channel and a DM, messages in the thread the bot opened. */

const sameQuote = (a: ShownQuote, b: ShownQuote) => a.text === b.text && a.attribution === b.attribution;

function assertNoRepeats(earlier: readonly ShownQuote[], later: readonly ShownQuote[]): void {
  for (const quote of later) assert.ok(!earlier.some((seen) => sameQuote(seen, quote)), `repeated: ${quote.text}`);
}

/** The bot's message posted in a channel (or thread), optionally the n-th after `after` requests. */
const isPostIn = (channelId: string) => (request: RecordedRequest) => request.method === 'POST' && request.path === `/channels/${channelId}/messages`;

describe('follow-ups in a channel, by reply (ASK_REPLY_IN=channel)', () => {
  let h: BotHarness;
  let engine: FixtureEngine;
  before(async () => {
    engine = createFixtureEngine();
    h = await startBotAgainstFake({ engine, env: { ANSWER_QUOTES: '2', ASK_REPLY_IN: 'channel' } });
  });
  after(() => h.stop());

  async function ask(question: string) {
    const interaction = await h.fake.sendSlashCommand('ask', { question });
    const edit = await h.waitForOriginalEdit(interaction.token);
    return { id: edit.response.id as string, quotes: quotesOf(edit.body) };
  }

  test('"what else did she say?" as a reply quotes the same author again, nothing already shown', async () => {
    const first = await ask('Why do bridges stand?');
    assert.ok(first.quotes.length > 0);
    assert.ok(first.quotes[0]!.attribution.startsWith('— Jane Doe,'), first.quotes[0]!.attribution);
    const followUp = await h.fake.sendChannelMessage('what else did she say?', { replyTo: first.id });
    const reply = await h.fake.waitForRequest(isReplyTo(followUp.id));
    assert.equal(reply.status, 200);
    assert.equal(reply.path, `/channels/${FAKE_IDS.channel}/messages`);
    const quotes = quotesOf(reply.body);
    assert.ok(quotes.length > 0, JSON.stringify(reply.body));
    for (const quote of quotes) assert.match(quote.attribution, /Jane Doe/);
    assertNoRepeats(first.quotes, quotes);
    assert.deepEqual(engine.calls.at(-1)?.options?.filter, { author: 'Jane Doe' });

    // A reply to the follow-up's answer carries on the same conversation: still nothing repeated.
    const again = await h.fake.sendChannelMessage('more', { replyTo: reply.response.id });
    const third = quotesOf((await h.fake.waitForRequest(isReplyTo(again.id))).body);
    assertNoRepeats([...first.quotes, ...quotes], third);
  });

  test('a new topic in a reply is answered as a new question, without the earlier filters', async () => {
    const first = await ask('Why do bridges stand?');
    const followUp = await h.fake.sendChannelMessage('How do wetlands protect the towns downstream?', { replyTo: first.id });
    const quotes = quotesOf((await h.fake.waitForRequest(isReplyTo(followUp.id))).body);
    assert.ok(quotes.some((quote) => /Wetlands slow the water down/.test(quote.text)), JSON.stringify(quotes));
    assert.equal(engine.calls.at(-1)?.options?.filter, undefined);
  });

  test('when every relevant quote was shown, the reply says so instead of repeating one', async () => {
    const first = await ask('wetlands silt');
    const followUp = await h.fake.sendChannelMessage('more', { replyTo: first.id });
    const reply = await h.fake.waitForRequest(isReplyTo(followUp.id));
    assert.match(reply.body.content, /no more quotes/);
    assert.equal(quotesOf(reply.body).length, 0);
  });

  test('messages that are not replies to an answer are left alone', async () => {
    const before = h.fake.requests.length;
    const plain = await h.fake.sendChannelMessage('what else did she say?');
    const botMessage = await h.fake.sendChannelMessage('Why do bridges stand?');
    const replyToPerson = await h.fake.sendChannelMessage('more', { replyTo: botMessage.id });
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const message of [plain, botMessage, replyToPerson]) assert.ok(!h.fake.requests.some(isReplyTo(message.id)));
    assert.ok(!h.fake.requests.slice(before).some(isPostIn(FAKE_IDS.channel)), 'the bot posted nothing');
  });
});

describe('follow-ups in the thread the bot opened for an /ask answer (ASK_REPLY_IN=thread, the default)', () => {
  let h: BotHarness;
  before(async () => {
    h = await startBotAgainstFake({ env: { ANSWER_QUOTES: '2', ASK_REPLY_IN: 'thread' } });
  });
  after(() => h.stop());

  test('the answer opens a thread named after the question; any message there is a follow-up, nothing repeated', async () => {
    const interaction = await h.fake.sendSlashCommand('ask', { question: 'Why do bridges stand?' });
    const edit = await h.waitForOriginalEdit(interaction.token);
    const first = quotesOf(edit.body);
    const start = await h.fake.waitForRequest((request) => request.method === 'POST' && request.path.endsWith('/threads'));
    assert.equal(start.status, 201);
    assert.equal(start.path, `/channels/${FAKE_IDS.channel}/messages/${edit.response.id}/threads`);
    assert.equal(start.body.name, 'Why do bridges stand?');
    const threadId = start.response.id as string;

    const more = await h.fake.sendChannelMessage('what else?', { channelId: threadId, author: { id: '200000000000000002', username: 'bob' } });
    const reply = await h.fake.waitForRequest(isReplyTo(more.id));
    assert.equal(reply.path, `/channels/${threadId}/messages`, 'answered in the thread');
    const second = quotesOf(reply.body);
    assert.ok(second.length > 0);
    assertNoRepeats(first, second);

    // The thread follows its latest answer: a second follow-up skips the quotes of both.
    const again = await h.fake.sendChannelMessage('and what about rivers?', { channelId: threadId });
    const third = quotesOf((await h.fake.waitForRequest(isReplyTo(again.id))).body);
    assert.ok(third.length > 0);
    assertNoRepeats([...first, ...second], third);
  });

  test('an answer with nothing to quote opens no thread', async () => {
    const before = h.fake.threads().length;
    const interaction = await h.fake.sendSlashCommand('ask', { question: 'volcanoes erupting' });
    const edit = await h.waitForOriginalEdit(interaction.token);
    assert.match(edit.body.content, /I found nothing/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(h.fake.threads().length, before);
  });

  test('where a thread cannot be opened, the answer stays in the channel and replies still follow it up', async () => {
    h.fake.injectFault({ method: 'POST', path: /\/threads$/, status: 403, body: { code: 50013, message: 'Missing Permissions' } });
    const interaction = await h.fake.sendSlashCommand('ask', { question: 'Why do bridges stand?' });
    const edit = await h.waitForOriginalEdit(interaction.token);
    await h.waitForLog((entry) => entry.event === 'thread_failed');
    const followUp = await h.fake.sendChannelMessage('more', { replyTo: edit.response.id });
    const quotes = quotesOf((await h.fake.waitForRequest(isReplyTo(followUp.id))).body);
    assert.ok(quotes.length > 0);
    assertNoRepeats(quotesOf(edit.body), quotes);
  });
});

describe('follow-ups by reply in a DM', () => {
  let h: BotHarness;
  let engine: FixtureEngine;
  before(async () => {
    engine = createFixtureEngine();
    h = await startBotAgainstFake({ engine, env: { ANSWER_QUOTES: '2' } });
  });
  after(() => h.stop());

  test('"and in 2022?" keeps the question and narrows it to that year', async () => {
    const dm = await h.fake.sendDirectMessage('Why do bridges stand?');
    const answer = await h.fake.waitForRequest(isReplyTo(dm.id));
    const followUp = await h.fake.sendDirectMessage('and in 2022?', { replyTo: answer.response.id });
    const reply = await h.fake.waitForRequest(isReplyTo(followUp.id));
    const quotes = quotesOf(reply.body);
    assert.ok(quotes.length > 0, JSON.stringify(reply.body));
    for (const quote of quotes) assert.match(quote.attribution, /\(2022-\d\d-\d\d\)/);
    assert.deepEqual(engine.calls.at(-1)?.options?.filter, { dateFrom: '2022-01-01', dateTo: '2022-12-31' });
    assertNoRepeats(quotesOf(answer.body), quotes);
  });

  test('a DM that replies to nothing of the bot is a new question', async () => {
    const dm = await h.fake.sendDirectMessage('Why do bridges stand?');
    await h.fake.waitForRequest(isReplyTo(dm.id));
    const fresh = await h.fake.sendDirectMessage('What do dams trap?');
    const quotes = quotesOf((await h.fake.waitForRequest(isReplyTo(fresh.id))).body);
    assert.ok(quotes.some((quote) => /silt/.test(quote.text)));
  });
});
