import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { buildCommandPayloads, registerCommands, RegisterCommandsError } from '../src/discord/register-commands.js';
import { FAKE_IDS, startFakeDiscord, type FakeDiscord } from './support/fake-discord.js';

const run = promisify(execFile);

describe('registering the slash commands', () => {
  let fake: FakeDiscord;
  before(async () => {
    fake = await startFakeDiscord();
  });
  after(async () => {
    await fake.close();
  });

  test('the one command list holds /ask (with autocomplete filters), /sources, /help, /add, /remove, /stats and /reindex', () => {
    const payloads = buildCommandPayloads();
    assert.deepEqual(payloads.map((command) => command.name).sort(), ['add', 'ask', 'help', 'reindex', 'remove', 'sources', 'stats']);
    const ask = payloads.find((command) => command.name === 'ask')!;
    const options = ask.options as { name: string; required?: boolean; autocomplete?: boolean }[];
    assert.deepEqual(options.map((option) => [option.name, option.required === true, option.autocomplete === true]), [
      ['question', true, false],
      ['author', false, true],
      ['document', false, true],
    ]);
    const reindex = payloads.find((command) => command.name === 'reindex')!;
    assert.equal(reindex.default_member_permissions, (1n << 5n).toString(), 'ManageGuild');
  });

  test('registers in the guild when DISCORD_GUILD_ID is set', async () => {
    const result = await registerCommands({
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_GUILD_ID: FAKE_IDS.guild,
      DISCORD_API_URL: fake.apiUrl,
    });
    assert.equal(result.scope, 'guild');
    const put = await fake.waitForRequest((r) => r.method === 'PUT' && r.path === `/applications/${fake.applicationId}/guilds/${FAKE_IDS.guild}/commands`);
    assert.equal(put.status, 200);
    assert.equal(put.body.length, 7);
    assert.deepEqual(fake.commands.get(FAKE_IDS.guild)?.map((c) => c.name).sort(), ['add', 'ask', 'help', 'reindex', 'remove', 'sources', 'stats']);
  });

  test('without an application id, asks Discord for it and registers globally', async () => {
    const result = await registerCommands({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: undefined, DISCORD_GUILD_ID: undefined, DISCORD_API_URL: fake.apiUrl });
    assert.deepEqual([result.scope, result.applicationId], ['global', fake.applicationId]);
    await fake.waitForRequest((r) => r.method === 'GET' && r.path === '/applications/@me');
    assert.equal(fake.commands.get('global')?.length, 7);
  });

  test('a wrong token gives a message that says what to fix, without the token', async () => {
    const wrong = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.wrong.token-value';
    await assert.rejects(
      registerCommands({ DISCORD_TOKEN: wrong, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_GUILD_ID: undefined, DISCORD_API_URL: fake.apiUrl }),
      (error: Error) => error instanceof RegisterCommandsError && /Discord rejected DISCORD_TOKEN/.test(error.message) && !error.message.includes(wrong),
    );
  });

  test('a missing token says how to set it', async () => {
    await assert.rejects(
      registerCommands({ DISCORD_TOKEN: undefined, DISCORD_APPLICATION_ID: undefined, DISCORD_GUILD_ID: undefined, DISCORD_API_URL: undefined }),
      /DISCORD_TOKEN is not set.*\.env/,
    );
  });

  test('npm run register prints a one-line success, or one paragraph and exit code 1', async () => {
    const env = { ...process.env, DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_GUILD_ID: FAKE_IDS.guild, DISCORD_API_URL: fake.apiUrl };
    const ok = await run(process.execPath, ['--import', 'tsx', 'src/cli/register.ts'], { env });
    assert.match(ok.stdout, /Registered 7 commands in guild/);
    const failed = await run(process.execPath, ['--import', 'tsx', 'src/cli/register.ts'], { env: { ...env, DISCORD_TOKEN: 'x'.repeat(30) } }).catch((error: { code: number; stderr: string }) => error);
    assert.ok('code' in failed && failed.code === 1);
    assert.match(failed.stderr, /^Discord rejected DISCORD_TOKEN/);
    assert.doesNotMatch(failed.stderr, /\n\s+at /, 'no stack trace');
  });
});
