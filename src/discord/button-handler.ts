import { MessageFlags, type ButtonInteraction, type ModalSubmitInteraction } from 'discord.js';
import { buildAnswerButtons } from './answer-buttons.js';
import { admitQuestion, answerInTurn, checkLookupRate, checkQuestionRate } from './admission.js';
import { composeAnswer, findAnswer, linkAnswerMessages } from './answer-flow.js';
import { CORRECTION_FORM_PREFIX, decodeButton, type ButtonAction } from './button-ids.js';
import type { BotContext } from './context.js';
import { applyCorrectionForm, openCorrectionForm } from './correct-document.js';
import { UserError } from './errors.js';
import { formatContext, formatQuestionTitle } from './format-answer.js';
import { NO_MENTIONS, sendFollowUps } from './reply.js';
import { formatSourcesPage } from './sources-pages.js';
import { recordVoteClick } from './votes.js';

/** A name for the log line of a button press. */
export function describeButton(customId: string): string {
  const action = decodeButton(customId);
  return action ? `button:${action.kind}` : 'button:unknown';
}

async function showMoreQuotes(interaction: ButtonInteraction, ctx: BotContext, answerId: string): Promise<void> {
  const record = await findAnswer(ctx, answerId, { userId: interaction.user.id, channelId: interaction.channelId });
  await checkQuestionRate(ctx, interaction.user.id);
  const place = admitQuestion(ctx);
  let composed;
  try {
    // deferUpdate keeps the clicked answer as it is; the new quotes come as follow-ups below it.
    await interaction.deferUpdate();
    composed = await answerInTurn(place, () =>
      composeAnswer(ctx, {
        question: record.question,
        resolved: { filter: record.filter, ...(record.documentTitle ? { documentTitle: record.documentTitle } : {}) },
        shown: record.shown,
        askerId: interaction.user.id,
        channelId: interaction.channelId,
        kind: null,
        firstNumber: record.firstNumber + record.quotes.length,
        heading: formatQuestionTitle(record.question, 'More on '),
      }),
    );
  } finally {
    place.release();
  }
  // The new message carries its own "More quotes" (if any are left); take it off the clicked one.
  await interaction.editReply({ components: buildAnswerButtons({ answerId, quotes: record.quotes, firstNumber: record.firstNumber, offerMore: false, cited: record.cited }) });
  if (!composed.answerId) throw new UserError('There are no more quotes for this question.', 'invalid');
  const sent = await sendFollowUps(interaction, composed.parts);
  const inThread = interaction.channel?.isThread() ? await ctx.state.findLinkedAnswer({ kind: 'thread', threadId: interaction.channelId }) : null;
  await linkAnswerMessages(ctx, composed.answerId, sent, inThread ? interaction.channelId : null);
}

async function showContext(interaction: ButtonInteraction, ctx: BotContext, answerId: string, index: number): Promise<void> {
  const record = await findAnswer(ctx, answerId, { userId: interaction.user.id, channelId: interaction.channelId });
  const quote = record.quotes[index];
  await checkLookupRate(ctx, interaction.user.id);
  if (!quote) throw new UserError('That quote is no longer available; ask again.', 'expired');
  const paragraph = ctx.engine.context(quote);
  if (paragraph === null) {
    throw new UserError('That article changed (or was removed) since this answer, so I cannot show its context; ask again.', 'expired');
  }
  await interaction.reply({ embeds: [formatContext(quote, paragraph)], flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
}

async function showSourcesPage(interaction: ButtonInteraction, ctx: BotContext, page: number): Promise<void> {
  checkLookupRate(ctx, interaction.user.id);
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
    case 'vote':
      return recordVoteClick(interaction, ctx, action.answerId, action.vote);
    case 'sources':
      return showSourcesPage(interaction, ctx, action.page);
    case 'fix':
      return openCorrectionForm(interaction, ctx, action.documentKey);
  }
}

/** The forms the bot shows (only "Correct details" for now). */
export async function handleModal(interaction: ModalSubmitInteraction, ctx: BotContext): Promise<void> {
  if (!interaction.customId.startsWith(CORRECTION_FORM_PREFIX)) throw new UserError('This form belongs to an older version of me.', 'expired');
  await applyCorrectionForm(interaction, ctx, interaction.customId.slice(CORRECTION_FORM_PREFIX.length));
}
