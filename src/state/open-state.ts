import type { Config } from '../config/config.js';
import type { Logger } from '../log.js';
import { openSqliteState } from './sqlite-store.js';
import type { StateStore } from './state-store.js';

const HOUR_MS = 3_600_000;

/**
 * The state store the configuration asks for: PostgreSQL when DATABASE_URL is set (shared by every
 * shard and process on that database, on the pool the index uses), else SQLite in STATE_DIR.
 */
export async function openStateStore(
  config: Pick<Config, 'STATE_DIR' | 'BUTTON_TTL_HOURS' | 'DATABASE_URL' | 'HNSW_EF'>,
  logger: Logger,
  now?: () => number,
): Promise<StateStore> {
  const answerTtlMs = config.BUTTON_TTL_HOURS * HOUR_MS;
  if (!config.DATABASE_URL) return openSqliteState({ dir: config.STATE_DIR, answerTtlMs, ...(now ? { now } : {}) });
  // Loaded only with DATABASE_URL: the default start does not pay for the PostgreSQL client.
  const [{ shareDatabase }, { openPostgresState }] = await Promise.all([import('../postgres/database.js'), import('./postgres-store.js')]);
  const database = shareDatabase(config.DATABASE_URL, { hnswEf: config.HNSW_EF }, logger);
  return openPostgresState({ database, answerTtlMs, ...(now ? { now } : {}) });
}
