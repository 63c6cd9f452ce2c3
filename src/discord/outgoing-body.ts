import { redactSecrets, type NamedSecret } from '../index.js';
import {
  MAX_EMBED_DESCRIPTION_LENGTH,
  MAX_EMBED_TITLE_LENGTH,
  MAX_EMBEDS_TOTAL_LENGTH,
  MAX_MESSAGE_LENGTH,
} from './limits.js';
import { truncateAtWord } from './truncate.js';

/**
 * The last check on a request body before it leaves for Discord: every string loses any configured
 * secret, and message text is cut to Discord's limits. Formatting already keeps within the limits;
 * this is the backstop for a path that did not, because Discord refuses an oversized message with
 * a 400 and the person then gets nothing at all. Pure.
 */

const MAX_FOOTER_LENGTH = 2_048;
const MAX_FIELD_NAME_LENGTH = 256;
const MAX_FIELD_VALUE_LENGTH = 1_024;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The body as the JSON Discord will receive (builders become their toJSON()); anything else as is. */
function asJson(body: unknown): unknown {
  if (body === null || typeof body !== 'object') return body;
  const prototype = Object.getPrototypeOf(body);
  if (prototype !== Object.prototype && !Array.isArray(body)) return body;
  try {
    return JSON.parse(JSON.stringify(body));
  } catch {
    return body;
  }
}

function redactDeep(value: unknown, secrets: readonly NamedSecret[]): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, secrets)]));
  }
  return value;
}

type Embed = { [key: string]: Json };

function fitText(value: Json | undefined, max: number): Json | undefined {
  return typeof value === 'string' && value.length > max ? truncateAtWord(value, max) : value;
}

function fitEmbed(embed: Embed): Embed {
  const fitted: Embed = { ...embed };
  if (typeof embed.title === 'string') fitted.title = fitText(embed.title, MAX_EMBED_TITLE_LENGTH)!;
  if (typeof embed.description === 'string') fitted.description = fitText(embed.description, MAX_EMBED_DESCRIPTION_LENGTH)!;
  const footer = embed.footer as Embed | undefined;
  if (footer && typeof footer === 'object') fitted.footer = { ...footer, text: fitText(footer.text, MAX_FOOTER_LENGTH) ?? null };
  if (Array.isArray(embed.fields)) {
    fitted.fields = (embed.fields as Embed[]).map((field) => ({
      ...field,
      name: fitText(field.name, MAX_FIELD_NAME_LENGTH) ?? '',
      value: fitText(field.value, MAX_FIELD_VALUE_LENGTH) ?? '',
    }));
  }
  return fitted;
}

function embedLength(embed: Embed): number {
  const text = (value: Json | undefined) => (typeof value === 'string' ? value.length : 0);
  const fields = Array.isArray(embed.fields) ? (embed.fields as Embed[]).reduce((sum, field) => sum + text(field.name) + text(field.value), 0) : 0;
  return text(embed.title) + text(embed.description) + text((embed.footer as Embed | undefined)?.text) + fields;
}

/** Shortens descriptions, last embed first, until all embeds of one message fit together. */
function fitEmbedsTogether(embeds: Embed[]): Embed[] {
  const fitted = embeds.map(fitEmbed);
  let excess = fitted.reduce((sum, embed) => sum + embedLength(embed), 0) - MAX_EMBEDS_TOTAL_LENGTH;
  for (let i = fitted.length - 1; i >= 0 && excess > 0; i -= 1) {
    const description = fitted[i]!.description;
    if (typeof description !== 'string') continue;
    const keep = Math.max(0, description.length - excess);
    fitted[i] = { ...fitted[i]!, description: truncateAtWord(description, keep) };
    excess -= description.length - (fitted[i]!.description as string).length;
  }
  return fitted;
}

function fitMessage(message: { [key: string]: Json }): { [key: string]: Json } {
  const fitted = { ...message };
  if (typeof message.content === 'string') fitted.content = fitText(message.content, MAX_MESSAGE_LENGTH)!;
  if (Array.isArray(message.embeds)) fitted.embeds = fitEmbedsTogether(message.embeds as Embed[]);
  return fitted;
}

const isObject = (value: unknown): value is { [key: string]: Json } => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The body with secrets redacted and message fields within Discord's limits. Handles message
 * bodies (`content`, `embeds`) and interaction responses, whose message sits under `data`.
 */
export function sanitizeOutgoing(body: unknown, secrets: readonly NamedSecret[]): unknown {
  const redacted = redactDeep(asJson(body), secrets);
  if (!isObject(redacted)) return redacted;
  if (isObject(redacted.data)) return { ...redacted, data: fitMessage(redacted.data) };
  return fitMessage(redacted);
}
