import { MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { removeDocumentFiles } from '../../index.js';
import type { BotCommand } from '../command.js';
import type { BotContext } from '../context.js';
import { auditedCorpusChange } from '../corpus-changes.js';
import { resolveTypedFilter, suggestDocuments } from '../corpus-filter.js';
import { UserError } from '../errors.js';
import { escapeText } from '../markdown.js';
import { NO_MENTIONS } from '../reply.js';
import { reindexFailureAdvice } from './reindex.js';

interface Removal {
  source: string;
  /** The files deleted (the document and its sidecar). */
  removed: string[];
  titles: string[];
}

/**
 * Deletes the file holding the document and rebuilds the index without it. From the start no
 * answer quotes it: the engine hides it while the index still holds it.
 */
async function removeDocument(ctx: BotContext, typed: string, defer: () => Promise<unknown>): Promise<Removal> {
  const articles = ctx.engine.listArticles();
  const { filter } = resolveTypedFilter(articles, { document: typed });
  // A file of several articles goes as a whole: it is one file in the corpus folder.
  const source = articles.find((article) => article.id === filter?.document)?.source;
  if (!source) throw new UserError('Pick a document from the suggestions.', 'invalid');
  const titles = articles.filter((article) => article.source === source).map((article) => article.title);
  await defer();
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
        : `The document is deleted and I no longer quote it, but rebuilding the index failed. ${reindexFailureAdvice(error)}`,
      'failed',
    );
  }
  // The new index no longer holds it.
  ctx.engine.reveal(source);
  return { source, removed, titles };
}

export const remove: BotCommand = {
  data: new SlashCommandBuilder()
    .setName('remove')
    .setDescription('Take a document out of the corpus (bot owners and admins only).')
    .addStringOption((option) => option.setName('document').setDescription('The document to remove').setRequired(true).setAutocomplete(true).setMaxLength(300))
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild),

  async execute(interaction, ctx) {
    const typed = interaction.options.getString('document', true);
    const defer = () => interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const { source, titles } = await auditedCorpusChange(ctx, interaction, 'remove', () => removeDocument(ctx, typed, defer), (removal) => ({ ...removal }));
    const what = titles.length === 1 ? `*${escapeText(titles[0]!)}*` : `${titles.length} articles`;
    await interaction.editReply({ content: `Removed ${what} (\`${escapeText(source)}\`). No answer quotes it any more.`, allowedMentions: NO_MENTIONS });
  },

  async autocomplete(interaction, ctx) {
    await interaction.respond(suggestDocuments(ctx.engine.listArticles(), interaction.options.getFocused()));
  },
};
