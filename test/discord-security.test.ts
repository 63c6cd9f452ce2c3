import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { reindex } from '../src/discord/commands/reindex.js';
import type { QuoteEngine, ReindexSummary } from '../src/domain.js';
import { EMPTY_SUMMARY, startBotAgainstFake } from './support/bot-harness.js';
import { isReplyTo } from './support/bot-messages.js';
import { FAKE_IDS, FAKE_USERS, MEMBER_PERMISSIONS } from './support/fake-discord.js';

/** A server the bot is in that is not one of its admin servers. */
const OTHER_GUILD = '300000000000000002';
import { openRealEngine, PROJECT_ROOT } from './support/real-index.js';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe('the bot token stays secret', () => {
  test('.env, where the token lives, is git-ignored', async () => {
    const ignored = (await readFile(path.join(PROJECT_ROOT, '.gitignore'), 'utf8')).split('\n').map((line) => line.trim());
    assert.ok(ignored.includes('.env'), '.env is not in .gitignore');
  });

  test('after answers, failures, retries, a reconnect and a reindex, the token is in no log, request, message or index file', async () => {
    const token = 'MTAwMDAwMDAwMDAwMDAwMDAx.QbSeCr.recognisable-secret-token-7f3a9c';
    const real = await openRealEngine({ ownCorpus: true });
    // An engine that fails once, with an error message of its own, to reach the failure paths.
    let failNext = false;
    const engine: QuoteEngine = {
      listArticles: () => real.opened.engine.listArticles(),
      context: (quote) => real.opened.engine.context(quote),
      answer(question, options) {
        if (failNext) {
          failNext = false;
          return Promise.reject(new Error('the engine broke while answering'));
        }
        return real.opened.engine.answer(question, options);
      },
    };
    const h = await startBotAgainstFake({
      engine,
      rebuild: real.opened.rebuild,
      fake: { token },
      env: { OWNER_IDS: FAKE_USERS.alice.id },
    });
    try {
      const editOf = (interactionToken: string) =>
        h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith(`/${interactionToken}/messages/@original`) && r.status === 200, 60_000);
      await editOf((await h.fake.sendSlashCommand('ask', { question: 'Why is Deir ez-Zor important?' })).token);
      await h.fake.waitForRequest(isReplyTo((await h.fake.sendDirectMessage('What about Russia?')).id), 60_000);

      failNext = true;
      // A failure after the public deferral is told privately (the public "thinking…" is removed).
      await h.waitForPrivateReply((await h.fake.sendSlashCommand('ask', { question: 'What about Turkey?' })).token, 60_000);
      // The answer's edit fails every attempt (4); the failure notice then goes privately, without an edit.
      h.fake.injectFault({ method: 'PATCH', path: /\/messages\/@original$/, status: 500, times: 4 });
      const undeliverable = await h.fake.sendSlashCommand('ask', { question: 'Kurdish militia' });
      await h.fake.waitForRequest((r) => r.method === 'POST' && r.path.endsWith(`/${undeliverable.token}`) && r.status === 200, 60_000);
      h.fake.injectFault({ method: 'POST', path: /\/callback$/, status: 429, retryAfter: 0.1 });
      await editOf((await h.fake.sendSlashCommand('ask', { question: 'coalition bombing' })).token);
      await h.fake.sendSlashCommand('no-such-command', {});
      await h.fake.sendSlashCommand('ask', { question: 'oil', author: 'Nobody Atall' });

      h.fake.closeGateway(4000);
      await h.fake.waitForGatewayPayload((payload) => payload.op === 6, 15_000);
      const run = await h.fake.sendSlashCommand('reindex', {}, { user: FAKE_USERS.alice });
      assert.match((await editOf(run.token)).body.content, /^Reindex done/);
      await h.waitForLog((line) => line.event === 'handler_error');

      assert.ok(!h.logText().includes(token), 'the token is in the log');
      for (const request of h.fake.requests) {
        const { method, path: requestPath, query, headers, body, response } = request;
        assert.ok(!JSON.stringify({ method, requestPath, query, headers, body, response }).includes(token), `the token is in ${method} ${requestPath}`);
      }
      assert.ok(!JSON.stringify([...h.fake.messages.values()]).includes(token), 'the token is in a message');
      assert.ok(!JSON.stringify(h.fake.gatewayPayloads).includes(token), 'the token is in a gateway payload other than IDENTIFY/RESUME');
      const written = await filesUnder(real.root);
      assert.ok(written.some((file) => file.endsWith('manifest.json')));
      for (const file of written) assert.equal((await readFile(file)).indexOf(token), -1, `the token is in ${file}`);
    } finally {
      await h.stop();
      await real.close();
    }
  });
});

describe('/reindex is for the owners and the managers of the admin servers only, whatever a server configured', () => {
  test('registered with Manage Server as its default permission', () => {
    assert.equal(reindex.data.toJSON().default_member_permissions, PermissionFlagsBits.ManageGuild.toString());
  });

  test('members without Manage Server, managers of other servers and non-owners in DMs are refused and nothing is rebuilt; managers of an admin server and owners may', async () => {
    let rebuilds = 0;
    const rebuild = async (): Promise<ReindexSummary> => {
      rebuilds += 1;
      return EMPTY_SUMMARY;
    };
    const owner = { id: '200000000000000077', username: 'owner' };
    const h = await startBotAgainstFake({ rebuild, env: { OWNER_IDS: owner.id, ADMIN_GUILD_IDS: FAKE_IDS.guild } });
    try {
      const kickAndBan = (1n << 1n) | (1n << 2n) | BigInt(MEMBER_PERMISSIONS);
      const refused = [
        { guildId: undefined, permissions: MEMBER_PERMISSIONS },
        { guildId: undefined, permissions: kickAndBan },
        { guildId: undefined, permissions: 0n },
        { guildId: null, permissions: undefined },
        // Anyone can invite the bot to a server they manage: that is not a right to change the shared index.
        { guildId: OTHER_GUILD, permissions: PermissionFlagsBits.ManageGuild | BigInt(MEMBER_PERMISSIONS) },
      ];
      for (const { guildId, permissions } of refused) {
        const run = await h.fake.sendSlashCommand('reindex', {}, { user: FAKE_USERS.bob, ...(guildId === undefined ? {} : { guildId }), ...(permissions === undefined ? {} : { permissions }) });
        const reply = await h.waitForCallback(run.token);
        assert.deepEqual([reply.body.type, reply.body.data.flags], [4, 64], 'refused privately');
        assert.match(reply.body.data.content, /only the bot's owners and the managers of its admin servers can change the documents/);
      }
      assert.equal(rebuilds, 0);

      const allowed = [
        { user: FAKE_USERS.bob, permissions: PermissionFlagsBits.ManageGuild | BigInt(MEMBER_PERMISSIONS) },
        { user: FAKE_USERS.bob, permissions: PermissionFlagsBits.Administrator },
        { user: owner, permissions: MEMBER_PERMISSIONS },
        { user: owner, guildId: null },
      ];
      for (const context of allowed) {
        const run = await h.fake.sendSlashCommand('reindex', {}, context);
        await h.waitForOriginalEdit(run.token);
      }
      assert.equal(rebuilds, allowed.length);
    } finally {
      await h.stop();
    }
  });
});
