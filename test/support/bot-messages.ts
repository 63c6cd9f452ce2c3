/**
 * Reading what the bot sent to the fake Discord: its answers' quotes as plain text, the replies to
 * a DM, and every message body it sent (to check mentions, limits and secrets in one place).
 */
import type { FakeDiscord, RecordedRequest } from './fake-discord.js';

/** What the bot says when something unexpected failed. */
export { GENERIC_FAILURE } from '../../src/discord/errors.js';

/** Removes Discord markdown escapes: a backslash before ASCII punctuation. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

export interface ShownQuote {
  /** The quoted words as the reader sees them (markdown escapes removed). */
  text: string;
  /** The `— Author, *Title* (date)` line, unescaped, with a linked title read as its text. */
  attribution: string;
  /** Where the title links to (the quoted words on the article's page), when it does. */
  link: string | null;
}

/** A markdown link `[text](url)` in an attribution line: the title linking to the quoted words. */
const MARKDOWN_LINK = /\[((?:\\.|[^\]\\])*)\]\((https?:[^)\s]+)\)/;

/** The quotes of an answer embed's description: `> ` lines, each block followed by its attribution. */
export function readQuotes(description: string): ShownQuote[] {
  const quotes: ShownQuote[] = [];
  let lines: string[] = [];
  for (const line of description.split('\n')) {
    if (line.startsWith('> ') || line === '>') {
      lines.push(line.slice(2));
    } else if (line.startsWith('— ') && lines.length > 0) {
      const link = MARKDOWN_LINK.exec(line);
      const attribution = link ? line.replace(link[0], link[1]!) : line;
      quotes.push({ text: unescapeMarkdown(lines.join('\n')), attribution: unescapeMarkdown(attribution), link: link?.[2] ?? null });
      lines = [];
    }
  }
  return quotes;
}

/** The quotes of every embed of a message body. */
export function quotesOf(body: { embeds?: { description?: string }[] } | undefined): ShownQuote[] {
  return (body?.embeds ?? []).flatMap((embed) => readQuotes(embed.description ?? ''));
}

/** Whether a shown quote is the article's own words (a quote too long for Discord ends in `…`). */
export function isVerbatim(quote: string, articleText: string): boolean {
  if (articleText.includes(quote)) return true;
  return quote.endsWith('…') && articleText.includes(quote.slice(0, -1).trimEnd());
}

/** Matches the bot's reply (or replies) to one DM. */
export const isReplyTo =
  (messageId: string) =>
  (request: RecordedRequest): boolean =>
    request.method === 'POST' && /^\/channels\/\d+\/messages$/.test(request.path) && request.body?.message_reference?.message_id === messageId;

export interface SentBody {
  request: RecordedRequest;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Every message the bot created or edited: interaction replies and updates, edits, follow-ups, channel messages. */
export function botMessageBodies(fake: FakeDiscord): SentBody[] {
  const sent: SentBody[] = [];
  for (const request of fake.requests) {
    if (request.method === 'POST' && request.path.endsWith('/callback')) {
      if (request.body?.type === 4 || request.body?.type === 7) sent.push({ request, body: request.body.data ?? {} });
    } else if (request.path.startsWith('/webhooks/') && (request.method === 'POST' || request.method === 'PATCH')) {
      sent.push({ request, body: request.body ?? {} });
    } else if (/^\/channels\/\d+\/messages(?:\/\d+)?$/.test(request.path) && (request.method === 'POST' || request.method === 'PATCH')) {
      sent.push({ request, body: request.body ?? {} });
    }
  }
  return sent;
}

/** All the text a person could read in a message body. */
export function visibleText(body: { content?: string | null; embeds?: { title?: string; description?: string }[] } | undefined): string {
  const embeds = (body?.embeds ?? []).map((embed) => `${embed.title ?? ''}\n${embed.description ?? ''}`);
  return [body?.content ?? '', ...embeds].join('\n');
}

/** The article each shown quote cites (by title) and holds verbatim; undefined where none does. */
export function citedArticles<A extends { title: string; text: string }>(quotes: readonly ShownQuote[], articles: Iterable<A>): (A | undefined)[] {
  const list = [...articles];
  return quotes.map((quote) => list.find((article) => quote.attribution.includes(`*${article.title}*`) && isVerbatim(quote.text, article.text)));
}
