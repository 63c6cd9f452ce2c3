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
import { auditLogOf, collectSecrets, hideSources, type Config, type Logger, type QuoteEngine, type ReindexSummary, type StateStore } from '../index.js';
import { describeButton, handleButton, handleModal } from './button-handler.js';
import type { BotCommand } from './command.js';
import { commands } from './commands/index.js';
import type { BotContext } from './context.js';
import { CorpusChanges } from './corpus-changes.js';
import { answerDirectMessage, isFromPerson } from './direct-message-handler.js';
import { describeFatalClose, DiscordLoginError, GENERIC_FAILURE, TOKEN_REJECTED, UserError } from './errors.js';
import { answerFollowUp, findFollowedAnswer } from './follow-ups.js';
import { guardRequests } from './rest-boundary.js';
import { WorkQueue } from './work-queue.js';
import { NO_MENTIONS, sendMessageReply, sendPrivateNotice } from './reply.js';

/** Expired answers and old rate-limit windows are deleted this often. */
const PRUNE_EVERY_MS = 60 * 60_000;
/** A question waiting longer than this for its turn is told to try again (the interaction lives 15 minutes). */
const QUEUE_WAIT_MS = 60_000;
/** On stop, handlers still running get this long to finish before the connection closes. */
const STOP_GRACE_MS = 5_000;

export interface BotDeps {
  config: Config;
  engine: QuoteEngine;
  /** Rebuilds the index and swaps the engine behind `engine`; the bot only reports the summary. */
  rebuild: () => Promise<ReindexSummary>;
  logger: Logger;
  /** What the bot remembers across messages and restarts; the caller opens and closes it. */
  state: StateStore;
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
    config,
    engine: hideSources(deps.engine),
    rebuild: deps.rebuild,
    logger,
    state: deps.state,
    auditLog: auditLogOf(deps.state),
    corpus: new CorpusChanges(),
    answerQueue: new WorkQueue({ concurrency: config.ANSWER_CONCURRENCY, maxWaiting: config.ANSWER_QUEUE_LIMIT, maxWaitMs: QUEUE_WAIT_MS }),
  };
  const client = new Client({
    // Server messages, for follow-ups; reading those that do not mention the bot (in its threads) needs the content intent.
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.DirectMessages,
      GatewayIntentBits.GuildMessages,
      ...(config.MESSAGE_CONTENT_INTENT ? [GatewayIntentBits.MessageContent] : []),
    ],
    // DM channels are not cached before their first message: without this no DM event fires.
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    ...(config.DISCORD_API_URL ? { rest: { api: config.DISCORD_API_URL } } : {}),
  });
  const stopGuard = guardRequests(client, collectSecrets(config), config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {});
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
    if (userError && error.kind === 'ignored') return 'ignored';
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
    work: () => Promise<void | 'ignored'>,
  ): Promise<void> {
    const started = performance.now();
    let result: Outcome = 'ok';
    try {
      if ((await work()) === 'ignored') return;
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
    if (interaction.isModalSubmit()) {
      return runInteraction(interaction, 'form', () => handleModal(interaction, ctx));
    }
  }

  /** A server message may be a follow-up only as a reply, or inside a thread the bot opened; the rest is not looked at. */
  function mayFollowUp(message: Message): boolean {
    if (message.reference?.messageId) return true;
    return message.channel.isThread() && message.channel.ownerId === client.user?.id;
  }

  async function onMessage(message: Message): Promise<void> {
    if (!isFromPerson(message)) return;
    const direct = message.guildId === null;
    if (!direct && !mayFollowUp(message)) return;
    const who = { command: direct ? 'dm' : 'follow-up', userId: message.author.id, guildId: message.guildId };
    return runHandler(who, (text) => sendMessageReply(message, [{ content: text }]), async () => {
      const followed = await findFollowedAnswer(message, ctx);
      // Without the content intent Discord sends an empty text for a message that does not mention the bot.
      const readable = message.content.trim() !== '' || message.mentions.users.has(client.user?.id ?? '');
      if (followed && readable) {
        who.command = 'follow-up';
        return answerFollowUp(message, ctx, followed);
      }
      // A reply in a server to something that is not one of the bot's answers is not for the bot.
      return direct ? answerDirectMessage(message, ctx) : 'ignored';
    });
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

  const pruneTimer = setInterval(() => {
    ctx.state.prune().then(
      (removed) => logger.debug({ event: 'state_pruned', removed }),
      (error: unknown) => logger.warn({ event: 'state_prune_failed', err: error }, 'could not delete expired state'),
    );
  }, PRUNE_EVERY_MS);
  pruneTimer.unref();

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
      clearInterval(pruneTimer);
      await client.destroy();
      stopGuard();
      logger.info({ event: 'stopped' });
    },
  };
}
