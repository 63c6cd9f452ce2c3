import { MessageFlags, SlashCommandBuilder, type APIEmbed } from 'discord.js';
import { checkLookupRate } from '../admission.js';
import type { BotCommand } from '../command.js';
import { ANSWER_COLOR } from '../format-answer.js';
import { NO_MENTIONS } from '../reply.js';

/** What the bot does and how to ask it; shown by /help and to a DM that says "help". */
export function buildHelpEmbed(): APIEmbed {
  return {
    color: ANSWER_COLOR,
    title: 'How to ask me',
    description: [
      'I answer questions about a set of documents with **verbatim quotes**, each naming its author, document and date. I never paraphrase.',
      '',
      '**In a server:** `/ask question:` your question. Optional `author:` and `document:` narrow it down; start typing and pick from the suggestions.',
      '**In a direct message:** just send your question. To narrow it down, start with `author: Name` or `document: Title`, ended by a new line or `;`, e.g. `author: Jane Doe; what does she say about bridges?`',
      '',
      '**Follow-ups:** write in the thread under an answer, or reply to an answer, e.g. `what else did she say?`, `and in 2018?` or `more`. I keep the earlier question in mind and never repeat a quote.',
      '',
      'Under an answer, **More quotes** shows the next best quotes, **👍**/**👎** tell the bot owners how it did, **Context** shows the paragraph around a quote (only to you) and **Source** opens the quoted words on the original page.',
      "`/sources` lists the documents. The bot's owners and admins can `/add` and `/remove` documents, see `/stats` and `/reindex`.",
    ].join('\n'),
  };
}

export const help: BotCommand = {
  data: new SlashCommandBuilder().setName('help').setDescription('What I do and how to ask me.'),

  async execute(interaction, ctx) {
    await checkLookupRate(ctx, interaction.user.id);
    await interaction.reply({ embeds: [buildHelpEmbed()], flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
  },
};
