import type { Config } from '../config/config.js';
import { openSqliteState } from './sqlite-store.js';
import type { StateStore } from './state-store.js';

const HOUR_MS = 3_600_000;

/** The state store the configuration asks for: SQLite in STATE_DIR (the default). */
export function openStateStore(config: Pick<Config, 'STATE_DIR' | 'BUTTON_TTL_HOURS'>, now?: () => number): StateStore {
  return openSqliteState({ dir: config.STATE_DIR, answerTtlMs: config.BUTTON_TTL_HOURS * HOUR_MS, ...(now ? { now } : {}) });
}
