/**
 * A fake Discord API for tests: REST over node:http and a gateway WebSocket, both on 127.0.0.1
 * with an ephemeral port, speaking enough of API v10 for the real discord.js client.
 *
 * ```ts
 * const fake = await startFakeDiscord();                       // one guild, one text channel
 * const client = new Client({ intents, rest: { api: fake.apiUrl } });
 * await client.login(fake.token);                                // GET /gateway/bot, IDENTIFY -> READY
 * const ask = await fake.sendSlashCommand('ask', { question: 'Why?' });
 * const edit = await fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(ask.token));
 * await fake.close();                                            // closes every socket: the test can exit
 * ```
 *
 * Driving the bot (each returns once the gateway dispatch is sent):
 * - `sendInteraction(payload, context)`: any interaction payload; id, token and the fields discord.js
 *   reads are filled in. Shortcuts: `sendSlashCommand(name, options, context)`,
 *   `sendAutocomplete(name, options, focusedOption, context)`, `clickButton(messageId, customId, context)`.
 *   `context`: `{ user, guildId (null = in a DM), permissions }`.
 * - `sendDirectMessage(content, { author, replyTo })`: a DM MESSAGE_CREATE (channel_type 1, no guild_id).
 * - `sendChannelMessage(content, { author, channelId, replyTo })`: a member's message in a server channel
 *   or thread; `replyTo` makes it a reply (Discord puts the replied-to author in `mentions`).
 * - `addAttachment({ filename, contentType, bytes })`: a file served on loopback at the attachment's
 *   `url`; pass it as an option value of `sendSlashCommand` (option type 11, `resolved.attachments`).
 * - `submitModal(customId, values, context)`: the MODAL_SUBMIT of a form the bot showed.
 * - Threads the bot starts on a message (`POST /channels/{id}/messages/{id}/threads`) become channels
 *   (`threads`), announced with THREAD_CREATE and listed in GUILD_CREATE after a new login.
 *
 * Sharding (`shardCount` option): GET /gateway/bot returns the count, each connection identifies as
 * `[id, count]` (a wrong count is closed with 4010/4011, as Discord does), and each shard gets only
 * the READY, GUILD_CREATE and interactions of its guilds (`shardOf`); DMs go to shard 0.
 *
 * Observing it:
 * - `requests`: every REST request (method, decoded path after `/api/v10`, query, headers without
 *   authorization, parsed body incl. multipart `payload_json`, response status and body).
 * - `waitForRequest(predicate, timeoutMs)`: resolves with the first recorded request that matches,
 *   including ones already recorded; rejects listing what was received.
 * - `interactionRequests(token)`: the callback and webhook requests of one interaction, in order.
 * - `messages`: every message created (id -> message JSON as last edited); `gatewayPayloads`: what the
 *   client sent on the gateway (token redacted); `commands`: registered commands by scope.
 *
 * Discord's limits are enforced (content 2,000, embed description 4,096, title 256, 10 embeds,
 * 6,000 embed chars, 5 rows of 5 components, custom ids <= 100, 25 autocomplete choices):
 * HTTP 400 `{code: 50035}`; empty message 50006; a second callback for one interaction 40060.
 *
 * Faults, for reliability tests:
 * - `injectFault({ method, path, status, retryAfter, global, delayMs, times })`: the next `times`
 *   matching requests get that status (429 with `retry_after`, 500, ...) or are delayed.
 * - `closeGateway(code)` (1006: the connection drops without a close frame), `requestReconnect()` (op 7), `invalidateSession(resumable)` (op 9),
 *   `setHeartbeatAck(false)`. Dispatches sent while the client is away are replayed on RESUME.
 */
import { performance } from 'node:perf_hooks';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { isEmptyMessage, toDiscordErrors, validateChoices, validateMessage, type FormError, type MessagePayload } from './message-limits.js';
import { parseMultipart, type UploadedFile } from './multipart.js';
import {
  dmChannelPayload,
  guildCreatePayload,
  memberPayload,
  messagePayload,
  nextSnowflake,
  userPayload,
  type FakeUser,
} from './payloads.js';

export type { FakeUser } from './payloads.js';

export const FAKE_IDS = {
  application: '100000000000000001',
  guild: '300000000000000001',
  channel: '400000000000000001',
} as const;

/** Users tests can act as. */
export const FAKE_USERS = {
  bot: { id: FAKE_IDS.application, username: 'quotebot', bot: true },
  alice: { id: '200000000000000001', username: 'alice', global_name: 'Alice' },
  bob: { id: '200000000000000002', username: 'bob', global_name: 'Bob' },
  otherBot: { id: '200000000000000099', username: 'otherbot', bot: true },
} satisfies Record<string, FakeUser>;

/** ViewChannel | SendMessages | ReadMessageHistory: an ordinary member. */
export const MEMBER_PERMISSIONS = ((1n << 10n) | (1n << 11n) | (1n << 16n)).toString();

export interface FakeDiscordOptions {
  /** The bot token the fake accepts (default `FAKE_TOKEN`). */
  token?: string;
  /** Guilds the bot is in, sent as GUILD_CREATE after READY (default one guild). */
  guildIds?: string[];
  /** Heartbeat interval in HELLO (default 1,000 ms, so heartbeats really happen in tests). */
  heartbeatIntervalMs?: number;
  /**
   * Shards Discord requires (default 1), returned by GET /gateway/bot. Each connection must
   * identify with `[id, count]` and receives only its guilds' events (`(guild_id >> 22) % count`);
   * DMs go to shard 0, as on Discord.
   */
  shardCount?: number;
}

