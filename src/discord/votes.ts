import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { quoteRef, type Vote } from '../index.js';
import type { BotContext } from './context.js';
import { findAnswer } from './answer-flow.js';
import { NO_MENTIONS } from './reply.js';

const EMOJI: Record<Vote, string> = { up: '👍', down: '👎' };

/** What the voter sees (only them): thanks, a changed vote, or the same vote again. */
export function describeVote(vote: Vote, previous: Vote | null): string {
  if (previous === vote) return `You already gave this answer ${EMOJI[vote]}.`;
  if (previous) return `Changed your vote to ${EMOJI[vote]}.`;
  return `Thanks for the ${EMOJI[vote]}! You can change it with the other button.`;
}

/** One vote per person per answer, changeable; kept with the question and the quotes it judges. */
export async function recordVoteClick(interaction: ButtonInteraction, ctx: BotContext, answerId: string, vote: Vote): Promise<void> {
  const record = await findAnswer(ctx, answerId);
  const previous = await ctx.state.recordVote({
    answerId,
    userHash: ctx.state.hashUser(interaction.user.id),
    vote,
    question: record.question,
    filter: record.filter,
    quotes: record.quotes.map(quoteRef),
    at: Date.now(),
  });
  ctx.logger.info({ event: 'vote', answerId, vote, changed: previous !== null && previous !== vote });
  await interaction.reply({ content: describeVote(vote, previous), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
}
