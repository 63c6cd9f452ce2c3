import { BY_CUE, isHandle, isPersonName, parseByline, type Byline } from '../bylines.js';
import { withoutReadingTime } from '../clean.js';
import { parseDateLine, parseDateline, splitTrailingDate } from '../dates.js';
import { withoutReplyMarks } from '../field-block.js';
import { titleKey } from '../metadata.js';
import * as stated from '../stated-metadata.js';

/**
 * What a saved web page states about its article, from the machine-readable parts publishers
 * fill in: JSON-LD (schema.org), OpenGraph and article meta tags, citation tags, `<time>`,
 * `<html lang>` and the canonical link, then the theme's own author and byline markup. The first
 * source that states a field wins, in the order below, most specific first.
 */

/** An element as linkedom gives it; only what is read here. */
interface ElementLike {
  getAttribute(name: string): string | null;
  textContent: string | null;
  closest(selector: string): ElementLike | null;
  querySelector(selector: string): unknown;
  querySelectorAll(selector: string): Iterable<ElementLike>;
  parentElement: unknown;
  firstChild: { textContent: string | null } | null;
  matches(selector: string): boolean;
}

/** A document as linkedom gives it; only what is read here. */
export interface HtmlDocumentLike {
  querySelectorAll(selector: string): Iterable<ElementLike>;
  documentElement: { getAttribute(name: string): string | null } | null;
}

/** An element's text as a reader sees it: runs of whitespace as one space, trimmed. */
/** An element's text as a reader sees it: whitespace collapsed, trimmed. */
export const shownText = (element: { textContent: string | null } | null | undefined): string => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

const ARTICLE_TYPES = /Article|BlogPosting|Report|Posting|Essay|Review|Chapter|CreativeWork|WebPage/i;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Every object in the page's JSON-LD, `@graph` lists flattened; a script that is not JSON is ignored. */
function jsonLdObjects(document: HtmlDocumentLike): JsonObject[] {
  const found: JsonObject[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      found.push(value);
      if (value['@graph']) visit(value['@graph']);
    }
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // A publisher's broken JSON-LD says nothing; the meta tags still may.
    }
  }
  return found;
}

function typesOf(object: JsonObject): string {
  const type = object['@type'];
  return Array.isArray(type) ? type.join(' ') : String(type ?? '');
}

/** The article object of the JSON-LD: the first of an article type. */
function jsonLdArticle(document: HtmlDocumentLike): JsonObject | null {
  const objects = jsonLdObjects(document);
  return objects.find((object) => /Article|BlogPosting|Report|Posting/i.test(typesOf(object))) ?? objects.find((object) => ARTICLE_TYPES.test(typesOf(object))) ?? null;
}

/** Where a post's own fields may be called by another name in an app's page data. */
const APP_DATE_KEYS = ['date', 'publishedAt', 'published_at', 'publishDate', 'datePublished'];
const MAX_APP_DATA_DEPTH = 8;

/**
 * The post a statically built app page carries as data (Next.js: `<script id="__NEXT_DATA__">`,
 * whose `props.pageProps.post` has `title`, `date` and `author`), as a JSON-LD article: such a
 * page may show its date only as "3 years ago". The first object with a title, a date and an author.
 */
function appDataPost(document: HtmlDocumentLike): JsonObject | null {
  const script = [...document.querySelectorAll('script#__NEXT_DATA__')][0];
  let data: unknown;
  try {
    data = JSON.parse(script?.textContent ?? '');
  } catch {
    return null;
  }
  const find = (value: unknown, depth: number): JsonObject | null => {
    if (depth > MAX_APP_DATA_DEPTH || value === null || typeof value !== 'object') return null;
    if (isObject(value) && typeof value.title === 'string' && (value.author ?? value.authors) !== undefined) {
      const date = APP_DATE_KEYS.map((key) => value[key]).find((found) => typeof found === 'string');
      if (date) return { headline: value.title, datePublished: date, author: value.author ?? value.authors };
    }
    for (const child of Object.values(value)) {
      const found = find(child, depth + 1);
      if (found) return found;
    }
    return null;
  };
  return find(data, 0);
}

/** Names of the people a JSON-LD `author` states; organisations are publishers, not authors. */
function jsonLdAuthors(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((entry) => {
    if (isObject(entry) && /Organi[sz]ation/i.test(typesOf(entry))) return [];
    return stated.readAuthorNames(entry);
  });
}

