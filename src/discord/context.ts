import type { AuditLog, Config, HidingEngine, Logger, ReindexSummary, StateStore } from '../index.js';
import type { CorpusChanges } from './corpus-changes.js';
import type { WorkQueue } from './work-queue.js';

/** Everything a handler may use; one per bot, so two bots in one process share nothing. */
export interface BotContext {
  config: Config;
  /** The engine, leaving out documents being removed. */
  engine: HidingEngine;
  rebuild: () => Promise<ReindexSummary>;
  logger: Logger;
  /** Answers behind buttons and follow-ups, rate-limit windows, feedback and the audit log; survives a restart. */
  state: StateStore;
  /** Where corpus-changing commands are recorded (who, where, when, what changed); kept in `state`. */
  auditLog: AuditLog;
  /** Corpus changes (add, remove, correct, reindex), one at a time. */
  corpus: CorpusChanges;
  /** Bounds the answers worked on at once and waiting (admission.ts). */
  answerQueue: WorkQueue;
}
