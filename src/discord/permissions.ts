import { PermissionFlagsBits, type Interaction, type PermissionsBitField } from 'discord.js';
import type { Config } from '../config/config.js';

/**
 * Who may change the corpus (rebuild the index, add or remove documents). The index is shared by
 * every server the bot is in, so Manage Server is not enough on its own: anyone can invite the bot
 * to a server they manage. Allowed: the bot's owners (OWNER_IDS), anywhere; and members with
 * Manage Server in the servers listed in ADMIN_GUILD_IDS. Checked in code, whatever permissions a
 * server set on the command.
 */

export interface Actor {
  userId: string;
  /** null in a DM. */
  guildId: string | null;
  /** The member's permissions in that channel; null in a DM. */
  memberPermissions: Readonly<PermissionsBitField> | null;
}

export function actorOf(interaction: Interaction): Actor {
  return { userId: interaction.user.id, guildId: interaction.guildId, memberPermissions: interaction.memberPermissions };
}

export function canChangeCorpus(actor: Actor, config: Pick<Config, 'OWNER_IDS' | 'ADMIN_GUILD_IDS'>): boolean {
  if (config.OWNER_IDS.includes(actor.userId)) return true;
  return (
    actor.guildId !== null &&
    config.ADMIN_GUILD_IDS.includes(actor.guildId) &&
    actor.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true
  );
}

export const CORPUS_CHANGE_REFUSED =
  "Sorry, only the bot's owners and the managers of its admin servers can change the documents (the index is shared by every server I am in).";
