import { MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { ArticleSummary } from '../../domain.js';
import { removeDocumentFiles } from '../../uploads/document-files.js';
import type { BotCommand } from '../command.js';
import { auditCorpusChange } from '../corpus-changes.js';
import { normalizeForMatch, suggestDocuments } from '../corpus-filter.js';
import { UserError } from '../errors.js';
import { escapeText } from '../markdown.js';
import { requireBotAdmin } from '../permissions.js';
import { NO_MENTIONS } from '../reply.js';
import { describeReindexFailure } from './reindex.js';

/** The corpus file a typed value names: an article id (from autocomplete), a file name or a unique title. */
export function findSource(articles: readonly ArticleSummary[], typed: string): string {
  const value = typed.trim();
  const exact = articles.find((article) => article.id === value || article.source === value);
  if (exact) return exact.source;
  const wanted = normalizeForMatch(value);
  const sources = [...new Set(articles.filter((article) => normalizeForMatch(article.title) === wanted).map((article) => article.source))];
  if (sources.length === 1) return sources[0]!;
  if (sources.length > 1) throw new UserError('Several documents have that title; pick one from the suggestions.', 'invalid');
  throw new UserError(`I have no document “${escapeText(value.slice(0, 200))}”; pick one from the suggestions or see \`/sources\`.`, 'invalid');
}

export const remove: BotCommand = {
  data: new SlashCommandBuilder()
    .setName('remove')
    .setDescription('Take a document out of the corpus (bot owners and admins only).')
    .addStringOption((option) => option.setName('document').setDescription('The document to remove').setRequired(true).setAutocomplete(true).setMaxLength(300))
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild),

  async execute(interaction, ctx) {
    requireBotAdmin(interaction, ctx.config, 'remove documents');
    const articles = ctx.engine.listArticles();
    const source = findSource(articles, interaction.options.getString('document', true));
    const titles = articles.filter((article) => article.source === source).map((article) => article.title);
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    // From now on no answer quotes it, though the index holds it until the rebuild is swapped in.
    ctx.engine.hide(source);
    let removed: string[] = [];
    try {
      await ctx.corpus.run(async () => {
        removed = await removeDocumentFiles(ctx.config.CORPUS_DIR, source);
        await ctx.rebuild();
      });
    } catch (error) {
      // Still on disk: it stays in the corpus, so answers may quote it again.
      if (removed.length === 0) ctx.engine.reveal(source);
      ctx.logger.error({ event: 'remove_failed', source, err: error }, 'removing a document failed');
      throw new UserError(
        removed.length === 0
          ? 'I could not delete the file; the bot log has the details.'
          : `${describeReindexFailure(error)} The document is deleted and I no longer quote it.`,
        'failed',
      );
    }
    ctx.engine.reveal(source);
    await auditCorpusChange(ctx, interaction, 'remove', { source, removed, titles });
    const what = titles.length === 1 ? `*${escapeText(titles[0]!)}*` : `${titles.length} articles`;
    await interaction.editReply({ content: `Removed ${what} (\`${escapeText(source)}\`). No answer quotes it any more.`, allowedMentions: NO_MENTIONS });
  },

  async autocomplete(interaction, ctx) {
    await interaction.respond(suggestDocuments(ctx.engine.listArticles(), interaction.options.getFocused()));
  },
};
