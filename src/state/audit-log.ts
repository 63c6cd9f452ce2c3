import type { ReindexSummary } from '../domain.js';

/**
 * The audit log of corpus-changing commands (rebuilds today; adding and removing documents next):
 * who ran one, where, when, what they asked and what changed, refusals included. Behind this
 * interface so the storage can change (JSON Lines today) without touching the commands.
 */

export interface AuditEntry {
  who: { userId: string; name?: string };
  /** Where the command came from: a server and channel, or null in a DM or on the command line. */
  where: { guildId: string | null; channelId: string | null; via: 'discord' | 'cli' };
  /** ISO 8601 time. */
  when: string;
  /** What was asked for, e.g. `reindex`. */
  action: string;
  /** The outcome (`refused`, `started`, `done`, `failed`) and what changed. */
  detail: { outcome: 'refused' | 'started' | 'done' | 'failed'; [key: string]: unknown };
}

export interface AuditLog {
  /** Writes one entry durably; rejects when it cannot (the caller then does not go ahead). */
  record(entry: AuditEntry): Promise<void>;
  /** Every entry, oldest first. */
  list(): Promise<AuditEntry[]>;
}

/** What a finished rebuild changed, as its `done` entry records it (from Discord or the command line). */
export function describeReindexForAudit(summary: ReindexSummary): Record<string, unknown> {
  const { files, articles, passages, problems, changes } = summary;
  return { files, articles, passages, skipped: problems.length, ...(changes ? { changes } : {}) };
}
