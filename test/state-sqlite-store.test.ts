import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteState, STATE_FILE } from '../src/state/sqlite-store.js';
import { SCHEMA_VERSION } from '../src/state/sqlite-schema.js';
import { auditLogOf, StateStoreError, type AnswerRecord, type FeedbackVote, type StateStore } from '../src/state/state-store.js';

const HOUR = 3_600_000;

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'quotebot-state-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function clock(start = Date.UTC(2025, 0, 10, 12)) {
  let at = start;
  return { now: () => at, advance: (ms: number) => (at += ms) };
}

const quote = {
  text: 'Bridges stand because arches carry their weight down into the ground.',
  articleId: 'bridges.txt#0',
  source: 'bridges.txt',
  title: 'On Bridges',
  authors: ['Jane Doe'],
  date: '2021-03-04',
  start: 0,
  end: 70,
  score: 0.8,
};

function answer(overrides: Partial<AnswerRecord> = {}): AnswerRecord {
  return {
    question: 'Why do bridges stand?',
    filter: { author: 'Jane Doe' },
    documentTitle: undefined,
    quotes: [quote],
    firstNumber: 1,
    shown: [{ articleId: quote.articleId, source: quote.source, title: quote.title, start: 0, end: 70, text: quote.text }],
    askerHash: 'abc',
    channelId: '400000000000000001',
    createdAt: 0,
    ...overrides,
  };
}

function vote(store: StateStore, overrides: Partial<FeedbackVote>): FeedbackVote {
  return {
    answerId: 'a1',
    userHash: store.hashUser('200000000000000001'),
    vote: 'up',
    question: 'Why do bridges stand?',
    filter: undefined,
    quotes: answer().shown,
    at: Date.UTC(2025, 0, 10),
    ...overrides,
  };
}

test('an answer saved by one process is read back by the next one on the same folder, until it expires', async (t) => {
  const dir = tempDir(t);
  const time = clock();
  const first = openSqliteState({ dir, answerTtlMs: 2 * HOUR, now: time.now });
  await first.saveAnswer('a1', answer());
  await first.linkAnswer({ kind: 'message', messageId: 'm1' }, 'a1');
  await first.linkAnswer({ kind: 'thread', threadId: 't1' }, 'a1');
  await first.close();

  const second = openSqliteState({ dir, answerTtlMs: 2 * HOUR, now: time.now });
  t.after(() => second.close());
  // Undefined fields are not stored: they read back as absent.
  assert.deepEqual(await second.getAnswer('a1'), JSON.parse(JSON.stringify(answer())));
  assert.equal((await second.findLinkedAnswer({ kind: 'message', messageId: 'm1' }))?.answerId, 'a1');
  assert.equal((await second.findLinkedAnswer({ kind: 'thread', threadId: 't1' }))?.record.question, 'Why do bridges stand?');
  assert.equal(await second.findLinkedAnswer({ kind: 'message', messageId: 't1' }), null, 'a thread id is not a message id');

  time.advance(2 * HOUR + 1);
  assert.equal(await second.getAnswer('a1'), null);
  assert.equal(await second.findLinkedAnswer({ kind: 'message', messageId: 'm1' }), null);
  assert.ok((await second.prune()) >= 3, 'the expired answer and its two links are deleted');
});

test('a thread follows its latest answer', async (t) => {
  const store = openSqliteState({ dir: ':memory:', answerTtlMs: HOUR });
  t.after(() => store.close());
  await store.saveAnswer('a1', answer());
  await store.saveAnswer('a2', answer({ question: 'And the Romans?' }));
  await store.linkAnswer({ kind: 'thread', threadId: 't1' }, 'a1');
  await store.linkAnswer({ kind: 'thread', threadId: 't1' }, 'a2');
  assert.equal((await store.findLinkedAnswer({ kind: 'thread', threadId: 't1' }))?.record.question, 'And the Romans?');
});

test('rate-limit windows slide, are kept per key and survive a reopen', async (t) => {
  const dir = tempDir(t);
  const time = clock();
  let store = openSqliteState({ dir, answerTtlMs: HOUR, now: time.now });
  assert.deepEqual(await store.takeRateToken('alice', 2, 60_000), { allowed: true });
  time.advance(10_000);
  assert.deepEqual(await store.takeRateToken('alice', 2, 60_000), { allowed: true });
  await store.close();
  store = openSqliteState({ dir, answerTtlMs: HOUR, now: time.now });
  t.after(() => store.close());
  assert.deepEqual(await store.takeRateToken('alice', 2, 60_000), { allowed: false, retryAfterMs: 50_000 });
  assert.deepEqual(await store.takeRateToken('bob', 2, 60_000), { allowed: true });
  time.advance(50_000);
  assert.deepEqual(await store.takeRateToken('alice', 2, 60_000), { allowed: true }, 'the first action left the window');
});

test('one vote per person per answer: a second vote replaces the first and says what it replaced', async (t) => {
  const store = openSqliteState({ dir: ':memory:', answerTtlMs: HOUR });
  t.after(() => store.close());
  assert.equal(await store.recordVote(vote(store, { vote: 'up' })), null);
  assert.equal(await store.recordVote(vote(store, { vote: 'down', at: Date.UTC(2025, 0, 11) })), 'up');
  assert.equal(await store.recordVote(vote(store, { vote: 'down', userHash: store.hashUser('200000000000000002') })), null);
  const all = [];
  for await (const entry of store.exportVotes()) all.push(entry);
  assert.equal(all.length, 2);
  assert.deepEqual(
    all.map((entry) => entry.vote),
    ['down', 'down'],
  );
  assert.deepEqual(all[0]!.quotes, answer().shown);
});

