import type { TextSpan } from '../text/sentences.js';
import type { ArticleLayout } from './article-layout.js';
import { asksQuestion, balanceQuoteMarks } from './standalone.js';

/**
 * Widens the sentence that best answers a question into a quote a reader can take on its own:
 * the sentence before it when it points back ("It", "However", "he added:"), the sentence after
 * it when it asks a question (what follows answers it) or when that one points back to it, the neighbour that
 * holds the kind of answer asked for when it does not, a neighbour when it is very short or
 * nearly as relevant, and whatever it takes to close a quotation it opens (or leave out one it
 * cannot close), and the line after a quotation that says whose words they are. At most three
 * sentences of one paragraph, verbatim, never a heading or byline.
 */

/** A quote shorter than this (characters) rarely stands alone; it takes a neighbouring sentence. */
const MIN_QUOTE_LENGTH = 80;
/** Longest quote, in characters; a longer single sentence is cut after a clause or a word. */
export const MAX_QUOTE_LENGTH = 600;
/** At most this many sentences in one quote. */
const MAX_QUOTE_SENTENCES = 3;
/**
 * A neighbour at least this close to the best sentence's score joins the quote: the sentence that
 * sets a scene is often the best match and the next one what happened in it (at 0.8 the seeds'
 * evidence in the top 3 was 51 of 59, at 0.6 52; lower adds nothing on any set).
 */
