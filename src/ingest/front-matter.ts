import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { renderDialectText } from './formats/markdown-dialects.js';
import {
  firstStated,
  NOTHING_STATED,
  readAuthorNames,
  readDateValue,
  readLanguageValue,
  readTextValue,
  readUrlValue,
  type StatedMetadata,
} from './stated-metadata.js';

/**
 * Front matter: a block of YAML between `---` lines, or TOML between `+++` lines, at the very top
 * of a file, as static-site generators (Jekyll, Hugo, Eleventy, Astro) keep it; Zine writes
 * Ziggy between `---` lines (`.title = "Devlog",`, `.date = @date("2024-08-07T00:00:00"),`).
 */

export interface FrontMatter {
  /** The text after the front matter. */
  body: string;
  stated: StatedMetadata;
  /** Why the block did not parse; its lines are still left out of the article. */
  problem: string | null;
}

const FENCES = { '---': 'yaml', '+++': 'toml' } as const;
/** Front matter longer than this is not front matter but a document that starts with a rule. */
const MAX_LINES = 300;

/** Field names in the spellings sites use, compared without case, `_` or `-`. */
const KEYS = {
  title: ['title', 'headline'],
  authors: ['author', 'authors', 'by', 'byline', 'creator', 'creators', 'writer', 'writers', 'auteur', 'auteurs', 'authorname'],
  date: ['date', 'published', 'publishdate', 'publishedat', 'publishedon', 'pubdate', 'publicationdate', 'datepublished', 'datum', 'created', 'createdat'],
  language: ['lang', 'language', 'locale', 'inlanguage', 'taal'],
  url: ['canonical', 'canonicalurl', 'url', 'link', 'originalurl', 'source', 'permalink'],
  publisher: ['publisher', 'publication', 'sitename'],
  /** Paths that carry the date the way blog engines build them (`2025/09/12/slug`). */
  datePath: ['path', 'permalink', 'slug', 'url'],
} as const;

/** The date in a dated path (`2025/09/12/crates-io-phishing-campaign`), or null. */
function readPathDate(value: unknown): string | null {
  const match = typeof value === 'string' ? /(?:^|\/)(\d{4})\/(\d{2})\/(\d{2})(?:\/|$)/.exec(value) : null;
  return match ? readDateValue(`${match[1]}-${match[2]}-${match[3]}`) : null;
}

/** Tables where themes keep the fields the generator itself does not define (Zola's `[extra]` and `[taxonomies]`, Hugo's `params`). */
const NESTED_TABLES = ['extra', 'params', 'meta', 'metadata', 'taxonomies'];

const isTable = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value);

function keyed(data: Record<string, unknown>): Map<string, unknown> {
  return new Map(Object.entries(data).map(([key, value]) => [key.toLowerCase().replace(/[-_\s]/g, ''), value]));
}

/** The values of the named fields, the top level's first, then those of the nested theme tables. */
function fieldOf(data: Record<string, unknown>, names: readonly string[]): unknown[] {
  const top = keyed(data);
  const tables = [top, ...NESTED_TABLES.map((name) => top.get(name)).filter(isTable).map(keyed)];
  return tables.flatMap((byKey) => names.map((name) => byKey.get(name))).filter((value) => value !== undefined && value !== null);
}

/**
 * Date fields, a nested one read for its publication date: Material for MkDocs writes
 * `date: {created: 2023-12-04, updated: ...}`.
 */
function dateFieldsOf(data: Record<string, unknown>): unknown[] {
  return fieldOf(data, KEYS.date).flatMap((value) => (isTable(value) ? fieldOf(value, KEYS.date) : [value]));
}

/** The Article fields a parsed front matter states. */
export function readFrontMatterFields(data: Record<string, unknown>): StatedMetadata {
  const authors = fieldOf(data, KEYS.authors).map(readAuthorNames).find((names) => names.length > 0) ?? [];
  return {
    title: firstStated(fieldOf(data, KEYS.title), readTextValue),
    authors,
    date: firstStated(dateFieldsOf(data), readDateValue) ?? firstStated(fieldOf(data, KEYS.datePath), readPathDate),
    language: firstStated(fieldOf(data, KEYS.language), readLanguageValue),
    url: firstStated(fieldOf(data, KEYS.url), readUrlValue),
    publisher: firstStated(fieldOf(data, KEYS.publisher), readTextValue),
  };
}

/** A Ziggy top-level field (`.title = "Devlog",`); nested structs and `//` comments state nothing an Article keeps. */
const ZIGGY_FIELD = /^\.(\w+)\s*=\s*(?:@date\()?"((?:[^"\\]|\\.)*)"\)?\s*,?\s*$/;

/** The string and date fields of a Ziggy document, by name. */
function parseZiggy(source: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const line of source.split('\n')) {
    const field = ZIGGY_FIELD.exec(line);
    if (field?.[1]) data[field[1]] = (field[2] ?? '').replace(/\\(.)/g, '$1');
  }
  return data;
}

