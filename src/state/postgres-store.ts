import type { Database } from '../postgres/database.js';
import { describeUrl } from '../postgres/url.js';
import type { AuditEntry } from './audit-log.js';
import { migrateState, RATE_LOCK, STATE_SCHEMA as S } from './postgres-schema.js';
import {
  linkKey,
  RATE_EVENTS_KEPT_MS,
  StateStoreError,
  type AnswerRecord,
  type FeedbackVote,
  type RateDecision,
  type StateStore,
  type StoredVote,
  type Vote,
  voteFromRow,
} from './state-store.js';
import { userHasher } from './user-hash.js';

/**
 * The StateStore in PostgreSQL (DATABASE_URL): every shard and process on the database shares
 * answers, follow-up links, rate-limit windows, votes and the audit log. Same behaviour as the
 * SQLite store; times are the calling process's clock, as there.
 */

export interface PostgresStateOptions {
  /** The process's pool (`shareDatabase`); the store closes it when it closes, or when it fails to open. */
  database: Database;
  /** How long an answer's buttons and follow-ups keep working. */
  answerTtlMs: number;
  now?: () => number;
}

/** Votes are exported a page at a time, so a large table is never held in memory at once. */
const EXPORT_PAGE = 1_000;

/** bigint columns arrive as strings. */
type VoteRow = Omit<StoredVote, 'at'> & { at: string; seq: string };

/** Questions are JSON text here (PostgreSQL text refuses NUL); bigint columns arrive as strings. */
function toVote(row: VoteRow): FeedbackVote {
  return voteFromRow({ ...row, question: JSON.parse(row.question), at: Number(row.at) });
}

