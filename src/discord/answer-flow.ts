import { randomBytes } from 'node:crypto';
import type { ResolvedFilter } from './corpus-filter.js';
import type { AnswerState, BotContext } from './context.js';
import { UserError } from './errors.js';
import { formatAnswer, formatNoAnswer, formatQuestionTitle } from './format-answer.js';
import { buildAnswerButtons } from './answer-buttons.js';
import type { ReplyPart } from './reply.js';

/** Short, unguessable enough id of an answer's state; fits many times in a custom id. */
function newAnswerId(): string {
  return randomBytes(6).toString('base64url');
}

/** Refuses politely when this user asked more than the configured number of questions in a minute. */
export function checkQuestionRate(ctx: BotContext, userId: string): void {
  const decision = ctx.questionLimiter.take(userId);
  if (!decision.allowed) {
    const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    throw new UserError(
      `You're asking faster than I can keep up with (${ctx.config.RATE_LIMIT_PER_MINUTE} questions a minute). Slow down, try again in ${seconds} s.`,
      'rate_limited',
    );
  }
}

/** Where a "More quotes" page continues an earlier answer. */
interface AnswerPage {
  offset: number;
  firstNumber: number;
}

/**
 * Asks the engine and lays out the reply: the quotes in embeds split within Discord's limits,
 * with the buttons under the last part. `page` continues an earlier answer ("More quotes"); only
 * then may it return null (nothing more to show): a first answer always has a reply.
 */
export async function composeAnswer(ctx: BotContext, question: string, resolved: ResolvedFilter): Promise<ReplyPart[]>;
export async function composeAnswer(ctx: BotContext, question: string, resolved: ResolvedFilter, page: AnswerPage): Promise<ReplyPart[] | null>;
export async function composeAnswer(
  ctx: BotContext,
  question: string,
  resolved: ResolvedFilter,
  page?: AnswerPage,
): Promise<ReplyPart[] | null> {
  const limit = ctx.config.ANSWER_QUOTES;
  const offset = page?.offset ?? 0;
  const answer = await ctx.engine.answer(question, { limit, offset, ...(resolved.filter ? { filter: resolved.filter } : {}) });
  if (!answer.answered || answer.quotes.length === 0) {
    return page ? null : [{ content: formatNoAnswer(question, resolved.filter, resolved.documentTitle) }];
  }
  const firstNumber = page?.firstNumber ?? 1;
  const state: AnswerState = {
    question,
    filter: resolved.filter,
    documentTitle: resolved.documentTitle,
    quotes: answer.quotes,
    firstNumber,
    nextOffset: offset + answer.quotes.length,
  };
  const answerId = newAnswerId();
  ctx.answers.set(answerId, state);
  const heading = page ? formatQuestionTitle(question, 'More on ') : undefined;
  const parts: ReplyPart[] = formatAnswer(answer, { firstNumber, ...(heading ? { heading } : {}) });
  // Fewer quotes than asked for means the engine has nothing further.
  const offerMore = answer.quotes.length >= limit;
  const last = parts[parts.length - 1]!;
  last.components = buildAnswerButtons(answerId, answer.quotes.length, firstNumber, offerMore);
  return parts;
}
