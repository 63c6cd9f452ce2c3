/**
 * A browser's "Web Page, complete" save writes the page (`NAME.html`) and a folder beside it with
 * what the page loaded (`NAME_files/`: images, styles, scripts, and the frames of ads and embeds
 * as `.html` files of their own). That folder holds no articles: reading its frames would index
 * widgets and ads as documents. Browsers name it after the page with a localised word: Chrome
 * `_files`, Firefox `_files`, `-Dateien`, `_fichiers`, `_bestanden`, `_archivos`...
 */

const PAGE_FILE = /\.(?:html?|xhtml)$/i;
/** The page's name, then `_` or `-` and one word. */
const RESOURCE_SUFFIX = /^[_-]\p{L}+$/u;

/** The saved page a folder belongs to (a file of `siblings`), or null when the folder is not such a companion. */
export function savedPageOf(folder: string, siblings: Iterable<string>): string | null {
  for (const sibling of siblings) {
    if (!PAGE_FILE.test(sibling)) continue;
    const stem = sibling.replace(PAGE_FILE, '');
    if (folder.startsWith(stem) && RESOURCE_SUFFIX.test(folder.slice(stem.length))) return sibling;
  }
  return null;
}
