import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import type { ReindexSummary } from '../src/domain.js';
import { openSqliteState } from '../src/state/sqlite-store.js';
import { auditLogOf } from '../src/state/state-store.js';
import { EMPTY_SUMMARY, startBotAgainstFake } from './support/bot-harness.js';
import { FAKE_USERS, MEMBER_PERMISSIONS } from './support/fake-discord.js';

/**
 * The index is shared by every server the bot is in: rebuilding it is for the bot's owners and
 * for managers of the servers named in ADMIN_GUILD_IDS, not for whoever invites the bot to a server
 * of their own. Every attempt is in an audit log that outlives the process.
 */

const ADMIN_GUILD = '300000000000000001';
const STRANGER_GUILD = '300000000000000002';
const OWNER = { id: '200000000000000077', username: 'owner' };
const MANAGER = BigInt(MEMBER_PERMISSIONS) | PermissionFlagsBits.ManageGuild;

const made: string[] = [];
after(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

test('/reindex: owners anywhere, managers of admin servers only; every attempt audited, across a restart', async () => {
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'quotebot-state-'));
  made.push(stateDir);
  let rebuilds = 0;
  const rebuild = async (): Promise<ReindexSummary> => {
    rebuilds += 1;
    return { ...EMPTY_SUMMARY, files: 3, articles: 4, changes: { added: ['new.txt'], removed: [], changed: ['old.txt'] } };
  };
  const env = { OWNER_IDS: OWNER.id, ADMIN_GUILD_IDS: ADMIN_GUILD, STATE_DIR: stateDir };
  const fake = { guildIds: [ADMIN_GUILD, STRANGER_GUILD] };

  // The state store in a folder of its own, opened again for the second run as after a restart.
  const openState = () => openSqliteState({ dir: stateDir, answerTtlMs: 3_600_000 });
  const firstState = openState();
  const first = await startBotAgainstFake({ rebuild, env, fake, state: firstState });
  const reindexAs = async (h: typeof first, context: Parameters<typeof first.fake.sendSlashCommand>[2]) => {
    const run = await h.fake.sendSlashCommand('reindex', {}, context);
    const callback = await h.waitForCallback(run.token);
    if (callback.body.type === 4) return callback.body.data.content as string;
    return (await h.waitForOriginalEdit(run.token)).body.content as string;
  };
  try {
    const refused = [
      { user: FAKE_USERS.bob, guildId: STRANGER_GUILD, permissions: MANAGER },
      { user: FAKE_USERS.bob, guildId: STRANGER_GUILD, permissions: PermissionFlagsBits.Administrator },
      { user: FAKE_USERS.bob, guildId: ADMIN_GUILD, permissions: MEMBER_PERMISSIONS },
      { user: FAKE_USERS.bob, guildId: null },
    ];
    for (const context of refused) assert.match(await reindexAs(first, context), /only the bot's owners and the managers of its admin servers/);
    assert.equal(rebuilds, 0, 'nothing was rebuilt');
    assert.match(await reindexAs(first, { user: FAKE_USERS.alice, guildId: ADMIN_GUILD, permissions: MANAGER }), /^Reindex done/);
    assert.match(await reindexAs(first, { user: OWNER, guildId: STRANGER_GUILD, permissions: MEMBER_PERMISSIONS }), /^Reindex done/);
  } finally {
    await first.stop();
    await firstState.close();
  }

  const secondState = openState();
  const second = await startBotAgainstFake({ rebuild, env, fake, state: secondState });
  try {
    assert.match(await reindexAs(second, { user: OWNER, guildId: null }), /^Reindex done/);
  } finally {
    await second.stop();
  }
  assert.equal(rebuilds, 3);

  const entries = await auditLogOf(secondState).list();
  await secondState.close();
  const outcomes = entries.map((entry) => [entry.who.userId, entry.where.guildId, entry.action, entry.detail.outcome]);
  assert.deepEqual(outcomes, [
    [FAKE_USERS.bob.id, STRANGER_GUILD, 'reindex', 'refused'],
    [FAKE_USERS.bob.id, STRANGER_GUILD, 'reindex', 'refused'],
    [FAKE_USERS.bob.id, ADMIN_GUILD, 'reindex', 'refused'],
    [FAKE_USERS.bob.id, null, 'reindex', 'refused'],
    [FAKE_USERS.alice.id, ADMIN_GUILD, 'reindex', 'started'],
    [FAKE_USERS.alice.id, ADMIN_GUILD, 'reindex', 'done'],
    [OWNER.id, STRANGER_GUILD, 'reindex', 'started'],
    [OWNER.id, STRANGER_GUILD, 'reindex', 'done'],
    [OWNER.id, null, 'reindex', 'started'],
    [OWNER.id, null, 'reindex', 'done'],
  ]);
  const done = entries.find((entry) => entry.detail.outcome === 'done')!;
  assert.deepEqual(done.detail.changes, { added: ['new.txt'], removed: [], changed: ['old.txt'] });
  assert.ok(entries.every((entry) => !Number.isNaN(Date.parse(entry.when)) && entry.where.channelId !== undefined));
});
