import { NOTHING_STATED, readAuthorNames, readDateValue, readLanguageValue, readTextValue, readUrlValue, type StatedMetadata } from './stated-metadata.js';

/**
 * Header blocks of `Key: value` lines, as PEPs, e-mail, Project Gutenberg and many text
 * archives open: `Title: ...`, `Author: A <a@x.org>,` continued on the next line, `Created: ...`.
 * reStructuredText blogs write the same fields in their own marks: a field list (`:author: Jane`,
 * Pelican), comment metadata (`.. date: 2020-04-24`, Nikola) or a directive whose argument is
 * the value (`.. post:: Aug 31, 2014`, ABlog). Unknown keys (`Status:`, `Type:`, `:category:`)
 * belong to the block but state nothing the Article keeps.
 */

const FIELD = /^(\p{L}[\p{L}\d-]*(?: [\p{L}\d-]+){0,3}):(?:\s+(.*))?$/u;
/** `:key: value`, `.. key: value` and `.. directive:: argument`: the name in group 1 or 2, the value in 3. */
const MARKUP_FIELD = /^(?::(\p{L}[\p{L}\d_ -]*):|\.\.\s+(\p{L}[\p{L}\d_-]*)::?)(?:\s+(.*))?$/u;

/**
 * The reStructuredText fields, metadata comments or directives that open at line `start`
 * (`:author: Jane`, `.. post:: Aug 31, 2014`) read as a header block; null when that line is none.
 */
export function readMarkupFieldBlock(lines: readonly string[], start: number): FieldBlock | null {
  return MARKUP_FIELD.test(lines[start] ?? '') ? readFieldBlock(lines, start) : null;
}

/** The name and value of a field line in either syntax, or null. */
function parseField(line: string): { name: string; value: string } | null {
  const markup = MARKUP_FIELD.exec(line);
  if (markup) return { name: markup[1] ?? markup[2] ?? '', value: markup[3] ?? '' };
  const plain = FIELD.exec(line);
  return plain ? { name: plain[1] ?? '', value: plain[2] ?? '' } : null;
}

/** Field names, compared lower-case without spaces or `-`, by the Article field they state. */
const KEYS: Record<keyof StatedMetadata, readonly string[]> = {
  // A podcast transcript's `Episode 42: Title` (see normaliseKey).
  title: ['title', 'subject', 'titel', 'onderwerp', 'episode'],
  // `Created By` is how a Notion export names the page's author.
  authors: ['author', 'authors', 'by', 'from', 'writer', 'writtenby', 'createdby', 'creator', 'auteur', 'auteurs', 'door', 'van', 'host', 'hosts', 'presenter'],
  // `post` is ABlog's directive, whose argument is the post's date.
  date: ['date', 'sent', 'created', 'published', 'posted', 'publicationdate', 'datum', 'gepubliceerd', 'postingdate', 'releasedate', 'post', 'recorded', 'released', 'aired'],
  language: ['language', 'lang', 'taal'],
  url: ['url', 'link', 'source', 'canonical', 'bron'],
  publisher: ['publisher', 'uitgever'],
};

const normaliseKey = (key: string): string =>
  key
    .toLowerCase()
    .replace(/[\s_-]/g, '')
    .replace(/^(?:episode|ep|aflevering)\d+$/, 'episode');

export interface FieldBlock {
  stated: StatedMetadata;
  /** The block is a mail's header (`From:` with `Subject:`, `To:` or `Message-ID:`). */
  mail: boolean;
  /** A mail's header whose subject forwards another message (`Fwd:`, `FW:`). */
  forwarded: boolean;
  /** Indexes of the lines the block takes (fields, their continuations, blank lines between). */
  lines: number[];
}

/**
 * The reply and forward marks a mail subject collects (`Re: Fwd: ...`, `AW:`, `Antw:`) and the
 * mailing list's tags (`[Python-Dev]`, `[ANN]`): not part of the title.
 */
const REPLY_PREFIX = /^(?:(?:(?:re|fwd?|aw|sv|antw|doorst)(?:\[\d+\])?\s*:|\[[^\]\n]{1,30}\])\s*)+/i;

/** A subject that forwards a message (`Fwd:`, Outlook's `FW:`, Dutch `Doorst:`, German `WG:`). */
const FORWARD_MARK = /^\s*(?:fwd?|doorst|wg|tr)\s*:/i;

/** A mail subject as a title: without its reply and forward marks and list tags. */
export const withoutReplyMarks = (subject: string): string => subject.replace(REPLY_PREFIX, '');

function statedFrom(fields: ReadonlyMap<string, string>): StatedMetadata {
  const value = (field: keyof StatedMetadata): string | undefined => KEYS[field].map((key) => fields.get(key)).find((found) => found !== undefined);
  return {
    title: readTextValue(value('title') === undefined ? undefined : withoutReplyMarks(value('title')!)),
    authors: readAuthorNames(value('authors') ?? ''),
    date: readDateValue(value('date') ?? ''),
    language: readLanguageValue(value('language')),
    url: readUrlValue(value('url')),
    publisher: readTextValue(value('publisher')),
  };
}

/**
 * Reads the `Key: value` lines of `lines[start, end)`. A line that is not a field continues the
 * field above it when no blank line separates them; blank lines may separate fields when
 * `loose` (Project Gutenberg's header), else the block ends at the first blank line. Stops at
 * the first line that is neither field nor continuation.
 */
function readFields(lines: readonly string[], start: number, end: number, loose: boolean): { fields: Map<string, string>; taken: number[] } {
  const fields = new Map<string, string>();
  const taken: number[] = [];
  let key: string | null = null;
  for (let i = start; i < end; i += 1) {
    const line = lines[i] ?? '';
    const field = parseField(line);
    if (field) {
      key = normaliseKey(field.name);
      if (!fields.has(key)) fields.set(key, field.value);
    } else if (line === '') {
      if (!loose) break;
      key = null;
    } else if (key !== null && taken[taken.length - 1] === i - 1) {
      fields.set(key, `${fields.get(key) ?? ''} ${line}`.trim());
    } else if (!loose) {
      break;
    } else {
      continue;
    }
    taken.push(i);
  }
  return { fields, taken };
}

const KNOWN_KEYS = new Set(Object.values(KEYS).flat());

/**
 * The header block that opens `lines` at `start`: at least two fields, one of them a title,
 * author or date. Null when the text does not open with one.
 */
export function readFieldBlock(lines: readonly string[], start: number): FieldBlock | null {
  const { fields, taken } = readFields(lines, start, lines.length, false);
  const known = [...fields.keys()].filter((key) => KNOWN_KEYS.has(key));
  if (fields.size < 2 || known.length === 0) return null;
  const mail = fields.has('from') && ['subject', 'to', 'messageid'].some((key) => fields.has(key));
  return { stated: statedFrom(fields), lines: taken, mail, forwarded: mail && FORWARD_MARK.test(fields.get('subject') ?? '') };
}

/** The fields stated anywhere in a publisher's header region (blank lines and prose between them). */
export function readLooseFields(lines: readonly string[], start: number, end: number): StatedMetadata {
  const { fields } = readFields(lines, start, end, true);
  return fields.size === 0 ? NOTHING_STATED : statedFrom(fields);
}
