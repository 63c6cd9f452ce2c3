/**
 * The load test's target for `--shards N`: `npm start` with SHARD_COUNT=N as a child process (the
 * ShardingManager and its N shard processes, each with the real client and engine) over a fake
 * Discord that asks for N shards and holds one server per shard.
 */
import { ingestCorpus, type Config } from '../src/index.js';
import { startFakeDiscord, FAKE_IDS, type FakeUser } from '../test/support/fake-discord.js';
import { spawnStart } from '../test/support/run-start.js';
import type { LoadTarget } from './loadtest.js';

/** Starting a shard loads the model and the index, and discord.js spaces shards 5.5 s apart. */
const START_TIMEOUT_MS = 300_000;

/** A server id on each shard: the shard is `(id >> 22) % count`. */
function guildPerShard(count: number): string[] {
  return Array.from({ length: count }, (_, shard) => (BigInt(FAKE_IDS.guild) + (BigInt(shard) << 22n)).toString());
}

export async function startShardedTarget(options: { config: Config; shards: number; rateLimitPerMinute: number; admin: FakeUser }): Promise<LoadTarget> {
  const { config, shards } = options;
  const fake = await startFakeDiscord({ shardCount: shards, guildIds: guildPerShard(shards) });
  const bot = spawnStart({
    CORPUS_DIR: config.CORPUS_DIR,
    INDEX_DIR: config.INDEX_DIR,
    STATE_DIR: config.STATE_DIR,
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    SHARD_COUNT: String(shards),
    OWNER_IDS: options.admin.id,
    RATE_LIMIT_PER_MINUTE: String(options.rateLimitPerMinute),
    LOG_LEVEL: 'warn',
  });
  try {
    await bot.waitForOutput(`quotebot is online with ${shards} shard`, START_TIMEOUT_MS);
  } catch (error) {
    bot.child.kill('SIGKILL');
    await fake.close();
    throw error;
  }
  return {
    fake,
    guildIds: fake.guildIds,
    async warmUp(questions) {
      for (const guildId of fake.guildIds) {
        for (const [n, question] of questions.entries()) {
          // One warm-up user per question, so the rate limit never answers instead of the engine.
          const user: FakeUser = { id: `23${String(n).padStart(16, '0')}`, username: `warmup${n}` };
          const sent = await fake.sendSlashCommand('ask', { question }, { user, guildId });
          await fake.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith(`/${sent.token}/messages/@original`), 60_000).catch(() => undefined);
        }
      }
    },
    // The shards index what ingest reads from the corpus: the same articles, the same texts.
    articles: async () => (await ingestCorpus(config.CORPUS_DIR)).articles,
    async stop() {
      bot.child.kill('SIGTERM');
      const result = await bot.exited;
      await fake.close();
      if (result.code !== 0) throw new Error(`the sharded bot exited with code ${result.code}:\n${result.stderr.slice(-2_000)}`);
    },
  };
}
