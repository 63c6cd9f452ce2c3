/**
 * A throwaway PostgreSQL server with pgvector for development and tests: the server binaries of
 * the machine's own PostgreSQL installation, data in a fresh temporary folder, listening on
 * 127.0.0.1 on a free port, trust authentication. Never for production data (fsync is off).
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const DEBIAN_SERVER_ROOT = '/usr/lib/postgresql';
const SERVER_USER = 'postgres';
export const DATABASE_NAME = 'quotebot';
const PORT_ATTEMPTS = 3;

export class PostgresUnavailableError extends Error {
  override name = 'PostgresUnavailableError';
}

export interface PostgresInstallation {
  major: string;
  bindir: string;
  /** The folder holding `extension/*.control`. */
  sharedir: string;
}

export interface LocalPostgres {
  url: string;
  folder: string;
  bindir: string;
}

function hasPgvector(installation: PostgresInstallation): boolean {
  return existsSync(join(installation.sharedir, 'extension', 'vector.control'));
}

/** Debian's layout (one folder per server major), newest first. */
function debianInstallations(): PostgresInstallation[] {
  if (!existsSync(DEBIAN_SERVER_ROOT)) return [];
  return readdirSync(DEBIAN_SERVER_ROOT)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(DEBIAN_SERVER_ROOT, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
    .map((major) => ({ major, bindir: join(DEBIAN_SERVER_ROOT, major, 'bin'), sharedir: `/usr/share/postgresql/${major}` }));
}

/**
 * The newest installed server that has pgvector; throws a PostgresUnavailableError that says what
 * to install when there is none.
 */
export function findPostgres(): PostgresInstallation {
  const installations = debianInstallations();
  if (installations.length === 0) {
    throw new PostgresUnavailableError(
      `no PostgreSQL server binaries found (looked for ${DEBIAN_SERVER_ROOT}/<major>/bin/initdb): ` +
        'run `scripts/setup-pgvector.sh` as root, or install Debian\'s postgresql package and pgvector',
    );
  }
  const withVector = installations.find(hasPgvector);
  if (!withVector) {
    const majors = installations.map((installation) => installation.major).join(', ');
    throw new PostgresUnavailableError(
      `pgvector is not installed for PostgreSQL ${majors}: run \`scripts/setup-pgvector.sh\` as root`,
    );
  }
  return withVector;
}

/** initdb refuses to run as root, so root runs the server binaries as the `postgres` user. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', SERVER_USER, '--', command, ...args]] : [command, args];
}

async function runServerCommand(command: string, args: string[]): Promise<string> {
  const [file, fileArgs] = asServerUser(command, args);
  const { stdout } = await run(file, fileArgs, { encoding: 'utf8' });
  return stdout;
}

async function giveFolderToServerUser(folder: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const ids = async (flag: string) => Number((await run('id', [flag, SERVER_USER], { encoding: 'utf8' })).stdout.trim());
  let uid: number;
  let gid: number;
  try {
    [uid, gid] = await Promise.all([ids('-u'), ids('-g')]);
  } catch {
    throw new PostgresUnavailableError(`running as root needs a \`${SERVER_USER}\` system user to run the server (Debian's postgresql package creates it)`);
  }
  await chown(folder, uid, gid);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts the server on a free port; a port taken between choosing and binding is retried. */
async function startOnFreePort(bindir: string, folder: string): Promise<number> {
  const data = join(folder, 'data');
  const log = join(folder, 'server.log');
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    // A throwaway server: durability settings off for speed.
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    try {
      await runServerCommand(join(bindir, 'pg_ctl'), ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start']);
      return port;
    } catch (error) {
      const serverLog = await readFile(log, 'utf8').catch(() => '');
      if (attempt < PORT_ATTEMPTS && /could not bind|address already in use/i.test(serverLog)) continue;
      throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${serverLog}`);
    }
  }
}

/** Creates the `quotebot` database with pgvector enabled. */
async function createDatabase(port: number): Promise<void> {
  const admin = new pg.Client({ host: '127.0.0.1', port, user: SERVER_USER, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await admin.end();
  }
  const client = new pg.Client({ host: '127.0.0.1', port, user: SERVER_USER, database: DATABASE_NAME });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS vector');
  } finally {
    await client.end();
  }
}

export async function startLocalPostgres(installation: PostgresInstallation = findPostgres()): Promise<LocalPostgres> {
  const folder = await mkdtemp(join(tmpdir(), 'quotebot-pg-'));
  try {
    await giveFolderToServerUser(folder);
    await runServerCommand(join(installation.bindir, 'initdb'), [
      '-D', join(folder, 'data'), '-U', SERVER_USER, '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync',
    ]);
    const port = await startOnFreePort(installation.bindir, folder);
    const server = { url: `postgres://${SERVER_USER}@127.0.0.1:${port}/${DATABASE_NAME}`, folder, bindir: installation.bindir };
    try {
      await createDatabase(port);
    } catch (error) {
      await stopLocalPostgres(server);
      throw error;
    }
    return server;
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

/** Stops the server (fast shutdown: open connections are closed) and removes its data. */
export async function stopLocalPostgres(server: LocalPostgres): Promise<void> {
  const data = join(server.folder, 'data');
  if (existsSync(join(data, 'postmaster.pid'))) {
    await runServerCommand(join(server.bindir, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
  }
  await rm(server.folder, { recursive: true, force: true });
}

/** A server to create scratch databases on, for tests and the evaluation. */
export interface ScratchServer {
  /** The URL of a new empty database with pgvector available. */
  newDatabase(): Promise<string>;
  /** Drops the databases it made, or stops the throwaway server. */
  close(): Promise<void>;
}

async function runOn(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Scratch databases on the server `serverUrl` names (a user that may create databases), or on a
 * throwaway local server started now when it is undefined. Never touches an existing database.
 */
export async function openScratchServer(serverUrl?: string): Promise<ScratchServer> {
  const local = serverUrl ? null : await startLocalPostgres();
  const server = serverUrl ?? local!.url;
  const created: string[] = [];
  return {
    async newDatabase() {
      const name = `quotebot_scratch_${randomUUID().replaceAll('-', '')}`;
      await runOn(server, `CREATE DATABASE ${name}`);
      created.push(name);
      const url = new URL(server);
      url.pathname = `/${name}`;
      return url.href;
    },
    async close() {
      if (local) return stopLocalPostgres(local);
      for (const name of created) await runOn(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
