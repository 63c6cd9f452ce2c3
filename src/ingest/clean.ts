/**
 * Cleaning keeps every word as written and removes only boilerplate lines that are not article
 * text (share, tags, comments, disclaimers, contact footers, republishing credits, copyright and
 * licence notices). The rules are line patterns, so they carry over to sites the seed corpus
 * does not contain.
 */

/** Collapses runs of blank lines into one blank line and trims the ends. */
export function collapseBlankLines(text: string): string {
  return text.replace(/\n{3,}/g, '\n\n').trim();
}

/** "4 min read", "Reading time: 5 minutes", "Leestijd 3 minuten", at the end of a byline or alone. */
const READING_TIME = String.raw`(?:\d+\s*(?:min(?:ute)?s?|minuten?)\.?\s*(?:read|reading|lezen|leestijd)|(?:reading time|leestijd)\s*:?\s*\d+\s*(?:min(?:ute)?s?|minuten?))\.?`;
const READING_TIME_LINE = new RegExp(`^${READING_TIME}$`, 'i');
/** A reading-time estimate ending a line, with the separator before it. */
export const TRAILING_READING_TIME = new RegExp(String.raw`(?:\s*[·•|–—-]\s*|\s+)${READING_TIME}$`, 'i');
const LEADING_READING_TIME = new RegExp(String.raw`^${READING_TIME}(?:\s*[·•|–—-]\s*|\s+)`, 'i');

/** A header line without the reading time themes print beside the date (Wix: `Mar 14, 2022·2 min read`; Medium: `7 min read · Jun 3, 2021`). */
export function withoutReadingTime(line: string): string {
  return line.trim().replace(TRAILING_READING_TIME, '').replace(LEADING_READING_TIME, '');
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
  // A newsletter's e-mail around its post (Substack, Buttondown, Mailchimp).
  /^forwarded this (?:e-?mail|newsletter)\?.{0,300}$/i,
  /^view (?:this|the) (?:post|e-?mail|newsletter|issue) (?:on the web|online|in (?:your|a|the) browser)\b.{0,300}$/i,
  // An image kept as its address in brackets, as mail clients save a newsletter as text.
  /^\[https?:\/\/\S+\]$/i,
  /^(?:related (?:posts|articles|stories)|read more|back to top|print(?: this)?(?: article| page)?|(?:previous|next) (?:post|article)|(?:newer|older) (?:posts?|entries))\s*:?$/i,
  /^posted in\b.{0,100}$/i,
  // A note's way back to its index (`Back to Meetings MOC · Previous: 2023-04-12 Committee`).
  /^(?:←\s*)?(?:back to|return to|terug naar)\b[^.!?]{0,80}[·|•]\s*(?:previous|next|vorige|volgende)\b.{0,80}$/i,
  // A forum poster's profile beside each post (phpBB, vBulletin, XenForo).
  /^(?:posts|messages|reputation|karma|reaction score|likes received|points):\s*[\d.,]+$/i,
  /^(?:joined|join date|registered):\s*[\p{L}\d ,.]{0,16}\d{4}$/iu,
  // A breadcrumb trail (`Board index ‹ Local Groups ‹ Leeford Bike Kitchen`).
  /^[^.!?‹›»]{1,50}(?:\s[‹›»]\s[^.!?‹›»]{1,50}){2,}$/,
  // Skip links for screen readers and keyboards, and post navigation.
  /^(?:skip to (?:main )?(?:content|navigation)|ga (?:direct )?naar (?:de )?(?:inhoud|hoofdinhoud)|naar de inhoud springen|post navigation|berichtnavigatie)$/i,
  // A reading-time estimate (Ghost, Medium, dev.to).
  READING_TIME_LINE,
  // Copyright and licence notices.
  /^(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}))(?!.{200})/i,
  /^.{0,150}\ball rights reserved\.?$/i,
  /^(?:this|the) (?:document|work|text|article|post|page|content|material) (?:has been|is) (?:placed|released|dedicated) (?:in|into|to) the public domain\.?$/i,
  /^(?:this|the) (?:work|article|post|page|document|content|blog|text|site)\b.{0,80}\bis licen[cs]ed under\b.{0,200}$/i,
  /^licen[cs]ed under (?:the |a )?(?:creative commons|cc[ -]by|cc0|mit|apache|gnu)\b.{0,200}$/i,
  /^SPDX-License-Identifier:/i,
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