function jsonLdName(value: unknown): string | null {
  return isObject(value) ? stated.readTextValue(value.name) : stated.readTextValue(value);
}

/** All values of `<meta>` tags with the given `name` or `property`, in page order. */
function metaValues(document: HtmlDocumentLike, ...names: string[]): string[] {
  const wanted = new Set(names.map((name) => name.toLowerCase()));
  const values: string[] = [];
  for (const meta of document.querySelectorAll('meta')) {
    const key = (meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('itemprop') ?? meta.getAttribute('http-equiv') ?? '').toLowerCase();
    const content = meta.getAttribute('content');
    if (wanted.has(key) && content) values.push(content);
  }
  return values;
}

function attributeValues(document: HtmlDocumentLike, selector: string, attribute: string): string[] {
  return [...document.querySelectorAll(selector)].map((element) => element.getAttribute(attribute)).filter((value): value is string => value !== null);
}

/** Author names a meta tag states; a profile URL in `article:author` names nobody. */
function readMetaAuthors(values: readonly string[]): string[] | null {
  const names = values.filter((value) => stated.readUrlValue(value) === null).flatMap(stated.readAuthorNames);
  return names.length > 0 ? [...new Set(names)] : null;
}

/** Markup holding a name on its first line and the author's affiliation below it. */
const NAME_BEFORE_AFFILIATION = '.ltx_personname';
/**
 * Where a theme marks the post's author in the page itself: schema.org microdata and RDFa
 * (`itemprop="author"`, Drupal's `rel="schema:author"`), `rel="author"` links, hCard and h-entry
 * (`.author.vcard .fn`, `.p-author`), and the class names of common themes. Most specific first.
 */
const AUTHOR_MARKUP = [
  '[itemprop~="author"]:not(meta) [itemprop~="name"]',
  '[rel~="schema:author"] [property~="schema:name"], [property~="schema:author"], [rel~="schema:author"]',
  'a[rel~="author"]',
  '.author .fn, .vcard .fn, .p-author .p-name, .p-author',
  '[itemprop~="author"]:not(meta), .blog-author-name, .blog-author-title, .author-name, .post-author-name, .byline-name, .author, .reader-credits',
  // A journal's poster by handle (Dreamwidth, LiveJournal), a published note's creator (Notion).
  '.entry-poster .ljuser, .notion-property-created_by span',
  // A paper rendered by LaTeXML (arXiv's HTML): each author's name, then their affiliation and e-mail after line breaks.
  NAME_BEFORE_AFFILIATION,
  // Builders' own class names (LinkedIn's `.author-info__name`, Wix's `data-hook="user-name"`): only before the text, as above.
  '[class*="author" i][class*="name" i], [data-hook="user-name"]',
];
/** Authors named in comments, sidebars and menus are not the article's (`.comment-author .fn`). */
const NOT_THE_ARTICLE = '.comment, .comments, #comments, .comment-list, .commentlist, .comments-area, .comment-body, .comment-author, aside, nav, .widget, .sidebar';
/** A post's body as themes mark it. */
const ARTICLE_BODY = '.post-body, .entry-content, .e-content, [itemprop~="articleBody"]';

/** Whether an element lies in comments, a sidebar or a menu; a widget holding the post's body is the post (Blogger's `.widget.Blog`). */
function outsideArticle(element: ElementLike): boolean {
  const container = element.closest(NOT_THE_ARTICLE);
  return container !== null && !(container.closest('.widget') === container && container.querySelector(ARTICLE_BODY) !== null);
}

/** Markup that names a poster by the handle they chose. */
const HANDLE_MARKUP = '.ljuser';
/** A forum's poster as its markup shows them: a handle with the name beside it (Discourse: `jen_okafor (Jennifer Okafor)`). */
const HANDLE_WITH_NAME = /^@?[\p{Ll}\d_.-]{2,30}\s*\(([^()]{3,60})\)$/u;

/** The names one author element gives. */
function namesIn(element: ElementLike): string[] {
  const shown = element.matches(NAME_BEFORE_AFFILIATION) ? (element.firstChild?.textContent ?? '').trim() : shownText(element);
  const text = shown.replace(BY_CUE, '');
  if (element.matches(HANDLE_MARKUP) && isHandle(text)) return [text];
  return stated.readAuthorNames(HANDLE_WITH_NAME.exec(text)?.[1] ?? text).filter(isPersonName);
}

