/**
 * Builders for the JSON objects Discord sends and answers with (v10), filled with every field
 * discord.js reads, so the real client can build its structures from them.
 */

export interface FakeUser {
  id: string;
  username: string;
  global_name?: string | null;
  bot?: boolean;
}

const DISCORD_EPOCH = 1_420_070_400_000n;
let lastSnowflake = 0n;

/** A fresh, increasing snowflake id. */
export function nextSnowflake(): string {
  const candidate = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
  lastSnowflake = candidate > lastSnowflake ? candidate : lastSnowflake + 1n;
  return lastSnowflake.toString();
}

export function userPayload(user: FakeUser): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.global_name ?? null,
    avatar: null,
    bot: user.bot ?? false,
    public_flags: 0,
  };
}

export function guildTextChannelPayload(id: string, guildId: string): Record<string, unknown> {
  return { id, type: 0, guild_id: guildId, name: 'general', position: 0, permission_overwrites: [], nsfw: false, parent_id: null, topic: null, last_message_id: null, rate_limit_per_user: 0 };
}

export function dmChannelPayload(id: string, recipient: FakeUser): Record<string, unknown> {
  return { id, type: 1, last_message_id: null, recipients: [userPayload(recipient)] };
}

export function guildCreatePayload(guildId: string, channelId: string, ownerId: string): Record<string, unknown> {
  return {
    id: guildId,
    name: `Guild ${guildId.slice(-4)}`,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [{ id: guildId, name: '@everyone', color: 0, hoist: false, position: 0, permissions: '1024', managed: false, mentionable: false, flags: 0 }],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [],
    channels: [guildTextChannelPayload(channelId, guildId)],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function memberPayload(user: FakeUser, permissions: string): Record<string, unknown> {
  return {
    user: userPayload(user),
    roles: [],
    permissions,
    joined_at: new Date().toISOString(),
    nick: null,
    avatar: null,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
}

/** A message object as Discord returns it after a create or an edit. */
export function messagePayload(fields: {
  id: string;
  channelId: string;
  author: FakeUser;
  body: Record<string, unknown>;
  guildId?: string | null;
  webhookId?: string | null;
  interaction?: { id: string; name: string; user: FakeUser } | null;
}): Record<string, unknown> {
  const { body } = fields;
  return {
    id: fields.id,
    channel_id: fields.channelId,
    ...(fields.guildId ? { guild_id: fields.guildId } : {}),
    author: userPayload(fields.author),
    content: typeof body.content === 'string' ? body.content : '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    components: Array.isArray(body.components) ? body.components : [],
    pinned: false,
    type: body.message_reference ? 19 : 0,
    flags: typeof body.flags === 'number' ? body.flags : 0,
    ...(body.message_reference ? { message_reference: body.message_reference } : {}),
    ...(fields.webhookId ? { webhook_id: fields.webhookId } : {}),
    ...(fields.interaction ? { interaction: { id: fields.interaction.id, type: 2, name: fields.interaction.name, user: userPayload(fields.interaction.user) } } : {}),
  };
}
