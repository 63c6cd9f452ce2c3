import { NOTHING_STATED, type StatedMetadata } from './stated-metadata.js';

/**
 * A group chat exported as text (WhatsApp's `Export chat`, Android `12/05/2023, 19:02 - Priya
 * Shah: ...` and iOS `[12/05/2023, 19:02:41] Priya Shah: ...`): each message is a paragraph of
 * its own, led by its sender's name, without the time stamp; the app's notices (encryption,
 * members added) and placeholders (`<Media omitted>`, `This message was deleted`) are not text.
 * The member who wrote most is its author, and its first message dates it.
 */

const MESSAGE = /^\u200E?\[?(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4}),?\s+(\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s?[APap]\.?\s?[Mm]\.?)?)\]?\s(?:-\s)?/;
const SENDER = /^([^:]{1,60}): /;
/** What the app writes in place of a message. */
const PLACEHOLDER = /^\u200E?(?:<Media omitted>|<attached: [^>]+>|(?:image|video|audio|sticker|GIF|document) omitted|This message was deleted\.?|You deleted this message\.?|null|Missed (?:voice|video) call)$/i;
/** A sender known only by a phone number is nobody's name. */
const PHONE_NUMBER = /^\+?[\d\s()-]+$/;
/** Share of the first lines that must be messages for the text to be a chat. */
const MESSAGE_SHARE = 0.6;
const SAMPLE_LINES = 20;

export interface ChatExport {
  /** The text's lines: messages without their time stamps, notices and placeholders blanked. */
  lines: string[];
  stated: StatedMetadata;
}

/** Day first unless a date shows otherwise (`12/25/2023`) or the times are a 12-hour clock's, as US exports write them. */
function dayFirst(dates: readonly RegExpExecArray[]): boolean {
  if (dates.some((match) => Number(match[1]) > 12)) return true;
  if (dates.some((match) => Number(match[2]) > 12)) return false;
  return !dates.some((match) => /[ap]/i.test(match[4] ?? ''));
}

/** The chat in an exported text, or null when the text is not one. */
export function readChatExport(lines: readonly string[]): ChatExport | null {
  const sample = lines.filter((line) => line.trim() !== '').slice(0, SAMPLE_LINES);
  const stamps = lines.map((line) => MESSAGE.exec(line));
  const found = stamps.filter((match): match is RegExpExecArray => match !== null);
  if (sample.length === 0 || sample.filter((line) => MESSAGE.test(line)).length < sample.length * MESSAGE_SHARE) return null;
  const byDay = dayFirst(found);
  const words = new Map<string, number>();
  let sender: string | null = null;
  const out: string[] = [];
  lines.forEach((line, i) => {
    const stamp = stamps[i];
    if (stamp) {
      const message = line.slice(stamp[0].length);
      sender = SENDER.exec(message)?.[1] ?? null;
      const said = sender === null ? '' : message.slice(sender.length + 2).trim();
      // A message is its own paragraph; a notice from the app (no sender) and a placeholder say nothing.
      out.push('', sender === null || PLACEHOLDER.test(said) ? '' : message);
      if (sender !== null && !PLACEHOLDER.test(said)) words.set(sender, (words.get(sender) ?? 0) + said.split(/\s+/).length);
    } else {
      out.push(sender === null ? '' : line);
      if (sender !== null) words.set(sender, (words.get(sender) ?? 0) + line.split(/\s+/).filter(Boolean).length);
    }
  });
  const author = [...words].filter(([name]) => !PHONE_NUMBER.test(name)).sort((a, b) => b[1] - a[1])[0]?.[0];
  const first = stamps.find((stamp, i) => stamp !== null && SENDER.test(lines[i]!.slice(stamp[0].length)));
  let date: string | null = null;
  if (first) {
    const [day, month] = byDay ? [first[1], first[2]] : [first[2], first[1]];
    const year = first[3]!.length === 2 ? `20${first[3]}` : first[3];
    date = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
  }
  return { lines: out, stated: { ...NOTHING_STATED, authors: author ? [author] : [], date } };
}

/** A chat's title from its export's file name (`WhatsApp Chat with Hollins Road Litter Pickers.txt`). */
export function chatTitle(source: string): string | null {
  const name = source.replace(/^.*\//, '').replace(/\.[^.]+$/, '').trim();
  return /^WhatsApp Chat (?:with |- )(.+)$/i.exec(name)?.[1]?.trim() ?? null;
}
