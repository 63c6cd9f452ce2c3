import { createRequire } from 'node:module';
import type { Readability } from '@mozilla/readability';
import { isPersonName, parseByline } from '../bylines.js';
import { readAuthorNames, readDateValue, readLanguageValue, readTextValue } from '../stated-metadata.js';
import { chatPageAsText } from './chat-html.js';
import { readHtmlMetadata, type HtmlDocumentLike } from './html-metadata.js';
import { assembleBlocks, type Block, type RenderedDocument } from './rendered.js';
import { renderPlainText } from './text.js';

/**
 * A saved web page: the article found by Readability (menus, sidebars, comments and footers
 * left out) rendered to the text a reader sees, with the metadata the page states.
 */

/** A page whose article has fewer words than this holds no article (an index page, a login wall). */
const MIN_ARTICLE_WORDS = 30;

const BLOCK_ELEMENTS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'FORM', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'UL',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE',
]);
/** Elements whose content a reader does not read as text. */
const SKIPPED_ELEMENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IMG', 'PICTURE', 'SVG', 'IFRAME', 'OBJECT', 'VIDEO', 'AUDIO', 'CANVAS', 'BUTTON', 'SELECT', 'TEXTAREA', 'INPUT']);

interface NodeLike {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<NodeLike>;
}

