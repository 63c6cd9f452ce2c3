import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Answer, AnswerOptions, Article, ArticleSummary, Quote, QuotedSpan, QuoteEngine, SearchFilter } from '../domain.js';
import type { QueryEmbedder, SearchIndex } from '../index/search-index.js';
import { splitParagraphs } from '../text/sentences.js';
import { articlesMatching } from '../index/filter.js';
import { ArticleLayoutCache } from './article-layout.js';
import { answerFromCatalogue, describeEmptyNarrowing, describeMissing, describeNarrowing, missingAuthor, narrowFilter } from './catalogue.js';
import { analyzeQuery, cleanQuestion, hasSearchableText } from './question.js';
import { embeddingInput } from '../text/gloss.js';
import { answerKindOf, requiresAnswerKind } from './question-kind.js';
import { readQuestionScope } from './question-scope.js';
import { ABSENT_NAME_FACTOR, ABSENT_YEAR_FACTOR, DEFAULT_MIN_RELEVANCE, UNKNOWN_NAME_FACTOR, type SearchMode } from './relevance.js';
import { retrievePassages } from './retrieve.js';
import { selectQuotes, SentenceTermCache } from './select-quotes.js';
import { catalogueTerms, countNamesAbsentFrom, countUnknownNames, languagesNamed } from './unknown-names.js';
import { verifyQuote } from './verify-quote.js';

export interface EngineSettings {
  /** Quotes per answer when the caller does not say (default 3). */
  quotes: number;
  /** Retrieval: dense and BM25 fused (default), or one of them alone for evaluation. */
  mode: SearchMode;
  /**
   * Relevance in [0, 1] a quote needs to be shown; below it for every quote, the answer is
   * "nothing relevant". Set, it holds for every index; unset, each index's calibrated threshold
   * applies (see calibration), or the mode's default for an index not calibrated.
   */
  minRelevance?: number;
}

/** A QuoteEngine whose index can be replaced while it serves (after a reindex). */
export interface SwappableEngine extends QuoteEngine {
  /**
   * Replaces the index, with its calibrated threshold when there is one: questions in flight
   * finish on the old one, the next uses the new one.
   */
  swapIndex(index: SearchIndex, calibratedRelevance?: number): void;
  readonly index: SearchIndex;
  /** The relevance a quote needs on the current index. */
  readonly minRelevance: number;
}

/** Passages handed to quote selection, plus passages from other articles. */
const POOL_SIZE = 8;
const EXTRA_ARTICLES = 2;
/** Most quotes one answer may ask for. */
export const MAX_QUOTES_PER_ANSWER = 25;
/** Rankings remembered per index, so "More quotes" pages through the same list cheaply. */
const RANKING_CACHE_SIZE = 100;
/** How much better than the best quote of the author a question names an answer from anyone must be to win. */
const WIDER_ANSWER_MARGIN = 1.2;

/** Everything remembered about one index; replaced as a whole on swap. */
interface IndexState {
  /** The threshold calibrated for this index, when it was. */
  calibratedRelevance: number | undefined;
  /** The stems of the catalogue's titles, authors, dates and language names (made on first use). */
  catalogueTerms: Set<string> | null;
  index: SearchIndex;
  /** The articles in listing order, made on first use: /sources and autocomplete never sort the corpus again. */
  listing: ArticleSummary[] | null;
  /** Each article's position in the listing (made with it): the articles a filter matches are put in listing order without reading the listing. */
  listingPositions: Map<string, number> | null;
  rankings: Map<string, Quote[]>;
  sentenceTerms: SentenceTermCache;
  passageCounts: Map<string, number>;
  layouts: ArticleLayoutCache;
}

function newState(index: SearchIndex, calibratedRelevance?: number): IndexState {
  const passageCounts = new Map<string, number>();
  for (const passage of index.passages) passageCounts.set(passage.articleId, (passageCounts.get(passage.articleId) ?? 0) + 1);
  return {
    calibratedRelevance,
    catalogueTerms: null,
    index,
    listing: null,
    listingPositions: null,
    rankings: new Map(),
    sentenceTerms: new SentenceTermCache(),
    passageCounts,
    layouts: new ArticleLayoutCache(),
  };
}

