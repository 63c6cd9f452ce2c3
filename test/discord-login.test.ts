import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { loadConfig } from '../src/config/config.js';
import { createBot } from '../src/discord/bot.js';
import { openSqliteState } from '../src/state/sqlite-store.js';
import { DiscordLoginError } from '../src/discord/errors.js';
import { captureLogger, EMPTY_SUMMARY } from './support/bot-harness.js';
import { startFakeDiscord } from './support/fake-discord.js';
import { createFixtureEngine } from './support/fixture-engine.js';

test('an invalid token fails start() with a clear error that holds neither the token nor a stack', async () => {
  const fake = await startFakeDiscord();
  const wrong = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.wrong.token-that-must-not-leak';
  const { logger, lines } = captureLogger();
  const bot = createBot({
    config: loadConfig({ DISCORD_TOKEN: wrong, DISCORD_API_URL: fake.apiUrl }),
    engine: createFixtureEngine(),
    rebuild: async () => EMPTY_SUMMARY,
    logger,
    state: openSqliteState({ dir: ':memory:', answerTtlMs: 60_000 }),
  });
  try {
    const error = await bot.start().then(
      () => assert.fail('start() should fail'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof DiscordLoginError);
    assert.match(error.message, /^Discord rejected DISCORD_TOKEN: /);
    const printed = inspect(error);
    assert.ok(!printed.includes(wrong), 'token in the printed error');
    assert.doesNotMatch(printed, /\n\s+at /, 'stack trace in the printed error');
    assert.ok(!lines.join('\n').includes(wrong), 'token in the log');
    const gatewayBot = fake.requests.find((r) => r.path === '/gateway/bot');
    assert.equal(gatewayBot?.status, 401);
  } finally {
    await bot.stop();
    await fake.close();
  }
});

test('a missing token says how to set it', async () => {
  const { logger } = captureLogger();
  const bot = createBot({ config: loadConfig({}), engine: createFixtureEngine(), rebuild: async () => EMPTY_SUMMARY, logger, state: openSqliteState({ dir: ':memory:', answerTtlMs: 60_000 }) });
  await assert.rejects(bot.start(), (error: Error) => error instanceof DiscordLoginError && /DISCORD_TOKEN is not set.*\.env/.test(error.message));
  await bot.stop();
});

test('start() resolves once the bot is ready, and stop() closes the gateway', async () => {
  const fake = await startFakeDiscord();
  const { logger, lines } = captureLogger();
  const bot = createBot({
    config: loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl }),
    engine: createFixtureEngine(),
    rebuild: async () => EMPTY_SUMMARY,
    logger,
    state: openSqliteState({ dir: ':memory:', answerTtlMs: 60_000 }),
  });
  await bot.start();
  assert.ok(bot.client.isReady());
  const identify = fake.gatewayPayloads.find((payload) => payload.op === 2);
  const intents = (identify?.d as { intents: number }).intents;
  assert.equal(intents & (1 << 12), 1 << 12, 'DirectMessages intent');
  assert.equal(intents & (1 << 9), 1 << 9, 'GuildMessages intent, for follow-ups');
  assert.equal(intents & (1 << 15), 1 << 15, 'MessageContent intent by default, to read follow-ups in threads');
  await bot.stop();
  assert.ok(!bot.client.isReady());
  assert.ok(lines.some((line) => line.includes('"event":"ready"')));
  assert.ok(!lines.join('\n').includes(fake.token));
  await fake.close();
});

test('without MESSAGE_CONTENT_INTENT the bot asks for no privileged intent', async () => {
  const fake = await startFakeDiscord();
  const { logger } = captureLogger();
  const bot = createBot({
    config: loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl, MESSAGE_CONTENT_INTENT: 'false' }),
    engine: createFixtureEngine(),
    rebuild: async () => EMPTY_SUMMARY,
    logger,
    state: openSqliteState({ dir: ':memory:', answerTtlMs: 60_000 }),
  });
  await bot.start();
  const identify = fake.gatewayPayloads.find((payload) => payload.op === 2);
  assert.equal((identify?.d as { intents: number }).intents & (1 << 15), 0);
  await bot.stop();
  await fake.close();
});
