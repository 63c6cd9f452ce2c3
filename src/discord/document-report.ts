import { createHash } from 'node:crypto';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, ModalBuilder, TextInputStyle, type APIEmbed, type ModalSubmitInteraction } from 'discord.js';
import { describeAuthors, parseSidecar, type ArticleSummary, type DocumentCorrection } from '../index.js';
import { CORRECTION_FORM_PREFIX, encodeButton } from './button-ids.js';
import { UserError } from './errors.js';
import { ANSWER_COLOR } from './format-answer.js';
import { MAX_EMBED_DESCRIPTION_LENGTH, MAX_EMBED_TITLE_LENGTH } from './limits.js';
import { escapeText } from './markdown.js';
import type { ReplyPart } from './reply.js';
import { truncateAtWord } from './truncate.js';

/**
 * What `/add` (and a correction) reports: the title, author, date and passage count the ingest
 * detected for each article of the file, and a "Correct details" button that opens a form whose
 * answers go into the file's sidecar.
 */

export interface DocumentSummary {
  source: string;
  articles: readonly ArticleSummary[];
  passages: number;
}

/** A short, stable key for a corpus file that fits in a custom id (the file name may not). */
export function documentKey(source: string): string {
  return createHash('sha256').update(source).digest('base64url').slice(0, 16);
}

/** The corpus file a key stands for, among the documents the engine lists. */
export function findDocumentByKey(articles: readonly ArticleSummary[], key: string): string | null {
  return articles.find((article) => documentKey(article.source) === key)?.source ?? null;
}

const MAX_ARTICLES_LISTED = 10;

function describeArticle(article: ArticleSummary): string {
  return `• **${escapeText(article.title)}** — ${escapeText(describeAuthors(article.authors))}, ${article.date ?? 'no date'}`;
}

export function formatDocumentReport(document: DocumentSummary, heading: string): ReplyPart {
  const lines = document.articles.slice(0, MAX_ARTICLES_LISTED).map(describeArticle);
  if (document.articles.length > MAX_ARTICLES_LISTED) lines.push(`…and ${document.articles.length - MAX_ARTICLES_LISTED} more articles`);
  lines.push(
    '',
    `${document.passages} passages indexed from \`${escapeText(document.source)}\`. ` +
      'If the title, author or date is wrong, press **Correct details**.',
  );
  const embed: APIEmbed = {
    color: ANSWER_COLOR,
    title: truncateAtWord(heading, MAX_EMBED_TITLE_LENGTH),
    description: truncateAtWord(lines.join('\n'), MAX_EMBED_DESCRIPTION_LENGTH),
  };
  const correct = new ButtonBuilder().setCustomId(encodeButton({ kind: 'fix', documentKey: documentKey(document.source) })).setLabel('Correct details').setStyle(ButtonStyle.Secondary);
  return { embeds: [embed], components: [new ActionRowBuilder<ButtonBuilder>().addComponents(correct)] };
}

const MAX_TITLE = 300;
const MAX_AUTHORS = 300;

/** The form behind "Correct details", filled in with what was detected (from the file's first article). */
export function buildCorrectionForm(source: string, article: ArticleSummary): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(`${CORRECTION_FORM_PREFIX}${documentKey(source)}`)
    .setTitle('Correct the document details')
    .addLabelComponents(
      (label) =>
        label
          .setLabel('Title')
          .setTextInputComponent((input) => input.setCustomId('title').setStyle(TextInputStyle.Short).setRequired(true).setMaxLength(MAX_TITLE).setValue(article.title.slice(0, MAX_TITLE))),
      (label) =>
        label
          .setLabel('Authors')
          .setDescription('Separated by commas; leave empty when the text names none.')
          .setTextInputComponent((input) =>
            input.setCustomId('authors').setStyle(TextInputStyle.Short).setRequired(false).setMaxLength(MAX_AUTHORS).setValue(article.authors.join(', ').slice(0, MAX_AUTHORS)),
          ),
      (label) =>
        label
          .setLabel('Date')
          .setDescription('YYYY-MM-DD; leave empty when unknown.')
          .setTextInputComponent((input) => input.setCustomId('date').setStyle(TextInputStyle.Short).setRequired(false).setMaxLength(10).setValue(article.date ?? '')),
      (label) =>
        label
          .setLabel('Web address')
          .setDescription('Where the document is published (for links to quotes); may be empty.')
          .setTextInputComponent((input) => input.setCustomId('url').setStyle(TextInputStyle.Short).setRequired(false).setMaxLength(500).setValue(article.url ?? '')),
    );
}

/** Names as typed in the form: split at commas, semicolons and a final "and". */
export function parseAuthorList(typed: string): string[] {
  return typed
    .split(/\s*(?:[,;]|\band\b|&)\s*/u)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** The form's answers as a sidecar correction, checked by the same rules the ingest applies to sidecars. */
export function readCorrectionForm(interaction: Pick<ModalSubmitInteraction, 'fields'>): DocumentCorrection {
  const value = (id: string) => interaction.fields.getTextInputValue(id).trim();
  const correction: DocumentCorrection = {
    title: value('title'),
    authors: parseAuthorList(value('authors')),
    date: value('date') || null,
    url: value('url') || null,
  };
  const checked = parseSidecar(JSON.stringify(correction), 'form');
  if (!checked.ok) throw new UserError(`Nothing was changed. ${checked.message.replace(/^sidecar form is invalid: /, '')}`, 'invalid');
  return correction;
}
