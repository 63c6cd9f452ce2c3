/**
 * Links that take a reader's browser to the quoted words: the article's URL with a text fragment
 * (`#:~:text=start[,end]`, https://wicg.github.io/scroll-to-text-fragment/). Browsers without
 * support simply open the page.
 */

/** A quote up to this long (one paragraph) is matched whole; a longer one by its first and last words. */
const WHOLE_QUOTE_MAX = 80;
const WORDS_AT_EACH_END = 4;
/** Discord's limit on a link button's URL; also a sane bound for a link in text. */
export const MAX_LINK_LENGTH = 512;

/**
 * Percent-encodes one term of a text directive. The spec requires `-`, `&` and `,` encoded (they are
 * its syntax); everything but letters, digits, `.` and `_` is encoded, so the link also survives
 * being written inside markdown (`(`, `)`, `*`, `~`).
 */
export function encodeFragmentTerm(term: string): string {
  // encodeURIComponent throws on half a surrogate pair; it cannot be on the page anyway.
  const wellFormed = term.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return encodeURIComponent(wellFormed).replace(/[^A-Za-z0-9._%]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** The quote's paragraphs, each with its whitespace collapsed: a text fragment term never spans two blocks. */
function blocksOf(quote: string): string[] {
  return quote
    .split(/\n/)
    .map((line) => line.replace(/\s+/gu, ' ').trim())
    .filter((line) => line !== '');
}

/** `text=…` for the quote, or null when it has no words; `wordsAtEachEnd` sets the start and end terms' length. */
export function textDirective(quote: string, wordsAtEachEnd = WORDS_AT_EACH_END): string | null {
  const blocks = blocksOf(quote);
  const first = blocks[0];
  const last = blocks[blocks.length - 1];
  if (first === undefined || last === undefined) return null;
  const firstWords = first.split(' ');
  if (blocks.length === 1 && (first.length <= WHOLE_QUOTE_MAX || firstWords.length <= 2 * wordsAtEachEnd)) {
    return `text=${encodeFragmentTerm(first)}`;
  }
  const start = firstWords.slice(0, wordsAtEachEnd).join(' ');
  const end = last.split(' ').slice(-wordsAtEachEnd).join(' ');
  return `text=${encodeFragmentTerm(start)},${encodeFragmentTerm(end)}`;
}

/** The URL when it is an absolute http(s) URL, normalised; null otherwise (no `javascript:`, no relative paths). */
export function webUrl(url: string | null | undefined): URL | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * A link to the quoted words on the article's page: its URL with a text fragment added (after any
 * fragment it already has, replacing an older directive). Null when the URL is not http(s). When
 * the link would pass `maxLength`, the fragment gets shorter, then goes; the bare URL must fit.
 */
export function linkToQuote(url: string | null | undefined, quote: string, maxLength = MAX_LINK_LENGTH): string | null {
  const parsed = webUrl(url);
  if (!parsed) return null;
  const ownFragment = parsed.hash.replace(/^#/, '').split(':~:')[0] ?? '';
  parsed.hash = '';
  const bare = `${parsed.href}${ownFragment ? `#${ownFragment}` : ''}`;
  for (const words of [WORDS_AT_EACH_END, 2, 1]) {
    const directive = textDirective(quote, words);
    if (!directive) break;
    const link = `${parsed.href}#${ownFragment}:~:${directive}`;
    if (link.length <= maxLength) return link;
  }
  return bare.length <= maxLength ? bare : null;
}
