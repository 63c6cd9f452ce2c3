import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../src/config/config.js';

test('defaults apply when variables are unset or left blank as in .env.example', () => {
  const config = loadConfig({ MIN_RELEVANCE: '', EMBED_WORKERS: '', DISCORD_TOKEN: '', OWNER_IDS: '' });
  assert.equal(config.CORPUS_DIR, 'corpus');
  assert.equal(config.EMBED_WORKERS, 2);
  assert.equal(config.MIN_RELEVANCE, undefined);
  assert.equal(config.DISCORD_TOKEN, undefined);
  assert.deepEqual(config.OWNER_IDS, []);
});

test('invalid values are all reported by name, and secrets are never echoed', () => {
  const error = (() => {
    try {
      loadConfig({ EMBED_WORKERS: 'many', OWNER_IDS: '123,abc', DISCORD_GUILD_ID: 'my-secret-guild' });
    } catch (caught) {
      return caught;
    }
    return undefined;
  })();
  assert.ok(error instanceof ConfigError);
  assert.match(error.message, /EMBED_WORKERS/);
  assert.match(error.message, /OWNER_IDS/);
  assert.match(error.message, /DISCORD_GUILD_ID/);
  assert.doesNotMatch(error.message, /my-secret-guild/);
});

test('overlap must be smaller than the chunk size', () => {
  assert.throws(() => loadConfig({ CHUNK_SIZE: '300', CHUNK_OVERLAP: '300' }), /CHUNK_OVERLAP/);
});

test('owner ids are parsed from a comma-separated list', () => {
  assert.deepEqual(loadConfig({ OWNER_IDS: '123456789012345678, 223456789012345678' }).OWNER_IDS, [
    '123456789012345678',
    '223456789012345678',
  ]);
});

test('SHARD_COUNT: unset or blank runs one process; auto or a whole number shards; anything else is named', () => {
  assert.equal(loadConfig({}).SHARD_COUNT, undefined);
  assert.equal(loadConfig({ SHARD_COUNT: '' }).SHARD_COUNT, undefined);
  assert.equal(loadConfig({ SHARD_COUNT: 'auto' }).SHARD_COUNT, 'auto');
  assert.equal(loadConfig({ SHARD_COUNT: '4' }).SHARD_COUNT, 4);
  for (const bad of ['0', '1.5', 'many']) {
    assert.throws(() => loadConfig({ SHARD_COUNT: bad }), (error: Error) => error instanceof ConfigError && /- SHARD_COUNT: /.test(error.message));
  }
});
