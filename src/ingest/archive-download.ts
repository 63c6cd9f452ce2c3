import { parseDateLine } from './dates.js';
import type { Masthead } from './masthead.js';
import { NOTHING_STATED } from './stated-metadata.js';

/**
 * A work downloaded as text from the Archive of Our Own, as fan-fiction communities keep them:
 * its title, the `Posted originally on the Archive of Our Own at <url>` line, a block of tags
 * (`Rating:`, `Fandom:`, `Stats:` with `Published: 2021-11-20`), the title again, `by <pseud>`,
 * the summary and notes, the work, then `Afterword` with the end notes and the Archive's plea for
 * comments. The tags, summary and notes are the Archive's page, not the work, and neither are the
 * end notes; the pseud is the author's name as the Archive shows it.
 */

const POSTED_ON_ARCHIVE = /^Posted originally on the Archive of Our Own at (\S+?)\.?$/;
const BY_LINE = /^by\s+(.+)$/;
const PUBLISHED = /^\s*Published:\s*(\S+)/;
/** Headings of the Archive's own text around the work, whose paragraphs are indented under them. */
const ARCHIVE_LABEL = /^(?:Summary|Notes|Chapter Summary|Chapter Notes|See the end of the (?:work|chapter) for (?:more )?notes\.?)$/;
const WORK_END = /^(?:Afterword|Please drop by the Archive and comment to let the creator know if you enjoyed their work!)$/;
/** The header keeps to the first lines. */
const MAX_HEADER_LINES = 80;

/** The work inside an Archive download, with the title, pseuds and date the Archive states; null for other texts. */
export function readArchiveDownload(lines: readonly string[]): Masthead | null {
  const url = POSTED_ON_ARCHIVE.exec((lines[1] ?? '').trim())?.[1];
  const title = (lines[0] ?? '').replace(/^\uFEFF/, '').trim();
  if (url === undefined || title === '') return null;
  const header = lines.slice(0, MAX_HEADER_LINES);
  const byLine = header.findIndex((line) => BY_LINE.test(line.trim()));
  if (byLine === -1) return null;
  const authors = (BY_LINE.exec(lines[byLine]!.trim())?.[1] ?? '').split(/,\s*|\s+and\s+/).filter(Boolean);
  const published = header.map((line) => PUBLISHED.exec(line)?.[1]).find(Boolean);
  let start = byLine + 1;
  while (start < lines.length && (/^\s/.test(lines[start] ?? '') || (lines[start] ?? '').trim() === '' || ARCHIVE_LABEL.test((lines[start] ?? '').trim()))) start += 1;
  const end = lines.findIndex((line, i) => i >= start && WORK_END.test(line.trim()));
  return {
    stated: { ...NOTHING_STATED, title, authors, date: published ? parseDateLine(published) : null, url },
    lineCount: start,
    end: end === -1 ? lines.length : end,
  };
}
