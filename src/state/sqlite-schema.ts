import type Database from 'better-sqlite3';
import { StateStoreError } from './state-store.js';

/**
 * The SQLite schema as a list of migrations; `PRAGMA user_version` holds how many have run. A new
 * version appends a migration and never edits an old one, so every existing database can follow.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE answers (
    id TEXT PRIMARY KEY,
    record TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX answers_expiry ON answers (expires_at);
  CREATE TABLE answer_links (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    answer_id TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
  );
  CREATE INDEX answer_links_expiry ON answer_links (expires_at);
  CREATE TABLE rate_events (key TEXT NOT NULL, at INTEGER NOT NULL);
  CREATE INDEX rate_events_key ON rate_events (key, at);
  CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    answered INTEGER NOT NULL
  );
  CREATE INDEX questions_at ON questions (at);
  CREATE TABLE question_quotes (
    question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    source TEXT NOT NULL,
    title TEXT NOT NULL
  );
  CREATE INDEX question_quotes_question ON question_quotes (question_id);
  CREATE TABLE votes (
    answer_id TEXT NOT NULL,
    user_hash TEXT NOT NULL,
    vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
    question TEXT NOT NULL,
    filter TEXT,
    quotes TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (answer_id, user_hash)
  );
  CREATE INDEX votes_at ON votes (at);
  CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    entry TEXT NOT NULL
  );
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the database to SCHEMA_VERSION, one transaction per migration; refuses a newer one. */
export function migrate(db: Database.Database): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  if (version() > SCHEMA_VERSION) {
    throw new StateStoreError(
      `The state database has schema version ${version()}, newer than this quotebot knows (${SCHEMA_VERSION}). ` +
        'Run the newer quotebot, or point STATE_DIR at another folder.',
    );
  }
  while (version() < SCHEMA_VERSION) {
    // Another process may migrate at the same time: read the version again under the write lock.
    db.transaction(() => {
      const current = version();
      if (current >= SCHEMA_VERSION) return;
      db.exec(MIGRATIONS[current]!);
      db.pragma(`user_version = ${current + 1}`);
    }).immediate();
  }
}
