import { ChannelType, ThreadAutoArchiveDuration, type Message, type ThreadChannel } from 'discord.js';
import type { BotContext } from './context.js';

/** Discord's limit on a thread name. */
const MAX_THREAD_NAME = 100;

export function threadName(question: string): string {
  const flat = question.replace(/\s+/g, ' ').trim();
  if (flat === '') return 'Follow-up questions';
  return flat.length <= MAX_THREAD_NAME ? flat : `${flat.slice(0, MAX_THREAD_NAME - 1).trimEnd()}…`;
}

/**
 * Opens a thread on an answer for its follow-ups (ASK_REPLY_IN=thread). Null, and the answer
 * stays a plain channel message, where a thread cannot be opened: in a DM, inside a thread, or
 * without the permission to create threads.
 */
export async function openAnswerThread(ctx: BotContext, answer: Message, question: string): Promise<ThreadChannel | null> {
  const channel = answer.channel;
  if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) return null;
  try {
    return await answer.startThread({ name: threadName(question), autoArchiveDuration: ThreadAutoArchiveDuration.OneDay });
  } catch (error) {
    ctx.logger.warn({ event: 'thread_failed', channelId: answer.channelId, err: error }, 'could not open a thread for an answer; answering in the channel');
    return null;
  }
}
