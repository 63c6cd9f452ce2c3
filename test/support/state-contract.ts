/**
 * The StateStore contract as tests, run against every backend (SQLite, PostgreSQL): what the bot
 * relies on, whichever database keeps its state. Call `stateStoreContract(backend)` at the top of
 * a test file or inside a `describe`.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { auditLogOf, StateStoreError, type AnswerRecord, type FeedbackVote, type StateStore } from '../../src/state/state-store.js';

export interface StateBackend {
  /** A new, empty place for state (a folder, a database): what STATE_DIR or DATABASE_URL names. */
  newPlace(t: TestContext): Promise<string>;
  /** A store on `place`, as one process opens it; each call is a separate connection. */
  open(place: string, options: { answerTtlMs: number; now?: () => number }): Promise<StateStore>;
  /** The setting a message about a refused database must name. */
  setting: 'STATE_DIR' | 'DATABASE_URL';
  currentSchemaVersion: number;
  schemaVersion(place: string): Promise<number>;
  setSchemaVersion(place: string, version: number): Promise<void>;
}

const HOUR = 3_600_000;

export function clock(start = Date.UTC(2025, 0, 10, 12)) {
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
  quotedFrom: null,
};

export function answer(overrides: Partial<AnswerRecord> = {}): AnswerRecord {
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

async function allVotes(store: StateStore): Promise<FeedbackVote[]> {
  const all = [];
  for await (const entry of store.exportVotes()) all.push(entry);
  return all;
}

export function stateStoreContract(backend: StateBackend): void {
  /** A store on `place`, closed when the test ends. */
  const openFor = async (t: TestContext, place: string, options: { answerTtlMs: number; now?: () => number } = { answerTtlMs: HOUR }) => {
    const store = await backend.open(place, options);
    t.after(() => store.close());
    return store;
  };

  test('an answer saved by one process is read back by the next one on the same database, until it expires', async (t) => {
    const place = await backend.newPlace(t);
    const time = clock();
    const first = await backend.open(place, { answerTtlMs: 2 * HOUR, now: time.now });
    await first.saveAnswer('a1', answer());
    await first.linkAnswer({ kind: 'message', messageId: 'm1' }, 'a1');
    await first.linkAnswer({ kind: 'thread', threadId: 't1' }, 'a1');
    await first.close();

    const second = await openFor(t, place, { answerTtlMs: 2 * HOUR, now: time.now });
    // Undefined fields are not stored: they read back as absent.
    assert.deepEqual(await second.getAnswer('a1'), JSON.parse(JSON.stringify(answer())));
    assert.equal((await second.findLinkedAnswer({ kind: 'message', messageId: 'm1' }))?.answerId, 'a1');
    assert.equal((await second.findLinkedAnswer({ kind: 'thread', threadId: 't1' }))?.record.question, 'Why do bridges stand?');
    assert.equal(await second.findLinkedAnswer({ kind: 'message', messageId: 't1' }), null, 'a thread id is not a message id');
    assert.equal(await second.getAnswer('unknown'), null);

    time.advance(2 * HOUR + 1);
    assert.equal(await second.getAnswer('a1'), null);
    assert.equal(await second.findLinkedAnswer({ kind: 'message', messageId: 'm1' }), null);
    assert.ok((await second.prune()) >= 3, 'the expired answer and its two links are deleted');
    assert.equal(await second.prune(), 0);
  });

  test('a thread follows its latest answer', async (t) => {
    const store = await openFor(t, await backend.newPlace(t));
    await store.saveAnswer('a1', answer());
    await store.saveAnswer('a2', answer({ question: 'And the Romans?' }));
    await store.linkAnswer({ kind: 'thread', threadId: 't1' }, 'a1');
    await store.linkAnswer({ kind: 'thread', threadId: 't1' }, 'a2');
    assert.equal((await store.findLinkedAnswer({ kind: 'thread', threadId: 't1' }))?.record.question, 'And the Romans?');
  });

  test('rate-limit windows slide, are kept per key and survive a reopen', async (t) => {
    const place = await backend.newPlace(t);
    const time = clock();
    const first = await backend.open(place, { answerTtlMs: HOUR, now: time.now });
    assert.deepEqual(await first.takeRateToken('alice', 2, 60_000), { allowed: true });
    time.advance(10_000);
    assert.deepEqual(await first.takeRateToken('alice', 2, 60_000), { allowed: true });
    await first.close();
    const store = await openFor(t, place, { answerTtlMs: HOUR, now: time.now });
    assert.deepEqual(await store.takeRateToken('alice', 2, 60_000), { allowed: false, retryAfterMs: 50_000 });
    assert.deepEqual(await store.takeRateToken('bob', 2, 60_000), { allowed: true });
    time.advance(50_000);
    assert.deepEqual(await store.takeRateToken('alice', 2, 60_000), { allowed: true }, 'the first action left the window');
  });

  test('one vote per person per answer: a second vote replaces the first and says what it replaced', async (t) => {
    const store = await openFor(t, await backend.newPlace(t));
    assert.equal(await store.recordVote(vote(store, { vote: 'up' })), null);
    assert.equal(await store.recordVote(vote(store, { vote: 'down', at: Date.UTC(2025, 0, 11) })), 'up');
    assert.equal(await store.recordVote(vote(store, { vote: 'down', userHash: store.hashUser('200000000000000002') })), null);
    const all = await allVotes(store);
    assert.deepEqual(
      all.map((entry) => [entry.userHash, entry.vote]),
      [
        [store.hashUser('200000000000000002'), 'down'],
        [store.hashUser('200000000000000001'), 'down'],
      ],
      'oldest first: the changed vote counts from its change',
    );
    assert.deepEqual(all[1]!.quotes, answer().shown);
    assert.equal(all[1]!.at, Date.UTC(2025, 0, 11));
  });

  test('the export holds every vote once, oldest first, however many there are', async (t) => {
    const store = await openFor(t, await backend.newPlace(t));
    // More than a page of a paged export, many of them cast in the same millisecond.
    const count = 1_050;
    for (let first = 0; first < count; first += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, count - first) }, (_, i) =>
          store.recordVote(vote(store, { answerId: `a${first + i}`, at: Date.UTC(2025, 0, 10) + ((first + i) % 3) })),
        ),
      );
    }
    const all = await allVotes(store);
    assert.equal(all.length, count);
    assert.equal(new Set(all.map((entry) => entry.answerId)).size, count);
    assert.ok(all.every((entry, i) => i === 0 || all[i - 1]!.at <= entry.at));
  });

  test('user ids are hashed with a key kept in the database: stable across reopening, different per database', async (t) => {
    const place = await backend.newPlace(t);
    const first = await backend.open(place, { answerTtlMs: HOUR });
    const hash = first.hashUser('200000000000000001');
    await first.close();
    const again = await openFor(t, place);
    const other = await openFor(t, await backend.newPlace(t));
    assert.equal(again.hashUser('200000000000000001'), hash);
    assert.notEqual(again.hashUser('200000000000000002'), hash);
    assert.notEqual(other.hashUser('200000000000000001'), hash);
    assert.doesNotMatch(hash, /200000000000000001/);
  });

  test('stats: questions per day, refusals, vote counts, most quoted documents and the latest 👎', async (t) => {
    const store = await openFor(t, await backend.newPlace(t));
    const day = (d: number, h = 12) => Date.UTC(2025, 0, d, h);
    const bridges = { articleId: 'bridges.txt#0', source: 'bridges.txt', title: 'On Bridges' };
    const floods = { articleId: 'floods.txt#0', source: 'floods.txt', title: 'Rivers and Floods' };
    await store.logQuestion({ at: day(1), kind: 'ask', answered: true, quotes: [bridges, floods] });
    await store.logQuestion({ at: day(2), kind: 'dm', answered: true, quotes: [bridges] });
    await store.logQuestion({ at: day(2, 13), kind: 'follow-up', answered: false, quotes: [] });
    await store.logQuestion({ at: day(3), kind: 'ask', answered: true, quotes: [bridges, floods] });
    await store.logQuestion({ at: day(3, 23), kind: 'ask', answered: true, quotes: [{ ...bridges, articleId: 'bridges.txt#1' }] });
    await store.recordVote(vote(store, { answerId: 'a1', vote: 'up', at: day(2) }));
    await store.recordVote(vote(store, { answerId: 'a2', vote: 'down', question: 'first down', at: day(2) }));
    await store.recordVote(vote(store, { answerId: 'a3', vote: 'down', question: 'second down', at: day(3) }));

    const stats = await store.stats({ since: day(2, 0), topDocuments: 5, latestDown: 1 });
    assert.equal(stats.since, day(2, 0));
    assert.equal(stats.questions, 4);
    assert.equal(stats.refused, 1);
    assert.deepEqual(stats.perDay, [
      { day: '2025-01-02', questions: 2, refused: 1 },
      { day: '2025-01-03', questions: 2, refused: 0 },
    ]);
    assert.equal(stats.up, 1);
    assert.equal(stats.down, 2);
    assert.deepEqual(stats.topDocuments, [
      { source: 'bridges.txt', title: 'On Bridges', quotes: 3 },
      { source: 'floods.txt', title: 'Rivers and Floods', quotes: 1 },
    ]);
    assert.deepEqual(
      stats.latestDown.map((entry) => entry.question),
      ['second down'],
    );

    const empty = await store.stats({ since: day(20), topDocuments: 5, latestDown: 5 });
    assert.deepEqual([empty.questions, empty.refused, empty.up, empty.down, empty.perDay.length, empty.topDocuments.length], [0, 0, 0, 0, 0, 0]);
  });

  test('the audit log keeps who, where, when and what, in order, across a reopen', async (t) => {
    const place = await backend.newPlace(t);
    const first = await backend.open(place, { answerTtlMs: HOUR });
    const where = { guildId: 'g1', channelId: 'c1', via: 'discord' as const };
    await first.recordAudit({ who: { userId: 'u1', name: 'alice' }, where, when: '2025-01-01T00:00:00.000Z', action: 'add', detail: { outcome: 'done', source: 'uploads/a.md' } });
    await first.recordAudit({ who: { userId: 'u2' }, where: { guildId: null, channelId: null, via: 'discord' }, when: '2025-01-02T00:00:00.000Z', action: 'remove', detail: { outcome: 'refused' } });
    await first.close();
    const store = await openFor(t, place);
    const entries = await auditLogOf(store).list();
    assert.deepEqual(
      entries.map((entry) => [entry.action, entry.who.userId, entry.where.guildId, entry.detail.outcome, entry.detail.source]),
      [
        ['add', 'u1', 'g1', 'done', 'uploads/a.md'],
        ['remove', 'u2', null, 'refused', undefined],
      ],
    );
  });

  test('odd characters in questions, quotes and audit entries are stored and read back unchanged', async (t) => {
    const store = await openFor(t, await backend.newPlace(t));
    const odd = 'nul\u0000 rtl\u202e emoji 🌉 zero\u200bwidth';
    const record = answer({ question: odd, shown: [{ ...answer().shown[0]!, text: odd }] });
    await store.saveAnswer('odd', record);
    assert.equal((await store.getAnswer('odd'))?.question, odd);
    await store.recordVote(vote(store, { answerId: 'odd', question: odd, filter: { document: odd }, quotes: record.shown }));
    const [stored] = await allVotes(store);
    assert.equal(stored?.question, odd);
    assert.deepEqual(stored?.filter, { document: odd });
    assert.equal(stored?.quotes[0]?.text, odd);
    await store.recordAudit({ who: { userId: 'u1', name: odd }, where: { guildId: null, channelId: null, via: 'cli' }, when: '2025-01-01T00:00:00.000Z', action: 'add', detail: { outcome: 'done', title: odd } });
    assert.equal((await store.listAudit())[0]?.detail.title, odd);
  });

  test('two processes on one database (two shards) share answers, links, rate windows, votes and user hashes', async (t) => {
    const place = await backend.newPlace(t);
    const time = clock();
    const shardA = await openFor(t, place, { answerTtlMs: HOUR, now: time.now });
    const shardB = await openFor(t, place, { answerTtlMs: HOUR, now: time.now });
    assert.equal(shardA.hashUser('200000000000000001'), shardB.hashUser('200000000000000001'));

    await shardA.saveAnswer('a1', answer());
    await shardA.linkAnswer({ kind: 'message', messageId: 'm1' }, 'a1');
    assert.equal((await shardB.findLinkedAnswer({ kind: 'message', messageId: 'm1' }))?.record.question, 'Why do bridges stand?');

    // Both shards take tokens for one person at once: exactly the limit is granted, whoever asks.
    const limit = 4;
    const attempts = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? shardA : shardB).takeRateToken('alice', limit, 60_000));
    const decisions = await Promise.all(attempts);
    assert.equal(decisions.filter((decision) => decision.allowed).length, limit);
    assert.equal((await shardA.takeRateToken('alice', limit, 60_000)).allowed, false);
    assert.equal((await shardB.takeRateToken('bob', limit, 60_000)).allowed, true);

    assert.equal(await shardA.recordVote(vote(shardA, { vote: 'up' })), null);
    assert.equal(await shardB.recordVote(vote(shardB, { vote: 'down' })), 'up', 'the vote made on the other shard is replaced');
    assert.deepEqual(
      (await allVotes(shardA)).map((entry) => entry.vote),
      ['down'],
    );
  });

  test('a new database gets the current schema version; a newer one is refused with advice', async (t) => {
    const place = await backend.newPlace(t);
    const store = await backend.open(place, { answerTtlMs: HOUR });
    await store.close();
    assert.equal(await backend.schemaVersion(place), backend.currentSchemaVersion);
    const again = await backend.open(place, { answerTtlMs: HOUR });
    await again.close();
    assert.equal(await backend.schemaVersion(place), backend.currentSchemaVersion, 'reopening migrates nothing');
    await backend.setSchemaVersion(place, backend.currentSchemaVersion + 1);
    await assert.rejects(backend.open(place, { answerTtlMs: HOUR }), (error: unknown) => {
      assert.ok(error instanceof StateStoreError);
      assert.match(error.message, /newer/);
      assert.match(error.message, new RegExp(backend.setting));
      return true;
    });
  });
}
