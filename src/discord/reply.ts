import {
  MessageFlags,
  type ActionRowBuilder,
  type APIEmbed,
  type ButtonBuilder,
  type InteractionReplyOptions,
  type Message,
  type MessageMentionOptions,
  type RepliableInteraction,
  type SendableChannels,
} from 'discord.js';

/** Nothing in a quote or a question may ping anyone: no user, role, @everyone or @here. */
export const NO_MENTIONS: MessageMentionOptions = { parse: [] };
/** Same, and a reply to a DM does not ping its author either. */
export const NO_MENTIONS_IN_REPLY: MessageMentionOptions = { parse: [], repliedUser: false };

/** One message of a reply. */
export interface ReplyPart {
  content?: string;
  embeds?: APIEmbed[];
  components?: ActionRowBuilder<ButtonBuilder>[];
}

/**
 * Sends a reply that may span several messages: the first edits the deferred reply (or becomes the
 * reply), the rest are follow-ups, in order. Returns the messages sent.
 */
export async function sendInteractionReply(interaction: RepliableInteraction, parts: readonly ReplyPart[]): Promise<Message[]> {
  const [first, ...rest] = parts;
  if (!first) return [];
  const reply = interaction.deferred
    ? await interaction.editReply({ ...first, allowedMentions: NO_MENTIONS })
    : (await interaction.reply({ ...first, allowedMentions: NO_MENTIONS, withResponse: true })).resource?.message;
  return [...(reply ? [reply] : []), ...(await sendFollowUps(interaction, rest))];
}

/** Sends every part as a follow-up (after `deferUpdate`, where the reply is the clicked message). */
export async function sendFollowUps(interaction: RepliableInteraction, parts: readonly ReplyPart[]): Promise<Message[]> {
  const sent: Message[] = [];
  for (const part of parts) sent.push(await interaction.followUp({ ...part, allowedMentions: NO_MENTIONS }));
  return sent;
}

/** Replies to a message (a DM or a follow-up); each further part is another reply to the same message. */
export async function sendMessageReply(message: Message, parts: readonly ReplyPart[]): Promise<Message[]> {
  const sent: Message[] = [];
  for (const part of parts) sent.push(await message.reply({ ...part, allowedMentions: NO_MENTIONS_IN_REPLY }));
  return sent;
}

/** Posts parts in a channel (the thread opened for an answer). */
export async function sendToChannel(channel: Pick<SendableChannels, 'send'>, parts: readonly ReplyPart[]): Promise<Message[]> {
  const sent: Message[] = [];
  for (const part of parts) sent.push(await channel.send({ ...part, allowedMentions: NO_MENTIONS }));
  return sent;
}

/** A short message only the person who acted sees, whatever state the interaction is in. */
export async function sendPrivateNotice(interaction: RepliableInteraction, content: string): Promise<void> {
  const options: InteractionReplyOptions = { content, allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral };
  if (interaction.isMessageComponent() && (interaction.deferred || interaction.replied)) {
    // A component's deferred reply is the clicked message itself: never overwrite the answer.
    await interaction.followUp(options);
  } else if (interaction.deferred && !interaction.replied && !interaction.ephemeral) {
    // A public "thinking…" (an /ask acknowledged before any check): removed, so only the person sees why.
    try {
      await interaction.deleteReply();
    } catch {
      // Already gone or not removable: the private follow-up still tells the person.
    }
    await interaction.followUp(options);
  } else if (interaction.deferred && !interaction.replied) {
    try {
      await interaction.editReply({ content, allowedMentions: NO_MENTIONS, embeds: [], components: [] });
    } catch {
      // The deferred reply cannot be edited (often why we got here): a follow-up still reaches the person.
      await interaction.followUp(options);
    }
  } else if (interaction.replied) {
    await interaction.followUp(options);
  } else {
    await interaction.reply(options);
  }
}
