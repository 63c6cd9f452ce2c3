import { parse as parseYaml } from 'yaml';
import type { Article } from '../domain.js';
import { readAuthorNames } from './stated-metadata.js';

/**
 * A static site's list of authors, which its posts name by key (`author: jsmith`): Jekyll's
 * `_data/authors.yml` for the whole site (the folder above `_data`), Docusaurus's `authors.yml`
 * beside the blog's posts. Each key's `name` (or `display_name`, `full_name`) is how the site
 * shows the author, and so how the corpus credits them.
 */

const AUTHORS_FILE = /(?:^|\/)(?:_data\/)?authors\.(?:ya?ml|json)$/i;

/** Whether a corpus file is a site's list of authors. */
export function isSiteAuthorsFile(name: string): boolean {
  return AUTHORS_FILE.test(name);
}

/** The folder whose posts a list of authors names: the site's root for `_data/`, else its own folder ('' for the corpus root). */
export function siteRootOf(authorsFile: string): string {
  const folder = authorsFile.replace(/(?:^|\/)[^/]*$/, '');
  return folder === '_data' ? '' : folder.replace(/\/_data$/, '');
}

export type SiteAuthors = ReadonlyMap<string, string>;

/** Display names by key from a list of authors (YAML or JSON); empty when it holds none or cannot be read. */
export function parseSiteAuthors(text: string): SiteAuthors {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch {
    return new Map();
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return new Map();
  const names = new Map<string, string>();
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    const fields = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : { name: entry };
    const [name] = readAuthorNames(fields.name ?? fields.display_name ?? fields.full_name);
    if (name) names.set(key, name);
  }
  return names;
}

/** The list of authors (by its file) that covers `source`: the one of the deepest site root above it. */
export function siteAuthorsFor<List>(source: string, lists: ReadonlyMap<string, List>): List | null {
  let best: { root: string; authors: List } | null = null;
  for (const [file, authors] of lists) {
    const root = siteRootOf(file);
    const covers = root === '' || source.startsWith(`${root}/`);
    if (covers && (best === null || root.length > best.root.length)) best = { root, authors };
  }
  return best?.authors ?? null;
}

/** The articles with each author the list knows by key credited by name. */
export function creditSiteAuthors(articles: readonly Article[], authors: SiteAuthors): Article[] {
  return articles.map((article) => {
    if (!article.authors.some((author) => authors.has(author))) return article;
    return { ...article, authors: [...new Set(article.authors.map((author) => authors.get(author) ?? author))] };
  });
}
