import type { SearchFilter } from '../../domain.js';
import { foldText } from '../../text/normalize.js';

/**
 * A SearchFilter as a SQL condition on a generation's `articles` table (alias `a`), with the same
 * meaning as `articlesMatching` in src/index/filter.ts: author names by whole folded words, a document by
 * exact id, file or title and else by words of its title, inclusive (partial) dates, a language by its code. The inputs are
 * folded here, by the function that folded the stored columns, and passed as parameters.
 */

export interface SqlCondition {
  /** A boolean SQL expression over `a` (true when the filter is empty). */
  sql: string;
  params: unknown[];
}

/** Folded words separated by single spaces, as stored in `title_words` and `author_words`. */
export function foldedWords(text: string): string {
  return foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * The condition, numbering its parameters from `$${firstParam}`. `schema` is the generation's
 * schema (the "exact document match anywhere?" test looks at the whole table).
 */
export function filterCondition(filter: SearchFilter | undefined, schema: string, firstParam: number): SqlCondition {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };

  if (filter?.author?.trim()) {
    const author = foldedWords(filter.author);
    // A name made only of punctuation matches nobody, as in articlesMatching.
    clauses.push(
      author === ''
        ? 'false'
        : `EXISTS (SELECT 1 FROM unnest(a.author_words) AS name WHERE position(${param(` ${author} `)} IN ' ' || name || ' ') > 0)`,
    );
  }

  const document = filter?.document?.trim() ?? '';
  if (document) {
    const exact = param(foldText(document));
    const exactMatch = (alias: string) =>
      `(${alias}.id_folded = ${exact} OR ${alias}.source_folded = ${exact} OR ` +
      `regexp_replace(${alias}.source_folded, '\\.[^.]+$', '') = ${exact} OR ${alias}.title_folded = ${exact})`;
    const part = foldedWords(document);
    const titleWords = part === '' ? 'false' : `position(${param(` ${part} `)} IN ' ' || a.title_words || ' ') > 0`;
    clauses.push(
      `CASE WHEN EXISTS (SELECT 1 FROM ${schema}.articles AS x WHERE ${exactMatch('x')}) THEN ${exactMatch('a')} ELSE ${titleWords} END`,
    );
  }

  const from = filter?.dateFrom?.trim();
  const to = filter?.dateTo?.trim();
  if (from) clauses.push(`(a.date IS NOT NULL AND a.date >= ${param(from)})`);
  if (to) {
    const bound = param(to);
    clauses.push(`(a.date IS NOT NULL AND left(a.date, length(${bound})) <= ${bound})`);
  }

  const language = filter?.language?.trim();
  if (language) clauses.push(`a.language = ${param(language)}`);

  return { sql: clauses.length > 0 ? clauses.join(' AND ') : 'true', params };
}
