import type { Config } from '../config/config.js';
import type { QuoteEngine, Quote, ReindexSummary, SearchFilter } from '../domain.js';
import type { Logger } from '../log.js';
import type { ExpiringCache } from './expiring-cache.js';
import type { RateLimiter } from './rate-limiter.js';

/** What one answer message needs to serve its buttons later ("More quotes", "Context n"). */
export interface AnswerState {
  question: string;
  filter: SearchFilter | undefined;
  documentTitle: string | undefined;
  quotes: Quote[];
  /** The number shown next to the first quote. */
  firstNumber: number;
  /** Whether a written summary above the quotes cites them by number (so they stay numbered). */
  cited: boolean;
  /** Where "More quotes" continues: how many of the best quotes were shown so far. */
  nextOffset: number;
}

/** Everything a handler may use; one per bot, so two bots in one process share nothing. */
export interface BotContext {
  config: Config;
  engine: QuoteEngine;
  rebuild: () => Promise<ReindexSummary>;
  logger: Logger;
  answers: ExpiringCache<AnswerState>;
  questionLimiter: RateLimiter;
  reindex: { running: boolean };
}
