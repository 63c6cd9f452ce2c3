import type { Article, Quote } from '../domain.js';
import type { SearchIndex } from '../index/search-index.js';
import type { TextSpan } from '../text/sentences.js';
import { tokenize } from '../text/tokenize.js';
import { lexicalCoverage, scoreRelevance, type SearchMode } from './relevance.js';
import type { RetrievedPassage } from './retrieve.js';
import { sentenceVector, similarityTo } from './sentence-vectors.js';

/**
 * Picks, within each retrieved passage, the sentence that best answers the question, widens it
 * to what a reader needs (a sentence starting "He said" needs the one before), and ranks the
 * resulting quotes so that they come from different passages and, when nearly as good, from
 * different articles.
 */

export interface QuoteSelection {
  mode: SearchMode;
  /** Question vector; null in lexical mode. */
  vector: number[] | null;
  terms: readonly (readonly string[])[];
  /** The question's language, which decides how far dense similarity is trusted. */
  language: string;
  /** Where the sentences, the stored sentence and passage vectors and the passages' terms come from. */
  index: Pick<SearchIndex, 'sentencesOf' | 'passageVector' | 'lexical'>;
  /** Sentence terms remembered across questions; give one per index (without it, terms are made afresh). */
  sentenceTerms?: SentenceTermCache;
}

/**
 * The terms each sentence offers a question (its own stemmed words and its article's author
 * names), made once per sentence: stemming every candidate sentence on every question is most of
 * quote selection's time. Sentences are known by article id and position, so a cache belongs to one index.
 */
export class SentenceTermCache {
  private readonly byArticle = new Map<string, (ReadonlySet<string> | undefined)[]>();

  termsOf(article: Article, position: number, span: TextSpan, authorTerms: ReadonlySet<string>): ReadonlySet<string> {
    let sentences = this.byArticle.get(article.id);
    if (!sentences) this.byArticle.set(article.id, (sentences = []));
    let terms = sentences[position];
    if (!terms) {
      terms = new Set([...tokenize(article.text.slice(span.start, span.end), article.language), ...authorTerms]);
      sentences[position] = terms;
    }
    return terms;
  }
}

/** A quote shorter than this (characters) rarely stands alone; it takes a neighbouring sentence. */
const MIN_QUOTE_LENGTH = 80;
/** Longest quote, in characters; a longer single sentence is cut at a word boundary. */
export const MAX_QUOTE_LENGTH = 600;
/** At most this many sentences in one quote. */
const MAX_QUOTE_SENTENCES = 3;
/** A neighbour at least this close to the best sentence's score joins the quote. */
const NEIGHBOUR_SCORE_RATIO = 0.8;
/** A neighbour joins on its score only while the quote stays this short (characters). */
const NEIGHBOUR_MAX_LENGTH = 400;
/**
 * Passages (best first) whose sentences are scored on their own vectors; a sentence found only
 * further down takes its passage's similarity. With stored vectors scoring them all would cost no
 * more, but it changes rankings (`npm run eval`: hybrid evidence +1, dense evidence -1), so that
 * is left to a relevance change of its own.
 */
const SENTENCE_SCORED_PASSAGES = 3;
/** Quotes one passage may give (distinct spans); a narrow filter then still fills an answer. */
const QUOTES_PER_PASSAGE = 2;
/** A quote from an article already quoted ranks as if its score were this much lower. */
const SAME_ARTICLE_PENALTY = 0.9;

/** First words that point back to an earlier sentence (English and Dutch). */
const DEPENDENT_OPENERS = new Set([
  'this', 'that', 'these', 'those', 'he', 'she', 'it', 'its', 'they', 'them', 'their', 'his', 'her',
  'but', 'however', 'and', 'so', 'also', 'such', 'then', 'thus', 'yet', 'moreover', 'meanwhile',
  'instead', 'nevertheless', 'still', 'there',
  'dit', 'dat', 'deze', 'die', 'hij', 'zij', 'ze', 'het', 'hun', 'haar', 'maar', 'echter', 'ook',
  'daarom', 'dus', 'toen', 'daar', 'en', 'bovendien', 'daarnaast',
]);

