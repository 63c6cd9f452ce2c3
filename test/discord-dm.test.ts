import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBotAgainstFake, type BotHarness } from './support/bot-harness.js';
import { FAKE_USERS, type RecordedRequest } from './support/fake-discord.js';

describe('direct messages', () => {
  let h: BotHarness;
  before(async () => {
    h = await startBotAgainstFake();
  });
  after(async () => {
    await h.stop();
  });

  const replyTo = (messageId: string) => (r: RecordedRequest) =>
    r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path) && r.body?.message_reference?.message_id === messageId;
  const botPosts = () => h.fake.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path));

  test('a DM is answered as a reply to it, with typing shown first, pinging no one', async () => {
    const dm = await h.fake.sendDirectMessage('Who built the oldest stone bridges?');
    const reply = await h.fake.waitForRequest(replyTo(dm.id));
    assert.equal(reply.status, 200);
    assert.equal(reply.path, `/channels/${dm.channelId}/messages`);
    const typingAt = h.fake.requests.findIndex((r) => r.path === `/channels/${dm.channelId}/typing`);
    assert.ok(typingAt !== -1 && typingAt < h.fake.requests.indexOf(reply), 'typing before the answer');
    assert.deepEqual(reply.body.allowed_mentions, { parse: [], replied_user: false });
    assert.match(reply.body.embeds[0].description, /^> The oldest stone bridges in Europe were built by the Romans\.$/m);
    assert.match(reply.body.embeds[0].description, /— Jane Doe, \*On Bridges\*/);
  });

  test('author: and document: prefixes filter the answer', async () => {
    const dm = await h.fake.sendDirectMessage('author: AMELIE DUPONT\nwhat holds back rivers and bridges?');
    const reply = await h.fake.waitForRequest(replyTo(dm.id));
    const text: string = reply.body.embeds.map((e: { description: string }) => e.description).join('\n');
    assert.match(text, /Amélie Dupont/);
    assert.doesNotMatch(text, /Jane Doe/);

    const byDocument = await h.fake.sendDirectMessage('document: bridges of the north; what about ice and bridges?');
    const documentReply = await h.fake.waitForRequest(replyTo(byDocument.id));
    assert.match(documentReply.body.embeds[0].description, /\*Bridges of the North\*/);
    assert.doesNotMatch(documentReply.body.embeds[0].description, /\*On Bridges\*/);
  });

  test('an unknown author in a DM gets a reply saying so and suggesting /sources', async () => {
    const dm = await h.fake.sendDirectMessage('author: Nobody Known; bridges?');
    const reply = await h.fake.waitForRequest(replyTo(dm.id));
    assert.match(reply.body.content, /No article by Nobody Known here.*\/sources/s);
  });

  test('"help" gets the usage; a filter without a question gets told how to write one', async () => {
    const help = await h.fake.sendDirectMessage('help');
    assert.match((await h.fake.waitForRequest(replyTo(help.id))).body.embeds[0].description, /author: Name/);
    const bare = await h.fake.sendDirectMessage('author: Jane Doe');
    assert.match((await h.fake.waitForRequest(replyTo(bare.id))).body.content, /no question after it/);
  });

  test('messages from other bots and the bot\'s own echoed replies are ignored', async () => {
    const fromBot = await h.fake.sendDirectMessage('bridges?', { author: FAKE_USERS.otherBot });
    // The gateway delivers in order: once this later DM is answered, the earlier one was seen.
    const marker = await h.fake.sendDirectMessage('What do wetlands do?');
    await h.fake.waitForRequest(replyTo(marker.id));
    assert.equal(h.fake.requests.filter(replyTo(fromBot.id)).length, 0);
    const botMessageIds = new Set([...h.fake.messages.values()].filter((m) => (m.author as { bot: boolean }).bot).map((m) => m.id));
    assert.ok(!botPosts().some((r) => botMessageIds.has(r.body?.message_reference?.message_id)), 'replied to its own message');
  });
});
