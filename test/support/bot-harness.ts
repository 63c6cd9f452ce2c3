/**
 * Starts the real bot (createBot) against the fake Discord, with a captured log:
 *
 * ```ts
 * const h = await startBotAgainstFake({ engine: createFixtureEngine() });
 * const ask = await h.fake.sendSlashCommand('ask', { question: 'Why do bridges stand?' });
 * const answer = await h.waitForOriginalEdit(ask.token);
 * await h.stop();
 * ```
 */
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig, type Config } from '../../src/config/config.js';
import type { QuoteEngine, ReindexSummary } from '../../src/domain.js';
import { createBot, type BotDeps, type QuoteBot } from '../../src/discord/bot.js';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions, type RecordedRequest } from './fake-discord.js';
import { createFixtureEngine } from './fixture-engine.js';
import { openSqliteState } from '../../src/state/sqlite-store.js';
import type { StateStore } from '../../src/state/state-store.js';

export interface BotHarness {
  fake: FakeDiscord;
  bot: QuoteBot;
  config: Config;
  /** Every log line the bot wrote, parsed. */
  logs: Record<string, unknown>[];
  /** The raw log text, to check that no secret appears in it. */
  logText(): string;
  waitForLog: CapturedLog['waitForLog'];
  /** The PATCH that filled in a deferred reply (`timeoutMs` default 5 s: longer for the real engine). */
  waitForOriginalEdit(token: string, timeoutMs?: number): Promise<RecordedRequest>;
  /** The interaction callback (type 4 reply, 5 defer, 6 deferUpdate, 7 update, 8 autocomplete). */
  waitForCallback(token: string, timeoutMs?: number): Promise<RecordedRequest>;
  /**
   * What only the person who acted sees: the private reply (a type 4 callback) or, after a public
   * deferral, the private follow-up that replaces it. Resolves with the message body.
   */
  waitForPrivateReply(token: string, timeoutMs?: number): Promise<RecordedRequest['body']>;
  /** The n-th follow-up (0-based) of an interaction. */
  waitForFollowUp(token: string, index?: number): Promise<RecordedRequest>;
  stop(): Promise<void>;
}

export const EMPTY_SUMMARY: ReindexSummary = { files: 0, articles: 0, passages: 0, reusedPassages: 0, sentences: 0, reusedSentences: 0, seconds: 0, problems: [] };

export interface CapturedLog {
  logger: pino.Logger;
  lines: string[];
  /** Resolves with the first log entry (parsed) that matches, waiting for it if need be. */
  waitForLog(predicate: (entry: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
}

export function captureLogger(): CapturedLog {
  const lines: string[] = [];
  const events = new EventEmitter();
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      events.emit('line');
      done();
    },
  });
  const find = (predicate: (entry: Record<string, unknown>) => boolean) =>
    lines.map((line) => JSON.parse(line) as Record<string, unknown>).find(predicate);
  return {
    logger: pino({ level: 'debug', base: undefined }, stream),
    lines,
    waitForLog(predicate, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const entry = find(predicate);
          if (!entry) return;
          clearTimeout(timer);
          events.off('line', check);
          resolve(entry);
        };
        const timer = setTimeout(() => {
          events.off('line', check);
          reject(new Error(`Timed out after ${timeoutMs} ms waiting for a log line. Log:\n${lines.join('\n')}`));
        }, timeoutMs);
        events.on('line', check);
        check();
      });
    },
  };
}

export async function startBotAgainstFake(
  options: {
    engine?: QuoteEngine;
    env?: Record<string, string>;
    rebuild?: () => Promise<ReindexSummary>;
    fake?: FakeDiscordOptions;
    /** A fake already running (e.g. one the bot's previous run talked to); `stop()` leaves it running. */
    sharedFake?: FakeDiscord;
    /** The bot's state; default a fresh in-memory one, closed by `stop()`. A given store is left open. */
    state?: StateStore;
    onFatal?: BotDeps['onFatal'];
  } = {},
): Promise<BotHarness> {
  const fake = options.sharedFake ?? (await startFakeDiscord(options.fake));
  const config = loadConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_APPLICATION_ID: fake.applicationId,
    RATE_LIMIT_PER_MINUTE: '100',
    ANSWER_QUOTES: '3',
    // Most tests read the answer and its follow-ups where /ask puts them without a thread.
    ASK_REPLY_IN: 'channel',
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  const state = options.state ?? openSqliteState({ dir: ':memory:', answerTtlMs: config.BUTTON_TTL_HOURS * 3_600_000 });
  const closeOwned = async () => {
    if (!options.state) await state.close();
    if (!options.sharedFake) await fake.close();
  };
  const { logger, lines, waitForLog } = captureLogger();
  const bot = createBot({
    config,
    engine: options.engine ?? createFixtureEngine(),
    rebuild: options.rebuild ?? (async () => EMPTY_SUMMARY),
    logger,
    state,
    ...(options.onFatal ? { onFatal: options.onFatal } : {}),
  });
  try {
    await bot.start();
  } catch (error) {
    await closeOwned();
    throw error;
  }
  const isWebhookOf = (request: RecordedRequest, token: string) => request.path.startsWith(`/webhooks/${fake.applicationId}/${token}`);
  return {
    fake,
    bot,
    config,
    get logs() {
      return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    logText: () => lines.join('\n'),
    waitForLog,
    waitForOriginalEdit: (token, timeoutMs) =>
      fake.waitForRequest((request) => request.method === 'PATCH' && isWebhookOf(request, token) && request.path.endsWith('/@original'), timeoutMs),
    waitForCallback: (token, timeoutMs) =>
      fake.waitForRequest((request) => request.method === 'POST' && request.path.endsWith(`/${token}/callback`), timeoutMs),
    async waitForPrivateReply(token, timeoutMs = 5_000) {
      const isPrivate = (request: RecordedRequest) =>
        request.status < 300 &&
        ((request.method === 'POST' && request.path.endsWith(`/${token}/callback`) && request.body?.type === 4) ||
          (request.method === 'POST' && isWebhookOf(request, token) && !request.path.includes('/messages/')));
      const reply = await fake.waitForRequest(isPrivate, timeoutMs);
      const body = reply.body?.type === 4 ? reply.body.data : reply.body;
      if (((body?.flags ?? 0) & 64) === 0) throw new Error(`the reply to ${token} is not private: ${JSON.stringify(body)}`);
      return body;
    },
    async waitForFollowUp(token, index = 0) {
      const isFollowUp = (request: RecordedRequest) => request.method === 'POST' && request.path === `/webhooks/${fake.applicationId}/${token}`;
      await fake.waitForRequest(() => fake.requests.filter(isFollowUp).length > index);
      return fake.requests.filter(isFollowUp)[index]!;
    },
    async stop() {
      await bot.stop();
      await closeOwned();
    },
  };
}