interface ScoredSentence extends TextSpan {
  score: number;
}

function startsDependent(text: string): boolean {
  const first = /^[\s"“‘'(\[]*([\p{L}]+)/u.exec(text)?.[1];
  if (!first) return false;
  return DEPENDENT_OPENERS.has(first.toLowerCase()) || /^\p{Ll}/u.test(first);
}

/** True when no blank line separates the two spans: a quote does not run across paragraphs. */
function sameParagraph(text: string, left: TextSpan, right: TextSpan): boolean {
  return !/\n\s*\n/.test(text.slice(left.end, right.start));
}

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
 * A quote that still ends with a colon introduces words it does not contain (a caption over a
 * removed picture, a lead-in to the next paragraph): it cannot stand alone, so it is not offered.
 */
function announcesMissingText(text: string, span: TextSpan): boolean {
  return /:\s*$/.test(text.slice(span.start, span.end));
}

/** Positions, in the article's sentence list, of the sentences inside a passage: those whose middle lies in it. */
function sentencesInPassage(sentences: readonly TextSpan[], start: number, end: number): number[] {
  const positions = (keep: (s: TextSpan) => boolean) => sentences.flatMap((s, i) => (keep(s) ? [i] : []));
  const inside = positions((s) => {
    const middle = (s.start + s.end) / 2;
    return middle >= start && middle < end;
  });
  if (inside.length > 0) return inside;
  // A passage cut from inside one long sentence: quote from that sentence.
  return positions((s) => s.start < end && s.end > start);
}

const intersects = (a: TextSpan, b: TextSpan): boolean => a.start < b.end && b.start < a.end;

/** The best-scoring sentence not inside an already taken span; -1 when none is left. */
function bestFree(sentences: readonly ScoredSentence[], taken: readonly TextSpan[]): number {
  let best = -1;
  sentences.forEach((sentence, i) => {
    if (taken.some((span) => intersects(span, sentence))) return;
    if (best < 0 || sentence.score > sentences[best]!.score) best = i;
  });
  return best;
}

/** Widens the best sentence of a passage into a quote that reads on its own, around spans already taken. */
function growQuote(text: string, sentences: readonly ScoredSentence[], best: number, taken: readonly TextSpan[]): TextSpan {
  let first = best;
  let last = best;
  const length = () => sentences[last]!.end - sentences[first]!.start;
  const canTake = (index: number) =>
    index >= 0 &&
    index < sentences.length &&
    !taken.some((span) => intersects(span, sentences[index]!)) &&
    last - first + 1 < MAX_QUOTE_SENTENCES &&
    Math.max(sentences[last]!.end, sentences[index]!.end) - Math.min(sentences[first]!.start, sentences[index]!.start) <=
      MAX_QUOTE_LENGTH &&
    sameParagraph(text, sentences[Math.min(index, first)]!, sentences[Math.max(index, last)]!);

  if (startsDependent(text.slice(sentences[first]!.start, sentences[first]!.end)) && canTake(first - 1)) first--;
  if (length() < MIN_QUOTE_LENGTH) {
    if (canTake(last + 1)) last++;
    else if (canTake(first - 1)) first--;
  }
  const threshold = sentences[best]!.score * NEIGHBOUR_SCORE_RATIO;
  const joins = (index: number) =>
    canTake(index) &&
    sentences[index]!.score >= threshold &&
    Math.max(sentences[last]!.end, sentences[index]!.end) - Math.min(sentences[first]!.start, sentences[index]!.start) <=
      NEIGHBOUR_MAX_LENGTH;
  if (joins(last + 1)) last++;
  else if (joins(first - 1)) first--;
  return fitLength(text, { start: sentences[first]!.start, end: sentences[last]!.end });
}

function overlaps(a: Pick<Quote, 'articleId' | 'start' | 'end'>, b: Pick<Quote, 'articleId' | 'start' | 'end'>): boolean {
  return a.articleId === b.articleId && intersects(a, b);
}

/** Orders quotes best first, skipping overlapping spans and favouring a second article. */
function diversify(candidates: readonly Quote[]): Quote[] {
  const remaining = [...candidates].sort((a, b) => b.score - a.score);
  const chosen: Quote[] = [];
  const quotedArticles = new Set<string>();
  while (remaining.length > 0) {
    let bestIndex = -1;
    let bestRank = -Infinity;
    remaining.forEach((candidate, i) => {
      const rank = candidate.score * (quotedArticles.has(candidate.articleId) ? SAME_ARTICLE_PENALTY : 1);
      if (rank > bestRank) {
        bestRank = rank;
        bestIndex = i;
      }
    });
    const [next] = remaining.splice(bestIndex, 1);
    if (!next || chosen.some((quote) => overlaps(quote, next))) continue;
    chosen.push(next);
    quotedArticles.add(next.articleId);
  }
  return chosen;
}

/** All quotes the passages offer, best first: at most two per passage, no two overlapping. */
export function selectQuotes(passages: readonly RetrievedPassage[], selection: QuoteSelection): Quote[] {
  const { mode, vector, terms, index } = selection;
  const { lexical } = index;
  const sentenceTerms = selection.sentenceTerms ?? new SentenceTermCache();
  // Dense evidence compares the question with vectors embedded at index time: no model call here.
  const similarity = mode !== 'lexical' && vector ? similarityTo(vector) : null;
  // Sentences of the best passages, by article and position (overlapping passages share some).
  const ownScored = new Set(
    passages.slice(0, SENTENCE_SCORED_PASSAGES).flatMap(({ article, passage }) =>
      sentencesInPassage(index.sentencesOf(article.id)?.spans ?? [], passage.start, passage.end).map((i) => `${article.id} ${i}`),
    ),
  );

  const candidates: Quote[] = [];
  for (const candidate of passages) {
    const { article, passage } = candidate;
    const sentences = index.sentencesOf(article.id);
    if (!sentences) continue;
    const passageCoverage = lexicalCoverage(terms, lexical.termsOf(passage.id), lexical.idf);
    const authorTerms = lexical.authorTermsOf(article.id);
    // The dense search's similarity when it returned the passage, else the stored passage vector's.
    const ownSimilarity = similarity ? (candidate.similarity ?? similarity(index.passageVector(passage.id) ?? [])) : 0;
    const scored: ScoredSentence[] = sentencesInPassage(sentences.spans, passage.start, passage.end).map((position) => {
      const span = sentences.spans[position]!;
      const evidence = {
        sentenceSimilarity:
          similarity && ownScored.has(`${article.id} ${position}`) ? similarity(sentenceVector(sentences, position)) : ownSimilarity,
        passageSimilarity: ownSimilarity,
        // The article's author names count as part of every sentence of it.
        quoteCoverage: lexicalCoverage(terms, sentenceTerms.termsOf(article, position, span, authorTerms), lexical.idf),
        passageCoverage,
      };
      return { start: span.start, end: span.end, score: scoreRelevance(mode, evidence, selection.language, article.language) };
    });
    const taken: TextSpan[] = [];
    for (let n = 0; n < QUOTES_PER_PASSAGE; n++) {
      const best = bestFree(scored, taken);
      if (best < 0) break;
      const span = growQuote(article.text, scored, best, taken);
      taken.push(span);
      if (announcesMissingText(article.text, span)) continue;
      candidates.push({
        text: article.text.slice(span.start, span.end),
        articleId: article.id,
        source: article.source,
        title: article.title,
        authors: [...article.authors],
        date: article.date,
        start: span.start,
        end: span.end,
        score: scored[best]!.score,
        url: article.url,
      });
    }
  }
  return diversify(candidates);
}
