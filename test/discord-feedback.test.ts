import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config/config.js';
import { openStateStore } from '../src/state/open-state.js';
import { openSqliteState } from '../src/state/sqlite-store.js';
import type { FeedbackVote, StateStore } from '../src/state/state-store.js';
import { startBotAgainstFake, type BotHarness } from './support/bot-harness.js';
import { isReplyTo, quotesOf } from './support/bot-messages.js';
import { FAKE_USERS, MEMBER_PERMISSIONS, startFakeDiscord, type FakeDiscord } from './support/fake-discord.js';
import { FIXTURE_ARTICLES } from './support/fixture-engine.js';
import { POSTGRES_SKIP, openTestServer } from './support/postgres.js';

/** 👍/👎 votes, /stats and a restart between an answer and a click, with the real discord.js client against the fake Discord. */

interface ButtonJson {
  custom_id?: string;
  label?: string;
  url?: string;
  emoji?: { name: string };
}

function buttonsOf(message: { components?: { components: ButtonJson[] }[] }): ButtonJson[] {
  return (message.components ?? []).flatMap((row) => row.components);
}

const button = (message: { components?: { components: ButtonJson[] }[] }, name: string) => {
  const found = buttonsOf(message).find((candidate) => (candidate.label ?? candidate.emoji?.name) === name);
  assert.ok(found, `no ${name} button in ${JSON.stringify(message.components)}`);
  return found;
};

async function votesIn(state: StateStore): Promise<FeedbackVote[]> {
  const votes: FeedbackVote[] = [];
  for await (const vote of state.exportVotes()) votes.push(vote);
  return votes;
}

const MANAGE_GUILD = ((1n << 5n) | BigInt(MEMBER_PERMISSIONS)).toString();

