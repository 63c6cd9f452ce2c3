/**
 * `npm run db -- start` starts a throwaway local PostgreSQL with pgvector and prints one line,
 * `DATABASE_URL=postgres://...` (use `npm run -s` to keep npm's own banner out of stdout);
 * `npm run db -- stop` stops it and removes its data. One server per checkout: its whereabouts
 * are kept in a small file in the temporary folder, so `start` twice prints the same URL.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { startLocalPostgres, stopLocalPostgres, type LocalPostgres } from './local-postgres.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STATE_FILE = join(tmpdir(), `quotebot-db-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.json`);
const ServerSchema = z.object({ url: z.string(), folder: z.string(), bindir: z.string() });
const USAGE = 'usage: npm run db -- start | stop';

async function recordedServer(): Promise<LocalPostgres | undefined> {
  const text = await readFile(STATE_FILE, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed = ServerSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : undefined;
}

async function start(): Promise<void> {
  const recorded = await recordedServer();
  if (recorded && existsSync(join(recorded.folder, 'data', 'postmaster.pid'))) {
    console.log(`DATABASE_URL=${recorded.url}`);
    return;
  }
  const server = await startLocalPostgres();
  await writeFile(STATE_FILE, JSON.stringify(server));
  console.log(`DATABASE_URL=${server.url}`);
}

async function stop(): Promise<void> {
  const recorded = await recordedServer();
  if (!recorded) {
    console.error('db: no throwaway PostgreSQL is running for this checkout.');
    return;
  }
  await stopLocalPostgres(recorded);
  await rm(STATE_FILE, { force: true });
  console.error(`db: stopped the throwaway PostgreSQL and removed ${recorded.folder}.`);
}

const command = process.argv[2];
try {
  if (command === 'start') await start();
  else if (command === 'stop') await stop();
  else {
    console.error(USAGE);
    process.exitCode = 2;
  }
} catch (error) {
  console.error(`db: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
