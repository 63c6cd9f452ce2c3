import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBotAgainstFake } from './support/bot-harness.js';
import { isReplyTo } from './support/bot-messages.js';
import { createFixtureEngine } from './support/fixture-engine.js';
import { gateEngine } from './support/gated-engine.js';
import type { FakeUser, RecordedRequest } from './support/fake-discord.js';

/**
 * Many people at once. Discord drops an interaction not acknowledged within 3 s, so every /ask is
 * acknowledged first (deferred, or told the bot is busy), whatever else is going on; work in flight
 * is bounded, and past the bound people are told to try again instead of waiting forever. The
 * cheap commands are rate-limited too, so nobody can keep the bot busy with them. (How fast the
 * acknowledgements come under a real burst is measured by `npm run loadtest`, not asserted here.)
 */

function people(count: number, from = 0): FakeUser[] {
  return Array.from({ length: count }, (_, n) => ({ id: `21${String(from + n).padStart(16, '0')}`, username: `person${from + n}` }));
}

const isCallbackOf = (token: string) => (r: RecordedRequest) => r.method === 'POST' && r.path.endsWith(`/${token}/callback`);

describe('bursts', () => {
  test('200 /ask at once, the engine stuck: every one acknowledged, and only ANSWER_CONCURRENCY reach the engine', async () => {
    const engine = gateEngine(createFixtureEngine());
    let asked = 0;
    const counting = { ...engine, answer: (...args: Parameters<typeof engine.answer>) => ((asked += 1), engine.answer(...args)) };
    const h = await startBotAgainstFake({ engine: counting, env: { ANSWER_CONCURRENCY: '4', ANSWER_QUEUE_LIMIT: '1000' } });
    try {
      const asks = await Promise.all(people(200).map((user) => h.fake.sendSlashCommand('ask', { question: 'Why do bridges stand?' }, { user })));
      const callbacks = await Promise.all(asks.map((ask) => h.fake.waitForRequest(isCallbackOf(ask.token), 30_000)));
      assert.deepEqual([...new Set(callbacks.map((callback) => callback.body.type))], [5], 'every /ask deferred while nothing could be answered');
      await engine.waitForQuestions(4);
      assert.equal(asked, 4, 'work in flight is bounded: the others wait their turn');
      engine.open();
      for (const ask of asks) assert.ok((await h.waitForOriginalEdit(ask.token, 30_000)).body.embeds.length > 0);
    } finally {
      engine.open();
      await h.stop();
    }
  });

  test('past the queue, people are told privately to try again; those let in are all answered', async () => {
    const engine = gateEngine(createFixtureEngine());
    const h = await startBotAgainstFake({ engine, env: { ANSWER_CONCURRENCY: '2', ANSWER_QUEUE_LIMIT: '5' } });
    try {
      const asks = await Promise.all(people(20).map((user) => h.fake.sendSlashCommand('ask', { question: 'Why do bridges stand?' }, { user })));
      const callbacks = await Promise.all(asks.map((ask) => h.waitForCallback(ask.token, 10_000)));
      const deferred = asks.filter((_, i) => callbacks[i]!.body.type === 5);
      const busy = callbacks.filter((callback) => callback.body.type === 4);
      assert.equal(deferred.length, 7, 'two answered at once and five waiting');
      assert.equal(busy.length, 13);
      for (const reply of busy) {
        assert.equal(reply.body.data.flags, 64);
        assert.match(reply.body.data.content, /busy.*try again/i);
      }
      await engine.waitForQuestions(2);
      engine.open();
      for (const ask of deferred) assert.ok((await h.waitForOriginalEdit(ask.token, 10_000)).body.embeds.length > 0);

      // Room again once the queue drained.
      const later = await h.fake.sendSlashCommand('ask', { question: 'Who built the oldest stone bridges?' }, { user: people(1, 50)[0]! });
      assert.match((await h.waitForOriginalEdit(later.token)).body.embeds[0].description, /Romans/);
    } finally {
      engine.open();
      await h.stop();
    }
  });

  test('DMs share the same bound: past it, a DM is told the bot is busy', async () => {
    const engine = gateEngine(createFixtureEngine());
    const h = await startBotAgainstFake({ engine, env: { ANSWER_CONCURRENCY: '1', ANSWER_QUEUE_LIMIT: '1' } });
    try {
      const dms = await Promise.all(people(5).map((author) => h.fake.sendDirectMessage('Why do bridges stand?', { author })));
      await engine.waitForQuestions(1);
      const busy = await Promise.all(dms.slice(2).map((dm) => h.fake.waitForRequest(isReplyTo(dm.id), 10_000)));
      for (const reply of busy) assert.match(reply.body.content, /busy.*try again/i);
      engine.open();
      for (const dm of dms.slice(0, 2)) assert.ok((await h.fake.waitForRequest(isReplyTo(dm.id), 10_000)).body.embeds.length > 0);
    } finally {
      engine.open();
      await h.stop();
    }
  });
});