export interface RecordedRequest {
  method: string;
  /** Percent-decoded path after `/api/v10`, without the query (e.g. `/webhooks/1/tok/messages/@original`). */
  path: string;
  query: Record<string, string>;
  /** Request headers, lower-case, without `authorization`. */
  headers: Record<string, string>;
  /** Whether a valid `Bot <token>` header came with it. */
  authorized: boolean;
  /** Parsed JSON body (for multipart, the parsed `payload_json`); undefined when empty. */
  // Test code reads deep fields of Discord payloads; `any` keeps those reads short.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  files: UploadedFile[];
  status: number;
  /** What the fake answered (e.g. the message JSON with its id); undefined for 204. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  response: any;
  /** The error body the fake answered with, for 4xx/5xx. */
  error?: unknown;
  /** When the request arrived (`performance.now()` of the fake's process). */
  receivedAt: number;
}

export interface FaultRule {
  method?: string;
  /** Matches the decoded path: a string must equal it, a RegExp must match it. */
  path: string | RegExp;
  /** Answer with this status instead of handling the request. */
  status?: number;
  /** Seconds, for 429 answers (default 0.05). */
  retryAfter?: number;
  /** A global rate limit (429 only). */
  global?: boolean;
  body?: unknown;
  /** Wait this long before answering (with `status`, or normally when no status is given). */
  delayMs?: number;
  /** How many matching requests are affected (default 1). */
  times?: number;
}

export interface FaultHandle {
  /** How many requests the rule has hit so far. */
  readonly hits: number;
}

export interface InteractionContext {
  user?: FakeUser;
  /** The guild it happens in; null for a DM. Default the first guild. */
  guildId?: string | null;
  channelId?: string;
  /** The member's permissions in the channel (bitfield, decimal string or bigint). */
  permissions?: string | bigint;
}

export interface SentInteraction {
  id: string;
  token: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload: any;
}

export interface SentMessage {
  id: string;
  channelId: string;
}

export interface FakeDiscord {
  /** Give to `new Client({ rest: { api } })` (or DISCORD_API_URL). */
  apiUrl: string;
  token: string;
  applicationId: string;
  guildIds: readonly string[];
  shardCount: number;
  /** The shard that receives a guild's events (0 for DMs). */
  shardOf(guildId: string | null): number;
  botUser: FakeUser;
  requests: RecordedRequest[];
  messages: Map<string, Record<string, unknown>>;
  gatewayPayloads: { op: number; d: unknown }[];
  commands: Map<string, Record<string, unknown>[]>;
  sendInteraction(payload: Record<string, unknown>, context?: InteractionContext): Promise<SentInteraction>;
  sendSlashCommand(name: string, options?: Record<string, string | number | boolean | FakeAttachment>, context?: InteractionContext): Promise<SentInteraction>;
  sendAutocomplete(name: string, options: Record<string, string | number>, focused: string, context?: InteractionContext): Promise<SentInteraction>;
  clickButton(messageId: string, customId: string, context?: InteractionContext): Promise<SentInteraction>;
  sendDirectMessage(content: string, options?: { author?: FakeUser; replyTo?: string }): Promise<SentMessage>;
  sendChannelMessage(content: string, options?: { author?: FakeUser; channelId?: string; replyTo?: string }): Promise<SentMessage>;
  addAttachment(file: { filename: string; contentType: string; bytes: Buffer }): FakeAttachment;
  submitModal(customId: string, values: Record<string, string>, context?: InteractionContext): Promise<SentInteraction>;
  /** Threads the bot started, in order. */
  threads(): Record<string, unknown>[];
  waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  interactionRequests(token: string): RecordedRequest[];
  waitForGatewayPayload(predicate: (payload: { op: number; d: unknown }) => boolean, timeoutMs?: number): Promise<{ op: number; d: unknown }>;
  injectFault(rule: FaultRule): FaultHandle;
  closeGateway(code?: number, reason?: string): void;
  requestReconnect(): void;
  invalidateSession(resumable: boolean): void;
  setHeartbeatAck(enabled: boolean): void;
  close(): Promise<void>;
}

export const FAKE_TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.fake.token-for-tests-only';

const EPHEMERAL = 64;
const LOADING = 128;

interface HttpAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface InteractionState {
  id: string;
  token: string;
  applicationId: string;
  channelId: string;
  guildId: string | null;
  user: FakeUser;
  commandName: string | null;
  sourceMessageId: string | null;
  acknowledged: boolean;
  originalId: string | null;
}

interface ChannelState {
  id: string;
  guildId: string | null;
  recipient: FakeUser | null;
  /** Set for a thread: its payload as last sent. */
  thread?: Record<string, unknown>;
}

/** A file the fake serves, as Discord describes an attachment. */
export interface FakeAttachment {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type: string;
}

interface Session {
  id: string;
  shardId: number;
  seq: number;
  /** Dispatches already numbered, replayed to a client that resumes after missing them. */
  history: { s: number; frame: string }[];
  socket: WebSocket | null;
}

class WaitableList<T> {
  readonly items: T[] = [];
  private waiters = new Set<{ predicate: (item: T) => boolean; resolve: (item: T) => void }>();

  push(item: T): void {
    this.items.push(item);
    for (const waiter of this.waiters) {
      if (waiter.predicate(item)) {
        this.waiters.delete(waiter);
        waiter.resolve(item);
      }
    }
  }

