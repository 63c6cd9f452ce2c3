import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { PROJECT_ROOT } from './support/real-index.js';
import { localPostgresMissing } from './support/postgres.js';

const run = promisify(execFile);
const missing = localPostgresMissing();

/** Runs `scripts/db.ts` (what `npm run db --` runs) with its own temporary folder. */
function db(command: string, temp: string) {
  return run(process.execPath, ['--import', 'tsx', path.join('scripts', 'db.ts'), command], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, TMPDIR: temp },
    encoding: 'utf8',
  });
}

async function vectorDistance(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ distance: number }>(`SELECT '[1,2]'::vector <-> '[1,3]'::vector AS distance`);
    return rows[0]!.distance;
  } finally {
    await client.end();
  }
}

test(
  '`npm run db -- start` prints one DATABASE_URL line for a local server with pgvector; `stop` stops it and removes its data',
  { skip: missing && `needs the local PostgreSQL server binaries: ${missing}` },
  async () => {
    const temp = await mkdtemp(path.join(tmpdir(), 'quotebot-db-test-'));
    // The server runs as `postgres` when the tests run as root: it must reach its folder in here.
    await chmod(temp, 0o755);
    try {
      const started = await db('start', temp);
      const lines = started.stdout.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, started.stdout);
      const match = /^DATABASE_URL=(postgres:\/\/[^@\s]+@127\.0\.0\.1:\d+\/\w+)$/.exec(lines[0]!);
      assert.ok(match, lines[0]);
      const url = match[1]!;
      assert.equal(await vectorDistance(url), 1);

      const again = await db('start', temp);
      assert.equal(again.stdout.trim(), lines[0], 'a second start reports the running server');

      await db('stop', temp);
      const left = (await readdir(temp)).filter((name) => name.startsWith('quotebot-'));
      assert.deepEqual(left, [], 'the data folder and the record of the server are gone');
      await assert.rejects(vectorDistance(url), /ECONNREFUSED/);
    } finally {
      await db('stop', temp).catch(() => undefined);
      await rm(temp, { recursive: true, force: true });
    }
  },
);
