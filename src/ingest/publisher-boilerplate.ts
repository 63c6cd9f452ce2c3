import { readLooseFields } from './field-block.js';
import { NOTHING_STATED, type StatedMetadata } from './stated-metadata.js';

/**
 * Publisher boilerplate that spans many lines: the header and licence of a Project Gutenberg
 * text, and licence or copyright sections (`Copyright` / `Full Copyright Statement` / `License`
 * headings with the text under them). Removed lines become blank, so line numbers stay valid.
 */

const GUTENBERG_START = /^\*{3}\s*START OF (?:THE|THIS) PROJECT GUTENBERG\b/i;
const GUTENBERG_END = /^(?:\*{3}\s*END OF (?:THE|THIS) PROJECT GUTENBERG\b|End of (?:the )?Project Gutenberg(?:'s)?\b)/i;

const PRODUCTION_CREDIT = /^(?:produced|prepared|transcribed|digiti[sz]ed|e-?text (?:prepared|produced)) by\b/i;

/** A heading whose section is a licence or copyright statement. */
const LICENCE_HEADING = /^(?:full )?(?:copyright(?: notice| statement| and licen[cs]e)?|licen[cs]e|licensing|licentie|auteursrecht)$/i;

export interface Trimmed {
  lines: string[];
  /** Metadata the removed header states (Project Gutenberg's `Title:`, `Author:`, `Language:`). */
  stated: StatedMetadata;
}

/** Blanks `lines[from, to)` in place, so the line numbers of everything else stay valid. */
export const blank = (lines: string[], from: number, to: number): void => {
  for (let i = from; i < to; i += 1) lines[i] = '';
};

/** Removes a Project Gutenberg header (up to its START line) and footer (from its END line). */
export function removeGutenbergFrame(lines: readonly string[]): Trimmed {
  const start = lines.findIndex((line) => GUTENBERG_START.test(line));
  if (start === -1) return { lines: [...lines], stated: NOTHING_STATED };
  const stated = readLooseFields(lines, 0, start);
  const end = lines.findIndex((line, i) => i > start && GUTENBERG_END.test(line));
  const trimmed = [...lines];
  blank(trimmed, 0, start + 1);
  if (end !== -1) blank(trimmed, end, trimmed.length);
  // The volunteers' credit right after the START line (`Produced by ...`) is the edition's, not the text's.
  const credit = trimmed.findIndex((line, i) => i > start && line !== '');
  if (credit !== -1 && PRODUCTION_CREDIT.test(trimmed[credit] ?? '')) {
    let to = credit;
    while (to < trimmed.length && trimmed[to] !== '') to += 1;
    blank(trimmed, credit, to);
  }
  return { lines: trimmed, stated };
}

/** Whether line `i` heads a section: a heading the format marks, or a short line standing alone. */
function isSectionHeading(lines: readonly string[], headings: ReadonlyMap<number, number>, i: number): boolean {
  const line = lines[i] ?? '';
  if (line === '') return false;
  if (headings.has(i)) return true;
  return (lines[i - 1] ?? '') === '' && (lines[i + 1] ?? '') === '' && line.length <= 60 && !/[.,;:!?]$/.test(line);
}

/**
 * Removes licence and copyright sections: from a heading such as `Copyright` or `Full Copyright
 * Statement` up to the next heading at the same or a higher level (or the end of the text).
 * The heading is one the format marks or, in a text without marked headings, a short line
 * standing alone.
 */
export function removeLicenceSections(lines: readonly string[], headings: ReadonlyMap<number, number>): string[] {
  const trimmed = [...lines];
  for (let i = 0; i < trimmed.length; i += 1) {
    if (!LICENCE_HEADING.test(trimmed[i] ?? '') || !isSectionHeading(trimmed, headings, i)) continue;
    const level = headings.get(i) ?? 1;
    let end = i + 1;
    // Without marked headings (an RFC), the next short line standing alone starts the next section.
    const endsSection = (j: number): boolean => (headings.size > 0 ? (headings.get(j) ?? 99) <= level : isSectionHeading(trimmed, headings, j));
    while (end < trimmed.length && !endsSection(end)) end += 1;
    blank(trimmed, i, end);
    i = end - 1;
  }
  return trimmed;
}
