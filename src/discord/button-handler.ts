import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { buildAnswerButtons, checkQuestionRate, composeAnswer } from './answer-flow.js';
import { decodeButton, type ButtonAction } from './button-ids.js';
import type { AnswerState, BotContext } from './context.js';
import { UserError } from './errors.js';
import { formatContext } from './format-answer.js';
import { NO_MENTIONS, sendFollowUps } from './reply.js';
import { formatSourcesPage } from './sources-pages.js';

/** A name for the log line of a button press. */
export function describeButton(customId: string): string {
  const action = decodeButton(customId);
  return action ? `button:${action.kind}` : 'button:unknown';
}

function findAnswer(ctx: BotContext, answerId: string): AnswerState {
  const state = ctx.answers.get(answerId);
  if (!state) throw new UserError('This answer has expired; ask again with `/ask` (or a new DM).', 'expired');
  return state;
}

async function showMoreQuotes(interaction: ButtonInteraction, ctx: BotContext, answerId: string): Promise<void> {
  const state = findAnswer(ctx, answerId);
  checkQuestionRate(ctx, interaction.user.id);
  // deferUpdate keeps the clicked answer as it is; the new quotes come as follow-ups below it.
  await interaction.deferUpdate();
  const parts = await composeAnswer(ctx, state.question, { filter: state.filter, documentTitle: state.documentTitle }, {
    offset: state.nextOffset,
    firstNumber: state.firstNumber + state.quotes.length,
  });
  // The new message carries its own "More quotes" (if any are left); take it off the clicked one.
  await interaction.editReply({ components: buildAnswerButtons(answerId, state.quotes.length, state.firstNumber, false, state.cited) });
  if (!parts) throw new UserError('There are no more quotes for this question.', 'invalid');
  await sendFollowUps(interaction, parts);
}

async function showContext(interaction: ButtonInteraction, ctx: BotContext, answerId: string, index: number): Promise<void> {
  const state = findAnswer(ctx, answerId);
  const quote = state.quotes[index];
  if (!quote) throw new UserError('That quote is no longer available; ask again.', 'expired');
  const paragraph = ctx.engine.context(quote);
  if (paragraph === null) {
    throw new UserError('That document is no longer in the index (it changed since this answer); ask again.', 'expired');
  }
  await interaction.reply({ embeds: [formatContext(quote, paragraph)], flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
}

async function showSourcesPage(interaction: ButtonInteraction, ctx: BotContext, page: number): Promise<void> {
  const { embeds = [], components = [], content } = formatSourcesPage(ctx.engine.listArticles(), page);
  await interaction.update({ content: content ?? null, embeds, components, allowedMentions: NO_MENTIONS });
}

export async function handleButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const action: ButtonAction | null = decodeButton(interaction.customId);
  if (!action) throw new UserError('This button belongs to an older version of me; ask again.', 'expired');
  switch (action.kind) {
    case 'more':
      return showMoreQuotes(interaction, ctx, action.answerId);
    case 'context':
      return showContext(interaction, ctx, action.answerId, action.index);
    case 'sources':
      return showSourcesPage(interaction, ctx, action.page);
  }
}