describe('👍/👎 feedback and /stats', () => {
  let h: BotHarness;
  let state: StateStore;
  before(async () => {
    state = openSqliteState({ dir: ':memory:', answerTtlMs: 3_600_000 });
    h = await startBotAgainstFake({ state, env: { OWNER_IDS: FAKE_USERS.bob.id } });
  });
  after(async () => {
    await h.stop();
    await state.close();
  });

  async function ask(question: string) {
    const interaction = await h.fake.sendSlashCommand('ask', { question });
    return (await h.waitForOriginalEdit(interaction.token)).response;
  }

  async function click(message: { id: string; components?: { components: ButtonJson[] }[] }, name: string, user = FAKE_USERS.alice) {
    const interaction = await h.fake.clickButton(message.id, button(message, name).custom_id!, { user });
    return (await h.waitForCallback(interaction.token)).body;
  }

  test('every answer has 👍 and 👎; one vote per person per answer, changeable, kept with the question and the quotes', async () => {
    const message = await ask('Why do bridges stand?');
    const first = await click(message, '👍');
    assert.equal(first.data.flags, 64, 'only the voter sees the thanks');
    assert.match(first.data.content, /Thanks for the 👍/);
    assert.match((await click(message, '👍')).data.content, /already gave this answer 👍/);
    assert.match((await click(message, '👎')).data.content, /Changed your vote to 👎/);
    assert.match((await click(message, '👍', FAKE_USERS.bob)).data.content, /Thanks/);

    const votes = (await votesIn(state)).filter((vote) => vote.question === 'Why do bridges stand?');
    assert.equal(votes.length, 2, 'one vote per person');
    const alice = votes.find((vote) => vote.userHash === state.hashUser(FAKE_USERS.alice.id))!;
    assert.equal(alice.vote, 'down');
    assert.doesNotMatch(JSON.stringify(votes), new RegExp(FAKE_USERS.alice.id), 'user ids are stored hashed');
    const shown = quotesOf(message);
    assert.equal(alice.quotes.length, shown.length);
    for (const quote of alice.quotes) {
      const article = FIXTURE_ARTICLES.find((candidate) => candidate.id === quote.articleId)!;
      assert.equal(article.text.slice(quote.start, quote.end), quote.text, 'article id and offsets locate the quoted words');
    }
  });

  test('a quote from an article with a web address links to its words, and gets a Source button beside Context', async () => {
    const message = await ask('What do wetlands do for towns downstream?');
    const quotes = quotesOf(message);
    const linked = quotes.find((quote) => quote.attribution.includes('Rivers and Floods'))!;
    assert.ok(linked.link?.startsWith('https://example.org/rivers-and-floods#:~:text='), String(linked.link));
    const source = buttonsOf(message).find((candidate) => candidate.url !== undefined)!;
    assert.equal(source.url, linked.link);
    assert.ok(quotes.filter((quote) => !quote.attribution.includes('Rivers and Floods')).every((quote) => quote.link === null), 'no URL, no link');
  });

  test('/stats is refused to members, shown privately to owners and to managers of admin servers only', async () => {
    const asMember = await h.fake.sendSlashCommand('stats', {}, { user: FAKE_USERS.alice });
    const refused = (await h.waitForCallback(asMember.token)).body;
    assert.equal(refused.data.flags, 64);
    assert.match(refused.data.content, /only the bot's owners/);
    const asManager = await h.fake.sendSlashCommand('stats', {}, { user: FAKE_USERS.alice, permissions: MANAGE_GUILD });
    assert.match((await h.waitForCallback(asManager.token)).body.data.content, /only the bot's owners/, 'managing a server not listed in ADMIN_GUILD_IDS is not enough');

    const asOwner = await h.fake.sendSlashCommand('stats', { days: 7 }, { user: FAKE_USERS.bob });
    const shown = (await h.waitForCallback(asOwner.token)).body.data;
    assert.equal(shown.flags, 64, 'only the owner sees it');
    const [embed] = shown.embeds;
    assert.match(embed.description, /^\d+ questions since \d{4}-\d\d-\d\d: \d+ answered, \d+ refused/);
    const field = (name: string) => embed.fields.find((candidate: { name: string }) => candidate.name === name)?.value as string;
    assert.match(field('Questions per day'), /\d{4}-\d\d-\d\d: \d+ asked/);
    assert.match(field('Feedback'), /👍 1 \(50%\) · 👎 1 \(50%\) of 2 votes/);
    assert.match(field('Most quoted documents'), /On Bridges \(bridges\.txt\): \d+ quotes/);
    assert.match(field('Latest 👎'), /“Why do bridges stand\?”/);
  });
});

describe('/stats for the managers of an admin server', () => {
  test('a manager in a server listed in ADMIN_GUILD_IDS may see it; a manager elsewhere may not', async () => {
    const admin = '300000000000000001';
    const other = '300000000000000002';
    const h = await startBotAgainstFake({ fake: { guildIds: [admin, other] }, env: { ADMIN_GUILD_IDS: admin } });
    try {
      const allowed = await h.fake.sendSlashCommand('stats', {}, { guildId: admin, permissions: MANAGE_GUILD });
      assert.ok((await h.waitForCallback(allowed.token)).body.data.embeds?.length === 1);
      const elsewhere = await h.fake.sendSlashCommand('stats', {}, { guildId: other, permissions: MANAGE_GUILD });
      assert.match((await h.waitForCallback(elsewhere.token)).body.data.content, /only the bot's owners/);
      const member = await h.fake.sendSlashCommand('stats', {}, { guildId: admin });
      assert.match((await h.waitForCallback(member.token)).body.data.content, /only the bot's owners/);
    } finally {
      await h.stop();
    }
  });
});

/** Where a restarted bot finds its state again: each `open()` is what a new process opens. */
interface StatePlace {
  open(): Promise<StateStore>;
  remove(): Promise<void>;
}

function restartTests(backend: string, skip: string | undefined, newPlace: () => Promise<StatePlace>): void {
  describe(`a bot restarted between an answer and a click on its buttons (state in ${backend})`, { skip }, () => {
    let place: StatePlace;
    let fake: FakeDiscord;
    before(async () => {
      place = await newPlace();
      fake = await startFakeDiscord();
    });
    after(async () => {
      await fake?.close();
      await place?.remove();
    });

    test('Context, 👍, More quotes and a follow-up by reply still work on the answer the earlier process gave', async () => {
      const env = { ANSWER_QUOTES: '1', ASK_REPLY_IN: 'thread' };
      let state = await place.open();
      const first = await startBotAgainstFake({ sharedFake: fake, state, env });
      const interaction = await fake.sendSlashCommand('ask', { question: 'Why do bridges stand?' });
      const answer = (await first.waitForOriginalEdit(interaction.token)).response;
      const thread = await fake.waitForRequest((request) => request.path.endsWith('/threads') && request.status === 201);
      await first.stop();
      await state.close();

      state = await place.open();
      const second = await startBotAgainstFake({ sharedFake: fake, state, env });
      try {
        const context = await fake.clickButton(answer.id, button(answer, 'Context').custom_id!);
        const shown = (await second.waitForCallback(context.token)).body;
        assert.equal(shown.type, 4);
        assert.doesNotMatch(JSON.stringify(shown), /expired/);
        assert.match(shown.data.embeds[0].description, /\*\*Bridges stand because arches carry their weight down into the ground\.\*\*/);

        const vote = await fake.clickButton(answer.id, button(answer, '👍').custom_id!);
        assert.match((await second.waitForCallback(vote.token)).body.data.content, /Thanks/);

        const more = await fake.clickButton(answer.id, button(answer, 'More quotes').custom_id!);
        const page = await second.waitForFollowUp(more.token);
        assert.ok(quotesOf(page.body).length > 0);
        assert.ok(quotesOf(page.body).every((quote) => quote.text !== quotesOf(answer)[0]!.text));

        // The thread opened before the restart still takes follow-ups (Discord lists it again on login).
        const followUp = await fake.sendChannelMessage('what else did she say?', { channelId: thread.response.id });
        const reply = await fake.waitForRequest(isReplyTo(followUp.id));
        assert.ok(quotesOf(reply.body).length > 0, JSON.stringify(reply.body));
      } finally {
        await second.stop();
        await state.close();
      }
    });
  });
}

restartTests('SQLite', undefined, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quotebot-restart-'));
  return { open: async () => openSqliteState({ dir, answerTtlMs: 3_600_000 }), remove: async () => rmSync(dir, { recursive: true, force: true }) };
});

restartTests('PostgreSQL', POSTGRES_SKIP, async () => {
  const server = await openTestServer();
  const config = loadConfig({ DATABASE_URL: await server.newDatabase() });
  return { open: () => openStateStore(config, pino({ level: 'silent' })), remove: () => server.close() };
});
