import pg from 'pg';
import { ExplainedError } from '../errors.js';
import type { Logger } from '../log.js';
import { describeUrl } from './url.js';

/**
 * The one connection pool a process keeps to PostgreSQL, shared by everything stored there (the
 * search index and the bot's state): each store takes this pool (`shareDatabase`), none opens its own.
 */

export interface DatabaseOptions {
  /** HNSW search breadth for every connection (pgvector's `hnsw.ef_search`, default 40, gives poor recall). */
  hnswEf: number;
  /** Connections in the pool. */
  maxConnections?: number;
}

export interface Database {
  readonly pool: pg.Pool;
  readonly url: string;
  /** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A connection problem, with a message that names what to check and never the password. */
export class DatabaseError extends ExplainedError {
  override name = 'DatabaseError';
}


const CONNECT_TIMEOUT_MS = 10_000;

export function openDatabase(url: string, options: DatabaseOptions, logger: Logger): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'quotebot',
    // Awaited by the pool before the connection's first query. `relaxed_order` (pgvector 0.8) lets
    // a filtered HNSW search keep scanning until it has k rows; older pgvector ignores it.
    onConnect: async (client) => {
      await client.query(`SET hnsw.ef_search = ${Math.floor(options.hnswEf)}; SET hnsw.iterative_scan = relaxed_order`);
    },
  });
  // An idle connection the server drops would otherwise be an unhandled error that ends the process.
  pool.on('error', (error) => logger.warn({ event: 'database-idle-error', err: error }, 'an idle database connection failed'));

  return {
    pool,
    url,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

const sharedPools = new Map<string, { database: Database; users: number }>();

/**
 * The process's pool for `url`: opened by the first store that asks (with its options), ended
 * when the last one closes. The index and the state store of a process share it this way, so a
 * shard holds one pool, not one per store.
 */
export function shareDatabase(url: string, options: DatabaseOptions, logger: Logger): Database {
  let shared = sharedPools.get(url);
  if (!shared) {
    shared = { database: openDatabase(url, options, logger), users: 0 };
    sharedPools.set(url, shared);
  }
  const entry = shared;
  entry.users += 1;
  let closed = false;
  return {
    pool: entry.database.pool,
    url,
    transaction: (work) => entry.database.transaction(work),
    async close() {
      if (closed) return;
      closed = true;
      entry.users -= 1;
      if (entry.users > 0) return;
      sharedPools.delete(url);
      await entry.database.close();
    },
  };
}

/** Checks that the server answers and has pgvector, with messages that say what to do. */
export async function checkDatabase(database: Database): Promise<void> {
  const where = describeUrl(database.url);
  let available: boolean;
  try {
    const { rows } = await database.pool.query<{ available: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') AS available`,
    );
    available = rows[0]?.available ?? false;
  } catch (error) {
    throw new DatabaseError(`Cannot reach PostgreSQL at ${where} (${(error as Error).message}): check DATABASE_URL and that the server runs.`);
  }
  if (!available) {
    throw new DatabaseError(
      `PostgreSQL at ${where} has no pgvector extension: install it (Debian/Ubuntu: postgresql-NN-pgvector, or scripts/setup-pgvector.sh) or use a managed PostgreSQL that offers it.`,
    );
  }
}
