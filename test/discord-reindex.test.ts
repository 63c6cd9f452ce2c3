import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReindexSummary } from '../src/domain.js';
import { startBotAgainstFake } from './support/bot-harness.js';
import { FAKE_IDS, FAKE_USERS } from './support/fake-discord.js';

const MANAGE_GUILD = (1n << 5n) | (1n << 10n) | (1n << 11n);
const SUMMARY: ReindexSummary = { files: 5, articles: 12, passages: 340, reusedPassages: 300, sentences: 1200, reusedSentences: 1100, seconds: 4.2, problems: [
    { source: 'broken.txt', message: 'not UTF-8' },
    { source: 'page.txt', message: 'is named like plain text but holds an HTML page; read as an HTML page', indexed: true },
  ],
};

test('/reindex: refused for ordinary members, run for owners and managers, one at a time, questions answered meanwhile', async () => {
  // A rebuild that takes as long as the test wants: finish() ends the oldest one still running.
  let calls = 0;
  const running: ((summary: ReindexSummary) => void)[] = [];
  let onRebuildStarted: () => void = () => undefined;
  const rebuild = () => {
    calls += 1;
    return new Promise<ReindexSummary>((resolve) => {
      running.push(resolve);
      onRebuildStarted();
    });
  };
  const finish = async (summary: ReindexSummary) => {
    while (running.length === 0) await new Promise<void>((resolve) => (onRebuildStarted = resolve));
    running.shift()!(summary);
  };
  const h = await startBotAgainstFake({ rebuild, env: { OWNER_IDS: FAKE_USERS.alice.id, ADMIN_GUILD_IDS: FAKE_IDS.guild } });
  try {
    const refused = await h.fake.sendSlashCommand('reindex', {}, { user: FAKE_USERS.bob });
    const refusal = await h.waitForCallback(refused.token);
    assert.equal(refusal.body.type, 4);
    assert.equal(refusal.body.data.flags, 64);
    assert.match(refusal.body.data.content, /only the bot's owners and the managers of its admin servers/);
    assert.equal(calls, 0);

    const started = await h.fake.sendSlashCommand('reindex', {}, { user: FAKE_USERS.alice });
    const deferred = await h.waitForCallback(started.token);
    assert.deepEqual([deferred.body.type, deferred.body.data.flags], [5, 64]);
    // The audit entry is written (and flushed) between the deferral and the rebuild.
    while (running.length === 0) await new Promise<void>((resolve) => (onRebuildStarted = resolve));

    const ask = await h.fake.sendSlashCommand('ask', { question: 'Who built the oldest stone bridges?' }, { user: FAKE_USERS.bob });
    assert.match((await h.waitForOriginalEdit(ask.token)).body.embeds[0].description, /Romans/);
    assert.equal(calls, 1, 'the rebuild is still running while the question was answered');

    const second = await h.fake.sendSlashCommand('reindex', {}, { user: FAKE_USERS.bob, permissions: MANAGE_GUILD });
    const busy = await h.waitForCallback(second.token);
    assert.equal(busy.body.data.flags, 64);
    assert.match(busy.body.data.content, /already running/);
    assert.equal(calls, 1);

    await finish(SUMMARY);
    const report = await h.waitForOriginalEdit(started.token);
    assert.match(report.body.content, /Reindex done in 4\.2 s: 5 files, 12 articles, 340 passages \(300 reused/);
    assert.match(report.body.content, /1 file was skipped:\n• broken\.txt: not UTF-8/);
    assert.match(report.body.content, /1 file was indexed with a note:\n• page\.txt: is named like plain text/);

    const byManager = await h.fake.sendSlashCommand('reindex', {}, { user: FAKE_USERS.bob, permissions: MANAGE_GUILD });
    assert.equal((await h.waitForCallback(byManager.token)).body.type, 5);
    await finish(SUMMARY);
    await h.waitForOriginalEdit(byManager.token);
    assert.equal(calls, 2);
  } finally {
    await h.stop();
  }
});

test('a failed rebuild is reported privately and leaves /reindex usable', async () => {
  let fail = true;
  const h = await startBotAgainstFake({
    env: { OWNER_IDS: FAKE_USERS.alice.id },
    rebuild: async () => {
      if (fail) throw new Error('disk full');
      return SUMMARY;
    },
  });
  try {
    const first = await h.fake.sendSlashCommand('reindex', {}, { user: FAKE_USERS.alice });
    const failed = await h.waitForOriginalEdit(first.token);
    assert.match(failed.body.content, /reindex failed, so I keep answering from the previous index/);
    assert.doesNotMatch(failed.body.content, /disk full/);
    await h.waitForLog((line) => line.event === 'reindex_failed');
    fail = false;
    const again = await h.fake.sendSlashCommand('reindex', {}, { user: FAKE_USERS.alice });
    assert.match((await h.waitForOriginalEdit(again.token)).body.content, /Reindex done/);
  } finally {
    await h.stop();
  }
});
