import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteState, STATE_FILE } from '../src/state/sqlite-store.js';
import { SCHEMA_VERSION } from '../src/state/sqlite-schema.js';
import { stateStoreContract } from './support/state-contract.js';

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'quotebot-state-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function onFile<T>(dir: string, work: (db: Database.Database) => T): T {
  const db = new Database(join(dir, STATE_FILE));
  try {
    return work(db);
  } finally {
    db.close();
  }
}

stateStoreContract({
  newPlace: async (t) => tempDir(t),
  open: async (dir, options) => openSqliteState({ dir, ...options }),
  setting: 'STATE_DIR',
  currentSchemaVersion: SCHEMA_VERSION,
  schemaVersion: async (dir) => onFile(dir, (db) => db.pragma('user_version', { simple: true }) as number),
  setSchemaVersion: async (dir, version) => onFile(dir, (db) => void db.pragma(`user_version = ${version}`)),
});

test('a state file that is not a database is refused with a message naming STATE_DIR', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, STATE_FILE), 'this is not sqlite, just some text that is long enough to be a header');
  assert.throws(() => openSqliteState({ dir, answerTtlMs: 3_600_000 }), /STATE_DIR/);
});
