import { MessageFlags, PermissionFlagsBits, SlashCommandBuilder, type Attachment } from 'discord.js';
import {
  DocumentFetchError,
  fetchDocument,
  removeDocumentFiles,
  saveUpload,
  UPLOAD_KINDS,
  uploadExtension,
  writeSidecar,
  type Config,
  type FetchLimits,
  type UploadExtension,
} from '../../index.js';
import type { BotCommand } from '../command.js';
import type { BotContext } from '../context.js';
import { auditedCorpusChange, describeIndexedDocument } from '../corpus-changes.js';
import { formatDocumentReport } from '../document-report.js';
import { UserError } from '../errors.js';
import { NO_MENTIONS } from '../reply.js';
import { reindexFailureAdvice } from './reindex.js';

const MIB = 1024 * 1024;

function fetchLimits(config: Config, allowPrivateAddresses: boolean): FetchLimits {
  return {
    maxBytes: config.UPLOAD_MAX_MB * MIB,
    timeoutMs: config.UPLOAD_TIMEOUT_SECONDS * 1000,
    maxRedirects: config.UPLOAD_MAX_REDIRECTS,
    allowPrivateAddresses,
  };
}

interface Download {
  bytes: Buffer;
  nameHint: string;
  extension: UploadExtension;
  /** The page's address, kept in the sidecar so quotes link to it. */
  url: string | null;
  origin: string;
}

function refuseKind(what: string): never {
  throw new UserError(`I can add ${UPLOAD_KINDS} documents; ${what} is none of these.`, 'invalid');
}

/** Checks an attachment before downloading it: its kind and its size as Discord states them. */
function checkAttachment(file: Attachment, config: Config): UploadExtension {
  const extension = uploadExtension(file.name, file.contentType?.split(';')[0] ?? null) ?? refuseKind(`\`${file.name}\``);
  if (file.size > config.UPLOAD_MAX_MB * MIB) throw new UserError(`\`${file.name}\` is larger than the ${config.UPLOAD_MAX_MB} MiB limit.`, 'invalid');
  return extension;
}

async function download(config: Config, file: Attachment | null, url: string | null): Promise<Download> {
  try {
    if (file) {
      const extension = checkAttachment(file, config);
      // Attachment URLs come from Discord itself, not from the person: no address rule applies.
      const fetched = await fetchDocument(file.url, fetchLimits(config, true));
      return { bytes: fetched.bytes, nameHint: file.name, extension, url: null, origin: `attachment ${file.name}` };
    }
    const fetched = await fetchDocument(url!, fetchLimits(config, config.UPLOAD_ALLOW_PRIVATE_URLS));
    const finalUrl = new URL(fetched.url);
    const nameHint = decodeURIComponent(finalUrl.pathname.split('/').filter(Boolean).pop() ?? '') || finalUrl.hostname;
    const extension = uploadExtension(nameHint, fetched.contentType) ?? refuseKind(`what ${finalUrl.hostname} sent (${fetched.contentType ?? 'no media type'})`);
    return { bytes: fetched.bytes, nameHint, extension, url: fetched.url, origin: fetched.url };
  } catch (error) {
    if (error instanceof DocumentFetchError) throw new UserError(error.message, 'invalid');
    throw error;
  }
}

export const add: BotCommand = {
  data: new SlashCommandBuilder()
    .setName('add')
    .setDescription('Add a document to the corpus (bot owners and admins only).')
    .addAttachmentOption((option) => option.setName('file').setDescription('A .txt, .md, .html, .mhtml or .pdf file'))
    .addStringOption((option) => option.setName('url').setDescription('Or the http(s) address of a page or file').setMaxLength(2000))
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild),

  async execute(interaction, ctx) {
    const file = interaction.options.getAttachment('file');
    const url = interaction.options.getString('url')?.trim() || null;
    const added = await auditedCorpusChange(
      ctx,
      interaction,
      'add',
      async () => {
        if ((file === null) === (url === null)) throw new UserError('Give either `file:` (an attachment) or `url:` (a web address), one of the two.', 'invalid');
        if (file) checkAttachment(file, ctx.config);
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        const fetched = await download(ctx.config, file, url);
        return { fetched, document: await ctx.corpus.run(() => addToCorpus(ctx, fetched)) };
      },
      ({ fetched, document }) => ({
        source: document.source,
        from: fetched.origin,
        bytes: fetched.bytes.length,
        titles: document.articles.map((article) => article.title),
      }),
    );
    await interaction.editReply({ ...formatDocumentReport(added.document, `Added ${added.document.source}`), allowedMentions: NO_MENTIONS });
  },
};

/** Saves the file, rebuilds the index and reports what was read; a file the ingest cannot read is taken out again. */
async function addToCorpus(ctx: BotContext, fetched: Download) {
  const { CORPUS_DIR, UPLOADS_DIR } = ctx.config;
  const source = await saveUpload(CORPUS_DIR, UPLOADS_DIR, fetched.nameHint, fetched.extension, fetched.bytes);
  if (fetched.url) await writeSidecar(CORPUS_DIR, source, { url: fetched.url });
  let problem: string | undefined;
  try {
    const summary = await ctx.rebuild();
    problem = summary.problems.find((entry) => entry.source === source)?.message;
  } catch (error) {
    await removeDocumentFiles(CORPUS_DIR, source);
    ctx.logger.error({ event: 'reindex_failed', source, err: error }, 'reindex after /add failed');
    throw new UserError(`Indexing the document failed, so I took it out again. ${reindexFailureAdvice(error)}`, 'failed');
  }
  const document = describeIndexedDocument(ctx, source);
  if (document) return document;
  await removeDocumentFiles(CORPUS_DIR, source);
  // The index built with the file still lists nothing from it; the next rebuild drops the rest.
  throw new UserError(`I could not read any article from it${problem ? `: it ${problem}` : ''}. Nothing was added.`, 'invalid');
}
