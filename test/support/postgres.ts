/**
 * PostgreSQL for tests. With `DATABASE_URL_TEST` set (a server with pgvector where the user may
 * create databases), that server is used; otherwise each test file starts a throwaway local
 * server (`scripts/local-postgres.ts`). Every `newDatabase()` is a fresh, empty database. When
 * neither is possible, `POSTGRES_SKIP` holds the reason, for node:test's `skip` option.
 *
 * ```ts
 * describe('...', { skip: POSTGRES_SKIP }, () => {
 *   let server: TestServer;
 *   before(async () => (server = await openTestServer()));
 *   after(() => server?.close());
 *   test('...', async () => { const url = await server.newDatabase(); ... });
 * });
 * ```
 */
import { findPostgres, openScratchServer, PostgresUnavailableError, type ScratchServer } from '../../scripts/local-postgres.js';

export type TestServer = ScratchServer;

const SERVER_URL = process.env.DATABASE_URL_TEST?.trim() || undefined;

/** Why the local server cannot start, or undefined when it can. */
export function localPostgresMissing(): string | undefined {
  try {
    findPostgres();
    return undefined;
  } catch (error) {
    if (error instanceof PostgresUnavailableError) return error.message;
    throw error;
  }
}

function skipReason(): string | undefined {
  if (SERVER_URL) return undefined;
  const missing = localPostgresMissing();
  return missing && `PostgreSQL tests skipped: ${missing}; or set DATABASE_URL_TEST to a PostgreSQL server with pgvector`;
}

export const POSTGRES_SKIP = skipReason();

export function openTestServer(): Promise<TestServer> {
  return openScratchServer(SERVER_URL);
}
