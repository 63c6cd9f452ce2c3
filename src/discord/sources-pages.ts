import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import { describeDocument, type ArticleSummary } from '../domain.js';
import { encodeButton } from './button-ids.js';
import { ANSWER_COLOR } from './format-answer.js';
import { escapeText } from './markdown.js';
import { MAX_EMBED_DESCRIPTION_LENGTH } from './limits.js';
import type { ReplyPart } from './reply.js';
import { truncateAtWord } from './truncate.js';

export const SOURCES_PER_PAGE = 10;

/** Room per entry so ten entries always fit in one embed description. */
const MAX_ENTRY_LENGTH = Math.floor(MAX_EMBED_DESCRIPTION_LENGTH / SOURCES_PER_PAGE) - 10;

export function countSourcePages(articleCount: number): number {
  return Math.max(1, Math.ceil(articleCount / SOURCES_PER_PAGE));
}

/** One page of `/sources` (0-based; out-of-range pages show the nearest one), with Previous/Next; articles in the engine's order. */
export function formatSourcesPage(articles: readonly ArticleSummary[], requestedPage: number): ReplyPart {
  if (articles.length === 0) {
    return { content: 'No documents are indexed yet. An admin can run `/reindex` after adding files to the corpus.' };
  }
  const pages = countSourcePages(articles.length);
  const page = Math.min(Math.max(0, requestedPage), pages - 1);
  const start = page * SOURCES_PER_PAGE;
  const lines = articles
    .slice(start, start + SOURCES_PER_PAGE)
    .map((article, i) => `**${start + i + 1}.** ${escapeText(truncateAtWord(describeDocument(article), MAX_ENTRY_LENGTH))}`);
  const part: ReplyPart = {
    embeds: [
      {
        color: ANSWER_COLOR,
        title: `Sources: ${articles.length} document${articles.length === 1 ? '' : 's'}`,
        description: lines.join('\n'),
        footer: { text: `Page ${page + 1} of ${pages} · filter with /ask author: or document:` },
      },
    ],
  };
  if (pages > 1) {
    part.components = [
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder()
          .setCustomId(encodeButton({ kind: 'sources', page: Math.max(0, page - 1) }))
          .setLabel('Previous')
          .setStyle(ButtonStyle.Secondary)
          .setDisabled(page === 0),
        new ButtonBuilder()
          .setCustomId(encodeButton({ kind: 'sources', page: Math.min(pages - 1, page + 1) }))
          .setLabel('Next')
          .setStyle(ButtonStyle.Secondary)
          .setDisabled(page === pages - 1),
      ),
    ];
  }
  return part;
}
