import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBotAgainstFake, type BotHarness } from './support/bot-harness.js';
import { botMessageBodies, isReplyTo, visibleText } from './support/bot-messages.js';
import { createFixtureEngine, FIXTURE_ARTICLES } from './support/fixture-engine.js';
import { FAKE_USERS, type RecordedRequest } from './support/fake-discord.js';

/**
 * What leaves the bot for Discord, whatever the corpus or the person typed: every reply fits
 * Discord's limits (or the person gets nothing: Discord answers 400), echoes of what a person typed
 * cannot mention anyone or flip the text's direction, and no configured secret is ever posted.
 */

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.QbSeCr.never-post-me-0c4f1e';
const API_KEY = 'sk-proj-abcdefghijklmnopqrstuvwx0123';
const MENTIONS = /<@[!&]?\d+>|<#\d+>|@everyone|@here/;
const DIRECTION_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** The bot's reply to a DM that Discord accepted. */
async function acceptedReplyTo(h: BotHarness, messageId: string): Promise<RecordedRequest> {
  const reply = await h.fake.waitForRequest((r) => isReplyTo(messageId)(r) && r.status === 200, 5_000);
  return reply;
}

describe('every reply fits Discord and echoes no mention or direction override', () => {
  let h: BotHarness;
  before(async () => {
    h = await startBotAgainstFake({ env: { RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  after(async () => {
    await h.stop();
  });

  test('a DM filter of 1,900 markdown characters gets a short "no article by …" the person receives', async () => {
    const dm = await h.fake.sendDirectMessage(`author: ${'*_'.repeat(950)}; bridges?`);
    const reply = await acceptedReplyTo(h, dm.id);
    assert.match(reply.body.content, /^No article by (\\[*_])+… here\. Use `\/sources`/);
    assert.ok(reply.body.content.length <= 2_000);
  });

  test('a long document filter of markdown (escaping doubles it) still fits', async () => {
    const dm = await h.fake.sendDirectMessage(`document: ${'~bridges~ '.repeat(190)}; ice?`);
    const reply = await acceptedReplyTo(h, dm.id);
    assert.ok(reply.body.content.length <= 2_000);
  });

  test('mentions and right-to-left overrides typed in a filter or a question are not echoed as written', async () => {
    const hostile = '<@123456789012345678> <@&223456789012345678> <#323456789012345678> @everyone @here \u202Edesrever\u202C \u2066x\u2069';
    const dm = await h.fake.sendDirectMessage(`author: ${hostile}; bridges?`);
    const filterReply = await acceptedReplyTo(h, dm.id);
    // The fixture's articles say "@everyone": leave it out of a question meant to find nothing.
    const ask = await h.fake.sendSlashCommand('ask', { question: `<@123456789012345678> <@&223456789012345678> <#323456789012345678> @here \u202Ezzyzx\u202C qwvvx` });
    const nothing = await h.waitForOriginalEdit(ask.token);
    const unknownAuthor = await h.fake.sendSlashCommand('ask', { question: 'bridges', author: hostile });
    const refusal = await h.waitForPrivateReply(unknownAuthor.token);
    for (const text of [filterReply.body.content, nothing.body.content, refusal.content]) {
      assert.ok(typeof text === 'string' && text.length > 0);
      assert.doesNotMatch(text, MENTIONS, text);
      assert.doesNotMatch(text, DIRECTION_CONTROLS, JSON.stringify(text));
    }
    assert.match(nothing.body.content, /^I found nothing/);
  });

  test('a question of mentions and overrides is not echoed in the answer title either', async () => {
    const ask = await h.fake.sendSlashCommand('ask', { question: 'bridges <@123456789012345678> \u202Eevil' });
    const edit = await h.waitForOriginalEdit(ask.token);
    const title: string = edit.body.embeds[0].title;
    assert.doesNotMatch(title, MENTIONS);
    assert.doesNotMatch(title, DIRECTION_CONTROLS);
  });
});

describe('configured secrets are never posted', () => {
  let h: BotHarness;
  const leaky = {
    id: 'leaky.txt#0',
    source: 'leaky.txt',
    title: `Deployment notes ${TOKEN}`,
    authors: [`Ops ${API_KEY}`],
    date: '2023-01-01',
    text: `The deployment of the bridges bot used the token ${TOKEN} and the key ${API_KEY} for bridges.\n\nKeep bridges safe.`,
  };
  before(async () => {
    process.env.QUOTEBOT_TEST_API_KEY = API_KEY;
    h = await startBotAgainstFake({
      engine: createFixtureEngine([...FIXTURE_ARTICLES, leaky]),
      fake: { token: TOKEN },
      env: { RATE_LIMIT_PER_MINUTE: '1000' },
    });
  });
  after(async () => {
    delete process.env.QUOTEBOT_TEST_API_KEY;
    await h.stop();
  });

  test('not in quotes, titles, authors, context, sources, nor in a question echoed back', async () => {
    const ask = await h.fake.sendSlashCommand('ask', { question: 'deployment bridges token' });
    const answer = await h.waitForOriginalEdit(ask.token);
    assert.match(visibleText(answer.body), /\[redacted\]/);
    const buttons = answer.response.components.flatMap((row: { components: { label?: string; custom_id: string }[] }) => row.components);
    const context = buttons.find((button: { label?: string }) => button.label?.startsWith('Context'));
    const click = await h.fake.clickButton(answer.response.id, context.custom_id);
    await h.waitForCallback(click.token);
    const sources = await h.fake.sendSlashCommand('sources', {});
    await h.waitForCallback(sources.token);
    const dm = await h.fake.sendDirectMessage(`deployment token ${TOKEN}`);
    await acceptedReplyTo(h, dm.id);
    const echo = await h.fake.sendSlashCommand('ask', { question: `zzyzx ${TOKEN} ${API_KEY}` });
    await h.waitForOriginalEdit(echo.token);
    const autocomplete = await h.fake.sendAutocomplete('ask', { question: 'x', author: 'Ops' }, 'author', { user: FAKE_USERS.bob });
    await h.waitForCallback(autocomplete.token);

    const sent = botMessageBodies(h.fake);
    assert.ok(sent.length >= 5);
    for (const { request, body } of sent) {
      const text = JSON.stringify(body);
      assert.ok(!text.includes(TOKEN), `the token was posted in ${request.method} ${request.path}`);
      assert.ok(!text.includes(API_KEY), `the API key was posted in ${request.method} ${request.path}`);
    }
    const choices = JSON.stringify(h.fake.requests.filter((r) => r.path.endsWith(`/${autocomplete.token}/callback`)).map((r) => r.body));
    assert.ok(!choices.includes(API_KEY), 'the API key was offered as an autocomplete choice');
  });
});
