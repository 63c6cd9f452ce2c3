/**
 * Sentence and paragraph spans over a text, as offsets, so later stages can quote verbatim.
 * Sentence boundaries come from `Intl.Segmenter`; this module fixes what it gets wrong in news
 * text: it splits after abbreviations and initials, and it does not split after runs of dots.
 */

/** A half-open range `[start, end)` of a string: `text.slice(start, end)`. */
export interface TextSpan {
  start: number;
  end: number;
}

/** Titles and short forms (English and Dutch) that end in a dot but almost never end a sentence. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'col', 'gen', 'lt', 'sgt', 'capt', 'cpt', 'maj', 'adm', 'cmdr',
  'sen', 'rep', 'gov', 'pres', 'st', 'jr', 'sr', 'rev', 'hon', 'vol', 'vs', 'fig',
  'approx', 'dept', 'univ', 'corp', 'inc', 'mt', 'ft', 'nb',
  'dhr', 'mevr', 'mw', 'drs', 'ir', 'bijv', 'bv', 'ca', 'jl', 'nl', 'resp', 'incl', 'excl', 'vgl',
  'zgn', 'zg', 'blz', 'nr',
]);

/** Dotted short forms that never end a sentence (`U.S.` is kept here: in news it is mostly an adjective). */
const DOTTED_ABBREVIATIONS = new Set([
  'e.g.', 'i.e.', 'u.s.', 'u.k.', 'u.n.', 'o.a.', 't.w.', 'd.w.z.', 'm.a.w.', 'z.g.', 'n.b.', 'a.k.a.',
]);

/** The last word of a segment, when it ends with a dot: `Col.`, `U.S.`, `J.`. */
const TRAILING_WORD = /(?:^|[\s(\[“"‘'])([\p{L}.]+\.)$/u;

/** Runs of four or more dots (with any closing quote or bracket) end a sentence even before lowercase. */
const DOT_RUN = /\.{4,}[)\]'"’”]*(?=\s)/g;

/** A blank line (possibly with spaces) separates paragraphs. */
const PARAGRAPH_BREAK = /\n[^\S\n]*\n\s*/g;

function isSupportedLocale(language: string | undefined): language is string {
  if (!language) return false;
  try {
    return Intl.Segmenter.supportedLocalesOf([language]).length > 0;
  } catch {
    return false;
  }
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(language: string | undefined): Intl.Segmenter {
  const key = language ?? '';
  let segmenter = segmenters.get(key);
  if (!segmenter) {
    // An unknown or malformed language tag falls back to the default locale rather than failing.
    segmenter = new Intl.Segmenter(isSupportedLocale(language) ? language : undefined, { granularity: 'sentence' });
    segmenters.set(key, segmenter);
  }
  return segmenter;
}

/** Shrinks a span to exclude surrounding whitespace; null when nothing but whitespace is left. */
function trimSpan(text: string, start: number, end: number): TextSpan | null {
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : null;
}

/** True when the segment ends with a word after which the segmenter's break is wrong. */
function endsWithAbbreviation(segment: string): boolean {
  const match = TRAILING_WORD.exec(segment.trimEnd());
  if (!match) return false;
  const word = match[1]!.toLowerCase();
  if (DOTTED_ABBREVIATIONS.has(word)) return true;
  const bare = word.slice(0, -1);
  if (bare.includes('.')) return false;
  // A single capital letter is an initial (`J. R. Tolkien`).
  if (/^\p{Lu}$/u.test(match[1]!.slice(0, -1))) return true;
  return ABBREVIATIONS.has(bare);
}

/** Paragraph spans: text between blank lines, trimmed. */
export function splitParagraphs(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  let start = 0;
  for (const match of text.matchAll(PARAGRAPH_BREAK)) {
    const span = trimSpan(text, start, match.index);
    if (span) spans.push(span);
    start = match.index + match[0].length;
  }
  const last = trimSpan(text, start, text.length);
  if (last) spans.push(last);
  return spans;
}

function splitParagraphSentences(text: string, paragraph: TextSpan, segmenter: Intl.Segmenter): TextSpan[] {
  const body = text.slice(paragraph.start, paragraph.end);
  const breaks = new Set<number>();
  let previousEnd = 0;
  let previousSegment = '';
  for (const { segment, index } of segmenter.segment(body)) {
    // A line break inside the segment before this boundary is a real break (heading, byline).
    const mergeable = index > 0 && !/\n\s*$/.test(previousSegment) && endsWithAbbreviation(previousSegment);
    if (index > 0 && !mergeable) breaks.add(index);
    previousEnd = index + segment.length;
    previousSegment = segment;
  }
  for (const match of body.matchAll(DOT_RUN)) breaks.add(match.index + match[0].length);
  breaks.add(previousEnd);

  const spans: TextSpan[] = [];
  let start = 0;
  for (const end of [...breaks].sort((a, b) => a - b)) {
    const span = trimSpan(text, paragraph.start + start, paragraph.start + end);
    if (span) spans.push(span);
    start = end;
  }
  return spans;
}

/**
 * Sentence spans over `text`, in order, trimmed of surrounding whitespace. A paragraph break
 * (blank line) always ends a sentence; so does a line break or a run of dots (`......`).
 */
export function splitSentences(text: string, language?: string): TextSpan[] {
  const segmenter = segmenterFor(language);
  return splitParagraphs(text).flatMap((paragraph) => splitParagraphSentences(text, paragraph, segmenter));
}
