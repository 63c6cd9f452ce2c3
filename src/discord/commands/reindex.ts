import { MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { CorpusFolderError, describeReindexForAudit, IndexBusyError, IndexShrinkError, type ReindexSummary } from '../../index.js';
import type { BotCommand } from '../command.js';
import { auditedCorpusChange } from '../corpus-changes.js';
import { UserError } from '../errors.js';
import { MAX_MESSAGE_LENGTH } from '../limits.js';
import { NO_MENTIONS } from '../reply.js';
import { truncateAtWord } from '../truncate.js';

/** What to do about a failed rebuild, as the manager who asked can act on it (details stay in the log). */
export function reindexFailureAdvice(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'The disk holding the index is full: free some space, then run `/reindex` again.';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'The bot may not write to its index folder (INDEX_DIR): fix its permissions, then run `/reindex` again.';
  if (error instanceof CorpusFolderError) return `The documents folder cannot be read: ${error.message}.`;
  if (error instanceof IndexBusyError) return 'Another reindex (e.g. `npm run reindex` on the server) is running: try again when it is done.';
  if (error instanceof IndexShrinkError) return error.message;
  return 'The bot log has the details; fix the cause and run `/reindex` again.';
}

export function describeReindexFailure(error: unknown): string {
  return `The reindex failed, so I keep answering from the previous index. ${reindexFailureAdvice(error)}`;
}

export function formatReindexSummary(summary: ReindexSummary): string {
  const lines = [
    `Reindex done in ${summary.seconds.toFixed(1)} s: ${summary.files} files, ${summary.articles} articles, ` +
      `${summary.passages} passages (${summary.reusedPassages} reused unchanged). New questions use the new index.`,
  ];
  const skipped = summary.problems.filter((problem) => !problem.indexed);
  const partly = summary.problems.filter((problem) => problem.indexed);
  if (skipped.length > 0) {
    lines.push(`${skipped.length} file${skipped.length === 1 ? ' was' : 's were'} skipped:`);
    for (const problem of skipped) lines.push(`• ${problem.source}: ${problem.message}`);
  }
  if (partly.length > 0) {
    lines.push(`${partly.length} file${partly.length === 1 ? ' was' : 's were'} indexed with a note:`);
    for (const problem of partly) lines.push(`• ${problem.source}: ${problem.message}`);
  }
  return truncateAtWord(lines.join('\n'), MAX_MESSAGE_LENGTH);
}

export const reindex: BotCommand = {
  data: new SlashCommandBuilder()
    .setName('reindex')
    .setDescription("Rebuild the index after the documents changed (bot owners and admin servers' managers).")
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild),

  async execute(interaction, ctx) {
    const summary = await auditedCorpusChange(
      ctx,
      interaction,
      'reindex',
      async () => {
        if (ctx.corpus.busy) {
          throw new UserError('A reindex (or another change to the documents) is already running. I keep answering from the current index until it is done.', 'busy');
        }
        return ctx.corpus.run(async () => {
          await interaction.deferReply({ flags: MessageFlags.Ephemeral });
          try {
            return await ctx.rebuild();
          } catch (error) {
            ctx.logger.error({ event: 'reindex_failed', userId: interaction.user.id, err: error }, 'reindex failed');
            throw new UserError(describeReindexFailure(error), 'failed');
          }
        });
      },
      describeReindexForAudit,
    );
    ctx.logger.info({ event: 'reindex', userId: interaction.user.id, ...summary, problems: summary.problems.length, changes: undefined }, 'reindex done');
    await interaction.editReply({ content: formatReindexSummary(summary), allowedMentions: NO_MENTIONS });
  },
};
