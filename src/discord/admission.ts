import type { BotContext } from './context.js';
import { UserError } from './errors.js';
import { QueueWaitTimeout, type Reservation } from './work-queue.js';

/**
 * Who gets in, before any work is done: each person's questions and lookups (help, sources,
 * autocomplete, context, DMs without a question) are rate-limited in the state store (so across
 * shards and restarts), and questions take a place in the bounded answer queue or are told the bot
 * is busy. Every check is a single indexed lookup, so the acknowledgement Discord wants within
 * 3 s never waits for them.
 */

const BUSY = "I'm busy answering a lot of questions right now; please try again in a minute.";
const MINUTE_MS = 60_000;

export interface RateOptions {
  /** A DM past the limit is answered once per window, then ignored (replying to a flood would amplify it). */
  silentWhenRepeated?: boolean;
}

async function checkRate(ctx: BotContext, key: string, limit: number, message: string, options: RateOptions): Promise<void> {
  const decision = await ctx.state.takeRateToken(key, limit, MINUTE_MS);
  if (decision.allowed) return;
  if (options.silentWhenRepeated) {
    // One notice per window: a second refusal in it is not answered.
    const notice = await ctx.state.takeRateToken(`notice:${key}`, 1, decision.retryAfterMs);
    if (!notice.allowed) throw new UserError('', 'ignored');
  }
  const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  throw new UserError(`${message} Slow down, try again in ${seconds} s.`, 'rate_limited');
}

/** Refuses politely when this person asked more than RATE_LIMIT_PER_MINUTE questions in a minute. */
export async function checkQuestionRate(ctx: BotContext, userId: string, options: RateOptions = {}): Promise<void> {
  const limit = ctx.config.RATE_LIMIT_PER_MINUTE;
  await checkRate(ctx, `question:${userId}`, limit, `You're asking faster than I can keep up with (${limit} questions a minute).`, options);
}

/** The same for lookups, with RATE_LIMIT_LOOKUPS_PER_MINUTE. */
export async function checkLookupRate(ctx: BotContext, userId: string, options: RateOptions = {}): Promise<void> {
  const limit = ctx.config.RATE_LIMIT_LOOKUPS_PER_MINUTE;
  await checkRate(ctx, `lookup:${userId}`, limit, `You're sending commands faster than I can keep up with (${limit} a minute).`, options);
}

/** Whether this person may have autocomplete suggestions now (past the limit they get none). */
export async function mayLookUp(ctx: BotContext, userId: string): Promise<boolean> {
  return (await ctx.state.takeRateToken(`lookup:${userId}`, ctx.config.RATE_LIMIT_LOOKUPS_PER_MINUTE, MINUTE_MS)).allowed;
}

/** A place in the answer queue, or a UserError telling the person the bot is busy. */
export function admitQuestion(ctx: BotContext): Reservation {
  const place = ctx.answerQueue.reserve();
  if (!place) throw new UserError(BUSY, 'busy');
  return place;
}

/** Runs an answer in its place; one that waited too long for its turn becomes "busy, try again". */
export async function answerInTurn<T>(place: Reservation, work: () => Promise<T>): Promise<T> {
  try {
    return await place.run(work);
  } catch (error) {
    if (error instanceof QueueWaitTimeout) throw new UserError(BUSY, 'busy');
    throw error;
  }
}
