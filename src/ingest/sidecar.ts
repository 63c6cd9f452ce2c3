import { z } from 'zod';
import type { Article } from '../domain.js';

/**
 * A sidecar `NAME.meta.json` next to `NAME.txt` sets or corrects metadata the text gets wrong or
 * leaves out, for the whole file or per article:
 * `{ "author": "Jane Roe", "articles": [{ "match": { "index": 2 }, "date": "2017-10-03" }] }`.
 */

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD', abort: true })
  .refine((value) => {
    // `2017-02-30` parses, rolled over to March: only a date that reads back unchanged is real.
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'is not a real calendar date');

const fields = {
  title: z.string().trim().min(1, 'must not be empty'),
  authors: z.array(z.string().trim().min(1, 'must not be empty')),
  author: z.string().trim().min(1, 'must not be empty'),
  date: isoDate.nullable(),
  url: z.url('must be a full url (https://...)').nullable(),
  language: z.string().regex(/^[a-z]{2}$/, 'must be a two-letter language code such as "en" or "nl"'),
  publisher: z.string().trim().min(1, 'must not be empty').nullable(),
};

const onlyOneAuthorField = (value: { author?: unknown; authors?: unknown }) => value.author === undefined || value.authors === undefined;
const authorMessage = { message: 'use either "author" or "authors", not both' };

const ArticleOverrideSchema = z
  .strictObject({
    ...fields,
    match: z.union([z.strictObject({ index: z.number().int().min(0) }), z.strictObject({ title: z.string().trim().min(1) })], {
      error: 'must be { "index": n } (counting from 0) or { "title": "..." }',
    }),
  })
  .partial({ title: true, authors: true, author: true, date: true, url: true, language: true, publisher: true })
  .refine(onlyOneAuthorField, authorMessage);

const SidecarSchema = z
  .strictObject({ ...fields, articles: z.array(ArticleOverrideSchema) })
  .partial()
  .refine(onlyOneAuthorField, authorMessage);

export type Sidecar = z.output<typeof SidecarSchema>;
type Fields = Omit<Sidecar, 'articles'>;

export type SidecarResult = { ok: true; sidecar: Sidecar } | { ok: false; message: string };

/** Parses and validates a sidecar; the failure message names the sidecar and what to fix. */
export function parseSidecar(text: string, name: string): SidecarResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `sidecar ${name} is not valid JSON (${(error as Error).message}); fix the JSON or remove the file` };
  }
  const result = SidecarSchema.safeParse(json);
  if (result.success) return { ok: true, sidecar: result.data };
  const issues = result.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'the file';
    const hint = issue.code === 'unrecognized_keys' ? ` (allowed: ${Object.keys(fields).join(', ')}, articles)` : '';
    return `${where}: ${issue.message.replace(/^Invalid input: /, '')}${hint}`;
  });
  return { ok: false, message: `sidecar ${name} is invalid: ${issues.join('; ')}` };
}

function applyFields(article: Article, values: Fields): Article {
  const authors = values.authors ?? (values.author !== undefined ? [values.author] : undefined);
  return {
    ...article,
    ...(values.title !== undefined && { title: values.title }),
    ...(authors !== undefined && { authors }),
    ...(values.date !== undefined && { date: values.date }),
    ...(values.url !== undefined && { url: values.url }),
    ...(values.language !== undefined && { language: values.language }),
    ...(values.publisher !== undefined && { publisher: values.publisher }),
  };
}

/**
 * Applies the sidecar's file-wide fields to every article, then each per-article entry to the
 * article it matches (by index in file order, or by title, case-insensitive). An entry that
 * matches no article is an error: the correction it carries would silently be lost.
 */
export function applySidecar(articles: readonly Article[], sidecar: Sidecar, name: string): { ok: true; articles: Article[] } | { ok: false; message: string } {
  const { articles: overrides = [], ...fileFields } = sidecar;
  const updated = articles.map((article) => applyFields(article, fileFields));
  for (const [n, { match, ...values }] of overrides.entries()) {
    const index =
      'index' in match
        ? match.index < updated.length ? match.index : -1
        : updated.findIndex((article) => article.title.toLowerCase() === match.title.toLowerCase());
    const target = updated[index];
    if (!target) {
      const what = 'index' in match ? `index ${match.index} (the file has ${updated.length} articles, counted from 0)` : `title "${match.title}"`;
      return { ok: false, message: `sidecar ${name}: articles.${n} matches no article by ${what}; fix the match` };
    }
    updated[index] = applyFields(target, values);
  }
  return { ok: true, articles: updated };
}
