import { z } from 'zod';
import { normalizeForComparison, type Answer, type Article, type Quote } from '../src/index.js';

/**
 * Scoring of answers against the labelled question set (`eval/questions.json`). Pure
 * functions only: `eval/run.ts` runs the engine and does the I/O.
 */

const ArticleLabelSchema = z.object({
  source: z.string().min(1),
  title: z.string().min(1),
  /** Other titles a careful reader would accept for the same article. */
  otherTitles: z.array(z.string().min(1)).optional(),
});

const ExpectedQuoteSchema = ArticleLabelSchema.extend({
  author: z.string().min(1).nullable(),
  /** Every author list accepted, when the article has several authors or readings (overrides `author`). */
  authors: z.array(z.array(z.string().min(1))).optional(),
  phrase: z.string().min(1),
  /** Other phrases that show the answer as well as `phrase`. */
  otherPhrases: z.array(z.string().min(1)).optional(),
  /** A question about the catalogue: the articles the answer must list (all of them). */
  listed: z.array(ArticleLabelSchema).optional(),
});

const EvalQuestionSchema = z.object({
  id: z.string().min(1),
  question: z.string().min(1),
  language: z.string().min(2).optional(),
  kinds: z.array(z.string().min(1)).min(1),
  expect: ExpectedQuoteSchema.nullable(),
});

export const EvalQuestionsSchema = z.array(EvalQuestionSchema).min(1);

/** What a good answer must show: a quote from this article, by this author, containing the phrase. */
export type ExpectedQuote = z.infer<typeof ExpectedQuoteSchema>;
/** One labelled question; `expect` is null when the corpus does not answer it (off-topic). */
export type EvalQuestion = z.infer<typeof EvalQuestionSchema>;

/** How many quotes of an answer count as "the top": the bot shows three at a time. */
export const TOP_QUOTES = 3;

/**
 * Folds the differences that cleaning may legitimately introduce (whitespace, typographic
 * quotes and dashes, markdown emphasis, case, accents), so that two spellings of the same words compare equal.
 */
export function normalizeForMatch(text: string): string {
  return normalizeForComparison(text, { fold: true, dropMarkup: true });
}

/** A title without the runs of dots and trailing punctuation that blog headings carry. */
function normalizeTitle(title: string): string {
  return normalizeForMatch(title)
    .replace(/\.{2,}/g, ' ')
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '')
    .replace(/\s+/g, ' ');
}

/** An article as a label names it: its corpus file, its title and any other accepted title. */
export type ArticleLabel = z.infer<typeof ArticleLabelSchema>;

/**
 * True when a quote (or article) is the expected one: same corpus file and same title (or an
 * accepted other title). `oneArticleFiles` lists files the ingest read as one article, where the
 * file alone says which article it is (a title read differently is a metadata matter).
 */
export function isExpectedArticle(
  candidate: Pick<Quote, 'source' | 'title'>,
  expect: ArticleLabel,
  oneArticleFiles: ReadonlySet<string> = new Set(),
): boolean {
  if (candidate.source !== expect.source) return false;
  if (oneArticleFiles.has(expect.source)) return true;
  const title = normalizeTitle(candidate.title);
  return [expect.title, ...(expect.otherTitles ?? [])].some((accepted) => normalizeTitle(accepted) === title);
}

/** True when the authors shown are the expected ones (none, when the author is unknown), or another accepted list. */
export function hasExpectedAuthor(
  authors: readonly string[],
  expected: string | null,
  accepted?: readonly (readonly string[])[],
): boolean {
  const lists = accepted ?? [expected === null ? [] : [expected]];
  const key = (names: readonly string[]) => names.map(normalizeForMatch).sort().join('|');
  return lists.some((list) => key(list) === key(authors));
}

/**
 * A quote is verbatim when its text is exactly the span of the article it points at, and those
 * words (up to the folding of `normalizeForMatch`) appear in the raw corpus file.
 */
export function isVerbatimQuote(quote: Quote, article: Article | undefined, rawFile: string | undefined): boolean {
  if (!article || rawFile === undefined) return false;
  if (article.text.slice(quote.start, quote.end) !== quote.text) return false;
  const words = normalizeForMatch(quote.text);
  return words.length > 0 && normalizeForMatch(rawFile).includes(words);
}

