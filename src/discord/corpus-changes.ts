import type { Interaction } from 'discord.js';
import type { BotContext } from './context.js';
import type { DocumentSummary } from './document-report.js';

/**
 * Changes to the corpus from Discord (add, remove, correct, reindex) run one at a time: each ends
 * in a rebuild, and a rebuild that started before a file was written would not include it.
 */
export class CorpusChanges {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  /** Whether a change is running or waiting. */
  get busy(): boolean {
    return this.pending > 0;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    this.pending += 1;
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined).finally(() => {
      this.pending -= 1;
    });
    return result;
  }
}

/** Writes a corpus change to the audit log: who, where, when and what. */
export async function auditCorpusChange(ctx: BotContext, interaction: Interaction, action: string, detail: Record<string, unknown>): Promise<void> {
  await ctx.state.recordAudit({
    at: Date.now(),
    userId: interaction.user.id,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    action,
    detail,
  });
  ctx.logger.info({ event: 'audit', action, userId: interaction.user.id, guildId: interaction.guildId, ...detail }, `corpus change: ${action}`);
}

/** The articles the index now holds from one corpus file, with their passage count; null when none. */
export function describeIndexedDocument(ctx: BotContext, source: string): DocumentSummary | null {
  const articles = ctx.engine.listArticles().filter((article) => article.source === source);
  if (articles.length === 0) return null;
  return { source, articles, passages: articles.reduce((sum, article) => sum + (article.passages ?? 0), 0) };
}