  waitFor(predicate: (item: T) => boolean, timeoutMs: number, describe: () => string): Promise<T> {
    const found = this.items.find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = {
        predicate,
        resolve: (item: T) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`Timed out after ${timeoutMs} ms. Received so far:\n${describe()}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}

function formError(errors: FormError[]): HttpAnswer {
  return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: toDiscordErrors(errors) } };
}

const emptyMessage: HttpAnswer = { status: 400, body: { code: 50006, message: 'Cannot send an empty message' } };
const unknownWebhook: HttpAnswer = { status: 404, body: { code: 10015, message: 'Unknown Webhook' } };
const unknownMessage: HttpAnswer = { status: 404, body: { code: 10008, message: 'Unknown Message' } };

function checkMessage(message: MessagePayload): HttpAnswer | null {
  const errors = validateMessage(message);
  if (errors.length > 0) return formError(errors);
  if (isEmptyMessage(message)) return emptyMessage;
  return null;
}

const MESSAGE_FIELDS = ['content', 'embeds', 'components', 'attachments', 'allowed_mentions'] as const;

function applyEdit(message: Record<string, unknown>, body: Record<string, unknown>): Record<string, unknown> {
  const next = { ...message };
  for (const field of MESSAGE_FIELDS) {
    if (field in body) next[field] = body[field] ?? (field === 'content' ? '' : []);
  }
  next.flags = ((message.flags as number) ?? 0) & ~LOADING;
  next.edited_timestamp = new Date().toISOString();
  return next;
}

function optionType(value: string | number | boolean): number {
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'number') return Number.isInteger(value) ? 4 : 10;
  return 3;
}

function validateCommands(commands: unknown): FormError[] {
  if (!Array.isArray(commands)) return [{ path: '_', code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }];
  const errors: FormError[] = [];
  if (commands.length > 100) errors.push({ path: '_', code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 100 or fewer in length.' });
  commands.forEach((command: Record<string, unknown>, i) => {
    if (typeof command.name !== 'string' || !/^[-_\p{Ll}\p{N}]{1,32}$/u.test(command.name)) {
      errors.push({ path: `${i}.name`, code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Invalid command name' });
    }
    const description = command.description;
    if (typeof description !== 'string' || description.length < 1 || description.length > 100) {
      errors.push({ path: `${i}.description`, code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
    }
    const options = (command.options ?? []) as Record<string, unknown>[];
    if (options.length > 25) errors.push({ path: `${i}.options`, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
    let sawOptional = false;
    options.forEach((option, j) => {
      if (option.required !== true) sawOptional = true;
      else if (sawOptional) {
        errors.push({ path: `${i}.options.${j}.required`, code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', message: 'Required options must be placed before non-required options' });
      }
      if (option.autocomplete === true && Array.isArray(option.choices) && option.choices.length > 0) {
        errors.push({ path: `${i}.options.${j}.autocomplete`, code: 'AUTOCOMPLETE_CHOICES', message: 'Autocomplete cannot be set with choices' });
      }
    });
  });
  return errors;
}

/** Starts the fake on 127.0.0.1 with an ephemeral port. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const token = options.token ?? FAKE_TOKEN;
  const guildIds = options.guildIds ?? [FAKE_IDS.guild];
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 1_000;
  const applicationId = FAKE_IDS.application;
  const botUser: FakeUser = FAKE_USERS.bot;

  const requests = new WaitableList<RecordedRequest>();
  const gatewayPayloads = new WaitableList<{ op: number; d: unknown }>();
  const messages = new Map<string, Record<string, unknown>>();
  const commands = new Map<string, Record<string, unknown>[]>();
  const interactions = new Map<string, InteractionState>();
  const channels = new Map<string, ChannelState>();
  const dmChannelByUser = new Map<string, string>();
  /** Attachment bytes by URL path. */
  const attachments = new Map<string, { contentType: string; bytes: Buffer }>();
  const faults: { rule: FaultRule; remaining: number; hits: number }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const shardCount = options.shardCount ?? 1;
  /** The live session of each shard. */
  const sessions = new Map<number, Session>();
  const shardOf = (guildId: string | null): number => (guildId ? Number((BigInt(guildId) >> 22n) % BigInt(shardCount)) : 0);
  const guildsOf = (shardId: number) => guildIds.filter((guildId) => shardOf(guildId) === shardId);
  let heartbeatAck = true;

  guildIds.forEach((guildId, i) => {
    const channelId = i === 0 ? FAKE_IDS.channel : (BigInt(FAKE_IDS.channel) + BigInt(i)).toString();
    channels.set(channelId, { id: channelId, guildId, recipient: null });
  });
  const channelOfGuild = (guildId: string): string =>
    [...channels.values()].find((channel) => channel.guildId === guildId)?.id ?? FAKE_IDS.channel;

  function dmChannelFor(user: FakeUser): string {
    let id = dmChannelByUser.get(user.id);
    if (!id) {
      id = nextSnowflake();
      dmChannelByUser.set(user.id, id);
      channels.set(id, { id, guildId: null, recipient: user });
    }
    return id;
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  }

  // ---- gateway ----

  function send(socket: WebSocket, payload: unknown): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
  }

  function dispatch(t: string, d: unknown, shardId = 0): void {
    const session = sessions.get(shardId);
    if (!session) throw new Error(`The bot is not connected to the fake gateway as shard ${shardId} (no IDENTIFY yet).`);
    session.seq += 1;
    const frame = JSON.stringify({ op: 0, t, s: session.seq, d });
    session.history.push({ s: session.seq, frame });
    if (session.history.length > 1_000) session.history.shift();
    if (session.socket?.readyState === session.socket?.OPEN) session.socket?.send(frame);
  }

  function readyPayload(current: Session, shard: unknown): Record<string, unknown> {
    return {
      v: 10,
      user: { ...userPayload(botUser), verified: true, mfa_enabled: false, flags: 0 },
      guilds: guildsOf(current.shardId).map((id) => ({ id, unavailable: true })),
      session_id: current.id,
      resume_gateway_url: `ws://127.0.0.1:${port}/gateway`,
      application: { id: applicationId, flags: 0 },
      shard: Array.isArray(shard) ? shard : [0, 1],
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
    };
  }