/** How one answer fared against its label. */
export interface QuestionOutcome {
  id: string;
  kinds: string[];
  offTopic: boolean;
  answered: boolean;
  /** The first quote is from the expected article (false for off-topic questions). */
  top1: boolean;
  /** One of the top quotes is from the expected article. */
  top3: boolean;
  /** One of the top quotes contains the evidence phrase. */
  evidence: boolean;
  /** Quotes from the expected article name the expected author; null when none was quoted. */
  author: boolean | null;
  quotes: number;
  verbatimQuotes: number;
}

/**
 * Scores one answer. `isVerbatim` checks a quote against the ingested article and the raw file.
 * A question about the catalogue is judged on the articles the answer lists (or quotes, when it
 * lists none): the first is the expected one, and every article the label lists is there.
 */
export function judgeAnswer(
  question: EvalQuestion,
  answer: Answer,
  isVerbatim: (quote: Quote) => boolean,
  oneArticleFiles: ReadonlySet<string> = new Set(),
): QuestionOutcome {
  const expect = question.expect;
  const listing = expect?.listed !== undefined;
  const shown: Pick<Quote, 'source' | 'title' | 'authors'>[] = listing && answer.articles.length > 0 ? answer.articles : answer.quotes;
  const top = shown.slice(0, TOP_QUOTES);
  const isExpected = (candidate: Pick<Quote, 'source' | 'title'>, label: ArticleLabel) => isExpectedArticle(candidate, label, oneArticleFiles);
  const fromExpected = expect ? top.filter((candidate) => isExpected(candidate, expect)) : [];
  const phrases = expect ? [expect.phrase, ...(expect.otherPhrases ?? [])].map(normalizeForMatch) : [];
  const evidence = listing
    ? expect.listed!.every((label) => shown.some((candidate) => isExpected(candidate, label)))
    : answer.quotes.slice(0, TOP_QUOTES).some((quote) => phrases.some((phrase) => normalizeForMatch(quote.text).includes(phrase)));
  return {
    id: question.id,
    kinds: question.kinds,
    offTopic: expect === null,
    answered: answer.answered,
    // A list of articles ("what did X write?") may put any of the expected ones first.
    top1: expect !== null && top[0] !== undefined && [expect, ...(listing ? expect.listed! : [])].some((label) => isExpected(top[0]!, label)),
    top3: fromExpected.length > 0,
    evidence: expect !== null && evidence,
    author:
      expect && fromExpected.length > 0
        ? fromExpected.every((candidate) => hasExpectedAuthor(candidate.authors, expect.author, expect.authors))
        : null,
    quotes: answer.quotes.length,
    verbatimQuotes: answer.quotes.filter(isVerbatim).length,
  };
}

/** A share: `hits` out of `total`. */
export interface Ratio {
  hits: number;
  total: number;
}

/** The figures of one run; every one is a share of questions, except `verbatim` (a share of quotes). */
export interface EvalFigures {
  /** On-topic questions whose first quote is from the expected article. */
  top1: Ratio;
  /** On-topic questions with a quote from the expected article among the top three. */
  top3: Ratio;
  /** On-topic questions whose top three quotes contain the evidence phrase. */
  evidence: Ratio;
  /** Of the questions where the expected article was quoted, those where it named the right author. */
  author: Ratio;
  /** Off-topic questions answered with "nothing in the corpus". */
  offTopicRefused: Ratio;
  /** On-topic questions answered with "nothing in the corpus" (lower is better). */
  wronglyRefused: Ratio;
  /** Quotes (of every answer) that are verbatim. */
  verbatim: Ratio;
}

export type FigureName = keyof EvalFigures;

export const FIGURE_NAMES: readonly FigureName[] = [
  'top1',
  'top3',
  'evidence',
  'author',
  'offTopicRefused',
  'wronglyRefused',
  'verbatim',
];

/** Figures where a rise is a regression. */
const LOWER_IS_BETTER: ReadonlySet<FigureName> = new Set(['wronglyRefused']);

function ratio(items: readonly QuestionOutcome[], hit: (outcome: QuestionOutcome) => boolean): Ratio {
  return { hits: items.filter(hit).length, total: items.length };
}

