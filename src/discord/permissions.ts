import { PermissionFlagsBits, type Interaction } from 'discord.js';
import type { Config } from '../config/config.js';
import { UserError } from './errors.js';

/**
 * Who may change the corpus or read the bot's statistics. The index is shared by every server the
 * bot is in, so managing some server is not enough: only OWNER_IDS, and members who can manage a
 * server listed in ADMIN_GUILD_IDS. Checked in code, whatever Discord's command permissions say.
 */
export function isBotAdmin(interaction: Interaction, config: Pick<Config, 'OWNER_IDS' | 'ADMIN_GUILD_IDS'>): boolean {
  if (config.OWNER_IDS.includes(interaction.user.id)) return true;
  return (
    interaction.guildId !== null &&
    config.ADMIN_GUILD_IDS.includes(interaction.guildId) &&
    interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true
  );
}

/** Throws the refusal a person sees when they may not `action` (e.g. "add documents"). */
export function requireBotAdmin(interaction: Interaction, config: Pick<Config, 'OWNER_IDS' | 'ADMIN_GUILD_IDS'>, action: string): void {
  if (!isBotAdmin(interaction, config)) {
    throw new UserError(`Sorry, only the bot's owners and the managers of its admin servers can ${action}.`, 'refused');
  }
}
