import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import {
  Client,
  DiscordjsErrorCodes,
  Events,
  GatewayIntentBits,
  Partials,
  type AutocompleteInteraction,
  type Interaction,
  type Message,
  type RepliableInteraction,
} from 'discord.js';
import type { Config } from '../config/config.js';
import type { QuoteEngine, ReindexSummary } from '../domain.js';
import type { Logger } from '../log.js';
import { describeButton, handleButton } from './button-handler.js';
import type { BotCommand } from './command.js';
import { commands } from './commands/index.js';
import type { AnswerState, BotContext } from './context.js';
import { answerDirectMessage, isQuestionForBot } from './direct-message-handler.js';
import { describeFatalClose, DiscordLoginError, GENERIC_FAILURE, TOKEN_REJECTED, UserError } from './errors.js';
import { ExpiringCache } from './expiring-cache.js';
import { RateLimiter } from './rate-limiter.js';
import { NO_MENTIONS, sendMessageReply, sendPrivateNotice } from './reply.js';

/** Button state lives this long; an older button gets a polite "expired". */
const ANSWER_TTL_MS = 15 * 60_000;
const MAX_STORED_ANSWERS = 5_000;
/** On stop, handlers still running get this long to finish before the connection closes. */
const STOP_GRACE_MS = 5_000;

export interface BotDeps {
  config: Config;
  engine: QuoteEngine;
  /** Rebuilds the index and swaps the engine behind `engine`; the bot only reports the summary. */
  rebuild: () => Promise<ReindexSummary>;
  logger: Logger;
  /**
   * Called when Discord closes the connection for good (e.g. close code 4004: the token was reset)
   * and the bot can no longer receive anything; the error says what to fix. Without it, only logged.
   */
  onFatal?: (error: DiscordLoginError) => void;
}

export interface QuoteBot {
  /** Logs in and resolves once the bot is ready to answer; a DiscordLoginError says what to fix. */
  start(): Promise<void>;
  /** Lets running answers finish (briefly), then closes the connection. */
  stop(): Promise<void>;
  client: Client;
}

type Outcome = 'ok' | UserError['kind'] | 'error';

const commandsByName = new Map<string, BotCommand>(commands.map((command) => [command.data.name, command]));

