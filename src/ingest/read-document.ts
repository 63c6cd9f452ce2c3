import type { Article } from '../domain.js';
import { chatTitle } from './chat-export.js';
import { claimedFormat, detectFormat, looksLikePdf } from './formats/detect.js';
import { isMailFile, readMailFile } from './formats/eml.js';
import { renderHtml } from './formats/html.js';
import { renderMarkdown } from './formats/markdown.js';
import { blankDialectSyntax } from './formats/markdown-dialects.js';
import { looksLikeMhtml, unwrapMhtml } from './formats/mhtml.js';
import { renderPdf } from './formats/pdf.js';
import type { RenderedDocument } from './formats/rendered.js';
import { decodeDocument, renderPlainText } from './formats/text.js';
import { withoutReplyMarks } from './field-block.js';
import { splitFrontMatter } from './front-matter.js';
import { layoutArticles } from './layout.js';
import { splitMarkupHeader } from './markup-header.js';
import { NOTHING_STATED, readAuthorNames, readDateValue } from './stated-metadata.js';

/**
 * One corpus file's bytes to its articles: the format judged by content and name, the file
 * read by its format's library, then the layout rules. Pure apart from PDF parsing being
 * asynchronous: no file system, no clock.
 */

export type DocumentReading =
  | { ok: true; articles: Article[]; /** How the file was read, when a person should know (read from what could be read). */ notes: string[] }
  | { ok: false; message: string };

/** Binary formats people mistake for documents, by their first bytes. */
const SIGNATURES: ReadonlyArray<[string, number[]]> = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a ZIP archive (or a Word/OpenDocument file)', [0x50, 0x4b, 0x03, 0x04]],
  ['a gzip archive', [0x1f, 0x8b]],
];

function binaryKind(bytes: Uint8Array): string | null {
  return SIGNATURES.find(([, signature]) => signature.every((byte, i) => bytes[i] === byte))?.[0] ?? null;
}

const EMPTY = 'is empty (no text to index); add text or remove the file';
const NO_ARTICLE = 'contains no article text once boilerplate is removed; nothing to index';

function withArticles(articles: Article[], notes: string[]): DocumentReading {
  return articles.length > 0 ? { ok: true, articles, notes } : { ok: false, message: NO_ARTICLE };
}

/**
 * A note app's title is its file's name (Obsidian: `Meetings/2023-05-17 Allotment committee.md`),
 * less the page id a Notion export adds; a name without spaces is a slug, not a title.
 */
function noteTitle(source: string): string | null {
  const name = source.replace(/^.*\//, '').replace(/\.[^.]+$/, '').replace(/\s+[0-9a-f]{32}$/, '').trim();
  return /\s/.test(name) ? name : null;
}

/** Reads a markdown or plain-text file: front matter first, then the body by its format. */
function readTextual(text: string, source: string, markdown: boolean, notes: string[]): DocumentReading {
  const markupHeader = markdown ? null : splitMarkupHeader(text);
  const frontMatter = markupHeader ?? splitFrontMatter(text);
  if (frontMatter?.problem) notes.push(`${frontMatter.problem}; indexed without its metadata (fix the front matter or add a sidecar)`);
  const body = frontMatter?.body ?? text;
  const rendered = markdown ? renderMarkdown(blankDialectSyntax(body)) : renderPlainText(body, markupHeader?.headingOf);
  let stated = frontMatter?.stated ?? rendered.stated;
  const untitledNote = markdown && frontMatter !== null && !markupHeader && stated.title === null && ![...rendered.headings.values()].includes(1);
  if (untitledNote) stated = { ...stated, title: noteTitle(source) };
  else if (!markdown && stated.title === null) stated = { ...stated, title: chatTitle(source) };
  return withArticles(layoutArticles({ ...rendered, stated }, source), notes);
}

/** Reads a file already decoded as text: plain text, markdown or a saved web page. */
export function readTextDocument(text: string, source: string): DocumentReading {
  if (text.trim() === '') return { ok: false, message: EMPTY };
  const detected = detectFormat(text, source);
  const notes = detected.note ? [detected.note] : [];
  if (detected.format === 'html') {
    const html = renderHtml(text);
    if (!html.ok) return html;
    return withArticles(layoutArticles(html.document, source), notes);
  }
  return readTextual(text, source, detected.format === 'markdown', notes);
}

/** Reads a PDF: its document title counts as stated, its author and date only where the text states none. */
async function readPdf(bytes: Uint8Array, source: string, notes: string[]): Promise<DocumentReading> {
  const pdf = await renderPdf(bytes);
  if (!pdf.ok) return pdf;
  const { stated } = pdf.document;
  const document: RenderedDocument = { ...pdf.document, stated: { ...NOTHING_STATED, title: stated.title, language: stated.language } };
  return withArticles(layoutArticles(document, source, stated), notes);
}

/** Reads a saved e-mail: its text as a mail kept as text, or its HTML body as a page that its headers title, sign and date. */
async function readMail(bytes: Uint8Array, source: string): Promise<DocumentReading> {
  const read = await readMailFile(bytes);
  if (!read.ok) return read;
  const { mail } = read;
  if (mail.text !== null) return readTextDocument(mail.header + mail.text, source);
  const page = readTextDocument(mail.html ?? '', source);
  if (!page.ok || page.articles.length !== 1) return page;
  const [article] = page.articles as [Article];
  const authors = article.authors.length > 0 ? article.authors : readAuthorNames(mail.from ?? '');
  const title = mail.subject ? withoutReplyMarks(mail.subject) : article.title;
  return { ...page, articles: [{ ...article, title, authors, date: article.date ?? readDateValue(mail.date ?? '') }] };
}

/** Reads one corpus file's bytes into its articles, or says why it cannot be indexed. */
export async function readDocument(bytes: Uint8Array, source: string): Promise<DocumentReading> {
  if (bytes.length === 0) return { ok: false, message: EMPTY };
  const claimed = claimedFormat(source);
  if (looksLikePdf(bytes)) {
    const detected = detectFormat(null, source);
    return readPdf(bytes, source, detected.note ? [detected.note] : []);
  }
  const kind = binaryKind(bytes);
  if (kind) return { ok: false, message: `is a binary file (${kind}), not ${claimed === 'pdf' ? 'a PDF' : 'text'}, whatever its name says; remove it or convert it to text` };
  const decoded = decodeDocument(bytes);
  // A .pdf without %PDF- is read when it is UTF-8 text under the wrong name; bytes that are not are a damaged PDF, not old text.
  if (claimed === 'pdf' && (!decoded.ok || decoded.note !== null)) {
    return { ok: false, message: 'is named .pdf but is not a PDF (no %PDF- header): it is damaged or another kind of file' };
  }
  if (!decoded.ok) return decoded;
  if (isMailFile(source)) return readMail(bytes, source);
  if (looksLikeMhtml(decoded.text)) {
    const page = await unwrapMhtml(bytes);
    return page.ok ? readTextDocument(page.html, source) : page;
  }
  const reading = readTextDocument(decoded.text, source);
  return reading.ok && decoded.note ? { ...reading, notes: [decoded.note, ...reading.notes] } : reading;
}
