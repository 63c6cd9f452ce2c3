import type { Interaction } from 'discord.js';
import type { BotContext } from './context.js';
import { auditDiscordAction } from './corpus-audit.js';
import type { DocumentSummary } from './document-report.js';
import { UserError } from './errors.js';
import { actorOf, canChangeCorpus, CORPUS_CHANGE_REFUSED } from './permissions.js';

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

/**
 * A corpus change asked for on Discord, written to the audit log: refused (and said so) unless the
 * person may change the corpus; otherwise `started`, then `done` with what changed or `failed`.
 * When the log cannot be written the change does not go ahead.
 */
export async function auditedCorpusChange<T>(
  ctx: BotContext,
  interaction: Interaction,
  action: string,
  work: () => Promise<T>,
  describe: (result: T) => Record<string, unknown>,
): Promise<T> {
  const audit = auditDiscordAction(ctx.auditLog, interaction, action);
  const logFailure = (error: unknown) => ctx.logger.error({ event: 'audit_failed', action, err: error }, 'could not write the audit log');
  if (!canChangeCorpus(actorOf(interaction), ctx.config)) {
    await audit({ outcome: 'refused' }).catch(logFailure);
    throw new UserError(CORPUS_CHANGE_REFUSED, 'refused');
  }
  try {
    await audit({ outcome: 'started' });
  } catch (error) {
    logFailure(error);
    throw new UserError('I cannot write the audit log (STATE_DIR), so I changed nothing. The bot log has the details.', 'failed');
  }
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await audit({ outcome: 'failed', reason: error instanceof Error ? error.message : String(error) }).catch(logFailure);
    throw error;
  }
  await audit({ outcome: 'done', ...describe(result) }).catch(logFailure);
  ctx.logger.info({ event: 'corpus_change', action, userId: interaction.user.id, guildId: interaction.guildId }, `corpus change: ${action}`);
  return result;
}

/** The articles the index now holds from one corpus file, with their passage count; null when none. */
export function describeIndexedDocument(ctx: BotContext, source: string): DocumentSummary | null {
  const articles = ctx.engine.listArticles().filter((article) => article.source === source);
  if (articles.length === 0) return null;
  return { source, articles, passages: articles.reduce((sum, article) => sum + (article.passages ?? 0), 0) };
}
