import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBotAgainstFake, type BotHarness } from './support/bot-harness.js';
import { createFixtureEngine, type FixtureEngine } from './support/fixture-engine.js';
import { FAKE_USERS } from './support/fake-discord.js';

interface ButtonJson {
  custom_id: string;
  label: string;
  emoji?: { name: string };
}

function quotedLines(description: string): string[] {
  return [...description.matchAll(/^> (.*)$/gm)].map((match) => match[1]!);
}

/** The buttons of a message, an emoji-only button labelled by its emoji. */
function buttonsOf(message: { components?: { components: ButtonJson[] }[] }): ButtonJson[] {
  return (message.components ?? []).flatMap((row) => row.components).map((button) => ({ ...button, label: button.label ?? button.emoji?.name ?? '' }));
}

describe('buttons under an answer', () => {
  let h: BotHarness;
  let engine: FixtureEngine;
  before(async () => {
    engine = createFixtureEngine();
    h = await startBotAgainstFake({ engine, env: { ANSWER_QUOTES: '2' } });
  });
  after(async () => {
    await h.stop();
  });

  async function askForBridges() {
    const ask = await h.fake.sendSlashCommand('ask', { question: 'bridges bridge' });
    const edit = await h.waitForOriginalEdit(ask.token);
    return { ask, edit, message: edit.response as { id: string; components: { components: ButtonJson[] }[]; embeds: { description: string }[] } };
  }

  test('an answer has "More quotes", 👍, 👎 and one "Context n" button per quote', async () => {
    const { message } = await askForBridges();
    assert.deepEqual(buttonsOf(message).map((b) => b.label), ['More quotes', '👍', '👎', 'Context 1', 'Context 2']);
    assert.ok(buttonsOf(message).every((b) => b.custom_id.length <= 100));
  });

  test('"More quotes" shows the next best quotes below, numbered on, and is then taken off the old answer', async () => {
    const { message } = await askForBridges();
    const more = buttonsOf(message).find((b) => b.label === 'More quotes')!;
    const click = await h.fake.clickButton(message.id, more.custom_id);
    assert.equal((await h.waitForCallback(click.token)).body.type, 6);
    const followUp = await h.waitForFollowUp(click.token);
    assert.equal(followUp.status, 200);
    assert.equal(followUp.body.flags ?? 0, 0, 'visible to everyone, like the answer');
    assert.match(followUp.body.embeds[0].title, /^More on “bridges bridge”/);
    assert.deepEqual(buttonsOf(followUp.body).filter((b) => b.label.startsWith('Context')).map((b) => b.label), ['Context 3', 'Context 4']);
    assert.equal(engine.calls.at(-1)!.question, 'bridges bridge');
    const shownBefore = new Set(quotedLines(message.embeds[0]!.description));
    for (const line of quotedLines(followUp.body.embeds[0].description)) assert.ok(!shownBefore.has(line), `repeated: ${line}`);
    const oldEdit = await h.waitForOriginalEdit(click.token);
    assert.deepEqual(buttonsOf(oldEdit.body).map((b) => b.label), ['👍', '👎', 'Context 1', 'Context 2']);
  });

  test('"More quotes" when there are none left says so privately and takes the button away', async () => {
    const ask = await h.fake.sendSlashCommand('ask', { question: 'wetlands silt' });
    const message = (await h.waitForOriginalEdit(ask.token)).response;
    const more = buttonsOf(message).find((b) => b.label === 'More quotes')!;
    const click = await h.fake.clickButton(message.id, more.custom_id);
    const notice = await h.waitForFollowUp(click.token);
    assert.equal(notice.body.flags, 64);
    assert.match(notice.body.content, /no more quotes/);
    assert.ok(!buttonsOf(h.fake.messages.get(message.id) as never).some((b) => b.label === 'More quotes'));
  });

  test('"Context" shows the paragraph around that quote, only to the clicker', async () => {
    const { message } = await askForBridges();
    const second = buttonsOf(message).find((b) => b.label === 'Context 2')!;
    const click = await h.fake.clickButton(message.id, second.custom_id);
    const reply = await h.waitForCallback(click.token);
    assert.equal(reply.body.type, 4);
    assert.equal(reply.body.data.flags, 64);
    const [embed] = reply.body.data.embeds;
    const secondQuote = quotedLines(message.embeds[0]!.description)[1]!;
    assert.ok(embed.description.includes(`**${secondQuote}**`), embed.description);
    assert.ok(embed.description.length > secondQuote.length + 10, 'shows more than the quote itself');
  });

  test('buttons answer only the person who asked, in the channel where they asked', async () => {
    const { message } = await askForBridges();
    const calls = engine.calls.length;
    const [more, context] = [buttonsOf(message).find((b) => b.label === 'More quotes')!, buttonsOf(message).find((b) => b.label === 'Context 1')!];
    const followUpsOf = (token: string) => h.fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/${token}`) && !r.body?.flags);
    const attempts = [
      { customId: more.custom_id, context: { user: FAKE_USERS.bob } },
      { customId: context.custom_id, context: { user: FAKE_USERS.bob } },
      // The same ids replayed by the asker from another channel (or a DM): the state stays where it was made.
      { customId: more.custom_id, context: { channelId: '400000000000000777' } },
      { customId: context.custom_id, context: { guildId: null, channelId: undefined } },
    ];
    for (const attempt of attempts) {
      const click = await h.fake.clickButton(message.id, attempt.customId, attempt.context);
      const reply = await h.waitForCallback(click.token);
      assert.deepEqual([reply.body.type, reply.body.data.flags], [4, 64], `refused privately: ${JSON.stringify(reply.body)}`);
      assert.match(reply.body.data.content, /belong to someone else's question|asked in another channel/);
      assert.doesNotMatch(JSON.stringify(reply.body.data), /Romans|bridges bridge/, 'nothing of the asker\'s answer is shown');
      assert.deepEqual(followUpsOf(click.token), []);
    }
    assert.equal(engine.calls.length, calls, "the asker's question was not asked again");
  });

  test('a button whose answer is gone gets a polite private "expired"', async () => {
    const { message } = await askForBridges();
    const click = await h.fake.clickButton(message.id, 'context:gone00:0');
    const reply = await h.waitForCallback(click.token);
    assert.equal(reply.body.data.flags, 64);
    assert.match(reply.body.data.content, /expired; ask again/);
  });
});
