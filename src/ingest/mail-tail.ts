import { readFieldBlock, type FieldBlock } from './field-block.js';
import { blank } from './publisher-boilerplate.js';

/**
 * What a saved e-mail carries besides the message: the quoted earlier message under its
 * attribution line (`On Mon, 13 Mar 2023, Anne <anne@x.org> wrote:` and its `> ` lines, at the
 * bottom or the top), and the signature under the `-- ` separator (name, role, phone number).
 * Neither is the sender's words in this message. Removed lines become blank, so line numbers stay valid.
 */

/** Attribution lines of mail clients in English, Dutch and German, above the quoted message. */
const ATTRIBUTION = /^(?:on\b.{4,200}\bwrote:|op\b.{4,200}\bschreef\b.{0,100}:|am\b.{4,200}\bschrieb\b.{0,100}:)$/i;
/** Outlook's separator, above the earlier message's own header and text. */
const ORIGINAL_MESSAGE = /^-{2,}\s*(?:original message|oorspronkelijk bericht)\s*-{2,}$/i;
const QUOTED = /^>/;
/** RFC 3676's signature separator, `-- ` (its trailing space may have been trimmed). */
const SIGNATURE_SEPARATOR = /^--\s*$/;
/** A signature is short: more lines below the separator are a message that uses `--` otherwise. */
const MAX_SIGNATURE_LINES = 8;

/** The line after a run of quoted lines (blank lines inside the run included) that starts at `from`. */
function endOfQuote(lines: readonly string[], from: number): number {
  let end = from;
  for (let i = from; i < lines.length; i += 1) {
    if (QUOTED.test(lines[i] ?? '')) end = i + 1;
    else if (lines[i] !== '') break;
  }
  return end;
}

/** The line that introduces a forwarded message (Gmail's, Apple Mail's, Outlook's). */
const FORWARDED = /^(?:-{2,}\s*(?:forwarded message|original message|doorgestuurd bericht|oorspronkelijk bericht|weitergeleitete nachricht)\s*-{2,}|begin forwarded message:)$/i;

/**
 * The message a forwarding mail carries, from line `from` on: the header block under a
 * forwarding line, or a mail's header block opening a paragraph. Its text is what was forwarded;
 * the lines above it are the forwarder's note. Null when there is none.
 */
export function findForwardedMessage(lines: readonly string[], from: number): { start: number; block: FieldBlock } | null {
  for (let i = from; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line === '' || (i > 0 && lines[i - 1] !== '' && !FORWARDED.test(lines[i - 1] ?? ''))) continue;
    const marked = FORWARDED.test(line);
    const at = marked ? lines.findIndex((text, j) => j > i && text !== '') : i;
    const block = at === -1 ? null : readFieldBlock(lines, at);
    if (block?.mail) return { start: i, block };
  }
  return null;
}

/** `lines` without the quoted earlier messages and the signature. */
export function removeMailTail(lines: readonly string[]): string[] {
  const trimmed = [...lines];
  for (let i = 0; i < trimmed.length; i += 1) {
    const line = trimmed[i] ?? '';
    if (ORIGINAL_MESSAGE.test(line)) {
      blank(trimmed, i, trimmed.length);
    } else if (ATTRIBUTION.test(line)) {
      const next = trimmed.findIndex((text, j) => j > i && text !== '');
      if (next !== -1 && QUOTED.test(trimmed[next] ?? '')) blank(trimmed, i, endOfQuote(trimmed, next));
    }
  }
  const separator = trimmed.findIndex((line) => SIGNATURE_SEPARATOR.test(line));
  if (separator !== -1 && trimmed.slice(separator + 1).filter((line) => line !== '' && !QUOTED.test(line)).length <= MAX_SIGNATURE_LINES) {
    blank(trimmed, separator, trimmed.length);
  }
  return trimmed;
}