/** The Discord adapter: routes interactions and DMs to handlers, and never lets one failure crash it. */
export function createBot(deps: BotDeps): QuoteBot {
  const { config, logger } = deps;
  const ctx: BotContext = {
    ...deps,
    answers: new ExpiringCache<AnswerState>({ maxEntries: MAX_STORED_ANSWERS, ttlMs: ANSWER_TTL_MS }),
    questionLimiter: new RateLimiter({ limit: config.RATE_LIMIT_PER_MINUTE, windowMs: 60_000 }),
    reindex: { running: false },
  };
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
    // DM channels are not cached before their first message: without this no DM event fires.
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    ...(config.DISCORD_API_URL ? { rest: { api: config.DISCORD_API_URL } } : {}),
  });
  const running = new Set<Promise<void>>();

  /** Keeps a handler's promise for `stop`; a failure that escaped its handler is logged, never an unhandled rejection (which would end the process). */
  function track(work: Promise<void>): void {
    const settled = work.catch((error: unknown) => logger.error({ event: 'handler_error', err: error }, 'unexpected error outside a handler'));
    running.add(settled);
    void settled.finally(() => running.delete(settled));
  }

  /** Turns a failure into the reply the person sees; returns what to log as the result. */
  async function reportFailure(error: unknown, command: string, notify: (text: string) => Promise<unknown>): Promise<Outcome> {
    const userError = error instanceof UserError;
    if (!userError) logger.error({ event: 'handler_error', command, err: error }, 'unexpected error in a handler');
    try {
      await notify(userError ? error.message : GENERIC_FAILURE);
    } catch (notifyError) {
      logger.warn({ event: 'reply_failed', command, err: notifyError }, 'could not tell the user about a failure');
    }
    return userError ? error.kind : 'error';
  }

  /** Runs one handler: a failure becomes a reply (`notify`), and every run is logged with its latency. */
  async function runHandler(
    who: { command: string; userId: string; guildId: string | null },
    notify: (text: string) => Promise<unknown>,
    work: () => Promise<void>,
  ): Promise<void> {
    const started = performance.now();
    let result: Outcome = 'ok';
    try {
      await work();
    } catch (error) {
      result = await reportFailure(error, who.command, notify);
    }
    logger.info({ event: 'command', ...who, latencyMs: Math.round(performance.now() - started), result });
  }

  function runInteraction(interaction: RepliableInteraction, command: string, work: () => Promise<void>): Promise<void> {
    const who = { command, userId: interaction.user.id, guildId: interaction.guildId };
    return runHandler(who, (text) => sendPrivateNotice(interaction, text), work);
  }

  async function runAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    try {
      await commandsByName.get(interaction.commandName)?.autocomplete?.(interaction, ctx);
    } catch (error) {
      logger.error({ event: 'autocomplete_error', command: interaction.commandName, err: error }, 'autocomplete failed');
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    }
  }

  async function onInteraction(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) return runAutocomplete(interaction);
    if (interaction.isChatInputCommand()) {
      const command = commandsByName.get(interaction.commandName);
      return runInteraction(interaction, interaction.commandName, async () => {
        if (!command) throw new UserError('I no longer know this command; it may be from an older version of me.', 'invalid');
        await command.execute(interaction, ctx);
      });
    }
    if (interaction.isButton()) {
      return runInteraction(interaction, describeButton(interaction.customId), () => handleButton(interaction, ctx));
    }
  }

  async function onMessage(message: Message): Promise<void> {
    if (!isQuestionForBot(message)) return;
    const who = { command: 'dm', userId: message.author.id, guildId: null };
    return runHandler(who, (text) => sendMessageReply(message, [{ content: text }]), () => answerDirectMessage(message, ctx));
  }

  client.on(Events.InteractionCreate, (interaction) => track(onInteraction(interaction)));
  client.on(Events.MessageCreate, (message) => track(onMessage(message)));
  client.on(Events.Error, (error) => logger.error({ event: 'client_error', err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ event: 'client_warning', message }));
  client.on(Events.ShardError, (error, shardId) => logger.warn({ event: 'gateway_error', shardId, err: error }, 'gateway connection error'));
  // discord.js emits this only for close codes it will not reconnect after: the bot is deaf from now on.
  client.on(Events.ShardDisconnect, (event, shardId) => {
    const error = new DiscordLoginError(describeFatalClose(event.code));
    logger.fatal({ event: 'gateway_closed', shardId, code: event.code }, error.message);
    deps.onFatal?.(error);
  });
  client.on(Events.ShardResume, (shardId, replayed) => logger.info({ event: 'gateway_resumed', shardId, replayed }));

  return {
    client,
    async start() {
      const token = config.DISCORD_TOKEN;
      if (!token) {
        throw new DiscordLoginError(
          'DISCORD_TOKEN is not set. Copy the bot token from https://discord.com/developers/applications ' +
            '(your application > Bot > Reset Token) and put DISCORD_TOKEN=... in .env.',
        );
      }
      const abortWait = new AbortController();
      const ready = once(client, Events.ClientReady, { signal: abortWait.signal });
      try {
        await client.login(token);
      } catch (error) {
        abortWait.abort();
        await ready.catch(() => undefined);
        const code = (error as { code?: unknown }).code;
        if (code === DiscordjsErrorCodes.TokenInvalid) {
          throw new DiscordLoginError(TOKEN_REJECTED);
        }
        const reason = error instanceof Error ? error.message.split(token).join('[redacted]') : String(error);
        throw new DiscordLoginError(`Could not connect to Discord: ${reason}`);
      }
      await ready;
      logger.info({ event: 'ready', user: client.user?.tag, guilds: client.guilds.cache.size, commands: commands.length });
    },
    async stop() {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, STOP_GRACE_MS);
      });
      await Promise.race([Promise.allSettled([...running]), grace]);
      clearTimeout(timer);
      await client.destroy();
      logger.info({ event: 'stopped' });
    },
  };
}
