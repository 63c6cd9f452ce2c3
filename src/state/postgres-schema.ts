import type { Database } from '../postgres/database.js';
import { describeUrl } from '../postgres/url.js';
import { StateStoreError } from './state-store.js';
import { newUserHashKey } from './user-hash.js';

/**
 * The bot's state in PostgreSQL: the schema `quotebot_state`, beside the index's own schemas. Its
 * `meta` table holds the schema version and the key of the user hash. As for SQLite, the schema is
 * a list of migrations; a new version appends one and never edits an old one. Free text (answers,
 * votes' questions, audit entries) is kept as JSON text, so odd characters such as NUL, which
 * PostgreSQL's text type refuses, are stored escaped and read back unchanged.
 */

export const STATE_SCHEMA = 'quotebot_state';
/** Advisory lock keys: one process migrates at a time; one rate-limit key is counted at a time. */
const MIGRATION_LOCK = 7_265_930;
export const RATE_LOCK = 7_265_931;

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE ${STATE_SCHEMA}.answers (
    id text PRIMARY KEY,
    record text NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL
  );
  CREATE INDEX ON ${STATE_SCHEMA}.answers (expires_at);
  CREATE TABLE ${STATE_SCHEMA}.answer_links (
    kind text NOT NULL,
    key text NOT NULL,
    answer_id text NOT NULL,
    expires_at bigint NOT NULL,
    PRIMARY KEY (kind, key)
  );
  CREATE INDEX ON ${STATE_SCHEMA}.answer_links (expires_at);
  CREATE TABLE ${STATE_SCHEMA}.rate_events (key text NOT NULL, at bigint NOT NULL);
  CREATE INDEX ON ${STATE_SCHEMA}.rate_events (key, at);
  CREATE TABLE ${STATE_SCHEMA}.questions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at bigint NOT NULL,
    kind text NOT NULL,
    answered boolean NOT NULL
  );
  CREATE INDEX ON ${STATE_SCHEMA}.questions (at);
  CREATE TABLE ${STATE_SCHEMA}.question_quotes (
    question_id bigint NOT NULL REFERENCES ${STATE_SCHEMA}.questions (id) ON DELETE CASCADE,
    article_id text NOT NULL,
    source text NOT NULL,
    title text NOT NULL
  );
  CREATE INDEX ON ${STATE_SCHEMA}.question_quotes (question_id);
  CREATE TABLE ${STATE_SCHEMA}.votes (
    answer_id text NOT NULL,
    user_hash text NOT NULL,
    vote text NOT NULL CHECK (vote IN ('up', 'down')),
    question text NOT NULL, -- JSON, like filter and quotes
    filter text,
    quotes text NOT NULL,
    at bigint NOT NULL,
    -- Keeps the order of first votes, as SQLite's rowid does: an upsert does not change it.
    seq bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (answer_id, user_hash)
  );
  CREATE INDEX ON ${STATE_SCHEMA}.votes (at, seq);
  CREATE TABLE ${STATE_SCHEMA}.audit (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry text NOT NULL
  );
  `,
];

export const POSTGRES_SCHEMA_VERSION = MIGRATIONS.length;

/** The version recorded in the database, 0 for a database without quotebot state. */
export async function stateSchemaVersion(database: Pick<Database, 'pool'>): Promise<number> {
  const { rows } = await database.pool.query<{ version: string | null }>(
    `SELECT CASE WHEN to_regclass('${STATE_SCHEMA}.meta') IS NULL THEN NULL
            ELSE (SELECT value FROM ${STATE_SCHEMA}.meta WHERE key = 'schema_version') END AS version`,
  );
  return Number(rows[0]?.version ?? 0);
}

/**
 * Brings the state to POSTGRES_SCHEMA_VERSION in one transaction, behind an advisory lock so that
 * shards starting together migrate once; refuses a newer schema. Returns the user hash key, created
 * by the first process.
 */
export async function migrateState(database: Database): Promise<string> {
  return database.transaction(async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await client.query(`
      CREATE SCHEMA IF NOT EXISTS ${STATE_SCHEMA};
      CREATE TABLE IF NOT EXISTS ${STATE_SCHEMA}.meta (key text PRIMARY KEY, value text NOT NULL);
    `);
    const { rows } = await client.query<{ value: string }>(`SELECT value FROM ${STATE_SCHEMA}.meta WHERE key = 'schema_version'`);
    const current = Number(rows[0]?.value ?? 0);
    if (current > POSTGRES_SCHEMA_VERSION) {
      throw new StateStoreError(
        `The state in PostgreSQL at ${describeUrl(database.url)} has schema version ${current}, newer than this quotebot knows (${POSTGRES_SCHEMA_VERSION}). ` +
          'Run the newer quotebot, or point DATABASE_URL at another database.',
      );
    }
    for (const migration of MIGRATIONS.slice(current)) await client.query(migration);
    await client.query(
      `INSERT INTO ${STATE_SCHEMA}.meta (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [String(POSTGRES_SCHEMA_VERSION)],
    );
    await client.query(`INSERT INTO ${STATE_SCHEMA}.meta (key, value) VALUES ('user_hash_key', $1) ON CONFLICT (key) DO NOTHING`, [newUserHashKey()]);
    const key = await client.query<{ value: string }>(`SELECT value FROM ${STATE_SCHEMA}.meta WHERE key = 'user_hash_key'`);
    return key.rows[0]!.value;
  });
}