/** The whole text of a heading's permalink anchor. */
const PERMALINK_MARK = /^\s*[¶#§🔗]\s*$/u;

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** Walks the article's DOM into blocks: block elements break, inline text flows, `<pre>` keeps its lines. */
function renderNode(root: NodeLike): Block[] {
  const blocks: Block[] = [];
  let lines: string[] = [''];
  let heading = 0;
  const flush = (): void => {
    const text = lines.map((line) => line.replace(/\s+/g, ' ').trim());
    if (text.some((line) => line !== '')) blocks.push({ lines: text, heading });
    lines = [''];
  };
  const visit = (node: NodeLike): void => {
    if (node.nodeType === TEXT_NODE) {
      lines[lines.length - 1] += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== ELEMENT_NODE || SKIPPED_ELEMENTS.has(node.nodeName)) return;
    // A heading's permalink mark (Sphinx's "¶", "#", "§") is a link, not a word of the heading.
    if (node.nodeName === 'A' && PERMALINK_MARK.test(node.textContent ?? '')) return;
    const name = node.nodeName;
    if (name === 'BR') {
      lines.push('');
      return;
    }
    if (name === 'PRE') {
      flush();
      blocks.push({ lines: (node.textContent ?? '').replace(/\n$/, '').split('\n'), heading: 0, structured: true });
      return;
    }
    const isBlock = BLOCK_ELEMENTS.has(name);
    if (isBlock) flush();
    if (/^H[1-6]$/.test(name)) heading = Number(name.slice(1));
    if (name === 'TD' || name === 'TH') lines[lines.length - 1] += ' ';
    for (const child of Array.from(node.childNodes)) visit(child);
    if (isBlock) {
      flush();
      heading = 0;
    }
  };
  visit(root);
  flush();
  return blocks;
}

/**
 * linkedom and Readability, read on the first web page: a command that only answers (the bot, `npm
 * run ask`) never parses HTML, and importing them took a quarter of a second of every start.
 */
interface HtmlLibraries {
  parseHTML: typeof import('linkedom').parseHTML;
  Readability: typeof Readability;
}
let libraries: HtmlLibraries | null = null;

function htmlLibraries(): HtmlLibraries {
  if (!libraries) {
    const require = createRequire(import.meta.url);
    libraries = { parseHTML: require('linkedom').parseHTML, Readability: require('@mozilla/readability').Readability };
  }
  return libraries;
}

export type HtmlResult = { ok: true; document: RenderedDocument } | { ok: false; message: string };

/**
 * Where a page marks its article's body itself: h-entry's `.e-content`, schema.org's
 * `articleBody`, the WordPress and Ghost theme classes. Readability sometimes keeps only the first
 * block of a body cut into blocks (Squarespace's image blocks between text blocks); the marked body,
 * when it holds clearly more words, is the article.
 */
const MARKED_BODY = '[itemprop~="articleBody"], .e-content, .entry-content, .post-content, .gh-content, .article-body';
/** How many more words the marked body must hold than Readability's article to be read instead. */
const MARKED_BODY_GAIN = 1.3;

/** The exporter a note app names in its export's meta tags, and the tags that then describe the note. */
const NOTE_EXPORT = 'meta[name="exporter-version" i][content*="evernote" i], meta[name="source-application" i][content*="evernote" i], meta[name="exporter-version" i][content*="onenote" i]';
const NOTE_META = 'meta[name="author" i], meta[name="created" i], meta[name="updated" i]';

/** What the Wayback Machine inserts into an archived page (its toolbar, the capture line it prints). */
const WAYBACK_TOOLBAR = '[id^="wm-ipp"], #donato, #wm-capinfo';

/** A Google Docs comment (`<div><p><a id="cmnt1">[a]</a>...`) and its mark in the text (`<a id="cmnt_ref1">[a]</a>`). */
const DOCS_COMMENT = 'a[id^="cmnt"][href^="#cmnt"]';

const wordCount = (text: string | null | undefined): number => text?.match(/\p{L}+/gu)?.length ?? 0;

/** Reads a saved web page; fails, saying why, when the page holds no article. */
export function renderHtml(html: string): HtmlResult {
  const { parseHTML, Readability } = htmlLibraries();
  const { document } = parseHTML(html);
  // An exported chat (Discord, Telegram) is read as a chat's plain-text export reads.
  const chat = chatPageAsText(document as unknown as Parameters<typeof chatPageAsText>[0]);
  if (chat !== null) return { ok: true, document: renderPlainText(chat) };
  // A note app's export describes the note in its meta tags: who clipped the page and when, not the article's author and date (Evernote).
  if (document.querySelector(NOTE_EXPORT)) for (const meta of document.querySelectorAll(NOTE_META)) meta.remove();
  const stated = readHtmlMetadata(document as unknown as HtmlDocumentLike);
  // The Wayback Machine's toolbar, inserted into every page it serves, is not the page's.
  for (const element of document.querySelectorAll(WAYBACK_TOOLBAR)) element.remove();
  // A Google Docs export keeps its review comments at the end, each in a block of its own, and their marks in the text.
  for (const anchor of document.querySelectorAll(DOCS_COMMENT)) (anchor.id.startsWith('cmnt_ref') ? anchor : (anchor.parentElement?.parentElement ?? anchor)).remove();
  // Readability takes the page apart: the marked body is kept aside first.
  const markedBody = document.querySelector(MARKED_BODY)?.cloneNode(true) as NodeLike | undefined;
  let article: ReturnType<Readability<string>['parse']>;
  try {
    article = new Readability(document as unknown as Document).parse();
  } catch (error) {
    return { ok: false, message: `is an HTML page that cannot be read (${(error as Error).message}); save the article's page again` };
  }
  const words = wordCount(article?.textContent);
  if (!article?.content || words < MIN_ARTICLE_WORDS) {
    return { ok: false, message: `is an HTML page with no article in it (${words} words of article text); save the article's own page, not an index or a login page` };
  }
  const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
  const body = markedBody && wordCount(markedBody.textContent) > words * MARKED_BODY_GAIN ? markedBody : (content.body as unknown as NodeLike);
  const rendered = assembleBlocks(renderNode(body));
  // Readability's byline is a guess from class names: read like a byline line, or as names that look like people's.
  const bylineText = readTextValue(article.byline) ?? '';
  const byline = parseByline(bylineText);
  const bylineNames = byline?.authors ?? readAuthorNames(bylineText).filter(isPersonName);
  return {
    ok: true,
    document: {
      ...rendered,
      stated: {
        title: stated.title ?? readTextValue(article.title),
        authors: stated.authors.length > 0 ? stated.authors : bylineNames,
        date: stated.date ?? readDateValue(article.publishedTime) ?? byline?.date ?? null,
        language: stated.language ?? readLanguageValue(article.lang),
        url: stated.url,
        publisher: stated.publisher ?? readTextValue(article.siteName),
      },
    },
  };
}
