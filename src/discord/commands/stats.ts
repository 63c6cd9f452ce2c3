import { MessageFlags, PermissionFlagsBits, SlashCommandBuilder, type APIEmbedField } from 'discord.js';
import { describeStats } from '../../index.js';
import type { BotCommand } from '../command.js';
import { ANSWER_COLOR } from '../format-answer.js';
import { MAX_EMBED_FIELD_VALUE_LENGTH } from '../limits.js';
import { escapeText } from '../markdown.js';
import { UserError } from '../errors.js';
import { actorOf, canChangeCorpus } from '../permissions.js';
import { NO_MENTIONS } from '../reply.js';

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;

/** Whole lines that fit in an embed field; `fromEnd` keeps the latest ones (the days list is oldest first). */
export function fitLines(lines: readonly string[], max = MAX_EMBED_FIELD_VALUE_LENGTH, fromEnd = false): string {
  const ordered = fromEnd ? [...lines].reverse() : [...lines];
  const kept: string[] = [];
  let length = 0;
  for (const line of ordered) {
    const room = max - length - (kept.length > 0 ? 1 : 0);
    if (line.length > room) break;
    kept.push(line);
    length += line.length + (kept.length > 1 ? 1 : 0);
  }
  if (kept.length === 0) return (ordered[0] ?? '–').slice(0, max);
  return (fromEnd ? kept.reverse() : kept).join('\n');
}

export const stats: BotCommand = {
  data: new SlashCommandBuilder()
    .setName('stats')
    .setDescription('Questions, refusals and 👍/👎 feedback (bot owners and admins only).')
    .addIntegerOption((option) => option.setName('days').setDescription(`How many days back (default ${DEFAULT_DAYS})`).setMinValue(1).setMaxValue(3650))
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild),

  async execute(interaction, ctx) {
    // The same people who may change the documents: owners, and managers of the admin servers.
    if (!canChangeCorpus(actorOf(interaction), ctx.config)) throw new UserError("Sorry, only the bot's owners and the managers of its admin servers can see the statistics.", 'refused');
    const days = interaction.options.getInteger('days') ?? DEFAULT_DAYS;
    const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    const report = await ctx.state.stats({ since: today - (days - 1) * DAY_MS, topDocuments: 5, latestDown: 5 });
    const sections = describeStats(report, escapeText);
    const [summary = '', ...perDay] = sections.questions;
    const fields: APIEmbedField[] = [
      { name: 'Questions per day', value: fitLines(perDay.length > 0 ? perDay : ['No questions.'], MAX_EMBED_FIELD_VALUE_LENGTH, true) },
      { name: 'Feedback', value: fitLines(sections.votes) },
      { name: 'Most quoted documents', value: fitLines(sections.topDocuments) },
      { name: 'Latest 👎', value: fitLines(sections.latestDown) },
    ];
    await interaction.reply({
      embeds: [{ color: ANSWER_COLOR, title: `Last ${days} day${days === 1 ? '' : 's'}`, description: summary, fields }],
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
  },
};
