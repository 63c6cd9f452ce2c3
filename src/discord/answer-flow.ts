import { randomBytes } from 'node:crypto';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import { encodeButton } from './button-ids.js';
import type { ResolvedFilter } from './corpus-filter.js';
import type { AnswerState, BotContext } from './context.js';
import { UserError } from './errors.js';
import { formatAnswer, formatNoAnswer, formatQuestionTitle, numbersQuotes } from './format-answer.js';
import { MAX_ACTION_ROWS, MAX_BUTTONS_PER_ROW } from './limits.js';
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

/**
 * Buttons under an answer: "More quotes" (when more may exist), then one "Context n" per quote;
 * `cited` when a written summary cites the quotes by number.
 */
export function buildAnswerButtons(
  answerId: string,
  quoteCount: number,
  firstNumber: number,
  offerMore: boolean,
  cited = false,
): ActionRowBuilder<ButtonBuilder>[] {
  const buttons: ButtonBuilder[] = [];
  if (offerMore) {
    buttons.push(new ButtonBuilder().setCustomId(encodeButton({ kind: 'more', answerId })).setLabel('More quotes').setStyle(ButtonStyle.Primary));
  }
  const numbered = numbersQuotes(quoteCount, firstNumber, cited);
  const maxButtons = MAX_ACTION_ROWS * MAX_BUTTONS_PER_ROW;
  for (let index = 0; index < quoteCount && buttons.length < maxButtons; index += 1) {
    buttons.push(
      new ButtonBuilder()
        .setCustomId(encodeButton({ kind: 'context', answerId, index }))
        .setLabel(numbered ? `Context ${firstNumber + index}` : 'Context')
        .setStyle(ButtonStyle.Secondary),
    );
  }
  const rows: ActionRowBuilder<ButtonBuilder>[] = [];
  for (let start = 0; start < buttons.length; start += MAX_BUTTONS_PER_ROW) {
    rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(start, start + MAX_BUTTONS_PER_ROW)));
  }
  return rows;
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
    cited: answer.summary !== undefined,
    nextOffset: offset + answer.quotes.length,
  };
  const answerId = newAnswerId();
  ctx.answers.set(answerId, state);
  const heading = page ? formatQuestionTitle(question, 'More on ') : undefined;
  const parts: ReplyPart[] = formatAnswer(answer, { firstNumber, ...(heading ? { heading } : {}) });
  // Fewer quotes than asked for means the engine has nothing further.
  const offerMore = answer.quotes.length >= limit;
  const last = parts[parts.length - 1]!;
  last.components = buildAnswerButtons(answerId, answer.quotes.length, firstNumber, offerMore, state.cited);
  return parts;
}
