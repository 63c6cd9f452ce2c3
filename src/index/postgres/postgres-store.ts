import type pg from 'pg';
import type { Logger } from '../../log.js';
import { checkDatabase, DatabaseError, shareDatabase, type Database } from '../../postgres/database.js';
import { listen } from '../../postgres/notifications.js';
import { describeUrl } from '../../postgres/url.js';
import type { EmbeddingIdentity } from '../embeddings.js';
import { IndexError } from '../generation-format.js';
import { checkExpected, type ExpectedIndex, type IndexStore } from '../index-store.js';
import { IndexBusyError } from '../lock.js';
import { describeBuild, prepareIndex, summarizeBuild, type VectorLookup } from '../prepare.js';
import { refuseShrink, withChanges } from '../reindex-guard.js';
import type { SearchIndex } from '../search-index.js';
import { PostgresSearchIndex } from './postgres-index.js';
import { newestGeneration, readGeneration } from './read-generation.js';
import { generationSchema, INDEX_CHANNEL, REINDEX_BUILD_LOCK } from './schema.js';
import { writeGeneration } from './write-generation.js';

/**
 * The index in PostgreSQL (DATABASE_URL): any process may reindex, and every process follows the
 * newest published generation, told of each by a notification.
 */

/** The newest generation's vectors of the given texts, when it was built with the same model. */
async function previousVectors(pool: pg.Pool, embedder: EmbeddingIdentity, hashes: readonly string[]): Promise<VectorLookup | null> {
  try {
    const newest = await newestGeneration(pool);
    const built = newest?.manifest.embedding;
    if (!newest || built?.provider !== embedder.provider || built.model !== embedder.model || built.dimensions !== embedder.dimensions) {
      return null;
    }
    const schema = generationSchema(newest.id);
    const { rows } = await pool.query<{ text_hash: string; embedding: string }>(
      `SELECT DISTINCT ON (text_hash) text_hash, embedding::text AS embedding FROM (
         SELECT text_hash, embedding FROM ${schema}.passages WHERE text_hash = ANY ($1)
         UNION ALL SELECT text_hash, embedding FROM ${schema}.sentences WHERE text_hash = ANY ($1)
       ) AS known`,
      [hashes],
    );
    const vectors = new Map(rows.map((row) => [row.text_hash, Float32Array.from(JSON.parse(row.embedding) as number[])]));
    return (hash) => vectors.get(hash);
  } catch {
    // An unreadable previous index only means nothing can be reused: the build starts afresh.
    return null;
  }
}

/**
 * Runs a reindex holding the database's reindex lock, from its start (the shrink check and the
 * reuse of vectors read the published generation) to its publication, or refuses at once when
 * another process (of any machine) holds it. A session advisory lock: PostgreSQL drops it when
 * its connection ends, so a process that died holds nothing.
 */
async function withReindexLock<T>(pool: pg.Pool, location: string, work: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let unlocked = true;
  // The connection sits idle while the build embeds: a server restart meanwhile must not end the process.
  const onError = () => {
    unlocked = false;
  };
  client.on('error', onError);
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [REINDEX_BUILD_LOCK]);
    if (!rows[0]?.locked) {
      throw new IndexBusyError(`Another reindex of the index in ${location} is running; the index in use is untouched. Try again when it is done.`);
    }
    try {
      return await work();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [REINDEX_BUILD_LOCK]).catch(() => {
        unlocked = false;
      });
    }
  } finally {
    client.off('error', onError);
    // A connection that could not unlock is closed, which unlocks.
    client.release(!unlocked);
  }
}

export function postgresIndexStore(database: Database, logger: Logger): IndexStore {
  const location = describeUrl(database.url);
  const { pool } = database;
  /** The newest generation this process has loaded, so a notification of it is not loaded twice. */
  let newestLoaded = 0;
  /** The generation being read, shared by a reindex of this process and the notification of it. */
  let reading: { id: number; index: Promise<PostgresSearchIndex> } | null = null;

  const load = async (expected: ExpectedIndex): Promise<PostgresSearchIndex> => {
    let index: PostgresSearchIndex;
    try {
      const published = await newestGeneration(pool);
      if (!published) throw new IndexError('missing', `No index in ${location} yet. Run \`npm run reindex\`.`);
      checkExpected(published.manifest, expected, location);
      if (!published.current || !published.stats.impactOrdered || !published.stats.postingHeads) {
        throw new IndexError('mismatch', `The index in ${location} was written by an older version of quotebot: run \`npm run reindex\`.`);
      }
      if (reading?.id !== published.id) {
        const read = readGeneration(pool, published).then((rows) => new PostgresSearchIndex(pool, rows));
        reading = { id: published.id, index: read };
        read.catch(() => {
          if (reading?.index === read) reading = null;
        });
      }
      index = await reading.index;
    } catch (error) {
      if (error instanceof IndexError) throw error;
      throw new DatabaseError(`Cannot read the index from ${location} (${(error as Error).message}): check DATABASE_URL and that the server runs.`);
    }
    newestLoaded = Math.max(newestLoaded, index.generation);
    return index;
  };

  return {
    location,
    load,

    build: (ingest, embedder, options) =>
      withReindexLock(pool, location, async () => {
        const started = performance.now();
        const published = (await newestGeneration(pool))?.manifest ?? null;
        refuseShrink(published, ingest, options.allowShrink ?? false);
        const prepared = await prepareIndex(ingest, embedder, {
          chunking: options.chunking,
          reuse: (hashes) => previousVectors(pool, embedder, hashes),
          onProgress: options.onProgress,
        });
        const manifest = describeBuild(ingest, embedder, options.chunking, prepared, (performance.now() - started) / 1000);
        await writeGeneration(database, prepared, manifest);
        return withChanges(summarizeBuild(ingest, prepared, started), published, ingest);
      }),

    async follow(expected, onIndex: (index: SearchIndex) => void, onError) {
      let checking: Promise<void> = Promise.resolve();
      // One check at a time; a notification during a check is followed by another check.
      const check = () => {
        checking = checking.then(async () => {
          const published = await newestGeneration(pool);
          if (!published || published.id <= newestLoaded) return;
          onIndex(await load(expected));
        }).catch((error: Error) => onError(error));
      };
      const subscription = await listen(database.url, INDEX_CHANNEL, { onMessage: check, onReconnect: check }, logger);
      // A generation published between the first load and the LISTEN would otherwise wait for the next one.
      check();
      return async () => {
        await subscription.close();
        await checking;
      };
    },

    close: () => database.close(),
  };
}

/** Connects to the database (checking that it answers and has pgvector) and returns the store on it. */
export async function openPostgresIndexStore(url: string, hnswEf: number, logger: Logger): Promise<IndexStore> {
  const database = shareDatabase(url, { hnswEf }, logger);
  try {
    await checkDatabase(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return postgresIndexStore(database, logger);
}
