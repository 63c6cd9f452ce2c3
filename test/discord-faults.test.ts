import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiscordLoginError, GENERIC_FAILURE } from '../src/discord/errors.js';
import { startBotAgainstFake, type BotHarness } from './support/bot-harness.js';
import { botMessageBodies, isReplyTo, quotesOf } from './support/bot-messages.js';
import type { RecordedRequest } from './support/fake-discord.js';
import { createFixtureEngine } from './support/fixture-engine.js';
import { gateEngine } from './support/gated-engine.js';

/**
 * Faults Discord really produces: gateway connections that drop (resumable or not), REST 429s
 * and 500s. Whatever happens, a question already asked is answered or gets a clear failure
 * message: never silence.
 */

const QUESTION = 'Who built the oldest stone bridges?';
const WAIT = 15_000;

/** The successful edit of an interaction's deferred reply. */
function answerOf(h: BotHarness, token: string): Promise<RecordedRequest> {
  return h.fake.waitForRequest(
    (r) => r.method === 'PATCH' && r.path.endsWith(`/${token}/messages/@original`) && r.status === 200,
    WAIT,
  );
}

function assertAnswered(edit: RecordedRequest): void {
  const quotes = quotesOf(edit.body);
  assert.ok(quotes.some((quote) => /Romans/.test(quote.text)), `not an answer: ${JSON.stringify(edit.body)}`);
}

async function withBot(run: (h: BotHarness, engine: ReturnType<typeof gateEngine>) => Promise<void>): Promise<void> {
  const engine = gateEngine(createFixtureEngine());
  const h = await startBotAgainstFake({ engine });
  try {
    await run(h, engine);
    for (const { body } of botMessageBodies(h.fake)) assert.deepEqual(body.allowed_mentions?.parse, [], 'a message could ping');
  } finally {
    engine.open();
    await h.stop();
  }
}

describe('gateway drops', () => {
  for (const [code, meaning] of [
    [4000, 'unknown error, resumable'],
    [1006, 'connection lost without a close frame'],
  ] as const) {
    test(`close ${code} (${meaning}): the bot resumes, answers the question in flight and the one sent while it was away`, async () => {
      await withBot(async (h, engine) => {
        const inFlight = await h.fake.sendSlashCommand('ask', { question: QUESTION });
        await engine.waitForQuestions(1);
        h.fake.closeGateway(code);
        const whileAway = await h.fake.sendSlashCommand('ask', { question: QUESTION });
        await h.fake.waitForGatewayPayload((payload) => payload.op === 6, WAIT);
        engine.open();
        assertAnswered(await answerOf(h, inFlight.token));
        assertAnswered(await answerOf(h, whileAway.token));
        assert.equal(h.fake.gatewayPayloads.filter((payload) => payload.op === 2).length, 1, 'resumed, not identified again');
        await h.waitForLog((line) => line.event === 'gateway_resumed', WAIT);
      });
    });
  }

  test('Discord asks for a reconnect (op 7): the bot resumes and keeps answering', async () => {
    await withBot(async (h, engine) => {
      engine.open();
      h.fake.requestReconnect();
      await h.fake.waitForGatewayPayload((payload) => payload.op === 6, WAIT);
      const ask = await h.fake.sendSlashCommand('ask', { question: QUESTION });
      assertAnswered(await answerOf(h, ask.token));
    });
  });

  test('a session that cannot be resumed (op 9): the bot identifies again; the question in flight is still answered', async () => {
    await withBot(async (h, engine) => {
      const inFlight = await h.fake.sendSlashCommand('ask', { question: QUESTION });
      await engine.waitForQuestions(1);
      h.fake.invalidateSession(false);
      await h.fake.waitForGatewayPayload(() => h.fake.gatewayPayloads.filter((payload) => payload.op === 2).length === 2, WAIT);
      engine.open();
      assertAnswered(await answerOf(h, inFlight.token));
      const after = await h.fake.sendSlashCommand('ask', { question: QUESTION });
      assertAnswered(await answerOf(h, after.token));
    });
  });

  test('close 4004 (token no longer valid) is fatal: a clear error says what to do, and the question in flight is still answered', async () => {
    const engine = gateEngine(createFixtureEngine());
    const fatal: DiscordLoginError[] = [];
    const h = await startBotAgainstFake({ engine, onFatal: (error) => fatal.push(error) });
    try {
      const inFlight = await h.fake.sendSlashCommand('ask', { question: QUESTION });
      await engine.waitForQuestions(1);
      h.fake.closeGateway(4004, 'Authentication failed.');
      const line = await h.waitForLog((entry) => entry.event === 'gateway_closed', WAIT);
      assert.equal(line.level, 60, 'logged as fatal');
      assert.equal(fatal.length, 1);
      assert.match(fatal[0]!.message, /DISCORD_TOKEN is no longer valid.*Reset Token.*\.env/s);
      assert.ok(!fatal[0]!.message.includes(h.fake.token));
      engine.open();
      assertAnswered(await answerOf(h, inFlight.token));
      // Discord does not take the bot back after 4004: it must not retry with the same token.
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(h.fake.gatewayPayloads.filter((payload) => payload.op === 2 || payload.op === 6).length, 1);
    } finally {
      engine.open();
      await h.stop();
    }
  });
});

