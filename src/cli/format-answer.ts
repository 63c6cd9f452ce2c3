import { describeAuthors, formatAuthors, type Answer, type ArticleSummary } from '../domain.js';

const UNDATED = 'undated';

/** The `--json` shape of an answer, exactly as documented in the README. */
export interface AnswerJson {
  question: string;
  answered: boolean;
  quotes: { text: string; title: string; author: string | null; date: string | null; source: string; score: number }[];
}

export function toAnswerJson(answer: Answer): AnswerJson {
  return {
    question: answer.question,
    answered: answer.answered,
    quotes: answer.quotes.map((quote) => ({
      text: quote.text,
      title: quote.title,
      author: formatAuthors(quote.authors),
      date: quote.date,
      source: quote.source,
      score: Math.round(quote.score * 1000) / 1000,
    })),
  };
}

/** An answer for a person at a terminal: each quote, then `— Author, "Title" (date) [file]`. */
export function formatAnswerText(answer: Answer): string {
  if (!answer.answered) {
    return 'Nothing in the corpus answers that. Try other words, or list the documents with `npm run ask -- --sources`.';
  }
  return answer.quotes
    .map((quote) => {
      const author = describeAuthors(quote.authors);
      const date = quote.date ?? UNDATED;
      const body = quote.text
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n');
      return `${body}\n  — ${author}, "${quote.title}" (${date}) [${quote.source}]`;
    })
    .join('\n\n');
}

/** One line of `--sources`: `date  Title — Author [file]`, authors named as in an answer. */
export function formatSourceLine(article: ArticleSummary): string {
  return `${article.date ?? UNDATED}  ${article.title} — ${describeAuthors(article.authors)} [${article.source}]`;
}
