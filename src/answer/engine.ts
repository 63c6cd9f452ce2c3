import type { Answer, AnswerOptions, Article, ArticleSummary, Quote, QuotedSpan, QuoteEngine } from '../domain.js';
import type { QueryEmbedder, SearchIndex } from '../index/search-index.js';
import { splitParagraphs } from '../text/sentences.js';
import { compileFilter } from '../index/filter.js';
import { analyzeQuery, cleanQuestion, embeddingInput, hasSearchableText } from './question.js';
import { DEFAULT_MIN_RELEVANCE, type SearchMode } from './relevance.js';
import { retrievePassages } from './retrieve.js';
import { selectQuotes, SentenceTermCache } from './select-quotes.js';
import { verifyQuote } from './verify-quote.js';

export interface EngineSettings {
  /** Quotes per answer when the caller does not say (default 3). */
  quotes: number;
  /** Retrieval: dense and BM25 fused (default), or one of them alone for evaluation. */
  mode: SearchMode;
  /** Relevance in [0, 1] a quote needs to be shown; below it for every quote, the answer is "nothing relevant". */
  minRelevance: number;
}

/** A QuoteEngine whose index can be replaced while it serves (after a reindex). */
export interface SwappableEngine extends QuoteEngine {
  /** Replaces the index: questions in flight finish on the old one, the next uses the new one. */
  swapIndex(index: SearchIndex): void;
  readonly index: SearchIndex;
}

/** Passages handed to quote selection, plus passages from other articles. */
const POOL_SIZE = 8;
const EXTRA_ARTICLES = 2;
/** Most quotes one answer may ask for. */
export const MAX_QUOTES_PER_ANSWER = 25;
/** Rankings remembered per index, so "More quotes" pages through the same list cheaply. */
const RANKING_CACHE_SIZE = 100;

/** Everything remembered about one index; replaced as a whole on swap. */
interface IndexState {
  index: SearchIndex;
  /** The articles in listing order, made on first use: /sources and autocomplete never sort the corpus again. */
  listing: ArticleSummary[] | null;
  rankings: Map<string, Quote[]>;
  sentenceTerms: SentenceTermCache;
  passageCounts: Map<string, number>;
}

function newState(index: SearchIndex): IndexState {
  const passageCounts = new Map<string, number>();
  for (const passage of index.passages) passageCounts.set(passage.articleId, (passageCounts.get(passage.articleId) ?? 0) + 1);
  return { index, listing: null, rankings: new Map(), sentenceTerms: new SentenceTermCache(), passageCounts };
}

/**
 * Where a quote given earlier is in the article now: at its old offsets, else the occurrence of
 * its words nearest to them; null when the words are gone or the article credits someone else.
 */
function findQuotedSpan(article: Article, quote: QuotedSpan): { start: number; end: number } | null {
  const sameCredit = article.title === quote.title && article.date === quote.date && article.authors.join('\n') === quote.authors.join('\n');
  if (!sameCredit || quote.text === '') return null;
  if (article.text.slice(quote.start, quote.end) === quote.text) return { start: quote.start, end: quote.end };
  let best: number | null = null;
  for (let at = article.text.indexOf(quote.text); at !== -1; at = article.text.indexOf(quote.text, at + 1)) {
    if (best === null || Math.abs(at - quote.start) < Math.abs(best - quote.start)) best = at;
  }
  return best === null ? null : { start: best, end: best + quote.text.length };
}

function wholeNumber(value: number | undefined, fallback: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(0, Math.floor(value)));
}

function summarize(article: Article, passages: number): ArticleSummary {
  const { id, source, title, authors, date, language, url } = article;
  return { id, source, title, authors: [...authors], date, language, url, passages };
}

/** The one order in which articles are listed (terminal and /sources): newest first, undated last, then by title. */
function byDateThenTitle(a: ArticleSummary, b: ArticleSummary): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? 1 : -1;
  }
  return a.title.localeCompare(b.title);
}

