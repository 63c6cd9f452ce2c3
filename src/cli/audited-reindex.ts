import { userInfo } from 'node:os';
import { describeReindexForAudit, ExplainedError, reindexCorpus, type AuditEntry, type AuditLog, type Config, type Embedder, type ReindexSummary } from '../index.js';

/**
 * `npm run reindex` in the audit log `/reindex` writes to: `started`, then `done` with what changed
 * or `failed` with why, by the operating-system user, via the command line. As on Discord, when
 * the log cannot be written nothing is rebuilt.
 */

/** The person at the keyboard as far as the machine knows; "cli" when it cannot tell. */
function operatingSystemUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'cli';
  }
}

export async function reindexWithAudit(
  config: Config,
  embedder: Embedder,
  deps: {
    audit: AuditLog;
    allowShrink: boolean;
    onProgress?: (done: number, total: number) => void;
    /** Told when an entry after the start could not be written (the rebuild's outcome stands). */
    warn: (line: string) => void;
  },
): Promise<ReindexSummary> {
  const record = (detail: AuditEntry['detail']) =>
    deps.audit.record({
      who: { userId: 'cli', name: operatingSystemUser() },
      where: { guildId: null, channelId: null, via: 'cli' },
      when: new Date().toISOString(),
      action: 'reindex',
      detail: deps.allowShrink ? { ...detail, allowShrink: true } : detail,
    });
  const warnNotWritten = (error: unknown) => deps.warn(`quotebot: warning: the audit log entry for this reindex could not be completed: ${error instanceof Error ? error.message : String(error)}`);
  try {
    await record({ outcome: 'started' });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ExplainedError(`cannot write the audit log (${config.DATABASE_URL ? 'DATABASE_URL' : `STATE_DIR ${config.STATE_DIR}`}: ${reason}), so nothing was rebuilt.`);
  }
  let summary: ReindexSummary;
  try {
    summary = await reindexCorpus(config, embedder, deps.onProgress, undefined, { allowShrink: deps.allowShrink });
  } catch (error) {
    await record({ outcome: 'failed', reason: error instanceof Error ? error.message : String(error) }).catch(warnNotWritten);
    throw error;
  }
  await record({ outcome: 'done', ...describeReindexForAudit(summary) }).catch(warnNotWritten);
  return summary;
}
