import type { QuoteEngine } from '../domain.js';

/**
 * An engine that leaves out documents being removed: from the moment `/remove` is asked, no answer
 * quotes the document, lists it or shows its context, though the index still holds it until the
 * rebuild without it is swapped in.
 */
export interface HidingEngine extends QuoteEngine {
  hide(source: string): void;
  /** Once the index no longer has the document (or its removal failed and it is back). */
  reveal(source: string): void;
}

/** Extra quotes asked for while something is hidden, so an answer still has its number of quotes. */
const SPARE_QUOTES = 10;
const MAX_QUOTES = 25;

export function hideSources(engine: QuoteEngine): HidingEngine {
  const hidden = new Set<string>();
  return {
    hide: (source) => void hidden.add(source),
    reveal: (source) => void hidden.delete(source),
    async answer(question, options = {}) {
      if (hidden.size === 0) return engine.answer(question, options);
      const limit = options.limit;
      const asked = limit === undefined ? options : { ...options, limit: Math.min(MAX_QUOTES, limit + SPARE_QUOTES) };
      const answer = await engine.answer(question, asked);
      const quotes = answer.quotes.filter((quote) => !hidden.has(quote.source)).slice(0, limit);
      return { ...answer, answered: answer.answered && quotes.length > 0, quotes };
    },
    listArticles: () => (hidden.size === 0 ? engine.listArticles() : engine.listArticles().filter((article) => !hidden.has(article.source))),
    // An article id is `${source}#${n}`.
    context: (quote) => (hidden.has(quote.articleId.slice(0, quote.articleId.lastIndexOf('#'))) ? null : engine.context(quote)),
  };
}
