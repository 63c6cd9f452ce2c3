import { randomBytes } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Message } from 'discord.js';
import { answerWithoutRepeats, quoteRef, type AnswerRecord, type QuestionKind, type QuoteRef } from '../index.js';
import { buildAnswerButtons } from './answer-buttons.js';
import type { BotContext } from './context.js';
import type { ResolvedFilter } from './corpus-filter.js';
import { UserError } from './errors.js';
import { formatAnswer, formatNoAnswer, formatNothingMore } from './format-answer.js';
import type { ReplyPart } from './reply.js';

/** Short, unguessable enough id of an answer's state; fits many times in a custom id. */
function newAnswerId(): string {
  return randomBytes(6).toString('base64url');
}

/** A conversation remembers this many of its latest quotes, so a long one does not grow without end. */
const MAX_SHOWN_QUOTES = 60;

/**
 * The stored answer behind a button; a UserError once it has expired (BUTTON_TTL_HOURS). With
 * `asker`, only for the person who asked and in the channel it was asked in (button ids can be
 * copied); votes are open to everyone who sees the answer.
 */
export async function findAnswer(ctx: BotContext, answerId: string, asker?: { userId: string; channelId: string }): Promise<AnswerRecord> {
  const record = await ctx.state.getAnswer(answerId);
  if (!record) throw new UserError('This answer has expired; ask again with `/ask` (or a new DM).', 'expired');
  if (asker && record.askerHash !== ctx.state.hashUser(asker.userId)) {
    throw new UserError("These buttons belong to someone else's question; ask your own with `/ask`.", 'refused');
  }
  if (asker && record.channelId !== asker.channelId) {
    throw new UserError('These buttons belong to a question asked in another channel; ask again here with `/ask`.', 'refused');
  }
  return record;
}

export interface AnswerRequest {
  question: string;
  resolved: ResolvedFilter;
  /** Quotes already shown in this conversation: never shown again. */
  shown: readonly QuoteRef[];
  askerId: string;
  channelId: string;
  /** What kind of question it is, for /stats; null for "More quotes" (the same question). */
  kind: QuestionKind | null;
  /** The number shown next to the first quote ("More quotes" continues counting). */
  firstNumber: number;
  /** Heading above the quotes; default the question. */
  heading?: string;
}

export interface ComposedAnswer {
  parts: ReplyPart[];
  /** Null when there was nothing to quote (no buttons, nothing to follow up). */
  answerId: string | null;
}

/**
 * Asks the engine for quotes not shown before in the conversation and lays out the reply: the
 * quotes in embeds split within Discord's limits, the buttons under the last part. The answer is
 * stored (its buttons and follow-ups work after a restart) and counted for /stats.
 */
export async function composeAnswer(ctx: BotContext, request: AnswerRequest): Promise<ComposedAnswer> {
  const limit = ctx.config.ANSWER_QUOTES;
  const { filter, documentTitle } = request.resolved;
  const { answer, skipped } = await answerWithoutRepeats(ctx.engine, request.question, { limit, filter }, request.shown);
  // Laying out the reply is a turn of its own: acknowledgements waiting meanwhile go first.
  await nextTurn();
  if (request.kind) await ctx.state.logQuestion({ at: Date.now(), kind: request.kind, answered: answer.answered, quotes: answer.quotes.map(quoteRef) });
  if (!answer.answered) {
    const content =
      skipped > 0 ? formatNothingMore(request.question, filter, documentTitle) : formatNoAnswer(request.question, filter, documentTitle, answer.notes);
    return { parts: [{ content }], answerId: null };
  }
  // A catalogue answer ("which articles ...") may list articles without quoting any: nothing to page or vote on.
  if (answer.quotes.length === 0) return { parts: formatAnswer(answer), answerId: null };
  const answerId = newAnswerId();
  const record: AnswerRecord = {
    question: request.question,
    filter,
    documentTitle,
    quotes: answer.quotes,
    firstNumber: request.firstNumber,
    cited: answer.summary !== undefined,
    shown: [...request.shown, ...answer.quotes.map(quoteRef)].slice(-MAX_SHOWN_QUOTES),
    askerHash: ctx.state.hashUser(request.askerId),
    channelId: request.channelId,
    createdAt: Date.now(),
  };
  await ctx.state.saveAnswer(answerId, record);
  const parts: ReplyPart[] = formatAnswer(answer, { firstNumber: request.firstNumber, ...(request.heading ? { heading: request.heading } : {}) });
  // Fewer quotes than asked for means the engine has nothing further.
  const offerMore = answer.quotes.length >= limit;
  parts[parts.length - 1]!.components = buildAnswerButtons({ answerId, quotes: answer.quotes, firstNumber: request.firstNumber, offerMore, cited: record.cited });
  return { parts, answerId };
}

/**
 * Remembers which messages carry an answer (a reply to any of them is a follow-up) and, when it
 * was posted in a thread the bot opened, that the thread continues from it.
 */
export async function linkAnswerMessages(ctx: BotContext, answerId: string | null, messages: readonly Message[], threadId: string | null = null): Promise<void> {
  if (!answerId) return;
  for (const message of messages) await ctx.state.linkAnswer({ kind: 'message', messageId: message.id }, answerId);
  if (threadId) await ctx.state.linkAnswer({ kind: 'thread', threadId }, answerId);
}
