import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { AuditEntry } from './audit-log.js';
import { migrate } from './sqlite-schema.js';
import { newUserHashKey, userHasher } from './user-hash.js';
import {
  linkKey,
  RATE_EVENTS_KEPT_MS,
  StateStoreError,
  type AnswerRecord,
  type FeedbackStats,
  type FeedbackVote,
  type QuestionEvent,
  type RateDecision,
  type StateStore,
  type StatsQuery,
  type StoredVote,
  type Vote,
  voteFromRow,
} from './state-store.js';

export interface SqliteStateOptions {
  /** Folder of `state.sqlite`, created when missing; `:memory:` for a database that lives only in this process. */
  dir: string;
  /** How long an answer's buttons and follow-ups keep working. */
  answerTtlMs: number;
  now?: () => number;
}

export const STATE_FILE = 'state.sqlite';

function openDatabase(dir: string): { db: Database.Database; description: string } {
  if (dir === ':memory:') return { db: new Database(':memory:'), description: 'sqlite::memory:' };
  const path = resolve(join(dir, STATE_FILE));
  try {
    mkdirSync(dir, { recursive: true });
    const db = new Database(path, { timeout: 5_000 });
    // Several processes (shards) may share the file: WAL lets readers and one writer work together.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    return { db, description: `sqlite:${path}` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StateStoreError(`Cannot open the state database ${path} (${reason}). Check STATE_DIR and its permissions.`);
  }
}

