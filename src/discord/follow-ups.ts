import type { Message } from 'discord.js';
import { planFollowUp, type AnswerRecord } from '../index.js';
import { admitQuestion, answerInTurn, checkQuestionRate } from './admission.js';
import { composeAnswer, linkAnswerMessages } from './answer-flow.js';
import type { BotContext } from './context.js';
import { resolveTypedFilter, type ResolvedFilter } from './corpus-filter.js';
import { parseDirectMessage } from './direct-message-parser.js';
import { formatQuestionTitle } from './format-answer.js';
import { keepTyping } from './direct-message-handler.js';
import { sendMessageReply } from './reply.js';

/**
 * Follow-ups: a reply to one of the bot's answers (in a channel, a thread or a DM), or any message
 * in a thread the bot opened for an answer, continues that conversation.
 */

export interface FollowedAnswer {
  answerId: string;
  record: AnswerRecord;
  /** Set when the message is in a thread the bot opened: its next answer becomes the thread's latest. */
  threadId: string | null;
}

/** The answer a message follows up, or null when it follows none the bot still remembers. */
export async function findFollowedAnswer(message: Message, ctx: BotContext): Promise<FollowedAnswer | null> {
  const thread = message.channel.isThread() ? await ctx.state.findLinkedAnswer({ kind: 'thread', threadId: message.channelId }) : null;
  const repliedTo = message.reference?.messageId;
  const replied = repliedTo ? await ctx.state.findLinkedAnswer({ kind: 'message', messageId: repliedTo }) : null;
  const followed = replied ?? thread;
  return followed ? { ...followed, threadId: thread ? message.channelId : null } : null;
}

/** The message's words without the bot's own mention (a reply in a server may start with it). */
export function withoutBotMention(content: string, botId: string): string {
  return content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ').trim();
}

/** The document title a filter names, for "nothing found in *Title*" replies. */
function describeFilter(ctx: BotContext, filter: ResolvedFilter['filter']): ResolvedFilter {
  const documentId = filter?.document;
  const title = documentId ? ctx.engine.listArticles().find((article) => article.id === documentId)?.title : undefined;
  return { filter, ...(title ? { documentTitle: title } : {}) };
}

/** Answers a follow-up as a reply to it: in the light of the earlier answer, or as a new question when it changes topic. */
export async function answerFollowUp(message: Message, ctx: BotContext, followed: FollowedAnswer): Promise<void> {
  const text = withoutBotMention(message.content, message.client.user.id);
  const parsed = parseDirectMessage(text);
  // A bare reply (or one holding only the bot's mention) asks for more of the same.
  const typed = parsed.ok ? parsed.value.question : 'more';
  await checkQuestionRate(ctx, message.author.id);
  const { record } = followed;
  const plan = planFollowUp(typed, { question: record.question, filter: record.filter, quotes: record.quotes });
  const explicit = parsed.ok ? resolveTypedFilter(ctx.engine.listArticles(), { author: parsed.value.author ?? null, document: parsed.value.document ?? null }) : null;
  const resolved = explicit?.filter ? explicit : describeFilter(ctx, plan.filter);
  const place = admitQuestion(ctx);
  try {
    const composed = await keepTyping(message, () =>
      answerInTurn(place, () =>
        composeAnswer(ctx, {
          question: plan.question,
          resolved,
          shown: plan.continues ? record.shown : [],
          askerId: message.author.id,
          channelId: message.channelId,
          kind: 'follow-up',
          firstNumber: 1,
          heading: formatQuestionTitle(typed),
        }),
      ),
    );
    const sent = await sendMessageReply(message, composed.parts);
    await linkAnswerMessages(ctx, composed.answerId, sent, followed.threadId);
  } finally {
    place.release();
  }
}
