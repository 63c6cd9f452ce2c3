/**
 * Domain types shared by every pipeline stage:
 * corpus -> ingest (Article) -> index (Passage, SearchIndex) -> answer (Quote, Answer) -> discord | cli.
 */

/** ISO 639-1 code of the language an article is written in. */
export type Language = 'en' | 'nl' | (string & {});

/**
 * One article: a standalone file, one dated post of a blog page, or an article that a post
 * republishes (which keeps its own author, title and date).
 */
export interface Article {
  /** Stable id: `${source}#${n}`, n counting articles in file order from 0. */
  id: string;
  /** Corpus file name, relative to the corpus folder (e.g. `003_2538cf7511267a30.txt`). */
  source: string;
  title: string;
  /** Authors as written; empty when the text does not state one (shown as unknown, never guessed). */
  authors: string[];
  /** Publication date, ISO 8601 (`YYYY-MM-DD`), or null when not stated. */
  date: string | null;
  /** Publisher or site when the text states it (e.g. `WSWS`, `TRANSCEND Media Service`). */
  publisher: string | null;
  url: string | null;
  language: Language;
  /** The id of the blog post this article was republished in, when it was. */
  republishedIn: string | null;
  /**
   * The cleaned article text. Every offset in a Passage or Quote points into this string, so
   * `text.slice(start, end)` gives back the exact words.
   */
  text: string;
}

/** A corpus file that could not be read or parsed (skipped), or was read only in part (`indexed`). */
export interface IngestProblem {
  source: string;
  message: string;
  /** Set when the file's articles are indexed all the same; the message says what was left out. */
  indexed?: true;
}

export interface SourceFile {
  source: string;
  /** sha256 of the raw bytes and of any sidecar, so a reindex re-embeds only what changed. */
  hash: string;
}

export interface IngestResult {
  articles: Article[];
  files: SourceFile[];
  problems: IngestProblem[];
}

/** A chunk of an article that is embedded and searched: `article.text.slice(start, end)`. */
export interface Passage {
  /** `${articleId}:${n}`. */
  id: string;
  articleId: string;
  start: number;
  end: number;
  text: string;
}

/** Narrows a search to part of the corpus; applied inside the search, not after it. */
export interface SearchFilter {
  /** Case- and accent-insensitive match on any author name. */
  author?: string;
  /** An article id, a source file name, or a title (case-insensitive). */
  document?: string;
  /** Inclusive ISO dates. */
  dateFrom?: string;
  dateTo?: string;
  /** The article's language code (`en`, `nl`): "the Dutch blog" named in a question. */
  language?: string;
}

/** The verbatim span of an article that an answer shows. */
export interface Quote {
  text: string;
  articleId: string;
  source: string;
  title: string;
  authors: string[];
  date: string | null;
  /** Offsets into the article text; `article.text.slice(start, end) === text` is checked. */
  start: number;
  end: number;
  /** Relevance in [0, 1], higher is better. */
  score: number;
  /** The article's web address, when it states one: citations link to the quoted words there. */
  url?: string | null;
  /**
   * Whose words these are when the article quotes them from someone else (a block quotation, a
   * quoted statement), as the text names them; null when they are the article's own.
   */
  quotedFrom: string | null;
}

/**
 * A few sentences written by a language model over an answer's quotes (ANSWER_MODE=summary).
 * Every sentence cites quotes as `[n]` (n counts `quotes` from 1) and passed the checks of
 * `answer/summary-check.ts`; it is shown labelled as written by a model, before the quotes.
 */
export interface WrittenSummary {
  text: string;
  /** The quote numbers it cites, ascending. */
  citations: number[];
  /** The chat model that wrote it, as configured (`ollama:llama3.1`). */
  model: string;
}

/** What identifies a quote given earlier: where it was, what it said and whom it credited. */
export type QuotedSpan = Pick<Quote, 'articleId' | 'start' | 'end' | 'text' | 'title' | 'authors' | 'date'>;

export interface Answer {
  question: string;
  /**
   * False when nothing in the corpus is relevant enough: the quotes and articles are then empty
   * (the notes may say why, e.g. "No article by Noam Chomsky here").
   */
  answered: boolean;
  quotes: Quote[];
  /** Present only in summary mode, on a first page, when a written sentence survived the checks. */
  summary?: WrittenSummary;
  /**
   * What the engine says before any quote: what the question narrowed the search to ("Searched
   * Bill Van Auken's articles."), a catalogue answer ("“Title” is by Jane Roe (2020-03-05)."), or
   * that an author or title the question names is not in the corpus.
   */
  notes: string[];
  /** The articles a question about the corpus asked for (who wrote it, when, which articles). */
  articles: ArticleSummary[];
}