/** A paragraph this long is the article's text, which a byline comes before. */
const MIN_PROSE_WORDS = 12;

const isProse = (element: ElementLike): boolean => element.matches('p') && (element.textContent ?? '').trim().split(/\s+/).length >= MIN_PROSE_WORDS;

/**
 * The people the page's own author markup names, by the first selector that names a person: those
 * named before the text begins, or else (a byline under the text, Blogger's `Posted by`) the first
 * and those beside it. Names after the text sign replies (a thread's posts, Discourse) or comments.
 */
function markupAuthors(document: HtmlDocumentLike): string[] {
  for (const selector of AUTHOR_MARKUP) {
    // One query for both keeps document order: which names come before the first paragraph of text.
    let textBegun = false;
    const signed: { element: ElementLike; names: string[]; beforeText: boolean }[] = [];
    for (const element of document.querySelectorAll(`${selector}, p`)) {
      if (outsideArticle(element) || (element.closest('footer') && !element.closest('article'))) continue;
      if (!element.matches(selector)) {
        textBegun ||= isProse(element);
        continue;
      }
      const names = namesIn(element);
      if (names.length > 0) signed.push({ element, names, beforeText: !textBegun });
    }
    const byline = signed[0]?.element.parentElement as ElementLike | null | undefined;
    const before = signed.filter(({ beforeText }) => beforeText);
    // Beside it: in the same element, or each in a wrapper of its own there (LaTeXML's `ltx_creator`).
    const beside = (element: ElementLike) => element.parentElement === byline || (byline?.parentElement != null && (element.parentElement as ElementLike | null)?.parentElement === byline.parentElement);
    const chosen = before.length > 0 ? before : signed.filter(({ element }) => beside(element));
    const names = chosen.flatMap(({ names }) => names);
    if (names.length > 0) return [...new Set(names)];
  }
  return [];
}

/** A byline is a short line. */
const MAX_BYLINE_LENGTH = 120;

/**
 * A byline printed between the page's title and its text without markup that names it (a page
 * clipped with its styles inlined, a hand-made site: `Posted on 11th September 2021 by Gwen
 * Hartley`): the first short block after the `<h1>` that reads as a confirmed byline.
 */
function bylineUnderTitle(document: HtmlDocumentLike): Byline | null {
  let titled = false;
  for (const element of document.querySelectorAll('h1, p, div, span')) {
    if (element.matches('h1')) {
      titled = true;
      continue;
    }
    if (!titled || outsideArticle(element)) continue;
    if (isProse(element)) return null;
    const text = shownText(element);
    const byline = text.length <= MAX_BYLINE_LENGTH ? parseByline(text) : null;
    if (byline?.corroborated) return byline;
  }
  return null;
}

