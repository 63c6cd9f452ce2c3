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
 * `** Setup`) are headings without their marks.
 */

export interface MarkupHeader extends FrontMatter {
  /** The body's section titles: their level and their text without the mark. */
  headingOf: HeadingReader;
}

const ASCIIDOC_TITLE = /^= +(\S.*)$/;
const ASCIIDOC_ATTRIBUTE = /^:([\w-]+!?):(?:\s+(.*))?$/;
const ASCIIDOC_SECTION = /^(={2,6}) +(\S.*)$/;
const COMMENT = /^\/\/(?!\/)/;
/** A revision line: a version, a date, or both (`v1.2, 2020-09-15: remark`). */
const REVISION = /^(?:v?\d+(?:\.\d+)*[a-z]?)?(?:,\s*)?([^:]*?)(?::\s.*)?$/i;
const ORG_KEYWORD = /^#\+(\w+):\s*(.*)$/;
const ORG_SECTION = /^(\*{1,6}) +(\S.*)$/;

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
  return { body: lines.slice(i).join('\n'), stated: stateFields(fields, stated), problem: null, headingOf: headingBy(ASCIIDOC_SECTION, (mark) => mark.length - 1) };
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
  return { body: lines.slice(i).join('\n'), stated: stateFields(fields, NOTHING_STATED), problem: null, headingOf: headingBy(ORG_SECTION, (mark) => mark.length) };
}

/** Splits an AsciiDoc or Org header off `text`; null when the text opens with neither. */
export function splitMarkupHeader(text: string): MarkupHeader | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  return splitAsciidoc(lines) ?? splitOrg(lines);
}
