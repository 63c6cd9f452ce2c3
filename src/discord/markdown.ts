/** Discord markdown escaping, so quoted text renders exactly as written. */
import { escapeBulletedList, escapeHeading, escapeMarkdown, escapeNumberedList } from 'discord.js';

/** Half of a UTF-16 surrogate pair on its own: not text, and Discord may refuse a message holding it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Longest run escapeMarkdown gets at once (see escapeText). */
const ESCAPE_CHUNK = 256;

/** Cuts text after whitespace into runs of about ESCAPE_CHUNK characters. */
function splitAtSpaces(text: string): string[] {
  const runs: string[] = [];
  let start = 0;
  while (text.length - start > ESCAPE_CHUNK) {
    const window = text.slice(start, start + ESCAPE_CHUNK);
    const cut = Math.max(window.lastIndexOf(' '), window.lastIndexOf('\n'));
    if (cut <= 0) break;
    runs.push(text.slice(start, start + cut + 1));
    start += cut + 1;
  }
  runs.push(text.slice(start));
  return runs;
}

/** Escapes the `[` of every `[text](url)`; discord.js's own rule escapes only the first of a line. */
function escapeMaskedLinks(text: string): string {
  // Backslashes are already doubled by then, so one more always escapes the bracket.
  return text.replace(/\[(?=[^\]\n]*\]\()/g, '\\[');
}

/**
 * Escapes every Discord markdown construct, line-start ones included, so text renders exactly as
 * written: a `# heading` or `- item` inside a quote must not become a heading or a list. Broken
 * UTF-16 (a lone surrogate, e.g. in a question) becomes U+FFFD.
 */
export function escapeText(text: string): string {
  // escapeMarkdown's inline rules look behind through whole runs of non-space characters, which is
  // quadratic on long text; they never match across whitespace, so escaping runs cut after a
  // space gives the same result. Line and link rules need whole lines: they run on the joined text,
  // last, as escapeMarkdown itself orders them.
  const inline = splitAtSpaces(text.replace(LONE_SURROGATE, '\uFFFD'))
    .map((run) => escapeMarkdown(run, { heading: false, bulletedList: false, numberedList: false, maskedLink: false }))
    .join('');
  return escapeMaskedLinks(escapeNumberedList(escapeBulletedList(escapeHeading(inline))));
}
