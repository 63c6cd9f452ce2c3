import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { quotesOf } from './support/bot-messages.js';
import { FAKE_USERS, startFakeDiscord, type FakeDiscord, type RecordedRequest } from './support/fake-discord.js';
import { copySeedCorpus, copySeedIndex } from './support/real-index.js';
import { spawnStart, type RunningStart } from './support/run-start.js';

/**
 * `SHARD_COUNT=auto npm start` against a fake Discord that asks for two shards: two bot processes
 * under discord.js's ShardingManager, each with the real client and engine, each hearing only its
 * own servers; a `/reindex` run on one shard is answered from by the other.
 */

/** Guild ids on shard 0 and shard 1 of two: `(id >> 22) % 2`. */
const GUILD_ON_SHARD = ['300000000000000001', '300000000004194305'] as const;

const NEW_ARTICLE = `The Lighthouse Keepers of Vlieland

By Maartje Zeevaart

3 March 2021

The lighthouse keepers of Vlieland counted four hundred and twelve migrating spoonbills on the tidal flats in a single October morning, a number no keeper had logged since the station opened.

The keepers said the spoonbills arrived after a week of easterly gales and left the island two days later, heading south along the dunes toward the Marsdiep channel.
`;

let root: string;
let fake: FakeDiscord;
let bot: RunningStart;

before(async () => {
  let indexDir: string;
  ({ root, indexDir } = await copySeedIndex());
  const corpusDir = await copySeedCorpus(path.join(root, 'corpus'));
  fake = await startFakeDiscord({ shardCount: 2, guildIds: [...GUILD_ON_SHARD] });
  bot = spawnStart({
    INDEX_DIR: indexDir,
    CORPUS_DIR: corpusDir,
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    SHARD_COUNT: 'auto',
    OWNER_IDS: FAKE_USERS.alice.id,
    // The reindex test asks again until the other shard has switched: slow machines need more than six tries a minute.
    RATE_LIMIT_PER_MINUTE: '1000',
  });
  await bot.waitForOutput('quotebot is online with 2 shards', 180_000);
  await writeFile(path.join(corpusDir, 'lighthouse.txt'), NEW_ARTICLE);
});

after(async () => {
  bot?.child.kill('SIGKILL');
  await fake?.close();
  await rm(root, { recursive: true, force: true });
});

const originalEdit = (token: string) => (r: RecordedRequest) =>
  r.method === 'PATCH' && r.path.endsWith(`/${token}/messages/@original`) && r.status === 200;

async function ask(question: string, guildId: string | null) {
  const sent = await fake.sendSlashCommand('ask', { question }, { guildId });
  return (await fake.waitForRequest(originalEdit(sent.token), 60_000)).body;
}

test('each shard identifies as [id, 2] and answers /ask in its own server; DMs reach shard 0', async () => {
  const identified = fake.gatewayPayloads.filter((payload) => payload.op === 2).map((payload) => (payload.d as { shard: number[] }).shard);
  assert.deepEqual(identified.sort(), [[0, 2], [1, 2]]);
  assert.deepEqual(GUILD_ON_SHARD.map((guildId) => fake.shardOf(guildId)), [0, 1]);

  for (const guildId of GUILD_ON_SHARD) {
    const answer = await ask('How many civilians died in Raqqa?', guildId);
    assert.ok(quotesOf(answer).length > 0, `no quotes from the shard of guild ${guildId}: ${JSON.stringify(answer)}`);
  }
  const dm = await fake.sendDirectMessage('What happened in Raqqa?');
  const reply = await fake.waitForRequest((r) => r.method === 'POST' && r.path === `/channels/${dm.channelId}/messages` && r.status === 200, 60_000);
  assert.ok(quotesOf(reply.body).length > 0, JSON.stringify(reply.body));
});

test('a /reindex on shard 0 is answered from on shard 1, without a restart', async () => {
  const question = 'How many spoonbills did the lighthouse keepers count?';
  const before = await ask(question, GUILD_ON_SHARD[1]);
  assert.ok(!JSON.stringify(before).includes('Lighthouse Keepers'), 'the new article was known before the reindex');

  const run = await fake.sendSlashCommand('reindex', {}, { guildId: GUILD_ON_SHARD[0], user: FAKE_USERS.alice });
  const report = await fake.waitForRequest(originalEdit(run.token), 120_000);
  assert.match(report.body.content, /^Reindex done/);

  // The other shard looks at the index's pointer once a second, then loads the new generation.
  let quotes: ReturnType<typeof quotesOf> = [];
  for (let attempt = 0; attempt < 30 && quotes.length === 0; attempt++) {
    quotes = quotesOf(await ask(question, GUILD_ON_SHARD[1])).filter((quote) => quote.attribution.includes('Lighthouse Keepers'));
    if (quotes.length === 0) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.ok(quotes.length > 0, 'shard 1 never quoted the article added by the reindex on shard 0');
  assert.match(quotes[0]!.text, /four hundred and twelve/);
});

test('SIGTERM stops the manager and both shards cleanly, without printing the token', async () => {
  bot.child.kill('SIGTERM');
  const result = await bot.exited;
  assert.equal(result.code, 0, result.stderr);
  const stopped = result.stderr.split('\n').filter((line) => line.includes('"event":"stopped"'));
  assert.equal(stopped.length, 2, `both shards log that they stopped:\n${result.stderr}`);
  assert.ok(!`${result.stdout}${result.stderr}`.includes(fake.token), 'the token was printed or logged');
});