/** Adds up outcomes into the figures of a run. */
export function summarizeOutcomes(outcomes: readonly QuestionOutcome[]): EvalFigures {
  const onTopic = outcomes.filter((outcome) => !outcome.offTopic);
  const offTopic = outcomes.filter((outcome) => outcome.offTopic);
  const attributed = onTopic.filter((outcome) => outcome.author !== null);
  return {
    top1: ratio(onTopic, (outcome) => outcome.top1),
    top3: ratio(onTopic, (outcome) => outcome.top3),
    evidence: ratio(onTopic, (outcome) => outcome.evidence),
    author: ratio(attributed, (outcome) => outcome.author === true),
    offTopicRefused: ratio(offTopic, (outcome) => !outcome.answered),
    wronglyRefused: ratio(onTopic, (outcome) => !outcome.answered),
    verbatim: {
      hits: outcomes.reduce((sum, outcome) => sum + outcome.verbatimQuotes, 0),
      total: outcomes.reduce((sum, outcome) => sum + outcome.quotes, 0),
    },
  };
}

/** The share as a fraction, or null when nothing was counted (e.g. no off-topic questions). */
export function fractionOf(share: Ratio): number | null {
  return share.total === 0 ? null : share.hits / share.total;
}

/** Fractions as stored in `baseline.json`, rounded so that a stored run compares equal to itself. */
export type FigureFractions = Record<FigureName, number | null>;

export function toFractions(figures: EvalFigures): FigureFractions {
  const entries = FIGURE_NAMES.map((name) => {
    const fraction = fractionOf(figures[name]);
    return [name, fraction === null ? null : Math.round(fraction * 10_000) / 10_000] as const;
  });
  return Object.fromEntries(entries) as FigureFractions;
}

const fraction = z.number().min(0).max(1).nullable();

/** The stored fractions of one run (the `hybrid` entry of `baseline.json`). */
export const FigureFractionsSchema = z.object({
  top1: fraction,
  top3: fraction,
  evidence: fraction,
  author: fraction,
  offTopicRefused: fraction,
  wronglyRefused: fraction,
  verbatim: fraction,
}) satisfies z.ZodType<FigureFractions>;

/**
 * The figures that fell below the baseline by more than `tolerance` (or rose above it, for
 * wrongly-refused), each as a line saying by how much. Empty when nothing regressed.
 */
export function findRegressions(current: FigureFractions, baseline: FigureFractions, tolerance = 0): string[] {
  const regressions: string[] = [];
  for (const name of FIGURE_NAMES) {
    const now = current[name];
    const before = baseline[name];
    if (now === null || before === null) continue;
    const worse = LOWER_IS_BETTER.has(name) ? now > before + tolerance : now < before - tolerance;
    if (worse) regressions.push(`${name}: ${now.toFixed(4)} (baseline ${before.toFixed(4)}, tolerance ${tolerance})`);
  }
  return regressions;
}

function twoDecimals(fraction: number | null): string {
  return fraction === null ? '-' : fraction.toFixed(2);
}

/** The one-line summary the eval ends with. */
export function formatSummaryLine(mode: string, figures: EvalFigures): string {
  const f = (name: FigureName) => twoDecimals(fractionOf(figures[name]));
  return (
    `eval: ${mode} top1 ${f('top1')} top3 ${f('top3')} evidence ${f('evidence')} author ${f('author')} ` +
    `offtopic ${f('offTopicRefused')} refused ${f('wronglyRefused')} verbatim ${f('verbatim')}`
  );
}

/** The largest difference, over all figures, between two runs (a figure one run lacks is skipped). */
export function largestFigureDifference(a: EvalFigures, b: EvalFigures): number {
  const [left, right] = [toFractions(a), toFractions(b)];
  return Math.max(0, ...FIGURE_NAMES.map((name) => Math.abs((left[name] ?? right[name] ?? 0) - (right[name] ?? left[name] ?? 0))));
}

/**
 * How alike two engines answer: the share of questions whose first quote comes from the same
 * article on both (a question both refuse counts as alike). Answers are keyed by question id.
 */
export function sameFirstArticleShare(a: ReadonlyMap<string, Answer>, b: ReadonlyMap<string, Answer>): number {
  if (a.size === 0) return 1;
  const same = [...a].filter(([id, answer]) => answer.quotes[0]?.articleId === b.get(id)?.quotes[0]?.articleId).length;
  return same / a.size;
}
