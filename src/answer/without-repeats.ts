import type { Answer, Quote, QuoteEngine, SearchFilter } from '../domain.js';

/** Where a quote sits in its article. */
export interface QuoteSpan {
  articleId: string;
  start: number;
  end: number;
}

/** Whether two quotes share words of the same article. */
export function overlaps(a: QuoteSpan, b: QuoteSpan): boolean {
  return a.articleId === b.articleId && a.start < b.end && b.start < a.end;
}

/** The engine caps one request at this many quotes; pages of it walk past the ones already shown. */
const PAGE_SIZE = 25;
const MAX_PAGES = 4;

export interface AnswerWithoutRepeats {
  answer: Answer;
  /** How many quotes were left out because they had been shown already. */
  skipped: number;
}

/**
 * The best `limit` quotes that share no words with `shown` (a conversation's earlier quotes), in
 * the engine's order. `answered` is false when every relevant quote was shown already; `skipped`
 * then tells "nothing more" from "nothing relevant".
 */
export async function answerWithoutRepeats(
  engine: QuoteEngine,
  question: string,
  options: { limit: number; filter?: SearchFilter | undefined },
  shown: readonly QuoteSpan[],
): Promise<AnswerWithoutRepeats> {
  const fresh: Quote[] = [];
  let skipped = 0;
  let answer: Answer | null = null;
  let first: Answer | null = null;
  const pageSize = Math.min(PAGE_SIZE, options.limit + shown.length);
  for (let page = 0; page < MAX_PAGES && fresh.length < options.limit; page += 1) {
    answer = await engine.answer(question, { limit: pageSize, offset: page * pageSize, ...(options.filter ? { filter: options.filter } : {}) });
    first ??= answer;
    for (const quote of answer.quotes) {
      if (shown.some((span) => overlaps(span, quote))) skipped += 1;
      else if (fresh.length < options.limit) fresh.push(quote);
    }
    if (!answer.answered || answer.quotes.length < pageSize) break;
  }
  // A written summary cites the first page's quotes by number: it fits only when nothing was skipped.
  const summary = shown.length === 0 ? first?.summary : undefined;
  // The catalogue's answer (notes, articles) belongs to the question, whatever quotes were shown before.
  const notes = first?.notes ?? [];
  const articles = first?.articles ?? [];
  return {
    answer: {
      question: answer?.question ?? question,
      answered: fresh.length > 0 || (first?.answered === true && articles.length > 0),
      quotes: fresh,
      notes: fresh.length > 0 || articles.length > 0 || first?.answered === false ? notes : [],
      articles,
      ...(summary ? { summary } : {}),
    },
    skipped,
  };
}
