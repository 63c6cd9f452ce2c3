import 'dotenv/config';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createBot } from '../discord/bot.js';
import { isShardProcess, startShards } from '../discord/shards.js';
import { createLogger, ExplainedError, loadConfig, openEngine, openStateStore, quieterLevel, secretsOf, type Config, type Logger, type OpenedEngine } from '../index.js';
import { reportFirstBuild } from './build-progress.js';
import { exitWithMessage } from './exit.js';
import { createChatSession } from './terminal-chat.js';

const NO_TOKEN_HELP = `No DISCORD_TOKEN is set, so quotebot runs as a terminal chat instead of a Discord bot.
To run it on Discord:
  1. Create an application at https://discord.com/developers/applications, open "Bot", press "Reset Token".
  2. Put the token in .env as DISCORD_TOKEN=... (copy .env.example to .env first).
  3. Invite the bot (scopes: bot, applications.commands; see README), then run \`npm run register\` and \`npm start\`.
`;

/**
 * Runs the bot when a token is set (with SHARD_COUNT, one process per shard, each started from this
 * file again); otherwise a question-in, answer-out chat on the same engine.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  // In the terminal chat, log lines below warnings would come between the answers: they are left out.
  const level = config.DISCORD_TOKEN ? config.LOG_LEVEL : quieterLevel(config.LOG_LEVEL, 'warn');
  const logger = createLogger(level, secretsOf(config));
  if (config.DISCORD_TOKEN && config.SHARD_COUNT !== undefined && !isShardProcess()) {
    await runShards(config, logger);
    return;
  }
  // The model stopped working for good: every question would fail, so exit and let a supervisor restart the bot.
  const onEmbedderDead = (error: Error) => {
    logger.fatal({ event: 'embedder_dead', err: error }, 'the embedding model cannot run');
    exitWithMessage(new ExplainedError(`${error.message} Exiting so a supervisor (systemd, Docker, pm2) can start the bot again.`));
  };
  const opened = await openEngine(config, logger, {
    buildIfMissing: true,
    onBuild: reportFirstBuild(),
    onEmbedderDead,
    // A bot sees a reindex done elsewhere: by another shard, or `npm run reindex` in a terminal.
    followIndexDir: Boolean(config.DISCORD_TOKEN),
  });
  if (config.DISCORD_TOKEN) {
    await runBot(config, logger, opened);
  } else {
    await runTerminalChat(config, opened);
  }
}

async function runBot(config: Config, logger: Logger, opened: OpenedEngine): Promise<void> {
  let state;
  try {
    state = await openStateStore(config, logger);
  } catch (error) {
    await opened.close();
    throw error;
  }
  logger.info({ event: 'state_opened', store: state.description });
  let stopping = false;
  /** Stops the bot, the engine and the state store once, whichever asks first, then ends the process with `exit`. */
  const shutdown = async (exit: () => never) => {
    if (stopping) return;
    stopping = true;
    await bot.stop();
    await opened.close();
    await state.close();
    exit();
  };
  // Discord closed the connection for good (e.g. the token was reset): say what to fix and exit.
  const onFatal = (error: Error) => void shutdown(() => exitWithMessage(error));
  const bot = createBot({ config, engine: opened.engine, rebuild: opened.rebuild, logger, state, onFatal });
  const onSignal = (signal: NodeJS.Signals) => {
    if (!stopping) logger.info({ event: 'shutdown', signal }, 'shutting down');
    void shutdown(() => process.exit(0));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // A shard whose manager is gone (killed, crashed) stops too, rather than answering unsupervised.
  if (isShardProcess()) process.once('disconnect', () => void shutdown(() => process.exit(0)));
  try {
    await bot.start();
  } catch (error) {
    await opened.close();
    await state.close();
    throw error;
  }
  // A shard's manager says when the whole bot is online.
  if (!isShardProcess()) console.log(`quotebot is online as ${bot.client.user?.tag ?? 'the bot'}; press Ctrl+C to stop.`);
}

/** The shard manager: checks (or builds) the index once, so shards never race to build it, then starts the shards. */
async function runShards(config: Config, logger: Logger): Promise<void> {
  const opened = await openEngine(config, logger, { buildIfMissing: true, onBuild: reportFirstBuild() });
  await opened.close();
  const fleet = await startShards({ config, logger, entryFile: fileURLToPath(import.meta.url), execArgv: process.execArgv });
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'shutdown', signal }, 'stopping every shard');
    void fleet.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  console.log(`quotebot is online with ${fleet.count} shard${fleet.count === 1 ? '' : 's'}; press Ctrl+C to stop.`);
}

async function runTerminalChat(config: Config, opened: OpenedEngine): Promise<void> {
  process.stdout.write(NO_TOKEN_HELP);
  const articles = opened.engine.listArticles().length;
  process.stdout.write(`\nAsk a question about the ${articles} indexed articles (/help lists the commands; /quit or Ctrl+D leaves).\n`);
  const session = createChatSession(opened.engine, config.ANSWER_QUOTES);
  const lines = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  lines.setPrompt('question> ');
  lines.prompt();
  for await (const line of lines) {
    const reply = await session.handle(line);
    if (reply === null) break;
    if (reply !== '') process.stdout.write(`\n${reply}\n\n`);
    lines.prompt();
  }
  lines.close();
  await opened.close();
}

main().catch(exitWithMessage);
