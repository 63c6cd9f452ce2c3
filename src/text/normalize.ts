/**
 * The one normaliser for comparing texts that may differ only in how they are typeset: curly or
 * straight quotes, kinds of dash, invisible characters, runs of whitespace and, when asked, case,
 * accents and markdown marks. Every stage compares text through it, so two places never disagree
 * on whether two spellings are the same words.
 */

/** Half of a UTF-16 surrogate pair on its own: not text (an emoji cut in two), and Discord may refuse it. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Characters that render as nothing (zero-width spaces and joiners, word joiner, BOM, soft hyphen). */
export const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const DASHES = /[\u2010-\u2015\u2212\u2E3A\u2E3B]/g;
const COMBINING_MARKS = /\p{M}+/gu;
/** Markdown emphasis and heading marks, which cleaning may drop from a raw file. */
const MARKUP = /[*_#]/g;

/** Lowercase, accents removed (`Syrië` -> `syrie`), compatibility forms unified (`ﬁ` -> `fi`). */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase();
}

export interface Comparison {
  /** Also ignore case and accents. */
  fold?: boolean;
  /** Also ignore markdown emphasis and heading marks. */
  dropMarkup?: boolean;
}

/**
 * The text as compared: typographic quotes and dashes as their ASCII forms, invisible characters
 * removed, whitespace runs as one space, trimmed; folded and without markup when asked.
 */
export function normalizeForComparison(text: string, comparison: Comparison = {}): string {
  let plain = text.replace(INVISIBLE, '').replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"').replace(DASHES, '-');
  if (comparison.dropMarkup) plain = plain.replace(MARKUP, '');
  if (comparison.fold) plain = foldText(plain);
  return plain.replace(/\s+/g, ' ').trim();
}

/** Replaces every lone surrogate (`replacement` defaults to U+FFFD, the replacement character). */
export function replaceLoneSurrogates(text: string, replacement = '\uFFFD'): string {
  return text.replace(LONE_SURROGATE, replacement);
}