/** The articles in listing order (the catalogue a question about the corpus is answered from). */
function listingOf(state: IndexState): ArticleSummary[] {
  const { index, passageCounts } = state;
  state.listing ??= [...index.articles.values()].map((article) => summarize(article, passageCounts.get(article.id) ?? 0)).sort(byDateThenTitle);
  return state.listing;
}

/** The listed articles with the given ids, in listing order. */
function listedArticles(state: IndexState, ids: ReadonlySet<string>): ArticleSummary[] {
  const listing = listingOf(state);
  state.listingPositions ??= new Map(listing.map((article, position) => [article.id, position]));
  const positions: number[] = [];
  for (const id of ids) {
    const position = state.listingPositions.get(id);
    if (position !== undefined) positions.push(position);
  }
  return positions.sort((a, b) => a - b).map((position) => listing[position]!);
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
  /** The index's calibrated threshold (used when the settings fix none). */
  calibratedRelevance?: number;
}): SwappableEngine {
  const mode = deps.settings?.mode ?? 'hybrid';
  const settings: EngineSettings = { quotes: deps.settings?.quotes ?? 3, mode, minRelevance: deps.settings?.minRelevance };
  const { embedder } = deps;
  let state = newState(deps.index, deps.calibratedRelevance);
  const thresholdOf = (current: IndexState) => settings.minRelevance ?? current.calibratedRelevance ?? DEFAULT_MIN_RELEVANCE[mode];

  /**
   * Every verified quote for the question, best first (cached per index). `aboutArticles` (a question
   * asking who wrote an article) counts each title's words as found in its article.
   */
  async function rankQuotes(current: IndexState, question: string, options: AnswerOptions, aboutArticles = false): Promise<Quote[]> {
    const key = JSON.stringify([question, options.filter ?? null, aboutArticles]);
    const cached = current.rankings.get(key);
    if (cached) return cached;

    const { index } = current;
    const query = analyzeQuery(question);
    const terms = query.groups;
    const matching = articlesMatching(options.filter, index.articles);
    const matchesSome = !matching || matching.size > 0;

    let ranking: Quote[] = [];
    if (terms.length > 0 && matchesSome) {
      const embedded = embeddingInput(question, query.language);
      const vector = settings.mode === 'lexical' ? null : await embedder.embedQuery(embedded.text);
      // Each CPU-heavy step starts on a turn of its own, after the I/O waiting meanwhile (a chat
      // bot's acknowledgements have seconds to go out), not straight after the embedding returns.
      await nextTurn();
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
      await nextTurn();
      const quotes = selectQuotes(passages, {
        mode: settings.mode,
        vector,
        terms,
        weights: query.weights,
        language: embedded.language,
        question,
        kind: answerKindOf(question),
        kindRequired: requiresAnswerKind(question),
        // A language the question named for its source ("the Dutch blog") and searched alone counts as named.
        namedLanguages: [...languagesNamed(question), ...(options.filter?.language ? [options.filter.language] : [])],
        namedAuthors: options.filter?.author ? [options.filter.author] : [],
        namedArticles: options.filter?.document && matching ? matching : undefined,
        titlesCount: aboutArticles,
        index,
        sentenceTerms: current.sentenceTerms,
        layouts: current.layouts,
      });
      current.catalogueTerms ??= catalogueTerms(index.articles.values());
      const unknownNames = countUnknownNames(query, index.lexical, current.catalogueTerms);
      const catalogue = current.catalogueTerms;
      // Quotes of one article share its factor: its passages are read once per question.
      const absentByArticle = new Map<string, number>();
      const absentFrom = (article: Article) => {
        let factor = absentByArticle.get(article.id);
        if (factor === undefined) {
          const absent = query.names.length === 0 ? { names: 0, years: 0 } : countNamesAbsentFrom(query, article, current.passageCounts.get(article.id) ?? 0, index.lexical, catalogue);
          factor = ABSENT_NAME_FACTOR ** absent.names * ABSENT_YEAR_FACTOR ** absent.years;
          absentByArticle.set(article.id, factor);
        }
        return factor;
      };
      ranking = quotes
        .filter((quote) => verifyQuote(quote, index.articles.get(quote.articleId)))
        .map((quote) => {
          const factor = UNKNOWN_NAME_FACTOR ** unknownNames * absentFrom(index.articles.get(quote.articleId)!);
          return factor === 1 ? quote : { ...quote, score: quote.score * factor };
        });
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

    get minRelevance() {
      return thresholdOf(state);
    },

    swapIndex(index, calibratedRelevance) {
      state = newState(index, calibratedRelevance);
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
      const refuse = (notes: string[] = []): Answer => ({ question: cleaned, answered: false, quotes: [], notes, articles: [] });
      if (!hasSearchableText(cleaned)) return refuse();

      const catalogue = listingOf(current);
      const articlesOf = (wanted: SearchFilter | undefined) => {
        const ids = articlesMatching(wanted, current.index.articles);
        return ids ? listedArticles(current, ids) : catalogue;
      };
      const asked = readQuestionScope(cleaned, catalogue);
      // The year in "who wrote the February 2016 survey post?" may date its subject, not the article:
      // when no article is from then, only a question listing articles keeps it.
      const askedFilter = narrowFilter(asked, options.filter);
      const askedMatching = articlesOf(askedFilter);
      const undated = asked.ask !== 'list' && (asked.dateFrom || asked.dateTo) && askedMatching.length === 0;
      const scope = undated ? { ...asked, dateFrom: null, dateTo: null } : asked;
      const missing = describeMissing(scope, catalogue);
      if (missing) return refuse([missing]);
      const filter = undated ? narrowFilter(scope, options.filter) : askedFilter;
      const matching = undated ? articlesOf(filter) : askedMatching;
      if (matching.length === 0) {
        const author = options.filter?.author?.trim();
        if (author && articlesOf({ author }).length === 0) return refuse([missingAuthor(author, catalogue)]);
        return refuse(filter !== options.filter ? [describeEmptyNarrowing(scope, catalogue)] : []);
      }

      // "Which articles were published in 2018?" is answered by the catalogue alone.
      const listing = scope.ask === 'list' && !scope.hasTopic;
      // An author named in a question about the text, not as the source of the words asked for,
      // is searched first but may be its topic ("Why does 18F use HTTPS?" when another writer's
      // post explains it): a clearly better answer from anyone wins. Both searches run at once.
      const anyone = !scope.ask && scope.authors.length > 0 && !scope.authorIsSource && !options.filter?.author ? { ...scope, authors: [] } : null;
      const [narrow, wider] = await Promise.all([
        // "Who wrote the Federalist paper concerning dangers from foreign force?": the title is what it is about.
        listing ? [] : rankQuotes(current, scope.searchText, { ...options, filter }, scope.ask === 'author'),
        anyone ? rankQuotes(current, scope.searchText, { ...options, filter: narrowFilter(anyone, options.filter) }) : [],
      ]);
      const widened = anyone !== null && (wider[0]?.score ?? 0) > (narrow[0]?.score ?? 0) * WIDER_ANSWER_MARGIN;
      const ranking = widened ? wider : narrow;
      const searched = widened ? anyone : scope;
      let relevant = ranking.filter((quote) => quote.score >= thresholdOf(current));
      let articles: ArticleSummary[] = [];
      const notes: string[] = [];
      const narrowing = describeNarrowing(searched, catalogue);
      if (narrowing) notes.push(narrowing);
      if (scope.ask) {
        // Looked up, not searched for, when nothing narrowed the catalogue.
        const matched = (id: string | undefined): ArticleSummary[] =>
          id === undefined ? [] : matching === catalogue ? listedArticles(current, new Set([id])) : matching.filter((article) => article.id === id);
        const named = scope.articleIds.length === 1 ? matched(scope.articleIds[0])[0] : undefined;
        const found = named ?? matched(relevant[0]?.articleId)[0];
        const quoted = [...new Set(relevant.map((quote) => quote.articleId))].flatMap(matched);
        const fromCatalogue = answerFromCatalogue(scope, found, listing ? matching : quoted);
        if (fromCatalogue) {
          notes.push(...fromCatalogue.notes);
          articles = fromCatalogue.articles;
          if (found && scope.ask !== 'list') relevant = relevant.filter((quote) => quote.articleId === found.id);
        }
      }
      return {
        question: cleaned,
        answered: relevant.length > 0 || articles.length > 0,
        quotes: relevant.slice(offset, offset + limit).map((quote) => ({ ...quote, authors: [...quote.authors] })),
        notes: relevant.length > 0 || articles.length > 0 ? notes : [],
        articles,
      };
    },

    listArticles() {
      return listingOf(state);
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
