import { SlashCommandBuilder } from 'discord.js';
import type { BotCommand } from '../command.js';
import { admitQuestion, answerInTurn, checkQuestionRate, mayLookUp } from '../admission.js';
import { composeAnswer, linkAnswerMessages } from '../answer-flow.js';
import { openAnswerThread } from '../answer-thread.js';
import { resolveTypedFilter, suggestAuthors, suggestDocuments } from '../corpus-filter.js';
import { UserError } from '../errors.js';
import { sendFollowUps, sendInteractionReply, sendToChannel } from '../reply.js';

export const ask: BotCommand = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask a question; I answer with verbatim quotes from the documents.')
    .addStringOption((option) =>
      option.setName('question').setDescription('What you want to know').setRequired(true).setMaxLength(1000),
    )
    .addStringOption((option) =>
      option.setName('author').setDescription('Only quote this author').setAutocomplete(true).setMaxLength(200),
    )
    .addStringOption((option) =>
      option.setName('document').setDescription('Only quote this document').setAutocomplete(true).setMaxLength(300),
    ),

  async execute(interaction, ctx) {
    const question = interaction.options.getString('question', true);
    if (question.trim() === '') {
      throw new UserError('Type your question after `question:`, e.g. `/ask question: What do the documents say about bridges?`', 'invalid');
    }
    // After the blank check: a usage hint costs nothing and should not use up one of the person's questions.
    await checkQuestionRate(ctx, interaction.user.id);
    const place = admitQuestion(ctx);
    try {
      // Acknowledged before any other work: Discord drops an interaction not acknowledged within 3 s.
      await interaction.deferReply();
      const resolved = resolveTypedFilter(ctx.engine.listArticles(), {
        author: interaction.options.getString('author'),
        document: interaction.options.getString('document'),
      });
      const composed = await answerInTurn(place, () =>
        composeAnswer(ctx, {
          question,
          resolved,
          shown: [],
          askerId: interaction.user.id,
          channelId: interaction.channelId,
          kind: 'ask',
          firstNumber: 1,
        }),
      );
      const [first, ...rest] = composed.parts;
      const [reply] = await sendInteractionReply(interaction, first ? [first] : []);
      // ASK_REPLY_IN=thread: the answer opens a thread where follow-ups need no reply.
      const thread = reply && composed.answerId && ctx.config.ASK_REPLY_IN === 'thread' ? await openAnswerThread(ctx, reply, question) : null;
      const others = thread ? await sendToChannel(thread, rest) : await sendFollowUps(interaction, rest);
      await linkAnswerMessages(ctx, composed.answerId, [...(reply ? [reply] : []), ...others], thread?.id ?? null);
    } finally {
      place.release();
    }
  },

  async autocomplete(interaction, ctx) {
    if (!(await mayLookUp(ctx, interaction.user.id))) {
      await interaction.respond([]);
      return;
    }
    const focused = interaction.options.getFocused(true);
    const articles = ctx.engine.listArticles();
    const choices = focused.name === 'author' ? suggestAuthors(articles, focused.value) : suggestDocuments(articles, focused.value);
    await interaction.respond(choices);
  },
};
