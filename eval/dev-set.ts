/**
 * The real-document dev set (`test/fixtures/real/`): its expected metadata, how a read article
 * is judged against it, and the text each article's quotes must be found in verbatim. Shared by
 * `npm run eval:formats` and the dev-set test.
 */
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import { parseHTML } from 'linkedom';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { z } from 'zod';
import type { Article } from '../src/domain.js';
import { parseDateLine } from '../src/ingest/dates.js';
import { splitFrontMatter } from '../src/ingest/front-matter.js';
import { readDocument } from '../src/ingest/read-document.js';
import { splitSentences } from '../src/text/sentences.js';

export const DEV_SET_DIR = fileURLToPath(new URL('../test/fixtures/real/', import.meta.url));

const ExpectedArticleSchema = z.object({
  title: z.string(),
  authors: z.array(z.string()),
  date: z.string().nullable(),
  language: z.string().optional(),
  accept: z
    .object({
      titles: z.array(z.string()).optional(),
      authors: z.array(z.array(z.string())).optional(),
      date: z.array(z.string().nullable()).optional(),
      dates: z.array(z.string().nullable()).optional(),
    })
    .optional(),
});
const ExpectedSchema = z.object({ files: z.array(z.object({ file: z.string(), articles: z.array(ExpectedArticleSchema) })) });
export type ExpectedArticle = z.infer<typeof ExpectedArticleSchema>;

export interface DevSetFile {
  file: string;
  format: string;
  expected: ExpectedArticle[];
  articles: Article[];
  /** The source text quotes must come from, whitespace collapsed: the file itself or its rendering. */
  quotable: string;
}

const key = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
const sameNames = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((name, i) => key(name) === key(b[i] ?? ''));

export function isTitleRight(article: Article | undefined, expected: ExpectedArticle): boolean {
  return article !== undefined && [expected.title, ...(expected.accept?.titles ?? [])].some((title) => key(title) === key(article.title));
}
export function isAuthorRight(article: Article | undefined, expected: ExpectedArticle): boolean {
  return article !== undefined && [expected.authors, ...(expected.accept?.authors ?? [])].some((names) => sameNames(names, article.authors));
}
export function isDateRight(article: Article | undefined, expected: ExpectedArticle): boolean {
  return article !== undefined && [expected.date, ...(expected.accept?.date ?? []), ...(expected.accept?.dates ?? [])].includes(article.date);
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The text a reader sees, by an independent route: markdown-it's HTML, the page's DOM, pdf.js's raw items. */
async function quotableText(bytes: Buffer, format: string): Promise<string> {
  const text = bytes.toString('utf8');
  if (format === '.md' || format === '.markdown') {
    const body = splitFrontMatter(text)?.body ?? text;
    const { document } = parseHTML(`<!doctype html><html><body>${new MarkdownIt({ html: true }).render(body)}</body></html>`);
    return collapse(document.body.textContent ?? '');
  }
  if (format === '.html' || format === '.htm') return collapse(parseHTML(text).document.body?.textContent ?? '');
  if (format === '.pdf') {
    const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: VerbosityLevel.ERRORS, isEvalSupported: false }).promise;
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n += 1) {
      const content = await (await pdf.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ''}` : '')).join(''));
    }
    await pdf.destroy();
    return collapse(pages.join('\n'));
  }
  return collapse(text);
}

/** Copies the dev set's documents into `dir` as a corpus; a page bundle (`2021-05-12-slug/index.md`) keeps its folder, whose name dates the post. */
export async function copyDevSetDocuments(documents: readonly string[], dir: string): Promise<void> {
  for (const document of documents) {
    await mkdir(dirname(join(dir, document)), { recursive: true });
    await copyFile(join(DEV_SET_DIR, document), join(dir, document));
  }
}

/** Reads every dev-set file as the product does. */
export async function readDevSet(): Promise<DevSetFile[]> {
  const expected = ExpectedSchema.parse(JSON.parse(await readFile(join(DEV_SET_DIR, 'expected.json'), 'utf8')));
  return Promise.all(
    expected.files.map(async ({ file, articles: expectedArticles }) => {
      const bytes = await readFile(join(DEV_SET_DIR, file));
      const reading = await readDocument(bytes, file);
      const format = extname(file).toLowerCase();
      return { file, format, expected: expectedArticles, articles: reading.ok ? reading.articles : [], quotable: await quotableText(bytes, format) };
    }),
  );
}

/** Sentences of an article that are not, up to whitespace, in the text a reader sees. */
export function unverifiableSentences(file: DevSetFile): string[] {
  return file.articles.flatMap((article) =>
    splitSentences(article.text, article.language)
      .map((span) => collapse(article.text.slice(span.start, span.end)))
      .filter((sentence) => !file.quotable.includes(sentence)),
  );
}

/** Header lines an article's text may not keep: how many lines from the top are checked (and the last, for a sign-off). */
const HEADER_REACH = 2;

/**
 * Metadata lines that ended up in an article's text: at its top or end, a front matter fence, a
 * `Key: value` field, the title, a byline, a sign-off (`— Name`) or the date on a line of its own. (A section
 * heading that repeats the title further down, or a quoted mail header, is text.)
 */
export function quotedMetadataLines(file: DevSetFile): string[] {
  return file.articles.flatMap((article, n) => {
    const expected = file.expected[n];
    const names = expected?.authors ?? [];
    const own = new Set([expected?.title, article.title, ...names, ...names.map((name) => `By ${name}`), names.join(', '), names.join(' and ')].filter(Boolean).map((text) => key(text ?? '')));
    const lines = article.text.split('\n').filter((line) => line.trim() !== '');
    const edges = new Set([...lines.slice(0, HEADER_REACH), ...lines.slice(-1)]);
    return [...edges].filter(
      (line) =>
        /^(?:title|authors?|date|created|lang|url)\s*[:=]\s*\S/i.test(line) ||
        /^(?:---|\+\+\+)$/.test(line.trim()) ||
        own.has(key(line)) ||
        (/^(?:[—–-]+|(?:written )?by\s)/i.test(line.trim()) && names.some((name) => key(line).includes(key(name)))) ||
        (expected?.date != null && parseDateLine(line) === expected.date),
    );
  });
}
