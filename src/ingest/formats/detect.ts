/**
 * Which reader a corpus file needs, judged by its content first and its extension second: a PDF
 * starts with `%PDF-`, a saved web page with `<!doctype html` or `<html`, whatever its name says.
 */

export type DocumentFormat = 'text' | 'markdown' | 'html' | 'pdf';

/** Extensions of the files the corpus reads, and the format each one claims. */
const CLAIMED_FORMATS: Readonly<Record<string, DocumentFormat>> = {
  txt: 'text',
  text: 'text',
  adoc: 'text',
  asciidoc: 'text',
  org: 'text',
  rst: 'text',
  eml: 'text',
  md: 'markdown',
  markdown: 'markdown',
  mdx: 'markdown',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  mhtml: 'html',
  mht: 'html',
  pdf: 'pdf',
};

/** Matches the name of a file the corpus reads. */
export const DOCUMENT_FILE = new RegExp(`\\.(?:${Object.keys(CLAIMED_FORMATS).join('|')})$`, 'i');

/**
 * Documents people keep articles in that quotebot cannot read, by extension: reported with what to
 * do, where other unknown files (images, scripts) are passed over.
 */
const UNREADABLE_FORMATS: Readonly<Record<string, string>> = {
  doc: 'a Word document',
  docx: 'a Word document',
  odt: 'an OpenDocument text',
  rtf: 'a Rich Text document',
  pages: 'a Pages document',
  epub: 'an e-book',
  mobi: 'an e-book',
  azw3: 'an e-book',
  ppt: 'a PowerPoint deck',
  pptx: 'a PowerPoint deck',
  odp: 'an OpenDocument presentation',
  key: 'a Keynote deck',
};

/** A file name's extension, lower-case, without its dot; '' when it has none. */
function extensionOf(fileName: string): string {
  return /\.([^./]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
}

/** Why a file that looks like a document cannot be read, and what to do instead; null for other files. */
export function unreadableFormat(fileName: string): string | null {
  const kind = UNREADABLE_FORMATS[extensionOf(fileName)];
  if (!kind) return null;
  return `is ${kind}, which quotebot cannot read; save or export it as PDF, HTML or plain text beside it and reindex`;
}

const FORMAT_NAMES: Record<DocumentFormat, string> = { text: 'plain text', markdown: 'markdown', html: 'an HTML page', pdf: 'a PDF' };

/** The format a file's extension claims. */
export function claimedFormat(fileName: string): DocumentFormat {
  return CLAIMED_FORMATS[extensionOf(fileName)] ?? 'text';
}

/** `%PDF-` within the first kilobyte, where the PDF standard allows junk before it. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

/** An HTML document: a doctype or `<html>` first (after a BOM, blank lines and comments), or a `<head>`/`<body>` near the top. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2048).replace(/^\uFEFF?(?:\s|<!--[\s\S]*?-->|<\?xml[^>]*>)*/, '');
  return /^<(?:!doctype\s+html|html)[\s>]/i.test(head) || /<(?:head|body)[\s>]/i.test(head.slice(0, 1024));
}

/**
 * Markdown saved as `.txt` (as pages copied from the web often are), recognised only when it is
 * unmistakable: `#` headings or markdown links together with `*emphasis*`, several of them, or
 * emphasis twice; and none of what plain text such as a PEP, an RFC or a Python session has
 * (`>>>` prompts, reStructuredText directives and underlines) or AsciiDoc and Org (`== Section`,
 * `#+TITLE:`), whose `*bold*` looks like markdown's emphasis.
 */
export function looksLikeMarkdown(text: string): boolean {
  if (/^(?:>>> |\.\. [\w-]+::|[=\-~^]{4,}\s*$|={1,6} \S|#\+\w+:)/m.test(text)) return false;
  const headings = text.match(/^#{1,6} +[\p{Lu}\p{N}*_[].*$/gmu)?.length ?? 0;
  const links = text.match(/\[[^\]\n]+\]\((?:https?:\/\/|\/)[^)\s]*\)/g)?.length ?? 0;
  const emphasis = text.match(/(?:^|\s)\*\*?[^\s*][^*\n]*\*\*?(?=[\s.,;:!?]|$)/g)?.length ?? 0;
  const kinds = [headings, links, emphasis].filter((count) => count > 0).length;
  return (headings + links > 0 && (kinds >= 2 || headings + links >= 3)) || emphasis >= 2;
}

export interface DetectedFormat {
  format: DocumentFormat;
  /** Set when the content is not what the extension claims; says how the file was read. */
  note: string | null;
}

/**
 * The format to read a file with. `text` is the file decoded, null for a PDF (see `looksLikePdf`).
 * A `.txt` holding unmistakable markdown is read as markdown without a note: it is a common way
 * to keep notes and nothing is lost.
 */
export function detectFormat(text: string | null, fileName: string): DetectedFormat {
  const claimed = claimedFormat(fileName);
  let actual: DocumentFormat;
  if (text === null) actual = 'pdf';
  else if (looksLikeHtml(text)) actual = 'html';
  else if (claimed === 'markdown' || looksLikeMarkdown(text)) actual = 'markdown';
  else actual = 'text';
  if (actual === claimed || (claimed === 'text' && actual === 'markdown')) {
    return { format: actual, note: null };
  }
  return { format: actual, note: `is named like ${FORMAT_NAMES[claimed]} but holds ${FORMAT_NAMES[actual]}; read as ${FORMAT_NAMES[actual]}` };
}