/** Where wikis and documentation print when a page was last changed (MediaWiki, Sphinx, Confluence). */
const LAST_EDITED_MARKUP = '#footer-info-lastmod, .last-updated, .lastupdated, [class*="last-modified" i], [class*="lastmod" i], [class*="last-edited" i], [class*="last-updated" i]';
/** What such a line says around its date (`This page was last edited on 3 March 2023, at 14:02.`). */
const LAST_EDITED_LEAD = /^.*?\b(?:on|op|:)\s+/i;
const LAST_EDITED_TAIL = /(?:,?\s+(?:at|om)\s+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?\.?$/i;

/**
 * When the page was last changed, for a page that states no other date (a wiki or documentation
 * page): the date of the text as it stands, better than none.
 */
function lastEditedDate(document: HtmlDocumentLike, ld: JsonObject | null): string | null {
  const modified = stated.firstStated([ld?.dateModified, ...metaValues(document, 'article:modified_time', 'og:updated_time', 'datemodified', 'last-modified')], stated.readDateValue);
  if (modified) return modified;
  for (const element of document.querySelectorAll(LAST_EDITED_MARKUP)) {
    const text = shownText(element);
    const date = parseDateLine(text.replace(LAST_EDITED_LEAD, '').replace(LAST_EDITED_TAIL, ''));
    if (date) return date;
  }
  return null;
}

/** Where themes print the post's byline and date as text (Drupal's `Submitted by X on 03/14/2022 - 10:21`). */
const BYLINE_MARKUP = '.node__submitted, .submitted, .byline, .entry-meta, .post-meta';

/**
 * The date a byline printed in the page states, or else the page's first `<time>` (a thread's
 * first post, a submission above its comments; `<time>Published Oct 5, 2021</time>`), for a page
 * that marks its date nowhere else. Comments, sidebars and menus do not count.
 */
function bylineDate(document: HtmlDocumentLike): string | null {
  for (const element of document.querySelectorAll(BYLINE_MARKUP)) {
    if (outsideArticle(element)) continue;
    const text = shownText(element);
    const date = parseByline(text)?.date ?? parseDateline(text)?.date;
    if (date) return date;
  }
  const time = [...document.querySelectorAll('time')].find((element) => !outsideArticle(element));
  const written = shownText(time);
  return stated.readDateValue(time?.getAttribute('datetime')) ?? parseDateline(written)?.date ?? classedDate(document);
}

/**
 * The date in the first element whose class names a date (Webflow's `.blog-post-header_date-wrapper`
 * around `May 4, 2023`, `•`, `5 min read`), it or a child holding the date alone; outside comments and sidebars.
 */
function classedDate(document: HtmlDocumentLike): string | null {
  for (const element of document.querySelectorAll('[class*="date" i]')) {
    if (outsideArticle(element)) continue;
    for (const part of [element, ...element.querySelectorAll('*')]) {
      const date = parseDateline(withoutReadingTime(shownText(part)))?.date;
      if (date) return date;
    }
  }
  return null;
}

/**
 * Meta authors, unless they only name the site while the page's markup names a person
 * (Squarespace's `itemprop="author"` is the site), or the byline names them and more (Ghost's
 * JSON-LD gives only a post's first author); without either, a byline under the title.
 */
function pageAuthors(metaAuthors: string[] | null, publisher: string | null, document: HtmlDocumentLike): string[] {
  const names = metaAuthors ?? [];
  const marked = markupAuthors(document);
  const onlySite = names.length > 0 && publisher !== null && names.every((name) => titleKey(name) === titleKey(publisher));
  const markedKeys = new Set(marked.map(titleKey));
  const fuller = marked.length > names.length && names.every((name) => markedKeys.has(titleKey(name)));
  if (names.length > 0 && !onlySite && !fuller) return names;
  if (marked.length > 0) return marked;
  return names.length > 0 ? names : (bylineUnderTitle(document)?.authors ?? []);
}

const TITLE_SEPARATOR = /\s+(?:\||-|–|—|·|::|:|»)\s+/;
/** A page's breadcrumb trail: a wiki's space (Confluence: `Engineering : Incident Review ...`) heads its titles. */
const BREADCRUMBS = '#breadcrumbs a, .breadcrumb a, .breadcrumbs a, nav[aria-label="breadcrumb" i] a';

/**
 * A title without the site name pages add (`Announcing Rust 1.15.1 | Rust Blog`, a wiki's space
 * before it): the part that is the page's own heading, or the rest when one part is the site's
 * name or a breadcrumb's. Unchanged when unsure.
 */
function withoutSiteName(title: string | null, headings: readonly string[], siteNames: readonly string[]): string | null {
  if (title === null || !TITLE_SEPARATOR.test(title)) return title;
  const parts = title.split(TITLE_SEPARATOR);
  // Letters and digits only: a heading carries its permalink mark ("Release process¶").
  const same = (a: string, b: string): boolean => titleKey(a) === titleKey(b);
  // The longest run of parts (short of all) a heading shows: a title may hold a separator of its own (`We ran a Messiah – here's what we learned - Lemmy.ca`).
  const pieces = title.split(new RegExp(`(${TITLE_SEPARATOR.source})`));
  let heading: string | undefined;
  for (let from = 0; from < pieces.length; from += 2) {
    for (let to = from + 1; to <= pieces.length; to += 2) {
      const run = pieces.slice(from, to).join('');
      if (run.length < title.length && (heading === undefined || run.length > heading.length) && headings.some((text) => same(text, run))) heading = run;
    }
  }
  if (heading) return heading.trim();
  const rest = parts.filter((part) => !siteNames.some((name) => same(part, name)));
  return rest.length === parts.length - 1 ? rest.join(' | ').trim() : title;
}

/** Words a title may have before a full stop makes it a sentence. */
const MAX_TITLE_WORDS_BEFORE_STOP = 10;

/** A sentence (many words ending in a full stop) that none of the page's headings shows. */
function isUnshownSentence(text: string, headings: readonly string[]): boolean {
  const trimmed = text.trim();
  return /[^.]\.$/.test(trimmed) && trimmed.split(/\s+/).length > MAX_TITLE_WORDS_BEFORE_STOP && !headings.some((heading) => titleKey(heading) === titleKey(trimmed));
}

/** Reads the page's stated metadata. Call before Readability, which takes the page apart. */
export function readHtmlMetadata(document: HtmlDocumentLike): stated.StatedMetadata {
  const ld = jsonLdArticle(document) ?? appDataPost(document);
  const headings = [...document.querySelectorAll('h1, h2')].map(shownText);
  const publisher = stated.firstStated([ld ? jsonLdName(ld.publisher) : null, ...metaValues(document, 'og:site_name', 'citation_journal_title')], stated.readTextValue);
  const timeValues = [
    ...attributeValues(document, 'time[pubdate], [itemprop="datePublished"]', 'datetime'),
    ...attributeValues(document, '[itemprop="datePublished"]', 'content'),
    ...attributeValues(document, 'article time[datetime]', 'datetime'),
    // Microformats (hAtom, h-entry), as Blogger and WordPress themes mark a post's date.
    ...attributeValues(document, '.published[title], .dt-published[title]', 'title'),
    ...attributeValues(document, '.published[datetime], .dt-published[datetime], time.entry-date[datetime]', 'datetime'),
    ...[...document.querySelectorAll('.date-header')].map((element) => element.textContent),
    // arXiv's HTML dates the paper in its identifier line (`arXiv:2403.14172v1 [cs.CY] 20 Mar 2024`).
    ...[...document.querySelectorAll('#watermark-tr')].map((element) => splitTrailingDate(shownText(element))?.date ?? null),
  ];
  // A wiki's structured data may give its first sentence as the headline (Fandom): a sentence no heading shows is no title.
  const headline = typeof ld?.headline === 'string' && isUnshownSentence(ld.headline, headings) ? null : ld?.headline;
  const titles = [headline, ...metaValues(document, 'citation_title', 'og:title', 'twitter:title', 'dc.title'), ...[...document.querySelectorAll('title')].map((title) => title.textContent)];
  // A mail saved as a page (Outlook's `Save as`) is titled by its subject.
  const title = stated.firstStated(titles, (value) => stated.readTextValue(typeof value === 'string' ? withoutReplyMarks(value) : value));
  // A part two titles share, each dressed differently (`r/Breadit - X` and `X : Breadit`), is the page's own.
  const otherTitleParts = titles.flatMap((other) => (typeof other === 'string' && other.trim() !== title ? other.split(TITLE_SEPARATOR) : []));
  return {
    title: withoutSiteName(title, [...headings, ...otherTitleParts], [
      ...(publisher ? [publisher] : []),
      ...[...document.querySelectorAll(BREADCRUMBS)].map((crumb) => (crumb.textContent ?? '').trim()),
    ]),
    authors: pageAuthors(
      readMetaAuthors(ld ? jsonLdAuthors(ld.author) : []) ??
        readMetaAuthors(metaValues(document, 'citation_author')) ??
        readMetaAuthors(metaValues(document, 'author', 'article:author', 'dc.creator', 'dcterms.creator', 'byl', 'parsely-author', 'sailthru.author')),
      publisher,
      document,
    ),
    date: stated.firstStated(
      [
        ld?.datePublished,
        ...metaValues(
          document,
          'article:published_time', 'og:article:published_time', 'og:published_time', 'article.published', 'datepublished', 'publishdate', 'publish_date', 'publish-date',
          'citation_publication_date', 'citation_date', 'dc.date.issued', 'dcterms.issued', 'dcterms.created', 'dc.date', 'dcterms.date', 'date',
          'pubdate', 'parsely-pub-date', 'sailthru.date', 'created',
        ),
        ...timeValues,
        ld?.dateCreated,
      ],
      stated.readDateValue,
    ) ??
      bylineDate(document) ??
      bylineUnderTitle(document)?.date ??
      lastEditedDate(document, ld),
    language: stated.firstStated([document.documentElement?.getAttribute('lang'), ld?.inLanguage, ...metaValues(document, 'og:locale', 'content-language', 'dc.language')], stated.readLanguageValue),
    url: stated.firstStated([...attributeValues(document, 'link[rel="canonical"]', 'href'), ...metaValues(document, 'og:url'), ld?.url], stated.readUrlValue),
    publisher,
  };
}
