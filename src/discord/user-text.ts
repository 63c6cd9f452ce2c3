import { escapeText } from './markdown.js';
import { truncateAtWord } from './truncate.js';

/**
 * Text a person typed, shown back to them (an unknown filter, a question nothing answers): on one
 * line, shortened, markdown escaped, and unable to mention anyone or to flip the direction of the
 * rest of the message. allowedMentions already stops pings; this stops `<@id>` rendering as a
 * mention and right-to-left overrides disguising what the bot says.
 */

/** Bidirectional formatting controls (embeddings, overrides, isolates, marks). */
const DIRECTION_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const ZERO_WIDTH_SPACE = '\u200B';

/** Breaks user, role, channel and everyone/here mentions with a zero-width space so they show as typed text. */
export function defuseMentions(text: string): string {
  return text
    .replace(/<(@[!&]?|#)(\d+)>/g, `<$1${ZERO_WIDTH_SPACE}$2>`)
    .replace(/@(everyone|here)\b/gi, `@${ZERO_WIDTH_SPACE}$1`);
}

/** What a person typed, made safe to echo in at most about `max` characters (before escaping). */
export function echoUserText(text: string, max: number): string {
  const oneLine = text.replace(DIRECTION_CONTROLS, '').replace(/\s+/g, ' ').trim();
  return defuseMentions(escapeText(truncateAtWord(oneLine, max)));
}