/** Builds the answer engine over an index. The engine does no I/O besides calling the embedder. */
export function createEngine(deps: {
  index: SearchIndex;
  embedder: QueryEmbedder;
  settings?: Partial<EngineSettings>;
}): SwappableEngine {
  const mode = deps.settings?.mode ?? 'hybrid';
  const settings: EngineSettings = {
    quotes: deps.settings?.quotes ?? 3,
    mode,
    minRelevance: deps.settings?.minRelevance ?? DEFAULT_MIN_RELEVANCE[mode],
  };
  const { embedder } = deps;
  let state = newState(deps.index);

  /** Every verified quote for the question, best first (cached per index). */
  async function rankQuotes(current: IndexState, question: string, options: AnswerOptions): Promise<Quote[]> {
    const key = JSON.stringify([question, options.filter ?? null]);
    const cached = current.rankings.get(key);
    if (cached) return cached;

    const { index } = current;
    const query = analyzeQuery(question);
    const terms = query.groups;
    const predicate = compileFilter(options.filter, index.articles.values());
    const matchesSome = !predicate || [...index.articles.values()].some(predicate);

    let ranking: Quote[] = [];
    if (terms.length > 0 && matchesSome) {
      const embedded = embeddingInput(question, query.language);
      const vector = settings.mode === 'lexical' ? null : await embedder.embedQuery(embedded.text);
      const passages = await retrievePassages(index, {
        mode: settings.mode,
        vector,
        terms,
        weights: query.weights,
        language: embedded.language,
        filter: options.filter,
        poolSize: POOL_SIZE,
        extraArticles: EXTRA_ARTICLES,
      });
      const quotes = selectQuotes(passages, {
        mode: settings.mode,
        vector,
        terms,
        language: embedded.language,
        index,
        sentenceTerms: current.sentenceTerms,
      });
      ranking = quotes.filter((quote) => verifyQuote(quote, index.articles.get(quote.articleId)));
    }
    current.rankings.set(key, ranking);
    if (current.rankings.size > RANKING_CACHE_SIZE) {
      const oldest = current.rankings.keys().next();
      if (!oldest.done) current.rankings.delete(oldest.value);
    }
    return ranking;
  }

  return {
    get index() {
      return state.index;
    },

    swapIndex(index) {
      state = newState(index);
    },

    /**
     * Quotes answering the question, best first. `answered` says whether anything in the corpus
     * is relevant; with an `offset` past the last quote it stays true and `quotes` is empty.
     * Never throws for any question; throws only when the embedder fails.
     */
    async answer(question, options = {}) {
      const current = state;
      const cleaned = cleanQuestion(typeof question === 'string' ? question : '');
      const limit = wholeNumber(options.limit, settings.quotes, MAX_QUOTES_PER_ANSWER);
      const offset = wholeNumber(options.offset, 0, Number.MAX_SAFE_INTEGER);
      if (!hasSearchableText(cleaned)) return { question: cleaned, answered: false, quotes: [] } satisfies Answer;

      const relevant = (await rankQuotes(current, cleaned, options)).filter(
        (quote) => quote.score >= settings.minRelevance,
      );
      return {
        question: cleaned,
        answered: relevant.length > 0,
        quotes: relevant.slice(offset, offset + limit).map((quote) => ({ ...quote, authors: [...quote.authors] })),
      };
    },

    listArticles() {
      const { index, passageCounts } = state;
      state.listing ??= [...index.articles.values()].map((article) => summarize(article, passageCounts.get(article.id) ?? 0)).sort(byDateThenTitle);
      return state.listing;
    },

    context(quote) {
      const article = state.index.articles.get(quote.articleId);
      const span = article ? findQuotedSpan(article, quote) : null;
      if (!article || !span) return null;
      const around = splitParagraphs(article.text).filter((p) => p.start < span.end && span.start < p.end);
      const first = around[0];
      const last = around[around.length - 1];
      return first && last ? article.text.slice(first.start, last.end) : null;
    },
  };
}
