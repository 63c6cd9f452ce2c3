import {
  articlesToList,
  describeAuthors,
  describeNotFound,
  describeSpeaker,
  formatAuthors,
  formatSummaryLabel,
  type Answer,
  type ArticleSummary,
  type FilterMismatch,
  type Quote,
} from '../index.js';

/** Answers, documents and filter mistakes as the terminal shows them. */

const UNDATED = 'undated';

/** The `--json` shape of an answer, exactly as documented in the README. */
export interface AnswerJson {
  question: string;
  answered: boolean;
  quotes: {
    text: string;
    title: string;
    author: string | null;
    date: string | null;
    source: string;
    score: number;
    /** Whose words they are when the article quotes someone else; null for the author's own. */
    quotedFrom: string | null;
  }[];
  /** Only in summary mode when a written sentence passed the checks; `citations` are 1-based positions in `quotes`. */
  summary?: { text: string; citations: number[] };
  /** What the engine says before the quotes (the search's narrowing, a catalogue answer, a name not in the corpus); only when it says something. */
  notes?: string[];
  /** The articles a question about the corpus asked for; only when there are some. */
  articles?: { title: string; author: string | null; date: string | null; source: string }[];
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
      quotedFrom: quote.quotedFrom,
    })),
    ...(answer.summary ? { summary: { text: answer.summary.text, citations: [...answer.summary.citations] } } : {}),
    // Present only when there is something to say, so an answer about the texts keeps its old shape.
    ...(answer.notes.length > 0 ? { notes: [...answer.notes] } : {}),
    ...(answer.articles.length > 0
      ? {
          articles: answer.articles.map((article) => ({
            title: article.title,
            author: formatAuthors(article.authors),
            date: article.date,
            source: article.source,
          })),
        }
      : {}),
  };
}

/**
 * One quote, indented, then `— Author, "Title" (date) [file]` (`— Source, quoted by Author, ...`
 * for words the author quotes); numbered `[n]` when a summary cites it.
 */
function formatQuote(quote: Quote, number: number | null): string {
  const body = quote.text
    .split('\n')
    .map((line, i) => (i === 0 && number !== null ? `  [${number}] ${line}` : `  ${line}`))
    .join('\n');
  return `${body}\n  — ${describeSpeaker(quote)}, "${quote.title}" (${quote.date ?? UNDATED}) [${quote.source}]`;
}

/**
 * An answer for a person at a terminal: what the engine notes (the search's narrowing, a
 * catalogue answer) and the articles it lists, the written summary under its label when there is
 * one, then each quote with its attribution. `sourcesHint` says how to list the documents here
 * (`npm run ask -- --sources`, `/sources`).
 */
export function formatAnswerText(answer: Answer, sourcesHint: string): string {
  if (!answer.answered) {
    const nothing = `Nothing in the corpus answers that. Try other words, or list the documents with ${sourcesHint}.`;
    return answer.notes.length > 0 ? answer.notes.join('\n') : nothing;
  }
  const { summary } = answer;
  const listed = articlesToList(answer).map((article) => `  ${formatSourceLine(article)}`).join('\n');
  const quotes = answer.quotes.map((quote, i) => formatQuote(quote, summary ? i + 1 : null)).join('\n\n');
  const written = summary ? `${formatSummaryLabel(summary)}\n  ${summary.text}` : '';
  return [answer.notes.join('\n'), listed, written, quotes].filter((part) => part !== '').join('\n\n');
}

/** One line of `--sources`: `date  Title — Author [file]`, authors named as in an answer. */
export function formatSourceLine(article: ArticleSummary): string {
  return `${article.date ?? UNDATED}  ${article.title} — ${describeAuthors(article.authors)} [${article.source}]`;
}

/** What to tell the person whose author or document (typed after `option`) matched nothing, or several. */
export function formatFilterMismatch(mismatch: FilterMismatch, option: string, sourcesHint: string): string {
  const list = mismatch.candidates.map((name) => `  ${name}`).join('\n');
  if (mismatch.problem === 'several') {
    return `${option} "${mismatch.typed}" matches several ${mismatch.field}s; say which:\n${list}`;
  }
  const nearest = mismatch.candidates.length > 0 ? ` The nearest:\n${list}` : ` ${sourcesHint} lists them.`;
  return `${option} "${mismatch.typed}": ${describeNotFound(mismatch.field, mismatch.typed)}${nearest}`;
}
