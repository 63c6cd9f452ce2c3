import { NOTHING_STATED, type StatedMetadata } from './stated-metadata.js';

/**
 * A chat exported as text: WhatsApp's `Export chat` (Android `12/05/2023, 19:02 - Priya Shah: ...`,
 * iOS `[12/05/2023, 19:02:41] Priya Shah: ...`) and DiscordChatExporter's plain text (a preamble
 * `Guild: ...` / `Channel: Category / name`, then each message as `[12/05/2023 19:02] priya_shah`
 * over its text). Each message is a paragraph of its own, led by its sender's name, without the
 * time stamp; the app's notices (encryption, members added), placeholders (`<Media omitted>`) and
 * a Discord message's `{Attachments}`, `{Embed}`, `{Reactions}` sections are not text. The member
 * who wrote most is its author, and its first message dates it; a Discord export is titled by its
 * channel.
 */

/** A message's time stamp: day, month and year in either order (or the year first), and the time. */
const STAMP = String.raw`\[?(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4}),?\s+(\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s?[APap]\.?\s?[Mm]\.?)?)\]?`;
/** WhatsApp: the stamp, then `Sender: text` on the same line (a notice has no sender). */
const INLINE_MESSAGE = new RegExp(`^\\u200E?${STAMP}\\s(?:-\\s)?`);
const SENDER = /^([^:]{1,60}): /;
/** DiscordChatExporter: the stamp in brackets and the author alone on the line; the text follows. */
const HEADED_MESSAGE = new RegExp(`^${STAMP}\\s+(\\S.{0,80}?)(?:\\s+\\(pinned\\))?$`);
const DISCORD_PREAMBLE = /^(?:Guild|Channel|Topic|After|Before):\s/;
const DISCORD_CHANNEL = /^Channel:\s+(?:.*\/\s*)?(.+)$/;
const DISCORD_SECTION = /^\{(?:Attachments|Embed|Stickers|Reactions)\}$/;
const DISCORD_POSTAMBLE = /^(?:={10,}|Exported [\d,.\s]+ message\(s\))$/;
/** What the app writes in place of a message. */
const PLACEHOLDER = /^\u200E?(?:<Media omitted>|<attached: [^>]+>|(?:image|video|audio|sticker|GIF|document) omitted|This message was deleted\.?|You deleted this message\.?|null|Missed (?:voice|video) call)$/i;
/** A sender known only by a phone number is nobody's name. */
const PHONE_NUMBER = /^\+?[\d\s()-]+$/;
/** Share of the first lines that must be messages for the text to be a chat. */
const MESSAGE_SHARE = 0.6;
const SAMPLE_LINES = 20;

export interface ChatExport {
  /** The text's lines: messages without their time stamps; notices, placeholders and the export's own lines blanked. */
  lines: string[];
  stated: StatedMetadata;
}

/** Day first unless a date shows otherwise (`12/25/2023`) or the times are a 12-hour clock's, as US exports write them. */
function dayFirst(stamps: readonly RegExpExecArray[]): boolean {
  if (stamps.some((match) => Number(match[1]) > 12)) return true;
  if (stamps.some((match) => Number(match[2]) > 12)) return false;
  return !stamps.some((match) => /[ap]/i.test(match[4] ?? ''));
}

/** The ISO date of a time stamp, read the way the export's dates allow. */
function isoDate(stamp: RegExpExecArray, byDay: boolean): string {
  const [a, b, c] = [stamp[1]!, stamp[2]!, stamp[3]!];
  const [year, month, day] = a.length === 4 ? [a, b, c] : byDay ? [c, b, a] : [c, a, b];
  return `${year.length === 2 ? `20${year}` : year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** The chat in an exported text, or null when the text is not one. */
export function readChatExport(lines: readonly string[]): ChatExport | null {
  const body = lines.filter((line) => line.trim() !== '' && !DISCORD_PREAMBLE.test(line) && !DISCORD_POSTAMBLE.test(line.trim()));
  const headed = body.slice(0, SAMPLE_LINES).filter((line) => HEADED_MESSAGE.test(line)).length;
  const inline = body.slice(0, SAMPLE_LINES).filter((line) => INLINE_MESSAGE.test(line)).length;
  const discord = lines.some((line) => DISCORD_CHANNEL.test(line)) && headed > 0;
  if (body.length === 0 || (!discord && inline < Math.min(body.length, SAMPLE_LINES) * MESSAGE_SHARE)) return null;
  const stampOf = (line: string) => (discord ? HEADED_MESSAGE : INLINE_MESSAGE).exec(line);
  const words = new Map<string, number>();
  const stamps: RegExpExecArray[] = [];
  let sender: string | null = null;
  let inSection = false;
  const out: string[] = [];
  const said = (who: string, text: string) => words.set(who, (words.get(who) ?? 0) + text.split(/\s+/).filter(Boolean).length);
  for (const line of lines) {
    const trimmed = line.trim();
    const postamble = DISCORD_POSTAMBLE.test(trimmed);
    const stamp = postamble || DISCORD_PREAMBLE.test(line) ? null : stampOf(line);
    if (stamp) {
      inSection = false;
      // A message is its own paragraph; a notice from the app (no sender) and a placeholder say nothing.
      if (discord) {
        sender = stamp[5]!;
        out.push('', sender);
      } else {
        const message = line.slice(stamp[0].length);
        sender = SENDER.exec(message)?.[1] ?? null;
        const text = sender === null ? '' : message.slice(sender.length + 2).trim();
        const kept = sender !== null && !PLACEHOLDER.test(text);
        out.push('', kept ? message : '');
        if (kept) said(sender!, text);
      }
      if (sender !== null) stamps.push(stamp);
      continue;
    }
    if (DISCORD_SECTION.test(trimmed)) inSection = true;
    else if (trimmed === '' && discord) inSection = false;
    const kept = sender !== null && !inSection && !postamble;
    out.push(kept ? line : '');
    if (kept) said(sender!, line);
  }
  const author = [...words].filter(([name]) => !PHONE_NUMBER.test(name)).sort((a, b) => b[1] - a[1])[0]?.[0];
  const first = stamps[0];
  const channel = lines.map((line) => DISCORD_CHANNEL.exec(line)?.[1]?.trim()).find(Boolean) ?? null;
  return {
    lines: out,
    stated: { ...NOTHING_STATED, title: discord ? channel : null, authors: author ? [author] : [], date: first ? isoDate(first, dayFirst(stamps)) : null },
  };
}

/** A chat's title from its export's file name (`WhatsApp Chat with Hollins Road Litter Pickers.txt`). */
export function chatTitle(source: string): string | null {
  const name = source.replace(/^.*\//, '').replace(/\.[^.]+$/, '').trim();
  return /^WhatsApp Chat (?:with |- )(.+)$/i.exec(name)?.[1]?.trim() ?? null;
}
