import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBotAgainstFake, type BotHarness } from './support/bot-harness.js';
import { FAKE_USERS } from './support/fake-discord.js';
import { createFixtureEngine, FIXTURE_ARTICLES } from './support/fixture-engine.js';

describe('/ask against the fake Discord', () => {
  let h: BotHarness;
  before(async () => {
    h = await startBotAgainstFake({ engine: createFixtureEngine() });
  });
  after(async () => {
    await h.stop();
  });

  test('defers at once, then edits in a verbatim quote with its author and title', async () => {
    const ask = await h.fake.sendSlashCommand('ask', { question: 'Who built the oldest stone bridges?' });
    const callback = await h.waitForCallback(ask.token);
    assert.equal(callback.body.type, 5);
    const edit = await h.waitForOriginalEdit(ask.token);
    assert.equal(edit.status, 200);
    const description: string = edit.body.embeds[0].description;
    assert.match(description, /^> The oldest stone bridges in Europe were built by the Romans\.$/m);
    assert.match(description, /— Jane Doe, \*On Bridges\* \(2021-03-04\)/);
    assert.deepEqual(edit.body.allowed_mentions, { parse: [] });
  });

  test('logs one line per command with latency and result', async () => {
    const ask = await h.fake.sendSlashCommand('ask', { question: 'What do wetlands do?' });
    await h.waitForOriginalEdit(ask.token);
    const line = await h.waitForLog((entry) => entry.event === 'command' && entry.result === 'ok');
    assert.equal(line.command, 'ask');
    assert.equal(typeof line.latencyMs, 'number');
    assert.equal(line.userId, '200000000000000001');
    assert.ok(!h.logText().includes(h.fake.token));
  });

  test('every quote shown is an exact sentence of its article', async () => {
    const ask = await h.fake.sendSlashCommand('ask', { question: 'bridges rivers floods' });
    const edit = await h.waitForOriginalEdit(ask.token);
    const quoted = [...(edit.body.embeds[0].description as string).matchAll(/^> (.*)$/gm)].map((m) => m[1]!);
    assert.ok(quoted.length > 0);
    for (const line of quoted) assert.ok(FIXTURE_ARTICLES.some((article) => article.text.includes(line)), line);
  });
});

describe('/ask replies people should see', () => {
  let h: BotHarness;
  const engine = createFixtureEngine();
  before(async () => {
    h = await startBotAgainstFake({ engine });
  });
  after(async () => {
    await h.stop();
  });

  test('an author filter picked by name (any case, no accents) narrows the quotes to that author', async () => {
    const ask = await h.fake.sendSlashCommand('ask', { question: 'rivers bridges floods', author: 'amelie dupont' });
    const edit = await h.waitForOriginalEdit(ask.token);
    const description: string = edit.body.embeds.map((e: { description: string }) => e.description).join('\n');
    assert.match(description, /— Amélie Dupont, \*\[?Rivers and Floods/);
    assert.doesNotMatch(description, /Jane Doe/);
    assert.deepEqual(engine.calls.at(-1)?.options?.filter, { author: 'Amélie Dupont' });
  });

  test('an unknown author gets a private message saying nothing matched, suggesting /sources', async () => {
    const ask = await h.fake.sendSlashCommand('ask', { question: 'bridges', author: 'Nobody Known' });
    const reply = await h.waitForPrivateReply(ask.token);
    assert.match(reply.content, /No article by Nobody Known here/);
    assert.match(reply.content, /\/sources/);
    // The public "thinking…" the /ask was acknowledged with is removed, not left hanging.
    await h.fake.waitForRequest((r) => r.method === 'DELETE' && r.path.endsWith(`/${ask.token}/messages/@original`));
  });

  test('an unknown document is refused the same way', async () => {
    const ask = await h.fake.sendSlashCommand('ask', { question: 'bridges', document: 'No Such Title' });
    assert.match((await h.waitForPrivateReply(ask.token)).content, /No article titled “No Such Title” here.*\/sources/s);
  });

  test('when nothing is relevant it says so plainly and suggests /sources', async () => {
    const ask = await h.fake.sendSlashCommand('ask', { question: 'xylophone zeppelin quasar' });
    const edit = await h.waitForOriginalEdit(ask.token);
    assert.match(edit.body.content, /found nothing/);
    assert.match(edit.body.content, /\/sources/);
    assert.equal(edit.body.embeds?.length ?? 0, 0);
  });

  test('@everyone, a user mention and markdown in the question and the quotes can neither ping nor render', async () => {
    const ask = await h.fake.sendSlashCommand('ask', { question: '**Loud** @everyone <@123456789012345678> _stars_ and careless writers?' });
    const edit = await h.waitForOriginalEdit(ask.token);
    assert.deepEqual(edit.body.allowed_mentions, { parse: [] });
    const [embed] = edit.body.embeds;
    assert.ok(embed.title.includes('\\*\\*Loud\\*\\*'), embed.title);
    assert.ok(embed.title.includes('\\_stars\\_'), embed.title);
    assert.ok(embed.description.includes('put \\*stars\\* around words'), embed.description);
    assert.ok(embed.description.includes('snake\\_case\\_names'), embed.description);
    assert.ok(embed.description.includes('— Unknown author, *Notes on \\*markup\\**'), embed.description);
  });

  test('an engine failure gets a generic reply (no stack) and a log line; the bot keeps answering', async () => {
    const failing = engine.answer;
    engine.answer = async () => {
      throw new Error('index file vanished at /secret/path');
    };
    try {
      const ask = await h.fake.sendSlashCommand('ask', { question: 'bridges' });
      assert.equal((await h.waitForPrivateReply(ask.token)).content, 'Something went wrong, try again in a moment.');
    } finally {
      engine.answer = failing;
    }
    await h.waitForLog((line) => line.event === 'handler_error' && JSON.stringify(line.err).includes('index file vanished'));
    const again = await h.fake.sendSlashCommand('ask', { question: 'Who built the oldest stone bridges?' });
    const edit = await h.waitForOriginalEdit(again.token);
    assert.match(edit.body.embeds[0].description, /Romans/);
  });
});

describe('/ask rate limit', () => {
  test('past RATE_LIMIT_PER_MINUTE questions a user gets a private "slow down", others are unaffected', async () => {
    const h = await startBotAgainstFake({ env: { RATE_LIMIT_PER_MINUTE: '2' } });
    try {
      for (let i = 0; i < 2; i += 1) {
        const ask = await h.fake.sendSlashCommand('ask', { question: 'bridges' });
        await h.waitForOriginalEdit(ask.token);
      }
      const third = await h.fake.sendSlashCommand('ask', { question: 'bridges' });
      const refused = await h.waitForCallback(third.token);
      assert.equal(refused.body.type, 4);
      assert.equal(refused.body.data.flags, 64);
      assert.match(refused.body.data.content, /Slow down, try again in \d+ s/);
      const other = await h.fake.sendSlashCommand('ask', { question: 'bridges' }, { user: FAKE_USERS.bob });
      assert.equal((await h.waitForCallback(other.token)).body.type, 5);
      await h.waitForLog((line) => line.event === 'command' && line.result === 'rate_limited');
    } finally {
      await h.stop();
    }
  });
});