describe('the cheap commands are rate-limited too', () => {
  test('/help, /sources, autocomplete and DMs without a question: past the limit, slowed down or left unanswered', async () => {
    const h = await startBotAgainstFake({ env: { RATE_LIMIT_LOOKUPS_PER_MINUTE: '3' } });
    const [flooder] = people(1, 90);
    try {
      const helps = [];
      for (let n = 0; n < 5; n += 1) {
        const command = await h.fake.sendSlashCommand(n % 2 ? 'sources' : 'help', {}, { user: flooder });
        helps.push((await h.waitForCallback(command.token)).body);
      }
      assert.equal(helps.filter((body) => body.data.embeds?.length > 0).length, 3);
      assert.equal(helps.filter((body) => /slow down/i.test(body.data.content ?? '')).length, 2);

      const other = people(1, 91)[0]!;
      const choices = [];
      for (let n = 0; n < 5; n += 1) {
        const typed = await h.fake.sendAutocomplete('ask', { question: 'x', author: 'ja' }, 'author', { user: other });
        choices.push((await h.waitForCallback(typed.token)).body.data.choices.length);
      }
      assert.deepEqual(choices, [1, 1, 1, 0, 0]);

      const third = people(1, 92)[0]!;
      const dms = [];
      for (let n = 0; n < 5; n += 1) dms.push(await h.fake.sendDirectMessage('author: Jane Doe', { author: third }));
      await h.waitForLog((line) => line.event === 'command' && line.command === 'dm' && line.result === 'ignored' && line.userId === third.id);
      const answered = await Promise.all(dms.slice(0, 4).map((dm) => h.fake.waitForRequest(isReplyTo(dm.id))));
      assert.deepEqual(answered.map((reply) => /slow down/i.test(reply.body.content)), [false, false, false, true], 'three usage hints, then one "slow down"');
      assert.deepEqual(h.fake.requests.filter(isReplyTo(dms[4]!.id)), [], 'then silence');

      const fourth = people(1, 94)[0]!;
      const helpDms = [];
      for (let n = 0; n < 5; n += 1) helpDms.push(await h.fake.sendDirectMessage('help', { author: fourth }));
      await h.waitForLog((line) => line.event === 'command' && line.command === 'dm' && line.result === 'ignored' && line.userId === fourth.id);
      const helped = await Promise.all(helpDms.slice(0, 4).map((dm) => h.fake.waitForRequest(isReplyTo(dm.id))));
      assert.deepEqual(helped.map((reply) => (reply.body.embeds?.length > 0 ? 'help' : /slow down/i.test(reply.body.content) ? 'slow down' : 'other')), ['help', 'help', 'help', 'slow down']);
      assert.deepEqual(h.fake.requests.filter(isReplyTo(helpDms[4]!.id)), [], 'then silence');

      // Others are not affected.
      const someoneElse = await h.fake.sendSlashCommand('help', {}, { user: people(1, 93)[0]! });
      assert.ok((await h.waitForCallback(someoneElse.token)).body.data.embeds.length > 0);
    } finally {
      await h.stop();
    }
  });
});