const NEIGHBOUR_SCORE_RATIO = 0.6;
/** A neighbour joins on its score only while the quote stays this short (characters). */
const NEIGHBOUR_MAX_LENGTH = 400;
/** Longest line (characters) read as the attribution of the quotation before it. */
const MAX_ATTRIBUTION_LENGTH = 80;
/** A sentence ending with a closing quotation mark, and a line that names who said it: "— Dan Tangherlini, Administrator, GSA". */
const CLOSES_QUOTATION = /["”»’]\W*$/u;
const ATTRIBUTION = /^[—–-]?\s*\p{Lu}/u;

export interface QuoteSentences {
  text: string;
  /** Every sentence of the article, in order. */
  sentences: readonly TextSpan[];
  layout: ArticleLayout;
  /** A sentence's relevance to the question (0 for one that was not scored). */
  score(position: number): number;
  /** Whether a sentence holds the kind of answer asked for. */
  holdsKind(position: number): boolean;
}

const intersects = (a: TextSpan, b: TextSpan): boolean => a.start < b.end && b.start < a.end;

/** Cuts a span longer than MAX_QUOTE_LENGTH after a clause or, failing that, a word. */
function fitLength(text: string, span: TextSpan): TextSpan {
  if (span.end - span.start <= MAX_QUOTE_LENGTH) return span;
  const window = text.slice(span.start, span.start + MAX_QUOTE_LENGTH);
  const clause = Math.max(window.lastIndexOf(', '), window.lastIndexOf('; '), window.lastIndexOf(': '));
  if (clause > MAX_QUOTE_LENGTH / 2) return { start: span.start, end: span.start + clause };
  const lastWordBreak = window.search(/\s+\S*$/);
  return { start: span.start, end: span.start + (lastWordBreak > 0 ? lastWordBreak : MAX_QUOTE_LENGTH) };
}

/**
 * The quote grown from sentence `best`, avoiding spans already `taken`; null when no stretch
 * around it reads on its own (a quotation it opens cannot be closed within the limits).
 */
export function growQuote(input: QuoteSentences, best: number, taken: readonly TextSpan[]): TextSpan | null {
  const { text, sentences, layout } = input;
  const usable = (i: number) =>
    i >= 0 &&
    i < sentences.length &&
    layout.roles[i] === 'text' &&
    layout.paragraphs[i] === layout.paragraphs[best] &&
    !taken.some((span) => intersects(span, sentences[i]!));
  const fits = (first: number, last: number, max = MAX_QUOTE_LENGTH) =>
    last - first + 1 <= MAX_QUOTE_SENTENCES && sentences[last]!.end - sentences[first]!.start <= max;
  let first = best;
  let last = best;
  const canAdd = (i: number, max?: number) => usable(i) && fits(Math.min(first, i), Math.max(last, i), max);

  if (layout.pointsBack[first] && canAdd(first - 1)) first--;
  // A question in the text is answered by what follows it, not by itself.
  if (asksQuestion(text.slice(sentences[best]!.start, sentences[best]!.end)) && canAdd(last + 1)) last++;
  // The sentence after it that goes on about it ("These have been merged ...") finishes what it began.
  else if (layout.pointsBack[last + 1] && canAdd(last + 1, NEIGHBOUR_MAX_LENGTH)) last++;
  if (!input.holdsKind(best)) {
    if (canAdd(last + 1) && input.holdsKind(last + 1)) last++;
    else if (canAdd(first - 1) && input.holdsKind(first - 1)) first--;
  }
  if (sentences[last]!.end - sentences[first]!.start < MIN_QUOTE_LENGTH) {
    if (canAdd(last + 1)) last++;
    else if (canAdd(first - 1)) first--;
  }
  const threshold = input.score(best) * NEIGHBOUR_SCORE_RATIO;
  if (canAdd(last + 1, NEIGHBOUR_MAX_LENGTH) && input.score(last + 1) >= threshold) last++;
  else if (canAdd(first - 1, NEIGHBOUR_MAX_LENGTH) && input.score(first - 1) >= threshold) first--;

  // A quotation followed, in its paragraph, by the line that says whose it is takes that line in.
  const next = sentences[last + 1];
  if (
    next &&
    layout.roles[last + 1] !== 'text' &&
    layout.paragraphs[last + 1] === layout.paragraphs[best] &&
    next.end - next.start <= MAX_ATTRIBUTION_LENGTH &&
    CLOSES_QUOTATION.test(text.slice(sentences[last]!.start, sentences[last]!.end)) &&
    ATTRIBUTION.test(text.slice(next.start, next.end)) &&
    !taken.some((span) => intersects(span, next)) &&
    fits(first, last + 1)
  ) {
    last++;
  }
  const balanced = balancedWindow(input, first, last, best, usable);
  if (!balanced) return null;
  const span = fitLength(text, { start: sentences[balanced.first]!.start, end: sentences[balanced.last]!.end });
  return readsWhole(input, span) ? span : null;
}

/** Where the paragraph of sentence `position` starts. */
function paragraphStart(input: QuoteSentences, position: number): number {
  let first = position;
  while (first > 0 && input.layout.paragraphs[first - 1] === input.layout.paragraphs[position]) first--;
  return input.sentences[first]!.start;
}

/**
 * True when a span's quotation marks pair up. A closing mark with no opening one anywhere before
 * it in the paragraph is let through: the paragraph continues a quotation begun in the one
 * before (the printed convention for long quotations), or the source dropped the opening mark.
 */
function readsWhole(input: QuoteSentences, span: TextSpan): boolean {
  const { unclosed, unopened } = balanceQuoteMarks(input.text.slice(span.start, span.end));
  if (unclosed.length > 0) return false;
  if (unopened.length === 0) return true;
  const position = input.sentences.findIndex((sentence) => sentence.end > span.start);
  const before = input.text.slice(paragraphStart(input, Math.max(0, position)), span.start);
  return balanceQuoteMarks(before).unclosed.length === 0 && !/["“„«]/u.test(before);
}

/**
 * The window of sentences around `best` whose quotation marks pair up: the current one if they
 * do; else the smallest one that contains it (closing a quotation it opens, or taking in the
 * start of one it closes); else the largest part of it that still contains `best`.
 */
function balancedWindow(
  input: QuoteSentences,
  first: number,
  last: number,
  best: number,
  usable: (i: number) => boolean,
): { first: number; last: number } | null {
  const { sentences } = input;
  const balancedAt = (a: number, b: number) => readsWhole(input, { start: sentences[a]!.start, end: sentences[b]!.end });
  if (balancedAt(first, last)) return { first, last };
  const windows: { first: number; last: number; extra: number; dropped: number }[] = [];
  for (let a = best - MAX_QUOTE_SENTENCES + 1; a <= best; a++) {
    for (let b = best; b < a + MAX_QUOTE_SENTENCES; b++) {
      if (a < 0 || b >= sentences.length) continue;
      if (sentences[b]!.end - sentences[a]!.start > MAX_QUOTE_LENGTH) continue;
      let ok = true;
      for (let i = a; i <= b && ok; i++) ok = i === best || (i >= first && i <= last) || usable(i);
      if (!ok || !balancedAt(a, b)) continue;
      const extra = Math.max(0, first - a) + Math.max(0, b - last);
      const dropped = Math.max(0, a - first) + Math.max(0, last - b);
      windows.push({ first: a, last: b, extra, dropped });
    }
  }
  // Prefer keeping every sentence chosen (adding the fewest), then dropping the fewest.
  windows.sort((x, y) => x.dropped - y.dropped || x.extra - y.extra || x.first - y.first);
  return windows[0] ?? null;
}
