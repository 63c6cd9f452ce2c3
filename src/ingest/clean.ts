import { INVISIBLE } from '../text/normalize.js';
import { parseDateLine } from './dates.js';

/**
 * Cleaning keeps every word as written and removes only what is not article text: odd
 * whitespace, markdown marks, and boilerplate lines (share, tags, comments, disclaimers,
 * contact footers, republishing credits). The rules are line patterns, so they carry over to
 * sites the seed corpus does not contain.
 */

/** Spaces that render as a space but are not one (NBSP, thin and ideographic spaces, tabs). */
const ODD_SPACES = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

/**
 * NFC, LF line endings, plain spaces, no trailing spaces, markdown marks stripped, paragraphs
 * split mid-sentence by the extraction joined again, at most one blank line in a row.
 */
export function normalizeText(raw: string): string {
  const lines = raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .replace(ODD_SPACES, ' ')
    .split('\n')
    .map((line) => stripMarkdown(line.replace(/ {2,}/g, ' ').trim()));
  return collapseBlankLines(joinBrokenParagraphs(lines).join('\n'));
}

/** Collapses runs of blank lines into one blank line and trims the ends. */
export function collapseBlankLines(text: string): string {
  return text.replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * Markdown marks that are not words: heading hashes, emphasis around words, links (kept as
 * their text), images, rules and quote markers. A `*` that does not wrap a word (a footnote
 * mark like `groups*` or a `* note` line) is kept, following CommonMark's flanking rules.
 */
export function stripMarkdown(line: string): string {
  if (/^(?:[-*_] ?){3,}$/.test(line)) return '';
  return line
    .replace(/^#{1,6}\s+/, '')
    .replace(/\s+#+$/, '')
    .replace(/^>\s?/, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))+(?:\s+"[^"]*")?\)/g, '$1')
    .replace(/(^|[\s\p{P}])(\*{1,3}|_{1,3})(?=[^\s*_])(.+?)(?<=[^\s*_])\2(?=$|[\s\p{P}])/gu, '$1$3')
    .trim();
}

/** A paragraph that stops without punctuation and one that goes on in lower case are one. */
function joinBrokenParagraphs(lines: string[]): string[] {
  const joined: string[] = [];
  for (const line of lines) {
    const lastText = findLastTextIndex(joined);
    const previous = lastText === -1 ? undefined : joined[lastText];
    if (
      previous !== undefined &&
      /^\p{Ll}/u.test(line) &&
      parseDateLine(line) === null &&
      /[\p{L}\p{N},'’-]$/u.test(previous) &&
      // Only across a blank line: everything after the last text line is blank by definition.
      joined.length > lastText + 1
    ) {
      joined.length = lastText + 1;
      joined[lastText] = `${previous} ${line}`;
    } else {
      joined.push(line);
    }
  }
  return joined;
}

function findLastTextIndex(lines: readonly string[]): number {
  for (let i = lines.length - 1; i >= 0; i -= 1) if (lines[i] !== '') return i;
  return -1;
}

const BOILERPLATE_LINES: readonly RegExp[] = [
  // Share buttons.
  /^(?:share|share this(?: article| story| post| page)?|deel dit(?: artikel| bericht)?|delen)\s*:?$/i,
  /^share (?:on|via|to|this on)\b/i,
  // Tag and category lists.
  /^(?:tags?|labels?|categories|category|filed under|topics?|trefwoorden)\s*:.{0,300}$/i,
  // Comment sections.
  /^(?:comments are closed|comments? (?:are|is) (?:closed|disabled)|leave a (?:comment|reply)|no comments(?: yet)?|\d+ (?:comments?|reacties?)|reacties? (?:zijn )?gesloten)\.?$/i,
  // Republishing disclaimers.
  /^disclaimer\b/i,
  /^(?:the )?(?:views|opinions|statements)\b.*\b(?:expressed|authors?)\b.*\bdo(?:es)? not necessarily (?:represent|reflect)\b/i,
  // Contact footers.
  /^(?:to )?contact\b.{0,80}\b(?:visit|write to|email|e-mail|at)\s*:$/i,
  /^contact us\b.{0,60}$/i,
  // Republishing credits and site widgets.
  /\brepublished (?:with|by) (?:kind )?permission\b/i,
  /\breprinted (?:with|by) (?:kind )?permission\b/i,
  /\breport a typo\b/i,
  /^(?:go to|read|view|see) (?:the )?original(?: article| post| source)?\b[^.!?]{0,80}$/i,
  /^(?:subscribe to|sign up for|follow us on)\b.{0,80}$/i,
];

/** A link or bare web address on its own line, as contact footers end. */
const LINK_LINE = /^(?:https?:\/\/)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:\/\S*)?$/i;

/** Whether one line (already normalised) is boilerplate rather than article text. */
export function isBoilerplateLine(line: string): boolean {
  return BOILERPLATE_LINES.some((pattern) => pattern.test(line));
}

/**
 * Marks each line as boilerplate or not. A bare link right after boilerplate (the
 * `wsws.org/contact` under "To contact the WSWS ... visit:") belongs to that footer.
 */
export function markBoilerplate(lines: readonly string[]): boolean[] {
  const marks: boolean[] = [];
  let previousText: boolean | undefined;
  for (const line of lines) {
    if (line === '') {
      marks.push(false);
      continue;
    }
    const mark = isBoilerplateLine(line) || (previousText === true && LINK_LINE.test(line));
    marks.push(mark);
    previousText = mark;
  }
  return marks;
}

/** The text of the given lines without boilerplate, with single blank lines between paragraphs. */
export function joinBodyLines(lines: readonly string[]): string {
  const marks = markBoilerplate(lines);
  return collapseBlankLines(lines.filter((_, i) => !marks[i]).join('\n'));
}
