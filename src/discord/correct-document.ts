import { MessageFlags, type ButtonInteraction, type ModalSubmitInteraction } from 'discord.js';
import { writeSidecar } from '../index.js';
import type { BotContext } from './context.js';
import { auditedCorpusChange, describeIndexedDocument } from './corpus-changes.js';
import { buildCorrectionForm, findDocumentByKey, formatDocumentReport, readCorrectionForm } from './document-report.js';
import { UserError } from './errors.js';
import { actorOf, canChangeCorpus, CORPUS_CHANGE_REFUSED } from './permissions.js';
import { NO_MENTIONS } from './reply.js';

function findSource(ctx: BotContext, key: string): string {
  const source = findDocumentByKey(ctx.engine.listArticles(), key);
  if (!source) throw new UserError('That document is no longer in the corpus.', 'expired');
  return source;
}

/** "Correct details": opens the form, filled in with what the index holds now. */
export async function openCorrectionForm(interaction: ButtonInteraction, ctx: BotContext, key: string): Promise<void> {
  if (!canChangeCorpus(actorOf(interaction), ctx.config)) throw new UserError(CORPUS_CHANGE_REFUSED, 'refused');
  const source = findSource(ctx, key);
  const first = ctx.engine.listArticles().find((article) => article.source === source)!;
  await interaction.showModal(buildCorrectionForm(source, first));
}

/** The submitted form: written to the document's sidecar, then the index is rebuilt and the new details shown. */
export async function applyCorrectionForm(interaction: ModalSubmitInteraction, ctx: BotContext, key: string): Promise<void> {
  const document = await auditedCorpusChange(
    ctx,
    interaction,
    'correct',
    async () => {
      const source = findSource(ctx, key);
      const correction = readCorrectionForm(interaction);
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const sidecar = await ctx.corpus.run(async () => {
        const written = await writeSidecar(ctx.config.CORPUS_DIR, source, correction);
        await ctx.rebuild();
        return written;
      });
      const indexed = describeIndexedDocument(ctx, source);
      if (!indexed) throw new UserError('The document could not be read after the correction; the bot log has the details.', 'failed');
      return { indexed, sidecar, correction };
    },
    ({ indexed, sidecar, correction }) => ({ source: indexed.source, sidecar, ...correction }),
  );
  await interaction.editReply({ ...formatDocumentReport(document.indexed, `Corrected ${document.indexed.source}`), allowedMentions: NO_MENTIONS });
}
