import type { Quote, SearchFilter } from '../domain.js';
import { ExplainedError } from '../errors.js';
import type { AuditEntry, AuditLog } from './audit-log.js';

/**
 * What the bot remembers between messages and across restarts: the state behind an answer's
 * buttons and follow-ups, rate-limit windows, feedback votes, the questions asked (for /stats) and
 * the audit log of corpus changes. One contract, several backends (SQLite by default; PostgreSQL
 * when DATABASE_URL is set), so callers never see SQL. Every method is async for that reason.
 * Times are milliseconds since the epoch.
 */

/** Where a quote sits in the corpus: enough to cite it, find it again and not repeat it. */
export interface QuoteRef {
  articleId: string;
  source: string;
  title: string;
  start: number;
  end: number;
  text: string;
}

export function quoteRef(quote: Pick<Quote, 'articleId' | 'source' | 'title' | 'start' | 'end' | 'text'>): QuoteRef {
  return { articleId: quote.articleId, source: quote.source, title: quote.title, start: quote.start, end: quote.end, text: quote.text };
}

/** One answer as shown: what its buttons ("More quotes", "Context n", votes) and its follow-ups need. */
export interface AnswerRecord {
  question: string;
  filter: SearchFilter | undefined;
  /** The title a document filter resolved to, for messages. */
  documentTitle: string | undefined;
  quotes: Quote[];
  /** The number shown next to the first quote. */
  firstNumber: number;
  /** Whether a written summary above the quotes cites them by number (so they stay numbered). */
  cited?: boolean;
  /** Every quote shown so far in this conversation (this answer's included): follow-ups skip them. */
  shown: QuoteRef[];
  /** Hashed id of the person who asked (see `hashUser`). */
  askerHash: string;
  /** Channel (or thread, or DM channel) the answer was posted in. */
  channelId: string;
  createdAt: number;
}

/** A message or thread that leads back to an answer: replying to it, or writing in it, is a follow-up. */
export type AnswerLink = { kind: 'message'; messageId: string } | { kind: 'thread'; threadId: string };

/** How every backend keys a link: a message id and a thread id never collide. */
export function linkKey(link: AnswerLink): [kind: string, key: string] {
  return link.kind === 'message' ? ['message', link.messageId] : ['thread', link.threadId];
}

/** Rate-limit events older than this are always gone after a prune, whatever window asked for them. */
export const RATE_EVENTS_KEPT_MS = 24 * 3_600_000;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export type Vote = 'up' | 'down';

export interface FeedbackVote {
  answerId: string;
  userHash: string;
  vote: Vote;
  question: string;
  filter: SearchFilter | undefined;
  quotes: QuoteRef[];
  at: number;
}

export type QuestionKind = 'ask' | 'dm' | 'follow-up';

/** One question answered (or refused), for /stats; the question's words are not kept. */
export interface QuestionEvent {
  at: number;
  kind: QuestionKind;
  answered: boolean;
  quotes: Pick<QuoteRef, 'articleId' | 'source' | 'title'>[];
}

export interface DayCount {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  questions: number;
  refused: number;
}

export interface DocumentCount {
  source: string;
  title: string;
  quotes: number;
}

export interface FeedbackStats {
  /** Counted from `since`. */
  since: number;
  questions: number;
  refused: number;
  /** One entry per UTC day that had questions, oldest first. */
  perDay: DayCount[];
  up: number;
  down: number;
  topDocuments: DocumentCount[];
  /** The latest 👎, newest first. */
  latestDown: FeedbackVote[];
}

export interface StatsQuery {
  since: number;
  topDocuments: number;
  latestDown: number;
}

export interface StateStore {
  /** Which backend, for logs (`sqlite:/path`, `postgres`). */
  readonly description: string;
  /** A stable pseudonym for a person: a keyed hash whose key never leaves the store. */
  hashUser(userId: string): string;

  /** Keeps an answer until it expires (the store's answer lifetime); saving an id again replaces it. */
  saveAnswer(answerId: string, record: AnswerRecord): Promise<void>;
  /** The answer, or null when unknown or expired. */
  getAnswer(answerId: string): Promise<AnswerRecord | null>;
  /** Points a message or thread at an answer (a thread points at its latest answer); expires with it. */
  linkAnswer(link: AnswerLink, answerId: string): Promise<void>;
  /** The answer a message or thread leads to, or null. */
  findLinkedAnswer(link: AnswerLink): Promise<{ answerId: string; record: AnswerRecord } | null>;

  /** Counts one action for `key` when fewer than `limit` happened in the last `windowMs`. */
  takeRateToken(key: string, limit: number, windowMs: number): Promise<RateDecision>;

  /** Records or changes one person's vote on an answer; returns the vote it replaced, if any. */
  recordVote(vote: FeedbackVote): Promise<Vote | null>;
  logQuestion(event: QuestionEvent): Promise<void>;
  stats(query: StatsQuery): Promise<FeedbackStats>;
  /** Every vote, oldest first. */
  exportVotes(): AsyncIterable<FeedbackVote>;

  /** Appends to the audit log of corpus changes (add, remove, correct, reindex), refusals included. */
  recordAudit(entry: AuditEntry): Promise<void>;
  /** Every audit entry, oldest first. */
  listAudit(): Promise<AuditEntry[]>;

  /** Deletes expired answers, links and old rate-limit events; returns how many rows went. */
  prune(): Promise<number>;
  close(): Promise<void>;
}

/** A vote as both backends store it: the filter and the quotes as JSON text. */
export interface StoredVote {
  answer_id: string;
  user_hash: string;
  vote: Vote;
  question: string;
  filter: string | null;
  quotes: string;
  at: number;
}

export function voteFromRow(row: StoredVote): FeedbackVote {
  return {
    answerId: row.answer_id,
    userHash: row.user_hash,
    vote: row.vote,
    question: row.question,
    filter: row.filter === null ? undefined : JSON.parse(row.filter),
    quotes: JSON.parse(row.quotes),
    at: row.at,
  };
}

/** The audit log kept in the state store, behind the AuditLog interface the commands use. */
export function auditLogOf(state: Pick<StateStore, 'recordAudit' | 'listAudit'>): AuditLog {
  return { record: (entry) => state.recordAudit(entry), list: () => state.listAudit() };
}

/** A state database this version cannot use (newer schema, unreadable file); the message says what to do. */
export class StateStoreError extends ExplainedError {
  override name = 'StateStoreError';
}
