import type { Article, Quote } from '../src/index.js';
import {
  FIGURE_NAMES,
  fractionOf,
  hasExpectedAuthor,
  isExpectedArticle,
  type EvalFigures,
  type EvalQuestion,
  type FigureName,
  type QuestionOutcome,
} from './evaluate.js';

/** How the evaluation's figures, misses and label problems read in the terminal. */

const FIGURE_LABELS: Record<FigureName, string> = {
  top1: 'right article first',
  top3: 'right article in top 3',
  evidence: 'evidence phrase in top 3',
  author: 'author right (when quoted)',
  offTopicRefused: 'off-topic refused',
  wronglyRefused: 'on-topic refused (lower=better)',
  verbatim: 'quotes verbatim',
};

function formatShare(figures: EvalFigures, name: FigureName): string {
  const share = figures[name];
  const fraction = fractionOf(share);
  return `${fraction === null ? '   -' : fraction.toFixed(2)} (${share.hits}/${share.total})`;
}

function formatTable(columns: readonly string[], rows: readonly (readonly string[])[], labels: readonly string[]): string {
  const labelWidth = Math.max(...labels.map((label) => label.length));
  const widths = columns.map((column, i) => Math.max(column.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (label: string, cells: readonly string[]) =>
    [label.padEnd(labelWidth), ...cells.map((cell, i) => cell.padEnd(widths[i] ?? 0))].join('  ').trimEnd();
  return [line('', columns), ...rows.map((row, i) => line(labels[i] ?? '', row))].join('\n');
}

/** One column per run (mode, or kind of question), one row per figure. */
export function figuresTable(byColumn: ReadonlyMap<string, EvalFigures>, names: readonly FigureName[] = FIGURE_NAMES): string {
  const columns = [...byColumn.keys()];
  const rows = names.map((name) => columns.map((column) => formatShare(byColumn.get(column)!, name)));
  return formatTable(columns, rows, names.map((name) => FIGURE_LABELS[name]));
}

function snippet(text: string, length = 70): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

function describeQuotes(quotes: readonly Quote[]): string {
  if (quotes.length === 0) return 'refused';
  return quotes.map((quote, i) => `${i + 1}) ${quote.title} [${quote.source}] "${snippet(quote.text)}"`).join('\n      ');
}

/** What went wrong with one answer, e.g. `top1, evidence`; empty when nothing did. */
function listFailures(outcome: QuestionOutcome): string[] {
  if (outcome.offTopic) return outcome.answered ? ['answered off-topic'] : [];
  if (!outcome.answered) return ['refused'];
  const failures: (string | false)[] = [
    !outcome.top1 && 'top1',
    !outcome.top3 && 'top3',
    !outcome.evidence && 'evidence',
    outcome.author === false && 'author',
  ];
  return failures.filter((failure): failure is string => failure !== false);
}

/** One entry per question that was not answered perfectly, saying what came instead. */
export function describeMisses(
  outcomes: readonly QuestionOutcome[],
  questions: ReadonlyMap<string, EvalQuestion>,
  quotesById: ReadonlyMap<string, Quote[]>,
): string[] {
  return outcomes.flatMap((outcome) => {
    const failures = listFailures(outcome);
    if (failures.length === 0) return [];
    const question = questions.get(outcome.id)!;
    const expected = question.expect
      ? `\n      expected "${snippet(question.expect.title, 60)}" [${question.expect.source}] with "${question.expect.phrase}"`
      : '';
    const got = describeQuotes(quotesById.get(outcome.id) ?? []);
    return [`${outcome.id} [${failures.join(', ')}] ${question.question}${expected}\n      ${got}`];
  });
}

/** Labels that name no ingested article, or an author the ingest does not give: labelling or ingest errors. */
export function checkLabels(questions: readonly EvalQuestion[], articles: readonly Article[], oneArticleFiles: ReadonlySet<string>): string[] {
  const warnings = new Set<string>();
  for (const { id, expect } of questions) {
    if (!expect) continue;
    const article = articles.find((candidate) => isExpectedArticle(candidate, expect, oneArticleFiles));
    if (!article) {
      warnings.add(`${id}: no ingested article "${expect.title}" in ${expect.source}`);
    } else if (!hasExpectedAuthor(article.authors, expect.author, expect.authors)) {
      const given = JSON.stringify(article.authors);
      warnings.add(`ingest gives ${given} for "${snippet(article.title, 60)}", the label says ${expect.author ?? 'unknown'}`);
    }
  }
  return [...warnings];
}
