import { once } from 'node:events';
import { DiscordAPIError, REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult, type Shard } from 'discord.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../log.js';
import { DiscordLoginError, TOKEN_REJECTED } from './errors.js';

/**
 * Sharding: discord.js's ShardingManager runs one process per shard, each the ordinary bot with
 * its own engine over the shared INDEX_DIR (a shard follows the index another one rebuilds, see
 * index/generation-watch.ts). Discord sends each shard the events of its own servers.
 */

/** Discord lets one identify in five seconds per bucket; discord.js's default spacing between shards. */
const SPAWN_DELAY_MS = 5_500;
/** Loading the model and the index comes before a shard's login: allow a slow, shared machine. */
const SHARD_READY_TIMEOUT_MS = 120_000;

export interface ShardFleet {
  count: number;
  /** Stops every shard (each finishes its running answers) and waits for the processes to end. */
  stop(): Promise<void>;
}

export interface ShardOptions {
  config: Config;
  logger: Logger;
  /** The script every shard runs: the bot entry point, which sees SHARDING_MANAGER in its environment. */
  entryFile: string;
  /** Node flags for the shard processes (the TypeScript loader this process runs under). */
  execArgv: string[];
}

function requireToken(config: Config): string {
  if (!config.DISCORD_TOKEN) throw new DiscordLoginError('SHARD_COUNT needs DISCORD_TOKEN: sharding only applies to the Discord bot.');
  return config.DISCORD_TOKEN;
}

/**
 * The shard count Discord recommends for this bot (GET /gateway/bot). Asked here rather than by
 * discord.js, which always asks discord.com and would ignore DISCORD_API_URL. Also checks the token
 * before any shard starts.
 */
export async function recommendedShardCount(config: Config): Promise<number> {
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(requireToken(config));
  try {
    const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    return Math.max(1, gateway.shards);
  } catch (error) {
    if (error instanceof DiscordAPIError && error.status === 401) throw new DiscordLoginError(TOKEN_REJECTED);
    throw new DiscordLoginError(`Could not ask Discord how many shards to run: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** True in a process the ShardingManager started: it runs one shard of the bot. */
export function isShardProcess(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SHARDING_MANAGER === 'true';
}

/** Starts `SHARD_COUNT` shards (`auto`: Discord's recommendation) and resolves once every one is ready. */
export async function startShards(options: ShardOptions): Promise<ShardFleet> {
  const { config, logger } = options;
  const token = requireToken(config);
  const recommended = await recommendedShardCount(config);
  const count = config.SHARD_COUNT === 'auto' || config.SHARD_COUNT === undefined ? recommended : config.SHARD_COUNT;
  const manager = new ShardingManager(options.entryFile, { totalShards: count, token, execArgv: options.execArgv, respawn: true });
  manager.on('shardCreate', (shard: Shard) => {
    logger.info({ event: 'shard-started', shardId: shard.id, shards: count });
    shard.on('death', (child) => logger.warn({ event: 'shard-died', shardId: shard.id, exitCode: 'exitCode' in child ? child.exitCode : null }, 'a shard process ended; it is restarted'));
  });

  const stop = async () => {
    manager.respawn = false;
    const exits = [...manager.shards.values()].flatMap((shard) => {
      const child = shard.process;
      if (!child || child.exitCode !== null) return [];
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      return [exited];
    });
    await Promise.all(exits);
  };

  try {
    await manager.spawn({ amount: count, delay: SPAWN_DELAY_MS, timeout: SHARD_READY_TIMEOUT_MS });
  } catch (error) {
    await stop();
    // The shard has already printed what to fix (e.g. a rejected token); this says which one stopped.
    throw new DiscordLoginError(`A shard stopped before it was ready (${error instanceof Error ? error.message : String(error)}); see the message above.`);
  }
  return { count, stop };
}
