import type { HeadingReader } from './formats/text.js';
import type { FrontMatter } from './front-matter.js';
import { isPersonName } from './bylines.js';
import { NOTHING_STATED, readAuthorNames, readDateValue, readLanguageValue, readTextValue, type StatedMetadata } from './stated-metadata.js';

/**
 * The header of a document written in a lightweight markup and kept as text: AsciiDoc's (`= Title`,
 * then by position an author line `Name <email>; Name` and a revision line `v1.2, 2020-09-15:
 * remark`, then `:attribute: value` lines, up to the first blank line) and Org mode's keyword
 * lines (`#+TITLE:`, `#+AUTHOR:`, `#+DATE: <2021-06-02 Wed>`). Like front matter it states the
 * metadata, and its lines never reach the text; the body's section titles (`== Setup`,
 * `** Setup`) are headings without their marks (AsciiDoc's block markup and macros are not
 * text either), an Org heading without its tags and dated by the time stamp opening it; Org's
 * property drawers and planning lines are not text.
 */

export interface MarkupHeader extends FrontMatter {
  /** The body's section titles: their level and their text without the mark. */
  headingOf: HeadingReader;
}

const ASCIIDOC_TITLE = /^= +(\S.*)$/;
const ASCIIDOC_ATTRIBUTE = /^:([\w-]+!?):(?:\s+(.*))?$/;
const ASCIIDOC_SECTION = /^(={2,6}) +(\S.*)$/;
const COMMENT = /^\/\/(?!\/)/;
/** AsciiDoc that draws rather than says: a block's attribute line (`[TIP]`, `[source,text]`), its delimiter (`====`, `----`), a block macro (`image::a.jpg[...]`). */
const ASCIIDOC_MARKUP = /^(?:\[[^\]]*\]|={4,}|-{4,}|\*{4,}|_{4,}|\.{4,}|\+{4,}|\|={3,}|(?:image|video|audio|include|toc)::\S*\[.*\])$/;
/** A revision line: a version, a date, or both (`v1.2, 2020-09-15: remark`). */
const REVISION = /^(?:v?\d+(?:\.\d+)*[a-z]?)?(?:,\s*)?([^:]*?)(?::\s.*)?$/i;
const ORG_KEYWORD = /^#\+(\w+):\s*(.*)$/;
const ORG_SECTION = /^(\*{1,6}) +(\S.*)$/;
/** A heading's tags (`:seeds:events:`) and a journal entry's time stamp before its title (`<2023-04-01 Sat>`). */
const ORG_TAGS = /\s+:[\w@#%:]+:\s*$/;
const ORG_TIMESTAMP = /^[<[](\d{4}-\d{2}-\d{2})(?: [^>\]]*)?[>\]]\s*/;
/** A property drawer's lines and a task's planning line (`DEADLINE: <...>`): the outline's bookkeeping, not text. */
const ORG_DRAWER_START = /^\s*:(?:PROPERTIES|LOGBOOK):\s*$/i;
const ORG_DRAWER_END = /^\s*:END:\s*$/i;
const ORG_PLANNING = /^\s*(?:(?:DEADLINE|SCHEDULED|CLOSED):\s*[<[][^>\]]*[>\]]\s*)+$/;

/** An Org heading without its stars and tags; a time stamp opening it dates it. */
function orgHeading(line: string): ReturnType<HeadingReader> {
  const section = ORG_SECTION.exec(line);
  if (!section) return null;
  const text = section[2]!.replace(ORG_TAGS, '').trim();
  const stamp = ORG_TIMESTAMP.exec(text);
  const title = stamp ? text.slice(stamp[0].length).trim() : text;
  return { level: section[1]!.length, text: title || text, ...(stamp ? { date: stamp[1]! } : {}) };
}