function parseBlock(kind: 'yaml' | 'toml' | 'ziggy', source: string): { data: Record<string, unknown> } | { problem: string } {
  if (kind === 'ziggy') return { data: parseZiggy(source) };
  try {
    const data: unknown = kind === 'yaml' ? parseYaml(source) : parseToml(source);
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) return { data: data as Record<string, unknown> };
    return { problem: `its ${kind.toUpperCase()} front matter is not a list of "key: value" fields` };
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0]?.trim().replace(/:$/, '') ?? 'unknown error';
    return { problem: `its ${kind.toUpperCase()} front matter does not parse (${reason})` };
  }
}

/**
 * Splits the front matter off `text`. Null when the text has none: it must open with a fence
 * line, close with the same fence, and its first field must look like `key: value` (YAML) or
 * `key = value` (TOML), so a document that merely starts with a horizontal rule is left alone.
 */
export function splitFrontMatter(text: string): FrontMatter | null {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const fence = lines[0]?.trimEnd() as keyof typeof FENCES;
  const kind = FENCES[fence];
  if (!kind) return splitOpenFrontMatter(lines) ?? splitPandocTitleBlock(lines) ?? splitPageProperties(lines);
  const closing = lines.findIndex((line, i) => i > 0 && i <= MAX_LINES && (line.trimEnd() === fence || (kind === 'yaml' && line.trimEnd() === '...')));
  if (closing === -1) return null;
  const block = lines.slice(1, closing);
  const firstField = block.find((line) => line.trim() !== '' && !line.trim().startsWith('#')) ?? '';
  const ziggy = kind === 'yaml' && /^\.\w+\s*=/.test(firstField);
  if (!ziggy && !(kind === 'yaml' ? /^[\w"'$@-][^:]*:(?:\s|$)/ : /^(?:[\w"'.-]+\s*=|\[)/).test(firstField)) return null;
  const parsed = parseBlock(ziggy ? 'ziggy' : kind, block.join('\n'));
  return {
    body: lines.slice(closing + 1).join('\n'),
    stated: 'data' in parsed ? readFrontMatterFields(parsed.data) : NOTHING_STATED,
    problem: 'problem' in parsed ? parsed.problem : null,
  };
}

/** A line of a YAML mapping: `key: value`, `key:`, a list item or an indented continuation. */
const YAML_LINE = /^(?:[\w-]+:(?:\s|$)|\s+\S|-\s)/;

/**
 * Hexo's front matter without its opening fence (its older post scaffold: `title: ...` /
 * `date: ...` / `tags:` / `---`): the file opens with a title or date field, every line up to the
 * first `---` is a line of a YAML mapping (no blank line), and that mapping states a title or a date.
 */
function splitOpenFrontMatter(lines: readonly string[]): FrontMatter | null {
  if (!/^(?:title|date)\s*:\s*\S/i.test(lines[0] ?? '')) return null;
  const closing = lines.findIndex((line, i) => i > 0 && i <= MAX_LINES && line.trimEnd() === '---');
  if (closing === -1 || !lines.slice(0, closing).every((line) => YAML_LINE.test(line))) return null;
  const parsed = parseBlock('yaml', lines.slice(0, closing).join('\n'));
  if (!('data' in parsed)) return null;
  const stated = readFrontMatterFields(parsed.data);
  if (stated.title === null && stated.date === null) return null;
  return { body: lines.slice(closing + 1).join('\n'), stated, problem: null };
}

/**
 * Pandoc's title block: `% Title`, `% Author One; Author Two`, `% 12 March 2021` opening the file,
 * each line maybe continued on indented lines, a field left empty as a bare `%`.
 */
function splitPandocTitleBlock(lines: readonly string[]): FrontMatter | null {
  if (!/^%(?:\s|$)/.test(lines[0] ?? '')) return null;
  const fields: string[] = [];
  let i = 0;
  for (; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line.startsWith('%')) fields.push(line.slice(1).trim());
    else if (/^\s+\S/.test(line)) fields[fields.length - 1] = `${fields[fields.length - 1] ?? ''} ${line.trim()}`;
    else break;
  }
  if (fields.length > 3) return null;
  const [title, authors, date] = fields;
  const stated = { ...NOTHING_STATED, title: readTextValue(title), authors: readAuthorNames(authors?.split(/\s*;\s*/)), date: readDateValue(date) };
  return { body: lines.slice(i).join('\n'), stated, problem: null };
}

/** A note app's page property (Logseq: `author:: [[Maggie Thornton]]`, `date:: [[Oct 8th, 2022]]`). */
const PAGE_PROPERTY = /^([\w-]+)::\s*(.*)$/;

/** The properties that open a Logseq page, read like front matter: links stand for their text. */
function splitPageProperties(lines: readonly string[]): FrontMatter | null {
  const data: Record<string, unknown> = {};
  let i = 0;
  for (; i < lines.length && i <= MAX_LINES; i += 1) {
    const property = PAGE_PROPERTY.exec(lines[i] ?? '');
    if (!property) break;
    data[property[1]!] = renderDialectText(property[2] ?? '', false).trim();
  }
  if (i === 0) return null;
  return { body: lines.slice(i).join('\n'), stated: readFrontMatterFields(data), problem: null };
}