describe('REST faults', () => {
  test('429 with retry-after on the deferral and on the answer: both are retried and the answer arrives', async () => {
    await withBot(async (h, engine) => {
      engine.open();
      const deferLimited = h.fake.injectFault({ method: 'POST', path: /\/callback$/, status: 429, retryAfter: 0.3 });
      const editLimited = h.fake.injectFault({ method: 'PATCH', path: /\/messages\/@original$/, status: 429, retryAfter: 0.3, global: true });
      const ask = await h.fake.sendSlashCommand('ask', { question: QUESTION });
      assertAnswered(await answerOf(h, ask.token));
      assert.deepEqual([deferLimited.hits, editLimited.hits], [1, 1]);
      const callbacks = h.fake.interactionRequests(ask.token).filter((r) => r.path.endsWith('/callback'));
      assert.deepEqual(callbacks.map((r) => r.status), [429, 204]);
    });
  });

  test('500s on the deferral and on the answer are retried and the answer arrives', async () => {
    await withBot(async (h, engine) => {
      engine.open();
      const deferFailing = h.fake.injectFault({ method: 'POST', path: /\/callback$/, status: 500, times: 2 });
      const editFailing = h.fake.injectFault({ method: 'PATCH', path: /\/messages\/@original$/, status: 502, times: 2 });
      const ask = await h.fake.sendSlashCommand('ask', { question: QUESTION });
      assertAnswered(await answerOf(h, ask.token));
      assert.deepEqual([deferFailing.hits, editFailing.hits], [2, 2]);
    });
  });

  test('when the answer cannot be delivered at all, the person gets a private failure message instead of silence', async () => {
    await withBot(async (h, engine) => {
      engine.open();
      // Every edit of the deferred reply fails, retries included; follow-ups still work.
      const broken = h.fake.injectFault({ method: 'PATCH', path: /\/messages\/@original$/, status: 500, times: 1_000 });
      const ask = await h.fake.sendSlashCommand('ask', { question: QUESTION });
      const notice = await h.fake.waitForRequest(
        (r) => r.method === 'POST' && r.path === `/webhooks/${h.fake.applicationId}/${ask.token}` && r.status === 200,
        WAIT,
      );
      assert.equal(notice.body.content, GENERIC_FAILURE);
      assert.equal(notice.body.flags, 64, 'only the asker sees it');
      assert.ok(broken.hits >= 2);
      await h.waitForLog((line) => line.event === 'handler_error');
      assert.doesNotMatch(JSON.stringify(notice.body), /\n\s+at /, 'no stack trace shown');
    });
  });

  test('a DM reply survives a 429 and 500s on sending, and failing "typing…" calls do not stop the answer', async () => {
    await withBot(async (h, engine) => {
      engine.open();
      h.fake.injectFault({ method: 'POST', path: /\/typing$/, status: 500, times: 10 });
      const limited = h.fake.injectFault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 429, retryAfter: 0.2 });
      const failing = h.fake.injectFault({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 503, times: 2 });
      const dm = await h.fake.sendDirectMessage(QUESTION);
      const reply = await h.fake.waitForRequest((r) => isReplyTo(dm.id)(r) && r.status === 200, WAIT);
      assert.ok(quotesOf(reply.body).some((quote) => /Romans/.test(quote.text)));
      assert.deepEqual([limited.hits, failing.hits], [1, 2]);
    });
  });
});
