import { SlashCommandBuilder } from 'discord.js';
import { checkLookupRate } from '../admission.js';
import type { BotCommand } from '../command.js';
import { sendInteractionReply } from '../reply.js';
import { formatSourcesPage } from '../sources-pages.js';

export const sources: BotCommand = {
  data: new SlashCommandBuilder().setName('sources').setDescription('List the documents I quote from, with author and date.'),

  async execute(interaction, ctx) {
    await checkLookupRate(ctx, interaction.user.id);
    await sendInteractionReply(interaction, [formatSourcesPage(ctx.engine.listArticles(), 0)]);
  },
};
