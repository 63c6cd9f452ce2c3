import type { Interaction } from 'discord.js';
import type { AuditEntry, AuditLog } from '../state/audit-log.js';

/** Audit entries for corpus-changing commands run on Discord: who, where and when come from the interaction. */
export function auditDiscordAction(log: AuditLog, interaction: Interaction, action: string) {
  return (detail: AuditEntry['detail']): Promise<void> =>
    log.record({
      who: { userId: interaction.user.id, name: interaction.user.username },
      where: { guildId: interaction.guildId, channelId: interaction.channelId, via: 'discord' },
      when: new Date().toISOString(),
      action,
      detail,
    });
}