test('user ids are hashed with a key kept in the database: stable across reopening, different per database', async (t) => {
  const dir = tempDir(t);
  const first = openSqliteState({ dir, answerTtlMs: HOUR });
  const hash = first.hashUser('200000000000000001');
  await first.close();
  const again = openSqliteState({ dir, answerTtlMs: HOUR });
  const other = openSqliteState({ dir: ':memory:', answerTtlMs: HOUR });
  t.after(() => Promise.all([again.close(), other.close()]));
  assert.equal(again.hashUser('200000000000000001'), hash);
  assert.notEqual(again.hashUser('200000000000000002'), hash);
  assert.notEqual(other.hashUser('200000000000000001'), hash);
  assert.doesNotMatch(hash, /200000000000000001/);
});

test('stats: questions per day, refusals, vote counts, most quoted documents and the latest 👎', async (t) => {
  const store = openSqliteState({ dir: ':memory:', answerTtlMs: HOUR });
  t.after(() => store.close());
  const day = (d: number, h = 12) => Date.UTC(2025, 0, d, h);
  const bridges = { articleId: 'bridges.txt#0', source: 'bridges.txt', title: 'On Bridges' };
  const floods = { articleId: 'floods.txt#0', source: 'floods.txt', title: 'Rivers and Floods' };
  await store.logQuestion({ at: day(1), kind: 'ask', answered: true, quotes: [bridges, floods] });
  await store.logQuestion({ at: day(2), kind: 'dm', answered: true, quotes: [bridges] });
  await store.logQuestion({ at: day(2, 13), kind: 'follow-up', answered: false, quotes: [] });
  await store.logQuestion({ at: day(3), kind: 'ask', answered: true, quotes: [bridges] });
  await store.recordVote(vote(store, { answerId: 'a1', vote: 'up', at: day(2) }));
  await store.recordVote(vote(store, { answerId: 'a2', vote: 'down', question: 'first down', at: day(2) }));
  await store.recordVote(vote(store, { answerId: 'a3', vote: 'down', question: 'second down', at: day(3) }));

  const stats = await store.stats({ since: day(2, 0), topDocuments: 5, latestDown: 1 });
  assert.equal(stats.questions, 3);
  assert.equal(stats.refused, 1);
  assert.deepEqual(stats.perDay, [
    { day: '2025-01-02', questions: 2, refused: 1 },
    { day: '2025-01-03', questions: 1, refused: 0 },
  ]);
  assert.equal(stats.up, 1);
  assert.equal(stats.down, 2);
  assert.deepEqual(stats.topDocuments, [{ source: 'bridges.txt', title: 'On Bridges', quotes: 2 }]);
  assert.deepEqual(
    stats.latestDown.map((entry) => entry.question),
    ['second down'],
  );

  const empty = await store.stats({ since: day(20), topDocuments: 5, latestDown: 5 });
  assert.deepEqual([empty.questions, empty.refused, empty.up, empty.down, empty.perDay.length], [0, 0, 0, 0, 0]);
});

test('the audit log keeps who, where, when and what, in order, across a reopen', async (t) => {
  const dir = tempDir(t);
  let store = openSqliteState({ dir, answerTtlMs: HOUR });
  const where = { guildId: 'g1', channelId: 'c1', via: 'discord' as const };
  await store.recordAudit({ who: { userId: 'u1', name: 'alice' }, where, when: '2025-01-01T00:00:00.000Z', action: 'add', detail: { outcome: 'done', source: 'uploads/a.md' } });
  await store.recordAudit({ who: { userId: 'u2' }, where: { guildId: null, channelId: null, via: 'discord' }, when: '2025-01-02T00:00:00.000Z', action: 'remove', detail: { outcome: 'refused' } });
  await store.close();
  store = openSqliteState({ dir, answerTtlMs: HOUR });
  t.after(() => store.close());
  const entries = await auditLogOf(store).list();
  assert.deepEqual(
    entries.map((entry) => [entry.action, entry.who.userId, entry.where.guildId, entry.detail.outcome, entry.detail.source]),
    [
      ['add', 'u1', 'g1', 'done', 'uploads/a.md'],
      ['remove', 'u2', null, 'refused', undefined],
    ],
  );
});

test('a new database gets the current schema version; a newer one is refused with advice', (t) => {
  const dir = tempDir(t);
  const store = openSqliteState({ dir, answerTtlMs: HOUR });
  void store.close();
  const raw = new Database(join(dir, STATE_FILE));
  assert.equal(raw.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  raw.close();
  assert.throws(() => openSqliteState({ dir, answerTtlMs: HOUR }), (error: unknown) => {
    assert.ok(error instanceof StateStoreError);
    assert.match(error.message, /newer/);
    assert.match(error.message, /STATE_DIR/);
    return true;
  });
});

test('a state file that is not a database is refused with a message naming STATE_DIR', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, STATE_FILE), 'this is not sqlite, just some text that is long enough to be a header');
  assert.throws(() => openSqliteState({ dir, answerTtlMs: HOUR }), /STATE_DIR/);
});