  function onGatewayMessage(socket: WebSocket, raw: string): void {
    const payload = JSON.parse(raw) as { op: number; d: Record<string, unknown> | null };
    const redacted = payload.d && typeof payload.d === 'object' && 'token' in payload.d ? { ...payload.d, token: '[redacted]' } : payload.d;
    gatewayPayloads.push({ op: payload.op, d: redacted });
    switch (payload.op) {
      case 1:
        if (heartbeatAck) send(socket, { op: 11, d: null });
        return;
      case 2: {
        if (payload.d?.token !== token) {
          socket.close(4004, 'Authentication failed.');
          return;
        }
        const shard = Array.isArray(payload.d?.shard) ? (payload.d.shard as number[]) : [0, 1];
        const [shardId = 0, count = 1] = shard;
        if (count !== shardCount) {
          socket.close(count < shardCount ? 4011 : 4010, count < shardCount ? 'Sharding required.' : 'Invalid shard.');
          return;
        }
        if (shardId < 0 || shardId >= count) {
          socket.close(4010, 'Invalid shard.');
          return;
        }
        sessions.get(shardId)?.socket?.close(4009, 'Session replaced');
        const session: Session = { id: nextSnowflake(), shardId, seq: 0, history: [], socket };
        sessions.set(shardId, session);
        dispatch('READY', readyPayload(session, shard), shardId);
        for (const guildId of guildsOf(shardId)) {
          const threads = [...channels.values()].filter((channel) => channel.guildId === guildId && channel.thread).map((channel) => channel.thread);
          dispatch('GUILD_CREATE', { ...guildCreatePayload(guildId, channelOfGuild(guildId), FAKE_USERS.alice.id), threads }, shardId);
        }
        return;
      }
      case 6: {
        const d = payload.d ?? {};
        const session = [...sessions.values()].find((candidate) => candidate.id === d.session_id);
        if (!session || d.token !== token) {
          send(socket, { op: 9, d: false });
          return;
        }
        session.socket = socket;
        const since = typeof d.seq === 'number' ? d.seq : 0;
        for (const entry of session.history) if (entry.s > since) socket.send(entry.frame);
        dispatch('RESUMED', {}, session.shardId);
        return;
      }
      default:
        return;
    }
  }

  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', (socket) => {
    send(socket, { op: 10, d: { heartbeat_interval: heartbeatIntervalMs } });
    socket.on('message', (data) => onGatewayMessage(socket, data.toString()));
    socket.on('close', () => {
      for (const session of sessions.values()) if (session.socket === socket) session.socket = null;
    });
  });

  // ---- REST ----

  function storeMessage(
    channelId: string,
    body: Record<string, unknown>,
    extra: { webhookId?: string; interaction?: InteractionState; flags?: number } = {},
  ): Record<string, unknown> {
    const channel = channels.get(channelId);
    const message = messagePayload({
      id: nextSnowflake(),
      channelId,
      author: botUser,
      body: { ...body, flags: extra.flags ?? body.flags },
      guildId: channel?.guildId ?? null,
      webhookId: extra.webhookId ?? null,
      interaction: extra.interaction?.commandName ? { id: extra.interaction.id, name: extra.interaction.commandName, user: extra.interaction.user } : null,
    });
    messages.set(message.id as string, message);
    return message;
  }

  function interactionCallback(id: string, interactionToken: string, body: Record<string, unknown>, query: Record<string, string>): HttpAnswer {
    const interaction = interactions.get(interactionToken);
    if (!interaction || interaction.id !== id) return { status: 404, body: { code: 10062, message: 'Unknown interaction' } };
    if (interaction.acknowledged) return { status: 400, body: { code: 40060, message: 'Interaction has already been acknowledged.' } };
    const data = (body.data ?? {}) as Record<string, unknown>;
    const flags = typeof data.flags === 'number' ? data.flags : 0;
    let resource: Record<string, unknown> | null = null;
    switch (body.type) {
      case 4: {
        const problem = checkMessage(data as MessagePayload);
        if (problem) return problem;
        resource = storeMessage(interaction.channelId, data, { interaction, flags: flags & EPHEMERAL });
        interaction.originalId = resource.id as string;
        break;
      }
      case 5:
        resource = storeMessage(interaction.channelId, {}, { interaction, flags: (flags & EPHEMERAL) | LOADING });
        interaction.originalId = resource.id as string;
        break;
      case 6:
        if (!interaction.sourceMessageId) return formError([{ path: 'type', code: 'INTERACTION_TYPE_INVALID', message: 'Only for components' }]);
        interaction.originalId = interaction.sourceMessageId;
        break;
      case 7: {
        const source = interaction.sourceMessageId ? messages.get(interaction.sourceMessageId) : undefined;
        if (!source) return formError([{ path: 'type', code: 'INTERACTION_TYPE_INVALID', message: 'Only for components' }]);
        const updated = applyEdit(source, data);
        const problem = checkMessage(updated as MessagePayload);
        if (problem) return problem;
        messages.set(updated.id as string, updated);
        interaction.originalId = updated.id as string;
        resource = updated;
        break;
      }
      case 8: {
        const errors = validateChoices((data.choices ?? []) as { name?: string; value?: unknown }[]);
        if (errors.length > 0) return formError(errors);
        break;
      }
      case 9:
        break;
      default:
        return formError([{ path: 'type', code: 'BASE_TYPE_CHOICES', message: `Unknown callback type ${String(body.type)}` }]);
    }
    interaction.acknowledged = true;
    if (query.with_response !== 'true') return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: { id, type: 2, activity_instance_id: null, response_message_id: resource?.id ?? null, response_message_loading: body.type === 5, response_message_ephemeral: (flags & EPHEMERAL) !== 0 },
        resource: { type: body.type, ...(resource ? { message: resource } : {}) },
      },
    };
  }

  function webhookInteraction(app: string, interactionToken: string): InteractionState | null {
    const interaction = interactions.get(interactionToken);
    return interaction && interaction.applicationId === app && interaction.acknowledged ? interaction : null;
  }

  function editWebhookMessage(interaction: InteractionState, messageRef: string, body: Record<string, unknown>): HttpAnswer {
    const messageId = messageRef === '@original' ? interaction.originalId : messageRef;
    const message = messageId ? messages.get(messageId) : undefined;
    if (!message) return unknownMessage;
    const updated = applyEdit(message, body);
    const problem = checkMessage(updated as MessagePayload);
    if (problem) return problem;
    messages.set(updated.id as string, updated);
    return { status: 200, body: updated };
  }

  function startThread(channelId: string, messageId: string, body: Record<string, unknown>): HttpAnswer {
    const parent = channels.get(channelId);
    const message = messages.get(messageId);
    if (!parent || parent.guildId === null || parent.thread) return { status: 400, body: { code: 50024, message: 'Cannot execute action on this channel type' } };
    if (!message || message.channel_id !== channelId) return unknownMessage;
    if (channels.has(messageId)) return { status: 400, body: { code: 160004, message: 'A thread has already been created for this message' } };
    const name = typeof body.name === 'string' ? body.name : '';
    if (name.length < 1 || name.length > 100) return formError([{ path: 'name', code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }]);
    // A thread started from a message has the message's id.
    const thread = {
      id: messageId,
      type: 11,
      guild_id: parent.guildId,
      parent_id: channelId,
      owner_id: botUser.id,
      name,
      last_message_id: null,
      message_count: 0,
      member_count: 1,
      rate_limit_per_user: 0,
      flags: 0,
      thread_metadata: { archived: false, auto_archive_duration: Number(body.auto_archive_duration ?? 1440), archive_timestamp: new Date().toISOString(), locked: false },
    };
    channels.set(messageId, { id: messageId, guildId: parent.guildId, recipient: null, thread });
    const shardId = shardOf(parent.guildId);
    setImmediate(() => sessions.has(shardId) && dispatch('THREAD_CREATE', { ...thread, newly_created: true }, shardId));
    return { status: 201, body: thread };
  }

  function createChannelMessage(channelId: string, body: Record<string, unknown>): HttpAnswer {
    const channel = channels.get(channelId);
    if (!channel) return { status: 404, body: { code: 10003, message: 'Unknown Channel' } };
    const problem = checkMessage(body as MessagePayload);
    if (problem) return problem;
    const message = storeMessage(channelId, body);
    if (channel.guildId === null) {
      // Discord echoes the bot's own DMs on the gateway: a bot must ignore its own messages.
      setImmediate(() => sessions.has(0) && dispatch('MESSAGE_CREATE', { ...message, channel_type: 1 }));
    }
    return { status: 200, body: message };
  }

  type Route = {
    method: string;
    pattern: RegExp;
    auth: boolean;
    handle: (params: string[], body: Record<string, unknown>, query: Record<string, string>) => HttpAnswer;
  };

  const application = () => ({ id: applicationId, name: 'quotebot', description: '', icon: null, bot_public: true, bot_require_code_grant: false, flags: 0, bot: userPayload(botUser), owner: userPayload(FAKE_USERS.alice), verify_key: 'fake', team: null });

  const routes: Route[] = [
    {
      method: 'GET', pattern: /^\/gateway\/bot$/, auth: true,
      handle: () => ({ status: 200, body: { url: `ws://127.0.0.1:${port}/gateway`, shards: shardCount, session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 } } }),
    },
    { method: 'GET', pattern: /^\/gateway$/, auth: false, handle: () => ({ status: 200, body: { url: `ws://127.0.0.1:${port}/gateway` } }) },
    { method: 'GET', pattern: /^\/(?:oauth2\/)?applications\/@me$/, auth: true, handle: () => ({ status: 200, body: application() }) },
    { method: 'GET', pattern: /^\/users\/@me$/, auth: true, handle: () => ({ status: 200, body: userPayload(botUser) }) },
    {
      method: 'PUT', pattern: /^\/applications\/([^/]+)\/(?:guilds\/([^/]+)\/)?commands$/, auth: true,
      handle: ([app, guildId], body) => {
        if (app !== applicationId) return { status: 403, body: { code: 50001, message: 'Missing Access' } };
        if (guildId && !guildIds.includes(guildId)) return { status: 403, body: { code: 50001, message: 'Missing Access' } };
        const errors = validateCommands(body);
        if (errors.length > 0) return formError(errors);
        const stored = (body as unknown as Record<string, unknown>[]).map((command) => ({
          ...command,
          id: nextSnowflake(),
          application_id: applicationId,
          version: nextSnowflake(),
          type: command.type ?? 1,
          ...(guildId ? { guild_id: guildId } : {}),
        }));
        commands.set(guildId ?? 'global', stored);
        return { status: 200, body: stored };
      },
    },
    {
      method: 'GET', pattern: /^\/applications\/([^/]+)\/(?:guilds\/([^/]+)\/)?commands$/, auth: true,
      handle: ([, guildId]) => ({ status: 200, body: commands.get(guildId ?? 'global') ?? [] }),
    },
    {
      method: 'POST', pattern: /^\/interactions\/([^/]+)\/([^/]+)\/callback$/, auth: false,
      handle: ([id, interactionToken], body, query) => interactionCallback(id!, interactionToken!, body, query),
    },
    {
      method: 'POST', pattern: /^\/webhooks\/([^/]+)\/([^/]+)$/, auth: false,
      handle: ([app, interactionToken], body, query) => {
        const interaction = webhookInteraction(app!, interactionToken!);
        if (!interaction) return unknownWebhook;
        const problem = checkMessage(body as MessagePayload);
        if (problem) return problem;
        const flags = typeof body.flags === 'number' ? body.flags & EPHEMERAL : 0;
        const message = storeMessage(interaction.channelId, body, { webhookId: applicationId, interaction, flags });
        return query.wait === 'false' ? { status: 204 } : { status: 200, body: message };
      },
    },
    {
      method: 'PATCH', pattern: /^\/webhooks\/([^/]+)\/([^/]+)\/messages\/([^/]+)$/, auth: false,
      handle: ([app, interactionToken, messageRef], body) => {
        const interaction = webhookInteraction(app!, interactionToken!);
        return interaction ? editWebhookMessage(interaction, messageRef!, body) : unknownWebhook;
      },
    },
    {
      method: 'GET', pattern: /^\/webhooks\/([^/]+)\/([^/]+)\/messages\/([^/]+)$/, auth: false,
      handle: ([app, interactionToken, messageRef]) => {
        const interaction = webhookInteraction(app!, interactionToken!);
        if (!interaction) return unknownWebhook;
        const message = messages.get((messageRef === '@original' ? interaction.originalId : messageRef) ?? '');
        return message ? { status: 200, body: message } : unknownMessage;
      },
    },
    {
      method: 'DELETE', pattern: /^\/webhooks\/([^/]+)\/([^/]+)\/messages\/([^/]+)$/, auth: false,
      handle: ([app, interactionToken, messageRef]) => {
        const interaction = webhookInteraction(app!, interactionToken!);
        if (!interaction) return unknownWebhook;
        const id = (messageRef === '@original' ? interaction.originalId : messageRef) ?? '';
        return messages.delete(id) ? { status: 204 } : unknownMessage;
      },
    },
    { method: 'POST', pattern: /^\/channels\/([^/]+)\/messages$/, auth: true, handle: ([channelId], body) => createChannelMessage(channelId!, body) },
    {
      method: 'POST', pattern: /^\/channels\/([^/]+)\/messages\/([^/]+)\/threads$/, auth: true,
      handle: ([channelId, messageId], body) => startThread(channelId!, messageId!, body),
    },
    {
      method: 'PATCH', pattern: /^\/channels\/([^/]+)\/messages\/([^/]+)$/, auth: true,
      handle: ([, messageId], body) => {
        const message = messages.get(messageId!);
        if (!message) return unknownMessage;
        const updated = applyEdit(message, body);
        const problem = checkMessage(updated as MessagePayload);
        if (problem) return problem;
        messages.set(messageId!, updated);
        return { status: 200, body: updated };
      },
    },
    {
      method: 'POST', pattern: /^\/channels\/([^/]+)\/typing$/, auth: true,
      handle: ([channelId]) => (channels.has(channelId!) ? { status: 204 } : { status: 404, body: { code: 10003, message: 'Unknown Channel' } }),
    },
    {
      method: 'GET', pattern: /^\/channels\/([^/]+)$/, auth: true,
      handle: ([channelId]) => {
        const channel = channels.get(channelId!);
        if (!channel) return { status: 404, body: { code: 10003, message: 'Unknown Channel' } };
        return { status: 200, body: channel.recipient ? dmChannelPayload(channel.id, channel.recipient) : { id: channel.id, type: 0, guild_id: channel.guildId, name: 'general' } };
      },
    },
    {
      method: 'POST', pattern: /^\/users\/@me\/channels$/, auth: true,
      handle: (_params, body) => {
        const recipientId = String(body.recipient_id ?? '');
        const user = Object.values(FAKE_USERS).find((candidate) => candidate.id === recipientId) ?? { id: recipientId, username: `user${recipientId.slice(-4)}` };
        return { status: 200, body: dmChannelPayload(dmChannelFor(user), user) };
      },
    },
  ];

  function takeFault(method: string, path: string): FaultRule | null {
    const entry = faults.find(({ rule, remaining }) => remaining > 0 && (!rule.method || rule.method === method) && (typeof rule.path === 'string' ? rule.path === path : rule.path.test(path)));
    if (!entry) return null;
    entry.remaining -= 1;
    entry.hits += 1;
    return entry.rule;
  }

  function faultAnswer(rule: FaultRule): HttpAnswer | null {
    if (rule.status === undefined) return null;
    if (rule.status === 429) {
      const retryAfter = rule.retryAfter ?? 0.05;
      return {
        status: 429,
        headers: {
          'retry-after': String(Math.ceil(retryAfter)),
          'x-ratelimit-scope': rule.global ? 'global' : 'user',
          ...(rule.global ? { 'x-ratelimit-global': 'true' } : {}),
        },
        body: rule.body ?? { message: 'You are being rate limited.', retry_after: retryAfter, global: rule.global ?? false, code: 0 },
      };
    }
    return { status: rule.status, body: rule.body ?? { message: `${rule.status}: fault injected by the test`, code: 0 } };
  }

  async function readBody(req: IncomingMessage): Promise<{ body: unknown; files: UploadedFile[] }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    if (raw.length === 0) return { body: undefined, files: [] };
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) return parseMultipart(raw, type);
    try {
      return { body: JSON.parse(raw.toString('utf8')), files: [] };
    } catch {
      return { body: raw.toString('utf8'), files: [] };
    }
  }

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = performance.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const prefix = '/api/v10';
    const path = url.pathname.startsWith(prefix)
      ? url.pathname.slice(prefix.length).split('/').map((segment) => decodeURIComponent(segment)).join('/')
      : url.pathname;
    const { body, files } = await readBody(req);
    const headers = Object.fromEntries(
      Object.entries(req.headers)
        .filter(([name]) => name !== 'authorization')
        .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
    );
    const authorized = req.headers.authorization === `Bot ${token}`;

    const served = method === 'GET' ? attachments.get(url.pathname) : undefined;
    if (served) {
      res.writeHead(200, { 'content-type': served.contentType, 'content-length': String(served.bytes.length) });
      res.end(served.bytes);
      return;
    }
    let answer: HttpAnswer | null = null;
    const fault = takeFault(method, path);
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault) answer = faultAnswer(fault);
    if (!answer) {
      let match: RegExpExecArray | null = null;
      const route = url.pathname.startsWith(prefix)
        ? routes.find((candidate) => candidate.method === method && (match = candidate.pattern.exec(path)) !== null)
        : undefined;
      if (!route || !match) answer = { status: 404, body: { message: '404: Not Found', code: 0 } };
      else if (route.auth && !authorized) answer = { status: 401, body: { message: '401: Unauthorized', code: 0 } };
      else answer = route.handle((match as RegExpExecArray).slice(1), (body ?? {}) as Record<string, unknown>, Object.fromEntries(url.searchParams));
    }

    requests.push({
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      headers,
      authorized,
      body,
      files,
      status: answer.status,
      response: answer.body,
      ...(answer.status >= 400 ? { error: answer.body } : {}),
      receivedAt,
    });
    res.writeHead(answer.status, { ...(answer.body === undefined ? {} : { 'content-type': 'application/json' }), ...answer.headers });
    res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  }

  const server = createServer((req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `fake Discord failed: ${String(error)}`, code: 0 }));
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if (!(req.url ?? '').startsWith('/gateway')) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  // ---- driving the bot ----

  function permissionsOf(context: InteractionContext): string {
    return context.permissions === undefined ? MEMBER_PERMISSIONS : context.permissions.toString();
  }

  async function sendInteraction(payload: Record<string, unknown>, context: InteractionContext = {}): Promise<SentInteraction> {
    const user = context.user ?? FAKE_USERS.alice;
    const guildId = context.guildId === undefined ? (guildIds[0] ?? null) : context.guildId;
    const channelId = context.channelId ?? (guildId ? channelOfGuild(guildId) : dmChannelFor(user));
    const id = nextSnowflake();
    const interactionToken = `interaction-token-${id}`;
    const data = (payload.data ?? {}) as Record<string, unknown>;
    const full = {
      id,
      application_id: applicationId,
      token: interactionToken,
      version: 1,
      app_permissions: '2248473465835073',
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: guildId ? { '0': guildId } : { '1': user.id },
      context: guildId ? 0 : 1,
      attachment_size_limit: 10_485_760,
      channel_id: channelId,
      channel: guildId
        ? { ...(channels.get(channelId)?.thread ?? { id: channelId, type: 0, guild_id: guildId, name: 'general' }), permissions: permissionsOf(context) }
        : { id: channelId, type: 1, recipients: [userPayload(user)] },
      ...(guildId ? { guild_id: guildId, guild_locale: 'en-US', member: memberPayload(user, permissionsOf(context)) } : { user: userPayload(user) }),
      ...payload,
    };
    const message = payload.message as Record<string, unknown> | undefined;
    interactions.set(interactionToken, {
      id,
      token: interactionToken,
      applicationId,
      channelId,
      guildId,
      user,
      commandName: typeof data.name === 'string' ? data.name : null,
      sourceMessageId: message ? (message.id as string) : null,
      acknowledged: false,
      originalId: null,
    });
    dispatch('INTERACTION_CREATE', full, shardOf(guildId));
    return { id, token: interactionToken, payload: full };
  }

  function commandData(name: string, options: Record<string, string | number | boolean | FakeAttachment>, focused?: string): Record<string, unknown> {
    const registered = [...commands.values()].flat().find((command) => command.name === name);
    const files = Object.values(options).filter((value): value is FakeAttachment => typeof value === 'object');
    return {
      id: (registered?.id as string | undefined) ?? nextSnowflake(),
      name,
      type: 1,
      options: Object.entries(options).map(([optionName, value]) => ({
        name: optionName,
        ...(typeof value === 'object' ? { type: 11, value: value.id } : { type: optionType(value), value }),
        ...(optionName === focused ? { focused: true } : {}),
      })),
      ...(files.length > 0 ? { resolved: { attachments: Object.fromEntries(files.map((file) => [file.id, file])) } } : {}),
    };
  }

  /** A member's message in a channel or thread (or a DM), as MESSAGE_CREATE; a reply when `replyTo` is given. */
  function userMessage(channelId: string, author: FakeUser, content: string, replyTo: string | undefined): SentMessage {
    const channel = channels.get(channelId);
    if (!channel) throw new Error(`No channel ${channelId} in the fake.`);
    const referenced = replyTo ? messages.get(replyTo) : undefined;
    if (replyTo && !referenced) throw new Error(`No message ${replyTo} in the fake to reply to.`);
    const id = nextSnowflake();
    const reference = replyTo ? { message_reference: { message_id: replyTo, channel_id: channelId, ...(channel.guildId ? { guild_id: channel.guildId } : {}) } } : {};
    const message = {
      ...messagePayload({ id, channelId, author, body: { content, ...reference }, guildId: channel.guildId }),
      // Replying pings the replied-to author by default, which is what lets a bot without the content intent read it.
      ...(referenced ? { referenced_message: referenced, mentions: [referenced.author] } : {}),
    };
    messages.set(id, message);
    const where = channel.guildId ? { guild_id: channel.guildId, member: memberPayload(author, MEMBER_PERMISSIONS) } : { channel_type: 1 };
    dispatch('MESSAGE_CREATE', { ...message, ...where }, shardOf(channel.guildId));
    return { id, channelId };
  }

  const fake: FakeDiscord = {
    apiUrl: `http://127.0.0.1:${port}/api`,
    token,
    applicationId,
    guildIds,
    shardCount,
    shardOf,
    botUser,
    requests: requests.items,
    messages,
    gatewayPayloads: gatewayPayloads.items,
    commands,
    sendInteraction,
    sendSlashCommand: (name, options = {}, context) => sendInteraction({ type: 2, data: commandData(name, options) }, context),
    sendAutocomplete: (name, options, focused, context) => sendInteraction({ type: 4, data: commandData(name, options, focused) }, context),
    clickButton(messageId, customId, context) {
      const message = messages.get(messageId);
      if (!message) throw new Error(`No message ${messageId} in the fake: click a button on a message the bot sent.`);
      const channelId = message.channel_id as string;
      const channel = channels.get(channelId);
      return sendInteraction(
        { type: 3, message, data: { custom_id: customId, component_type: 2 } },
        { guildId: channel?.guildId ?? null, channelId, ...context },
      );
    },
    async sendDirectMessage(content, { author = FAKE_USERS.alice, replyTo } = {}) {
      return userMessage(dmChannelFor(author), author, content, replyTo);
    },
    async sendChannelMessage(content, { author = FAKE_USERS.alice, channelId = FAKE_IDS.channel, replyTo } = {}) {
      return userMessage(channelId, author, content, replyTo);
    },
    addAttachment({ filename, contentType, bytes }) {
      const id = nextSnowflake();
      const path = `/attachments/${FAKE_IDS.channel}/${id}/${encodeURIComponent(filename)}`;
      attachments.set(path, { contentType, bytes });
      const url = `http://127.0.0.1:${port}${path}`;
      return { id, filename, size: bytes.length, url, proxy_url: url, content_type: contentType };
    },
    submitModal(customId, values, context) {
      const components = Object.entries(values).map(([fieldId, value], i) => ({ type: 18, id: i + 1, component: { type: 4, id: 100 + i, custom_id: fieldId, value } }));
      return sendInteraction({ type: 5, data: { custom_id: customId, components } }, context);
    },
    threads() {
      return [...channels.values()].flatMap((channel) => (channel.thread ? [channel.thread] : []));
    },
    waitForRequest(predicate, timeoutMs = 5_000) {
      return requests.waitFor(predicate, timeoutMs, () =>
        requests.items.map((request) => `${request.status} ${request.method} ${request.path}`).join('\n'),
      );
    },
    interactionRequests(interactionToken) {
      return requests.items.filter(
        (request) => request.path.includes(`/${interactionToken}/`) || request.path.endsWith(`/${interactionToken}`),
      );
    },
    waitForGatewayPayload(predicate, timeoutMs = 5_000) {
      return gatewayPayloads.waitFor(predicate, timeoutMs, () => gatewayPayloads.items.map((payload) => `op ${payload.op}`).join(', '));
    },
    injectFault(rule) {
      const entry = { rule, remaining: rule.times ?? 1, hits: 0 };
      faults.push(entry);
      return {
        get hits() {
          return entry.hits;
        },
      };
    },
    closeGateway(code = 4000, reason = 'closed by the test') {
      // 1006 (abnormal closure) is never sent: it is what the client sees when the connection just drops.
      for (const { socket } of sessions.values()) {
        if (code === 1006) socket?.terminate();
        else socket?.close(code, reason);
      }
    },
    requestReconnect() {
      for (const { socket } of sessions.values()) if (socket) send(socket, { op: 7, d: null });
    },
    invalidateSession(resumable) {
      for (const { socket } of sessions.values()) if (socket) send(socket, { op: 9, d: resumable });
    },
    setHeartbeatAck(enabled) {
      heartbeatAck = enabled;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
