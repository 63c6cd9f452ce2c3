import { createRequire } from 'node:module';
import type MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { parseByline } from '../bylines.js';
import { parseDateline, parseLinkDate } from '../dates.js';
import { isTitleLike } from '../metadata.js';
import { readFieldBlock } from '../field-block.js';
import { NOTHING_STATED, type StatedMetadata } from '../stated-metadata.js';
import { canContinue } from '../unwrap.js';
import { renderDialectText } from './markdown-dialects.js';
import { assembleBlocks, type Block, type RenderedDocument } from './rendered.js';

/**
 * Markdown (CommonMark) rendered to the plain text a reader sees: emphasis marks, link targets,
 * images, HTML comments and raw HTML are dropped; link text, inline code and identifiers are
 * kept exactly; headings are known as headings. A soft line break inside a paragraph becomes a
 * space unless it separates a byline or a date from the line before.
 */

let parser: MarkdownIt | null = null;

/**
 * CommonMark plus the tables and strikethrough of GitHub-flavoured markdown; no typographic
 * replacements. Made on the first markdown file: a command that only answers never parses one.
 */
function markdownParser(): MarkdownIt {
  if (!parser) {
    const Parser = createRequire(import.meta.url)('markdown-it') as typeof MarkdownIt;
    parser = new Parser('default', { html: true, linkify: false, typographer: false });
  }
  return parser;
}

/** Static-site template tags (`{% figure ... %}`, `{{< shortcode >}}`): a paragraph of nothing else holds no words. */
const TEMPLATE_TAG = /\{%.*?%\}|\{\{.*?\}\}/g;

/** A headline has at most this many words; a longer first line is the first line of hard-wrapped prose. */
const MAX_HEADLINE_WORDS = 12;
/** Words a wrapped line may stop on but a headline does not end with. */
const LINKING_WORD_END = /\b(?:the|a|an|of|and|or|to|in|on|at|by|for|with|from|de|het|een|van|en|op|met|voor)$/i;

/** A title typed above its text in the same paragraph: title-like, short, one sentence, not stopping on a linking word. */
function isTypedHeadline(line: string): boolean {
  const text = line.trim();
  return isTitleLike(text) && text.split(/\s+/).length <= MAX_HEADLINE_WORDS && !/[.!?]\s+\p{Lu}/u.test(text) && !LINKING_WORD_END.test(text);
}

/** Stands for a soft break until the paragraph is complete; NUL never occurs in decoded text. */
const SOFT_BREAK = '\u0000';

/** Plain text of an inline token's children, with `\n` for line breaks that stay. */
function renderInline(children: readonly Token[]): string {
  let text = '';
  for (const child of children) {
    switch (child.type) {
      case 'text':
        text += renderDialectText(child.content, text === '');
        break;
      case 'code_inline':
        text += child.content;
        break;
      case 'softbreak':
        text += SOFT_BREAK;
        break;
      case 'hardbreak':
        text += '\n';
        break;
      default:
        // Emphasis and link marks, images and raw HTML render as nothing.
        break;
    }
  }
  // Soft breaks are decided once the whole paragraph is known: they join lines, except around a
  // byline or date, after a headline that opens the paragraph (a title typed above its text), and
  // before a title typed above its dateline.
  const lines = text.split('\n').flatMap((hard) => {
    const soft = hard.split(SOFT_BREAK);
    const joined: string[] = [];
    let opening = true;
    soft.forEach((line, i) => {
      const previous = joined[joined.length - 1];
      const headline = previous !== undefined && opening && isTypedHeadline(previous) && /^\P{Ll}/u.test(line.trim());
      // A title typed right above its dateline or byline starts a header of its own.
      const next = soft[i + 1] ?? '';
      const header = isTitleLike(line) && (parseDateline(next) !== null || parseByline(next)?.corroborated === true);
      if (previous !== undefined && !headline && !header && canContinue(previous, line)) {
        joined[joined.length - 1] = `${previous} ${line.trim()}`;
        opening = false;
      } else {
        joined.push(line);
      }
    });
    return joined;
  });
  return lines.join('\n');
}

/** The date a heading's link points at (`## [Post](/blog/2024/10/29/post/)`, Zine's `$section.id('2024-10-29')`), if any. */
function linkedDate(children: readonly Token[]): string | undefined {
  for (const child of children) {
    const date = child.type === 'link_open' ? parseLinkDate(child.attrGet('href') ?? '') : null;
    if (date) return date;
  }
  return undefined;
}

/**
 * A wiki page's metadata table above its text (`| Author | Rosa Delgado |`, `| Created |
 * 2022-09-12 |`): a table of two columns that opens the document and names a title, author or
 * date in its first column, read like a block of `Key: value` lines.
 */
function readMetadataTable(rows: readonly string[][]): StatedMetadata | null {
  if (rows.length < 2 || rows.some((row) => row.length !== 2)) return null;
  return readFieldBlock(rows.map(([key, value]) => `${key}: ${value}`), 0)?.stated ?? null;
}

/**
 * Renders markdown (without front matter) to blocks of plain text; a heading that links to a date
 * carries it. `stated` is what a metadata table opening the document states.
 */
export function renderMarkdown(source: string): Pick<RenderedDocument, 'lines' | 'headings' | 'headingDates' | 'stated'> {
  const tokens = markdownParser().parse(source, {});
  const blocks: Block[] = [];
  let stated = NOTHING_STATED;
  let rows: string[][] = [];
  let heading = 0;
  let listDepth = 0;
  let list: Block | null = null;
  let table: Block | null = null;
  let cells: string[] | null = null;
  for (const token of tokens) {
    switch (token.type) {
      case 'table_open':
        table = { lines: [], heading: 0, structured: true };
        blocks.push(table);
        rows = [];
        break;
      case 'table_close': {
        const metadata = blocks.length === 1 ? readMetadataTable(rows) : null;
        if (metadata) {
          stated = metadata;
          blocks.pop();
        }
        table = null;
        break;
      }
      case 'tr_open':
        cells = [];
        break;
      case 'tr_close':
        table?.lines.push((cells ?? []).join(' '));
        rows.push(cells ?? []);
        cells = null;
        break;
      case 'heading_open':
        heading = Number(token.tag.slice(1));
        break;
      case 'heading_close':
        heading = 0;
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        listDepth += 1;
        if (listDepth === 1) {
          list = { lines: [], heading: 0, structured: true };
          blocks.push(list);
        }
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth -= 1;
        if (listDepth === 0) list = null;
        break;
      case 'inline': {
        const rendered = renderInline(token.children ?? []);
        if (rendered.replace(TEMPLATE_TAG, '').trim() === '') break;
        const lines = rendered.split('\n');
        if (cells !== null) {
          cells.push(lines.join(' ').trim());
        } else if (list !== null) {
          // Item numbers and bullets are drawn by the renderer, not written in the text.
          list.lines.push(...lines);
        } else {
          blocks.push({ lines, heading, ...(heading > 0 ? { date: linkedDate(token.children ?? []) } : {}) });
        }
        break;
      }
      case 'fence':
      case 'code_block': {
        const lines = token.content.replace(/\n$/, '').split('\n');
        if (list !== null) list.lines.push(...lines);
        else blocks.push({ lines, heading: 0, structured: true });
        break;
      }
      default:
        // html_block, hr and the open/close marks of paragraphs, quotes and tables carry no words.
        break;
    }
  }
  return { ...assembleBlocks(blocks), stated };
}
