import type { Article, Quote } from '../domain.js';
import type { TermLookup } from '../index/packed-terms.js';
import type { SearchIndex } from '../index/search-index.js';
import { foldText } from '../text/normalize.js';
import { tokenize } from '../text/tokenize.js';
import type { TextSpan } from '../text/sentences.js';
import type { ArticleLayout, ArticleLayoutCache } from './article-layout.js';
import { growQuote } from './grow-quote.js';
import { askedWords, holdsAnswer, type AnswerKind } from './question-kind.js';
import { quotedFrom } from './quoted-from.js';
import { lexicalCoverage, scoreRelevance, type Evidence, type SearchMode } from './relevance.js';
import type { RetrievedPassage } from './retrieve.js';
import { sentenceVector, similarityTo } from './sentence-vectors.js';

/**
 * Picks, within each retrieved passage, the sentence that best answers the question (its words,
 * its meaning, and whether it holds the kind of answer asked for), widens it into a quote that
 * reads on its own (see grow-quote), and ranks the quotes so that they come from different
 * passages and, when nearly as good, from different articles, never repeating the same words.
 */

export interface QuoteSelection {
  mode: SearchMode;
  /** Question vector; null in lexical mode. */
  vector: number[] | null;
  terms: readonly (readonly string[])[];
  /** Weight of each term (below 1 for translations into the other language). */
  weights?: ReadonlyMap<string, number>;
  /** Languages the question names ("the Dutch blog"): a passage in one of them counts its translated words in full. */
  namedLanguages?: readonly string[];
  /** The question's language, which decides how far dense similarity is trusted. */
  language: string;
  /** The question as asked, and the kind of answer it wants. */
  question: string;
  kind: AnswerKind;
  /** The question names its kind outright ("how many", "in what year"): a quote without it is dropped, not just scored lower. */
  kindRequired?: boolean;
  /** Authors the question names: what they "say" is their own words, not what they quote. */
  namedAuthors?: readonly string[];
  /** Articles the question or a filter named: their titles' words count as found in every sentence of them. */
  namedArticles?: ReadonlySet<string>;
  /** A question about articles themselves ("who wrote the paper on ..."): every title's words count as found in its article. */
  titlesCount?: boolean;
  /** Where the sentences, the stored sentence and passage vectors and the passages' terms come from. */
  index: Pick<SearchIndex, 'sentencesOf' | 'passageVector' | 'lexical'>;
  /** Per-index memory of sentence terms and article layouts (made afresh when absent). */
  sentenceTerms?: SentenceTermCache;
  layouts: ArticleLayoutCache;
  /** Relevance of a quote from its evidence (default `scoreRelevance` in `mode`); a seam for evaluating other weightings. */
  scorer?: (evidence: Evidence, language: string) => number;
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

/**
 * Passages (best first) whose sentences are scored on their own vectors; a sentence found only
 * further down takes its passage's similarity.
 */
const SENTENCE_SCORED_PASSAGES = 3;
/** Quotes one passage may give (distinct spans); a narrow filter then still fills an answer. */
const QUOTES_PER_PASSAGE = 2;
/** A quote from an article already quoted ranks as if its score were this much lower. */
const SAME_ARTICLE_PENALTY = 0.9;

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

/** The same words, whatever the spacing, case and punctuation: a caption or article printed twice. */
const wordsKey = (text: string): string => foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** A quote with the evidence its score was computed from. */
export interface QuoteCandidate {
  quote: Quote;
  evidence: Evidence;
}

/** Orders quotes best first, skipping overlapping spans and repeated words, favouring a second article. */
function diversify(candidates: readonly QuoteCandidate[]): QuoteCandidate[] {
  const remaining = [...candidates].sort((a, b) => b.quote.score - a.quote.score);
  const chosen: QuoteCandidate[] = [];
  const quotedArticles = new Set<string>();
  const quotedWords = new Set<string>();
  while (remaining.length > 0) {
    let bestIndex = -1;
    let bestRank = -Infinity;
    remaining.forEach((candidate, i) => {
      const rank = candidate.quote.score * (quotedArticles.has(candidate.quote.articleId) ? SAME_ARTICLE_PENALTY : 1);
      if (rank > bestRank) {
        bestRank = rank;
        bestIndex = i;
      }
    });
    const [candidate] = remaining.splice(bestIndex, 1);
    if (!candidate) continue;
    const next = candidate.quote;
    const key = wordsKey(next.text);
    const repeats = [...quotedWords].some((words) => words.includes(key) || key.includes(words));
    if (repeats || chosen.some(({ quote }) => quote.articleId === next.articleId && intersects(quote, next))) continue;
    chosen.push(candidate);
    quotedArticles.add(next.articleId);
    quotedWords.add(key);
  }
  return chosen;
}

/**
 * For "what did X say": whether a sentence is someone's words. When X wrote the article, its own
 * sentences are (and what it quotes from others is not); otherwise quoted material is, and so is
 * reported speech (undefined: judged by the sentence's wording).
 */
function speakerOf(
  article: Article,
  spans: readonly TextSpan[],
  layout: ArticleLayout,
  namedAuthors: readonly string[],
): (position: number) => boolean | undefined {
  const byAuthor = article.authors.some((author) => namedAuthors.includes(author));
  return (position) => {
    const span = spans[position];
    if (!span) return false;
    const quoted = quotedFrom(article.text, span, layout.quoted) !== null;
    if (byAuthor) return !quoted;
    return quoted ? true : undefined;
  };
}

/** The best-scoring quotable sentence not inside an already taken span; -1 when none is left. */
function bestFree(positions: readonly number[], scores: ReadonlyMap<number, number>, layout: ArticleLayout, spans: readonly TextSpan[], taken: readonly TextSpan[]): number {
  let best = -1;
  for (const position of positions) {
    if (layout.roles[position] !== 'text' || taken.some((span) => intersects(span, spans[position]!))) continue;
    if (best < 0 || scores.get(position)! > scores.get(best)!) best = position;
  }
  return best;
}

/** All quotes the passages offer, best first: at most two per passage, no two overlapping or repeating. */
export function selectQuotes(passages: readonly RetrievedPassage[], selection: QuoteSelection): Quote[] {
  return selectQuoteCandidates(passages, selection).map((candidate) => candidate.quote);
}

/** `selectQuotes`, each quote with the evidence behind its score. */
export function selectQuoteCandidates(passages: readonly RetrievedPassage[], selection: QuoteSelection): QuoteCandidate[] {
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
  const asked = askedWords(selection.question);
  const score = selection.scorer ?? ((evidence: Evidence, language: string) => scoreRelevance(mode, evidence, language));

  const candidates: QuoteCandidate[] = [];
  for (const candidate of passages) {
    const { article, passage } = candidate;
    const sentences = index.sentencesOf(article.id);
    if (!sentences) continue;
    const layout = selection.layouts.layoutOf(article, sentences.spans);
    const weights = selection.namedLanguages?.includes(article.language) ? undefined : selection.weights;
    // A named article's title is what the question is about; its words are not missing from the text.
    const titleTerms = selection.titlesCount || selection.namedArticles?.has(article.id) ? new Set(tokenize(article.title, article.language)) : null;
    const withTitle = (own: TermLookup): TermLookup => (titleTerms ? { has: (term) => titleTerms.has(term) || own.has(term) } : own);
    const passageCoverage = lexicalCoverage(terms, withTitle(lexical.termsOf(passage.id)), lexical.idf, weights);
    const authorTerms = lexical.authorTermsOf(article.id);
    // The dense search's similarity when it returned the passage, else the stored passage vector's.
    const ownSimilarity = similarity ? (candidate.similarity ?? similarity(index.passageVector(passage.id) ?? [])) : 0;
    const speaker = selection.kind === 'speech' ? speakerOf(article, sentences.spans, layout, selection.namedAuthors ?? []) : null;
    const holdsKind = (position: number) =>
      position >= 0 &&
      position < sentences.spans.length &&
      // An open question takes any sentence: its facts are not worth reading.
      (selection.kind === 'open' || (speaker?.(position) ?? holdsAnswer(selection.kind, layout.factsOf(position), asked)));
    const positions = sentencesInPassage(sentences.spans, passage.start, passage.end);
    const evidenceOf = new Map<number, Evidence>();
    for (const position of positions) {
      const span = sentences.spans[position]!;
      evidenceOf.set(position, {
        sentenceSimilarity:
          similarity && ownScored.has(`${article.id} ${position}`) ? similarity(sentenceVector(sentences, position)) : ownSimilarity,
        passageSimilarity: ownSimilarity,
        // The article's author names count as part of every sentence of it.
        quoteCoverage: lexicalCoverage(terms, withTitle(sentenceTerms.termsOf(article, position, span, authorTerms)), lexical.idf, weights),
        passageCoverage,
        // A sentence next to the kind of answer asked for may seed a quote that takes it in.
        holdsKind: [position - 1, position, position + 1].some(
          (i) => layout.paragraphs[i] === layout.paragraphs[position] && holdsKind(i),
        ),
      });
    }
    const scoreOf = (evidence: Evidence) => score(evidence, selection.language);
    const seedScores = new Map([...evidenceOf].map(([position, evidence]) => [position, scoreOf(evidence)]));
    const quoteSentences = {
      text: article.text,
      sentences: sentences.spans,
      layout,
      score: (position: number) => seedScores.get(position) ?? 0,
      holdsKind,
    };
    const taken: TextSpan[] = [];
    for (let n = 0; n < QUOTES_PER_PASSAGE; n++) {
      const best = bestFree(positions, seedScores, layout, sentences.spans, taken);
      if (best < 0) break;
      const span = growQuote(quoteSentences, best, taken);
      taken.push(span ?? sentences.spans[best]!);
      if (!span) continue;
      const inQuote = sentences.spans.flatMap((s, i) => (intersects(s, span) ? [i] : []));
      const evidence = { ...evidenceOf.get(best)!, holdsKind: inQuote.some(holdsKind) };
      if (selection.kindRequired && !evidence.holdsKind) continue;
      const quote: Quote = {
        text: article.text.slice(span.start, span.end),
        articleId: article.id,
        source: article.source,
        title: article.title,
        authors: [...article.authors],
        date: article.date,
        start: span.start,
        end: span.end,
        score: scoreOf(evidence),
        url: article.url,
        quotedFrom: quotedFrom(article.text, span, layout.quoted),
      };
      candidates.push({ quote, evidence });
    }
  }
  return diversify(candidates);
}