/** The default StateStore: one SQLite file in STATE_DIR, through better-sqlite3. */
export function openSqliteState(options: SqliteStateOptions): StateStore {
  const now = options.now ?? Date.now;
  const { db, description } = openDatabase(options.dir);
  db.pragma('foreign_keys = ON');
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const readKey = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'user_hash_key'");
  const userHashKey =
    readKey.get()?.value ??
    db.transaction(() => {
      db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('user_hash_key', ?)").run(newUserHashKey());
      return readKey.get()!.value;
    }).immediate();

  const saveAnswer = db.prepare('INSERT OR REPLACE INTO answers (id, record, created_at, expires_at) VALUES (?, ?, ?, ?)');
  const getAnswer = db.prepare<[string, number], { record: string }>('SELECT record FROM answers WHERE id = ? AND expires_at > ?');
  const linkAnswer = db.prepare(
    'INSERT OR REPLACE INTO answer_links (kind, key, answer_id, expires_at) SELECT ?, ?, id, expires_at FROM answers WHERE id = ?',
  );
  const findLink = db.prepare<[string, string, number], { answer_id: string; record: string }>(
    `SELECT a.id AS answer_id, a.record FROM answer_links l JOIN answers a ON a.id = l.answer_id
     WHERE l.kind = ? AND l.key = ? AND a.expires_at > ?`,
  );
  const forgetRate = db.prepare('DELETE FROM rate_events WHERE key = ? AND at <= ?');
  const recentRate = db.prepare<[string], { n: number; first: number | null }>('SELECT COUNT(*) AS n, MIN(at) AS first FROM rate_events WHERE key = ?');
  const addRate = db.prepare('INSERT INTO rate_events (key, at) VALUES (?, ?)');
  const previousVote = db.prepare<[string, string], { vote: Vote }>('SELECT vote FROM votes WHERE answer_id = ? AND user_hash = ?');
  const upsertVote = db.prepare(
    `INSERT INTO votes (answer_id, user_hash, vote, question, filter, quotes, at) VALUES (@answer_id, @user_hash, @vote, @question, @filter, @quotes, @at)
     ON CONFLICT (answer_id, user_hash) DO UPDATE SET vote = excluded.vote, at = excluded.at`,
  );
  const addQuestion = db.prepare('INSERT INTO questions (at, kind, answered) VALUES (?, ?, ?)');
  const addQuestionQuote = db.prepare('INSERT INTO question_quotes (question_id, article_id, source, title) VALUES (?, ?, ?, ?)');
  const addAudit = db.prepare('INSERT INTO audit (entry) VALUES (?)');

  let longestWindowMs = 0;

  const takeRate = db.transaction((key: string, limit: number, windowMs: number): RateDecision => {
    const at = now();
    forgetRate.run(key, at - windowMs);
    const { n, first } = recentRate.get(key)!;
    if (n >= limit) return { allowed: false, retryAfterMs: Math.max(1, (first ?? at) + windowMs - at) };
    addRate.run(key, at);
    return { allowed: true };
  });

  const recordVote = db.transaction((vote: FeedbackVote): Vote | null => {
    const before = previousVote.get(vote.answerId, vote.userHash)?.vote ?? null;
    upsertVote.run({
      answer_id: vote.answerId,
      user_hash: vote.userHash,
      vote: vote.vote,
      question: vote.question,
      filter: vote.filter === undefined ? null : JSON.stringify(vote.filter),
      quotes: JSON.stringify(vote.quotes),
      at: vote.at,
    });
    return before;
  });

  const logQuestion = db.transaction((event: QuestionEvent) => {
    const { lastInsertRowid } = addQuestion.run(event.at, event.kind, event.answered ? 1 : 0);
    for (const quote of event.quotes) addQuestionQuote.run(lastInsertRowid, quote.articleId, quote.source, quote.title);
  });

  function stats(query: StatsQuery): FeedbackStats {
    const { since } = query;
    const totals = db
      .prepare<[number], { questions: number; refused: number | null }>('SELECT COUNT(*) AS questions, SUM(answered = 0) AS refused FROM questions WHERE at >= ?')
      .get(since)!;
    const perDay = db
      .prepare<[number], { day: string; questions: number; refused: number }>(
        `SELECT strftime('%Y-%m-%d', at / 1000, 'unixepoch') AS day, COUNT(*) AS questions, SUM(answered = 0) AS refused
         FROM questions WHERE at >= ? GROUP BY day ORDER BY day`,
      )
      .all(since);
    const votes = db
      .prepare<[number], { up: number | null; down: number | null }>("SELECT SUM(vote = 'up') AS up, SUM(vote = 'down') AS down FROM votes WHERE at >= ?")
      .get(since)!;
    const topDocuments = db
      .prepare<[number, number], { source: string; title: string; quotes: number }>(
        `SELECT q.source, MAX(q.title) AS title, COUNT(*) AS quotes FROM question_quotes q JOIN questions e ON e.id = q.question_id
         WHERE e.at >= ? GROUP BY q.source ORDER BY quotes DESC, q.source LIMIT ?`,
      )
      .all(since, query.topDocuments);
    const latestDown = db
      .prepare<[number, number], StoredVote>("SELECT * FROM votes WHERE vote = 'down' AND at >= ? ORDER BY at DESC, rowid DESC LIMIT ?")
      .all(since, query.latestDown)
      .map(voteFromRow);
    return {
      since,
      questions: totals.questions,
      refused: totals.refused ?? 0,
      perDay,
      up: votes.up ?? 0,
      down: votes.down ?? 0,
      topDocuments,
      latestDown,
    };
  }

  function prune(): number {
    const at = now();
    let removed = 0;
    db.transaction(() => {
      removed += db.prepare('DELETE FROM answer_links WHERE expires_at <= ?').run(at).changes;
      removed += db.prepare('DELETE FROM answers WHERE expires_at <= ?').run(at).changes;
      removed += db.prepare('DELETE FROM rate_events WHERE at <= ?').run(at - Math.max(longestWindowMs, RATE_EVENTS_KEPT_MS)).changes;
    }).immediate();
    return removed;
  }

  prune();

  return {
    description,
    hashUser: userHasher(userHashKey),
    async saveAnswer(answerId, record) {
      saveAnswer.run(answerId, JSON.stringify(record), record.createdAt, now() + options.answerTtlMs);
    },
    async getAnswer(answerId) {
      const row = getAnswer.get(answerId, now());
      return row ? (JSON.parse(row.record) as AnswerRecord) : null;
    },
    async linkAnswer(link, answerId) {
      linkAnswer.run(...linkKey(link), answerId);
    },
    async findLinkedAnswer(link) {
      const row = findLink.get(...linkKey(link), now());
      return row ? { answerId: row.answer_id, record: JSON.parse(row.record) as AnswerRecord } : null;
    },
    async takeRateToken(key, limit, windowMs) {
      longestWindowMs = Math.max(longestWindowMs, windowMs);
      return takeRate.immediate(key, limit, windowMs);
    },
    async recordVote(vote) {
      return recordVote.immediate(vote);
    },
    async logQuestion(event) {
      logQuestion.immediate(event);
    },
    async stats(query) {
      return stats(query);
    },
    async *exportVotes() {
      const rows = db.prepare<[], StoredVote>('SELECT * FROM votes ORDER BY at, rowid').all();
      for (const row of rows) yield voteFromRow(row);
    },
    async recordAudit(entry) {
      addAudit.run(JSON.stringify(entry));
    },
    async listAudit() {
      return db
        .prepare<[], { entry: string }>('SELECT entry FROM audit ORDER BY id')
        .all()
        .map((row) => JSON.parse(row.entry) as AuditEntry);
    },
    async prune() {
      return prune();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