export interface AnswerOptions {
  /** How many quotes at most (default 3). */
  limit?: number;
  /** Skip this many of the best quotes: the "More quotes" page. */
  offset?: number;
  filter?: SearchFilter;
}

/** What the adapters (Discord, terminal) need to list the corpus. */
export interface ArticleSummary {
  id: string;
  source: string;
  title: string;
  authors: string[];
  date: string | null;
  language: Language;
  /** The article's web address, when it states one. */
  url?: string | null;
  /** How many passages of it the index holds. */
  passages?: number;
}

/** The answer engine as the adapters see it: they know nothing of how it searches. */
export interface QuoteEngine {
  answer(question: string, options?: AnswerOptions): Promise<Answer>;
  listArticles(): ArticleSummary[];
  /**
   * The paragraph around a quote, for the "Context" button. The index may have been rebuilt since
   * the quote was given: its words are looked for again in its article; null when the article is
   * gone, no longer holds them, or now names another title, author or date.
   */
  context(quote: QuotedSpan): string | null;
}

/** Who wrote it, as data: names joined, or null when unknown (the `--json` author). */
export function formatAuthors(authors: readonly string[]): string | null {
  if (authors.length === 0) return null;
  if (authors.length === 1) return authors[0] ?? null;
  return `${authors.slice(0, -1).join(', ')} and ${authors[authors.length - 1]}`;
}

/** Who wrote it, as a person reads it: names joined, or "Unknown author" (never a guess). */
export function describeAuthors(authors: readonly string[]): string {
  return formatAuthors(authors) ?? 'Unknown author';
}

/**
 * Whose words a quote is, as a person reads it: the author ("Vanessa Beeley"), or the source the
 * author quotes and the author ("Washington Post, quoted by Vanessa Beeley").
 */
export function describeSpeaker(quote: Pick<Quote, 'authors' | 'quotedFrom'>): string {
  if (!quote.quotedFrom) return describeAuthors(quote.authors);
  const author = formatAuthors(quote.authors);
  return author ? `${quote.quotedFrom}, quoted by ${author}` : `${quote.quotedFrom}, quoted by an unknown author`;
}

/**
 * The articles an answer lists for a person: none when its only article is already named in a
 * note ("“Title” is by Jane Roe."), so the title is not said twice.
 */
export function articlesToList(answer: Pick<Answer, 'notes' | 'articles'>): ArticleSummary[] {
  const [only] = answer.articles;
  if (answer.articles.length === 1 && only && answer.notes.some((note) => note.includes(only.title))) return [];
  return answer.articles;
}

/** A document as a person tells it apart from another of the same title: `Title — Author (date)`. */
export function describeDocument(article: Pick<ArticleSummary, 'title' | 'authors' | 'date'>): string {
  return `${article.title} — ${describeAuthors(article.authors)}${article.date ? ` (${article.date})` : ''}`;
}

/** The label every adapter puts above a written summary: who wrote it, and what to trust. */
export function formatSummaryLabel(summary: Pick<WrittenSummary, 'model'>): string {
  return `Written by a language model (${summary.model}) from the quotes below, which it cites as [n]; only the quotes are verbatim.`;
}

/** What a reindex reports to whoever asked for it (terminal or Discord). */
export interface ReindexSummary {
  files: number;
  articles: number;
  passages: number;
  /** Passages whose vectors were reused from the previous index (unchanged text). */
  reusedPassages: number;
  sentences: number;
  /** Sentences whose vectors were reused from the previous index (unchanged text). */
  reusedSentences: number;
  seconds: number;
  /** Corpus files that were skipped, and why. */
  problems: IngestProblem[];
  /**
   * The relevance threshold set for the new index against questions about nothing in
   * particular (absent when MIN_RELEVANCE fixes it): the threshold, how many were asked, and the
   * best score any of them got.
   */
  calibration?: { minRelevance: number; questions: number; highest: number };
  /** Corpus files added, removed and changed since the previous index (absent when unknown). */
  changes?: CorpusChanges;
}

export interface CorpusChanges {
  added: string[];
  removed: string[];
  changed: string[];
}
