import { isPersonName } from './bylines.js';
import type { LineRange } from './segment.js';

/**
 * The authors a document lists in a section of its own, as READMEs and reports end (`## Authors` /
 * `- **Amara Nwosu** - original author - @amaranwosu`): each line's leading name, when every line
 * of the list opens on a person's name. Read only where nothing else names the author.
 */

const AUTHORS_HEADING = /^(?:authors?|written by|maintainers?|auteurs?|geschreven door)$/i;
/** What follows the name on a line of the list: a role, a handle, an affiliation. */
const AFTER_NAME = /\s+[-–—|(]\s*|,\s+/;

/** The names listed under an "Authors" heading inside `ranges`, or an empty list. */
export function findAuthorsSection(lines: readonly string[], headings: ReadonlyMap<number, number>, ranges: readonly LineRange[]): string[] {
  for (const range of ranges) {
    for (let i = range.start; i < range.end; i += 1) {
      if (!headings.has(i) || !AUTHORS_HEADING.test((lines[i] ?? '').trim())) continue;
      const list: string[] = [];
      for (let j = i + 1; j < range.end && !headings.has(j); j += 1) {
        const line = (lines[j] ?? '').trim();
        if (line === '' && list.length > 0) break;
        if (line !== '') list.push(line.split(AFTER_NAME)[0]!.trim());
      }
      if (list.length > 0 && list.every(isPersonName)) return list;
    }
  }
  return [];
}
