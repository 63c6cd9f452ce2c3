import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import pg from 'pg';
import { loadConfig } from '../src/config/config.js';
import { openPostgresIndexStore } from '../src/index/postgres/postgres-store.js';
import { openDatabase, shareDatabase } from '../src/postgres/database.js';
import { openStateStore } from '../src/state/open-state.js';
import { POSTGRES_SCHEMA_VERSION, STATE_SCHEMA, stateSchemaVersion } from '../src/state/postgres-schema.js';
import { openPostgresState } from '../src/state/postgres-store.js';
import { StateStoreError } from '../src/state/state-store.js';
import { POSTGRES_SKIP, openTestServer, type TestServer } from './support/postgres.js';
import { stateStoreContract } from './support/state-contract.js';

const silent = pino({ level: 'silent' });

async function onDatabase<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Connections the server holds to `url`'s database, this one excluded. */
async function connectionsTo(url: string): Promise<number> {
  return onDatabase(url, async (client) => {
    const { rows } = await client.query<{ n: number }>(
      'SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return rows[0]!.n;
  });
}

describe('the PostgreSQL state store', { skip: POSTGRES_SKIP }, () => {
  let server: TestServer;
  before(async () => (server = await openTestServer()));
  after(() => server?.close());

  // Each store has its own pool, as separate processes (shards) would.
  stateStoreContract({
    newPlace: () => server.newDatabase(),
    open: (url, options) => openPostgresState({ database: openDatabase(url, { hnswEf: 40 }, silent), ...options }),
    setting: 'DATABASE_URL',
    currentSchemaVersion: POSTGRES_SCHEMA_VERSION,
    schemaVersion: async (url) => {
      const database = openDatabase(url, { hnswEf: 40 }, silent);
      try {
        return await stateSchemaVersion(database);
      } finally {
        await database.close();
      }
    },
    setSchemaVersion: (url, version) =>
      onDatabase(url, async (client) => void (await client.query(`UPDATE ${STATE_SCHEMA}.meta SET value = $1 WHERE key = 'schema_version'`, [String(version)]))),
  });

  test('with DATABASE_URL set the state lives in PostgreSQL, on the pool the index uses; without it, in STATE_DIR', async () => {
    const url = await server.newDatabase();
    const config = loadConfig({ DATABASE_URL: url, STATE_DIR: '/nonexistent/never-created' });
    const index = await openPostgresIndexStore(url, config.HNSW_EF, silent);
    const state = await openStateStore(config, silent);
    try {
      assert.match(state.description, /^postgres:/);
      await state.saveAnswer('a1', { question: 'q', filter: undefined, documentTitle: undefined, quotes: [], firstNumber: 1, shown: [], askerHash: 'h', channelId: 'c', createdAt: 0 });
      const idle = await connectionsTo(url);
      await index.close();
      // The pool stays open for the state store, which still works.
      assert.equal((await state.getAnswer('a1'))?.question, 'q');
      assert.equal(await connectionsTo(url), idle, 'closing the index did not end the shared pool');
    } finally {
      await index.close();
      await state.close();
    }
    assert.equal(await connectionsTo(url), 0, 'the last store to close ends the pool');

    const embedded = await openStateStore(loadConfig({ STATE_DIR: ':memory:' }), silent);
    assert.match(embedded.description, /^sqlite:/);
    await embedded.close();
  });

  test('shards starting together on a new database migrate it once and agree on the user hash key', async () => {
    const url = await server.newDatabase();
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => openPostgresState({ database: openDatabase(url, { hnswEf: 40 }, silent), answerTtlMs: 60_000 })),
    );
    try {
      assert.equal(new Set(stores.map((store) => store.hashUser('200000000000000001'))).size, 1);
      const keys = await onDatabase(url, async (client) => (await client.query(`SELECT key FROM ${STATE_SCHEMA}.meta ORDER BY key`)).rows.map((row) => row.key));
      assert.deepEqual(keys, ['schema_version', 'user_hash_key']);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  test('a server that does not answer gives a message naming DATABASE_URL, without the password', async () => {
    const url = 'postgres://quotebot:hunter2secret@127.0.0.1:1/quotebot';
    await assert.rejects(openStateStore(loadConfig({ DATABASE_URL: url }), silent), (error: unknown) => {
      assert.ok(error instanceof StateStoreError);
      assert.match(error.message, /DATABASE_URL/);
      assert.match(error.message, /127\.0\.0\.1:1/);
      assert.doesNotMatch(error.message, /hunter2secret/);
      return true;
    });
  });
});