/** The body with its property drawers and planning lines blanked. */
function withoutOrgBookkeeping(lines: readonly string[]): string[] {
  let inDrawer = false;
  return lines.map((line) => {
    if (ORG_DRAWER_START.test(line)) inDrawer = true;
    const bookkeeping = inDrawer || ORG_PLANNING.test(line);
    if (ORG_DRAWER_END.test(line)) inDrawer = false;
    return bookkeeping ? '' : line;
  });
}

const headingBy = (pattern: RegExp, levelOf: (mark: string) => number) => (line: string) => {
  const match = pattern.exec(line);
  return match ? { level: levelOf(match[1]!), text: match[2]!.trim() } : null;
};

/** An AsciiDoc author line: `;`-separated names, each maybe with `<email>`. */
function readAuthorLine(line: string): string[] | null {
  const names = line.split(';').map((part) => part.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim());
  return names.length > 0 && names.every((name) => isPersonName(name) || /^\p{Lu}\p{L}+$/u.test(name)) ? names : null;
}

function stateFields(fields: ReadonlyMap<string, string>, base: StatedMetadata): StatedMetadata {
  const field = (...names: string[]) => names.map((name) => fields.get(name)).find((value) => value !== undefined && value !== '');
  const authors = readAuthorNames(field('author', 'authors')?.split(/\s*;\s*/));
  return {
    ...base,
    title: base.title ?? readTextValue(field('title', 'doctitle') ?? null),
    authors: base.authors.length > 0 ? base.authors : authors,
    date: base.date ?? readDateValue(field('revdate', 'date')?.replace(/^[<[]|[>\]]$/g, '') ?? null),
    language: readLanguageValue(field('lang', 'language') ?? null),
  };
}

function splitAsciidoc(lines: readonly string[]): MarkupHeader | null {
  const fields = new Map<string, string>();
  let i = 0;
  const readAttributes = () => {
    for (; i < lines.length; i++) {
      const line = lines[i]!.trim();
      const attribute = ASCIIDOC_ATTRIBUTE.exec(line);
      if (attribute) fields.set(attribute[1]!.toLowerCase(), attribute[2]?.trim() ?? '');
      else if (!COMMENT.test(line)) return;
    }
  };
  readAttributes();
  const title = ASCIIDOC_TITLE.exec(lines[i]?.trim() ?? '')?.[1]?.trim();
  if (!title) return null;
  i++;
  let stated: StatedMetadata = { ...NOTHING_STATED, title };
  const authors = readAuthorLine(lines[i]?.trim() ?? '');
  if (authors) {
    stated = { ...stated, authors };
    i++;
    const revision = REVISION.exec(lines[i]?.trim() ?? '');
    const date = revision ? readDateValue(revision[1]) : null;
    if (revision && (date || /^v\d/i.test(lines[i]!.trim()))) {
      stated = { ...stated, date };
      i++;
    }
  }
  readAttributes();
  if (i < lines.length && lines[i]!.trim() !== '') return null;
  const body = lines.slice(i).map((line) => (ASCIIDOC_MARKUP.test(line.trim()) || COMMENT.test(line.trim()) ? '' : line));
  return { body: body.join('\n'), stated: stateFields(fields, stated), problem: null, headingOf: headingBy(ASCIIDOC_SECTION, (mark) => mark.length - 1) };
}

function splitOrg(lines: readonly string[]): MarkupHeader | null {
  const fields = new Map<string, string>();
  let i = 0;
  for (; i < lines.length; i++) {
    const keyword = ORG_KEYWORD.exec(lines[i]!.trim());
    if (keyword) fields.set(keyword[1]!.toLowerCase(), keyword[2]!.trim());
    else if (!/^#(?:\s|$)/.test(lines[i]!.trim())) break;
  }
  if (!fields.has('title')) return null;
  return { body: withoutOrgBookkeeping(lines.slice(i)).join('\n'), stated: stateFields(fields, NOTHING_STATED), problem: null, headingOf: orgHeading };
}

/** Splits an AsciiDoc or Org header off `text`; null when the text opens with neither. */
export function splitMarkupHeader(text: string): MarkupHeader | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  return splitAsciidoc(lines) ?? splitOrg(lines);
}