/** Migrates the state schema (refusing a newer one) and returns the store on it. */
export async function openPostgresState(options: PostgresStateOptions): Promise<StateStore> {
  const { database } = options;
  const { pool } = database;
  const now = options.now ?? Date.now;
  const location = describeUrl(database.url);
  let userHashKey: string;
  try {
    userHashKey = await migrateState(database);
  } catch (error) {
    await database.close().catch(() => undefined);
    if (error instanceof StateStoreError) throw error;
    throw new StateStoreError(`Cannot open the state in PostgreSQL at ${location} (${(error as Error).message}): check DATABASE_URL and that the server runs.`);
  }

  let longestWindowMs = 0;
  let closing: Promise<void> | null = null;

  async function prune(): Promise<number> {
    const at = now();
    const { rows } = await pool.query<{ removed: number }>(
      `WITH links AS (DELETE FROM ${S}.answer_links WHERE expires_at <= $1 RETURNING 1),
            answers AS (DELETE FROM ${S}.answers WHERE expires_at <= $1 RETURNING 1),
            rates AS (DELETE FROM ${S}.rate_events WHERE at <= $2 RETURNING 1)
       SELECT ((SELECT COUNT(*) FROM links) + (SELECT COUNT(*) FROM answers) + (SELECT COUNT(*) FROM rates))::int AS removed`,
      [at, at - Math.max(longestWindowMs, RATE_EVENTS_KEPT_MS)],
    );
    return rows[0]!.removed;
  }

  await prune();

  const findRecord = async (sql: string, params: unknown[]) => {
    const { rows } = await pool.query<{ answer_id: string; record: string }>(sql, params);
    return rows[0] ? { answerId: rows[0].answer_id, record: JSON.parse(rows[0].record) as AnswerRecord } : null;
  };

  return {
    description: `postgres:${location}`,
    hashUser: userHasher(userHashKey),

    async saveAnswer(answerId, record) {
      await pool.query(
        `INSERT INTO ${S}.answers (id, record, created_at, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET record = excluded.record, created_at = excluded.created_at, expires_at = excluded.expires_at`,
        [answerId, JSON.stringify(record), record.createdAt, now() + options.answerTtlMs],
      );
    },
    async getAnswer(answerId) {
      const found = await findRecord(`SELECT id AS answer_id, record FROM ${S}.answers WHERE id = $1 AND expires_at > $2`, [answerId, now()]);
      return found?.record ?? null;
    },
    async linkAnswer(link, answerId) {
      await pool.query(
        `INSERT INTO ${S}.answer_links (kind, key, answer_id, expires_at) SELECT $1, $2, id, expires_at FROM ${S}.answers WHERE id = $3
         ON CONFLICT (kind, key) DO UPDATE SET answer_id = excluded.answer_id, expires_at = excluded.expires_at`,
        [...linkKey(link), answerId],
      );
    },
    findLinkedAnswer: (link) =>
      findRecord(
        `SELECT a.id AS answer_id, a.record FROM ${S}.answer_links l JOIN ${S}.answers a ON a.id = l.answer_id
         WHERE l.kind = $1 AND l.key = $2 AND a.expires_at > $3`,
        [...linkKey(link), now()],
      ),

    async takeRateToken(key, limit, windowMs) {
      longestWindowMs = Math.max(longestWindowMs, windowMs);
      // Processes taking a token for the same key wait for each other: the count and the insert
      // happen as one step, so two shards never both take the last token.
      return database.transaction(async (client): Promise<RateDecision> => {
        const at = now();
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [RATE_LOCK, key]);
        const { rows } = await client.query<{ n: number; first: string | null }>(
          `SELECT COUNT(*)::int AS n, MIN(at) AS first FROM ${S}.rate_events WHERE key = $1 AND at > $2`,
          [key, at - windowMs],
        );
        const { n, first } = rows[0]!;
        if (n >= limit) return { allowed: false, retryAfterMs: Math.max(1, Number(first ?? at) + windowMs - at) };
        await client.query(
          `WITH gone AS (DELETE FROM ${S}.rate_events WHERE key = $1 AND at <= $3) INSERT INTO ${S}.rate_events (key, at) VALUES ($1, $2)`,
          [key, at, at - windowMs],
        );
        return { allowed: true };
      });
    },

    async recordVote(vote) {
      // The CTE reads the row as it was before this statement; one answer's buttons are clicked
      // on the shard of its channel, so one person's two votes never race between processes.
      const { rows } = await pool.query<{ before: Vote | null }>(
        `WITH before AS MATERIALIZED (SELECT vote FROM ${S}.votes WHERE answer_id = $1 AND user_hash = $2)
         INSERT INTO ${S}.votes (answer_id, user_hash, vote, question, filter, quotes, at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (answer_id, user_hash) DO UPDATE SET vote = excluded.vote, at = excluded.at
         RETURNING (SELECT vote FROM before) AS before`,
        [
          vote.answerId,
          vote.userHash,
          vote.vote,
          JSON.stringify(vote.question),
          vote.filter === undefined ? null : JSON.stringify(vote.filter),
          JSON.stringify(vote.quotes),
          vote.at,
        ],
      );
      return rows[0]?.before ?? null;
    },
    async logQuestion(event) {
      // The question and its quotes in one statement: a data-modifying CTE runs even when no quote follows.
      await pool.query(
        `WITH question AS (INSERT INTO ${S}.questions (at, kind, answered) VALUES ($1, $2, $3) RETURNING id)
         INSERT INTO ${S}.question_quotes (question_id, article_id, source, title)
         SELECT question.id, quote.article_id, quote.source, quote.title
         FROM question, unnest($4::text[], $5::text[], $6::text[]) AS quote (article_id, source, title)`,
        [
          event.at,
          event.kind,
          event.answered,
          event.quotes.map((quote) => quote.articleId),
          event.quotes.map((quote) => quote.source),
          event.quotes.map((quote) => quote.title),
        ],
      );
    },
    async stats({ since, topDocuments, latestDown }) {
      const [totals, perDay, votes, top, down] = await Promise.all([
        pool.query<{ questions: number; refused: number }>(
          `SELECT COUNT(*)::int AS questions, (COUNT(*) FILTER (WHERE NOT answered))::int AS refused FROM ${S}.questions WHERE at >= $1`,
          [since],
        ),
        pool.query<{ day: string; questions: number; refused: number }>(
          `SELECT to_char(to_timestamp(at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
                  COUNT(*)::int AS questions, (COUNT(*) FILTER (WHERE NOT answered))::int AS refused
           FROM ${S}.questions WHERE at >= $1 GROUP BY day ORDER BY day`,
          [since],
        ),
        pool.query<{ up: number; down: number }>(
          `SELECT (COUNT(*) FILTER (WHERE vote = 'up'))::int AS up, (COUNT(*) FILTER (WHERE vote = 'down'))::int AS down FROM ${S}.votes WHERE at >= $1`,
          [since],
        ),
        // Byte order ("C"), as SQLite sorts, whatever the database's collation.
        pool.query<{ source: string; title: string; quotes: number }>(
          `SELECT q.source, MAX(q.title COLLATE "C") AS title, COUNT(*)::int AS quotes
           FROM ${S}.question_quotes q JOIN ${S}.questions e ON e.id = q.question_id
           WHERE e.at >= $1 GROUP BY q.source ORDER BY quotes DESC, q.source COLLATE "C" LIMIT $2`,
          [since, topDocuments],
        ),
        pool.query<VoteRow>(`SELECT * FROM ${S}.votes WHERE vote = 'down' AND at >= $1 ORDER BY at DESC, seq DESC LIMIT $2`, [since, latestDown]),
      ]);
      return {
        since,
        ...totals.rows[0]!,
        perDay: perDay.rows,
        ...votes.rows[0]!,
        topDocuments: top.rows,
        latestDown: down.rows.map(toVote),
      };
    },
    async *exportVotes() {
      let after: [at: string, seq: string] = [String(Number.MIN_SAFE_INTEGER), '0'];
      for (;;) {
        const { rows } = await pool.query<VoteRow>(`SELECT * FROM ${S}.votes WHERE (at, seq) > ($1, $2) ORDER BY at, seq LIMIT ${EXPORT_PAGE}`, after);
        for (const row of rows) yield toVote(row);
        if (rows.length < EXPORT_PAGE) return;
        const last = rows.at(-1)!;
        after = [last.at, last.seq];
      }
    },

    async recordAudit(entry) {
      await pool.query(`INSERT INTO ${S}.audit (entry) VALUES ($1)`, [JSON.stringify(entry)]);
    },
    async listAudit() {
      const { rows } = await pool.query<{ entry: string }>(`SELECT entry FROM ${S}.audit ORDER BY id`);
      return rows.map((row) => JSON.parse(row.entry) as AuditEntry);
    },

    prune,
    close: () => (closing ??= database.close()),
  };
}
