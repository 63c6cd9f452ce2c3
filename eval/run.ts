/**
 * `npm run eval`: answers the labelled questions of `eval/questions.json` against a fresh
 * index of the seed corpus, once per retrieval mode, and prints how often the right article,
 * evidence and author came back, how off-topic questions were refused, and whether every quote
 * is verbatim. `--json` writes the figures to `eval/last-run.json`; `--check` exits 1 when
 * hybrid falls below `eval/baseline.json`. `--backend postgres` builds the index in a scratch
 * PostgreSQL database instead of a folder; `--backend both` runs both and compares their answers.
 */
import 'dotenv/config';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createEmbedder,
  createEngine,
  createLogger,
  expectedIndex,
  fileIndexStore,
  ingestCorpus,
  loadConfig,
  openIndexStore,
  type Answer,
  type Article,
  type Config,
  type Embedder,
  type IngestResult,
  type Quote,
  type SearchIndex,
  type SearchMode,
} from '../src/index.js';
import { openScratchServer } from '../scripts/local-postgres.js';
import {
  EvalQuestionsSchema,
  FIGURE_NAMES,
  FigureFractionsSchema,
  findRegressions,
  formatSummaryLine,
  fractionOf,
  hasExpectedAuthor,
  isExpectedArticle,
  isVerbatimQuote,
  judgeAnswer,
  largestFigureDifference,
  sameFirstArticleShare,
  summarizeOutcomes,
  toFractions,
  type EvalFigures,
  type EvalQuestion,
  type FigureName,
  type QuestionOutcome,
} from './evaluate.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The questions are labelled for the seed corpus, so the eval reads it whatever CORPUS_DIR says. */
const CORPUS_DIR = join(ROOT, 'corpus');
const QUESTIONS_FILE = join(ROOT, 'eval/questions.json');
const BASELINE_FILE = join(ROOT, 'eval/baseline.json');
const LAST_RUN_FILE = join(ROOT, 'eval/last-run.json');
const MODES: readonly SearchMode[] = ['dense', 'lexical', 'hybrid'];
const LIMIT = 3;
/** A hybrid figure may fall this much below the baseline before `--check` fails. */
const TOLERANCE = 0;
const BREAKDOWN_KINDS = ['cross-language', 'dutch', 'author', 'number', 'paraphrase'];

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

function figuresTable(byColumn: ReadonlyMap<string, EvalFigures>, names: readonly FigureName[] = FIGURE_NAMES): string {
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
function describeMisses(
  outcomes: readonly QuestionOutcome[],
  questions: ReadonlyMap<string, EvalQuestion>,
  quotesById: ReadonlyMap<string, Quote[]>,
): string[] {
  return outcomes.flatMap((outcome) => {
    const failures = listFailures(outcome);
    if (failures.length === 0) return [];
    const question = questions.get(outcome.id)!;
    const expected = question.expect
      ? `\n      expected "${snippet(question.expect.title, 60)}" with "${question.expect.phrase}"`
      : '';
    const got = describeQuotes(quotesById.get(outcome.id) ?? []);
    return [`${outcome.id} [${failures.join(', ')}] ${question.question}${expected}\n      ${got}`];
  });
}

/** Labels that name no ingested article, or an author the ingest does not give: labelling or ingest errors. */
function checkLabels(questions: readonly EvalQuestion[], articles: readonly Article[]): string[] {
  const warnings = new Set<string>();
  for (const { id, expect } of questions) {
    if (!expect) continue;
    const article = articles.find((candidate) => isExpectedArticle(candidate, expect));
    if (!article) {
      warnings.add(`${id}: no ingested article "${expect.title}" in ${expect.source}`);
    } else if (!hasExpectedAuthor(article.authors, expect.author)) {
      const given = JSON.stringify(article.authors);
      warnings.add(`ingest gives ${given} for "${snippet(article.title, 60)}", the label says ${expect.author ?? 'unknown'}`);
    }
  }
  return [...warnings];
}

const BACKENDS = ['embedded', 'postgres'] as const;
type Backend = (typeof BACKENDS)[number];

interface EvalRun {
  figuresByMode: Map<string, EvalFigures>;
  outcomesByMode: Map<SearchMode, QuestionOutcome[]>;
  hybridAnswers: Map<string, Answer>;
  passages: number;
}

/**
 * A fresh index of the seed corpus in the backend: a temporary folder, or a scratch database (on
 * DATABASE_URL_TEST when set, else on a throwaway local PostgreSQL), never the configured index.
 */
async function openBackend(backend: Backend, config: Config, ingest: IngestResult, embedder: Embedder) {
  const expected = expectedIndex(config, embedder);
  if (backend === 'embedded') {
    const indexDir = await mkdtemp(join(tmpdir(), 'quotebot-eval-'));
    const store = fileIndexStore(indexDir);
    await store.build(ingest, embedder, { chunking: expected.chunking });
    return { index: await store.load(expected), close: () => rm(indexDir, { recursive: true, force: true }) };
  }
  const server = await openScratchServer(process.env.DATABASE_URL_TEST?.trim() || undefined);
  try {
    const store = await openIndexStore({ ...config, DATABASE_URL: await server.newDatabase() }, createLogger('warn'));
    await store.build(ingest, embedder, { chunking: expected.chunking });
    const index = await store.load(expected);
    return { index, close: () => store.close().finally(() => server.close()) };
  } catch (error) {
    await server.close();
    throw error;
  }
}

async function evaluate(index: SearchIndex, embedder: Embedder, questions: readonly EvalQuestion[], isVerbatim: (quote: Quote) => boolean): Promise<EvalRun> {
  const run: EvalRun = { figuresByMode: new Map(), outcomesByMode: new Map(), hybridAnswers: new Map(), passages: index.passages.length };
  for (const mode of MODES) {
    const engine = createEngine({ index, embedder, settings: { mode } });
    const outcomes: QuestionOutcome[] = [];
    for (const question of questions) {
      const answer = await engine.answer(question.question, { limit: LIMIT });
      outcomes.push(judgeAnswer(question, answer, isVerbatim));
      if (mode === 'hybrid') run.hybridAnswers.set(question.id, answer);
    }
    run.outcomesByMode.set(mode, outcomes);
    run.figuresByMode.set(mode, summarizeOutcomes(outcomes));
  }
  return run;
}

/** How alike two backends answer, on the first quote and on the hybrid figures. */
function compareBackends(a: EvalRun, b: EvalRun): string[] {
  const share = sameFirstArticleShare(a.hybridAnswers, b.hybridAnswers);
  const difference = largestFigureDifference(a.figuresByMode.get('hybrid')!, b.figuresByMode.get('hybrid')!);
  return [
    `same article first on both backends: ${(100 * share).toFixed(1)}% of ${a.hybridAnswers.size} questions`,
    `largest hybrid figure difference between backends: ${difference.toFixed(3)}`,
  ];
}

interface ReportContext {
  questions: readonly EvalQuestion[];
  questionById: ReadonlyMap<string, EvalQuestion>;
  embedder: Embedder;
  chunking: { size: number; overlap: number };
  flags: { json?: boolean; check?: boolean };
}

/** Prints one backend's figures and misses; writes and checks them when asked. Returns the exit status. */
async function report(run: EvalRun, context: ReportContext): Promise<number> {
  const { questions, questionById, embedder, chunking, flags } = context;
  const { figuresByMode, outcomesByMode, hybridAnswers } = run;
  const hybridOutcomes = outcomesByMode.get('hybrid')!;
  const hybrid = figuresByMode.get('hybrid')!;
  const byKind = new Map(
    BREAKDOWN_KINDS.map((kind) => {
      const ofKind = hybridOutcomes.filter((outcome) => outcome.kinds.includes(kind));
      return [kind, summarizeOutcomes(ofKind)] as const;
    }),
  );
  const hybridQuotes = new Map([...hybridAnswers].map(([id, answer]) => [id, answer.quotes]));
  const misses = describeMisses(hybridOutcomes, questionById, hybridQuotes);

  console.log(figuresTable(figuresByMode));
  console.log('\nhybrid, by kind of question:\n');
  console.log(figuresTable(byKind, ['top1', 'top3', 'evidence', 'author', 'wronglyRefused']));
  console.log(`\nhybrid misses (${misses.length}):`);
  for (const miss of misses) console.log(`  ${miss}`);

  const fractions = Object.fromEntries([...figuresByMode].map(([mode, figures]) => [mode, toFractions(figures)]));
  if (flags.json) {
    const json = {
      embedding: embedder.model,
      chunking,
      questions: questions.length,
      ...fractions,
      counts: Object.fromEntries(figuresByMode),
      hybridByKind: Object.fromEntries([...byKind].map(([kind, figures]) => [kind, toFractions(figures)])),
    };
    await writeFile(LAST_RUN_FILE, `${JSON.stringify(json, null, 2)}\n`);
    console.log(`\nwrote ${LAST_RUN_FILE}`);
  }

  let status = 0;
  if (flags.check) {
    const baselineText = await readFile(BASELINE_FILE, 'utf8').catch(() => null);
    if (baselineText === null) {
      console.error(`\nNo baseline at ${BASELINE_FILE}: run \`npm run eval -- --json\` and copy eval/last-run.json there.`);
      status = 1;
    } else {
      const baseline = JSON.parse(baselineText) as { embedding?: string; hybrid?: unknown };
      if (baseline.embedding && baseline.embedding !== embedder.model) {
        console.warn(`\nThe baseline was measured with ${baseline.embedding}, this run uses ${embedder.model}.`);
      }
      const regressions = findRegressions(toFractions(hybrid), FigureFractionsSchema.parse(baseline.hybrid), TOLERANCE);
      console.log(regressions.length === 0 ? '\ncheck: hybrid is at or above the baseline' : '\ncheck: hybrid fell below the baseline:');
      for (const regression of regressions) console.log(`  ${regression}`);
      if (regressions.length > 0) status = 1;
    }
  }
  console.log(formatSummaryLine('hybrid', hybrid));
  return status;
}

async function main(): Promise<number> {
  const { values: flags } = parseArgs({
    options: { json: { type: 'boolean' }, check: { type: 'boolean' }, backend: { type: 'string', default: 'embedded' } },
  });
  const backends: Backend[] = flags.backend === 'both' ? [...BACKENDS] : BACKENDS.filter((backend) => backend === flags.backend);
  if (backends.length === 0) {
    console.error(`Unknown --backend ${flags.backend}: use embedded (the default), postgres or both.`);
    return 2;
  }
  const questions = EvalQuestionsSchema.parse(JSON.parse(await readFile(QUESTIONS_FILE, 'utf8')));
  const questionById = new Map(questions.map((question) => [question.id, question]));
  const config = loadConfig();

  const ingest = await ingestCorpus(CORPUS_DIR);
  const rawFiles = new Map<string, string>();
  for (const { source } of ingest.files) rawFiles.set(source, await readFile(join(CORPUS_DIR, source), 'utf8'));
  const articles = new Map(ingest.articles.map((article) => [article.id, article]));
  for (const problem of ingest.problems) console.warn(`ingest problem: ${problem.source}: ${problem.message}`);
  for (const warning of checkLabels(questions, ingest.articles)) console.warn(`label check: ${warning}`);
  const isVerbatim = (quote: Quote) => isVerbatimQuote(quote, articles.get(quote.articleId), rawFiles.get(quote.source));

  const embedder = await createEmbedder(config);
  const { chunking } = expectedIndex(config, embedder);
  const runs = new Map<Backend, EvalRun>();
  let status = 0;
  try {
    for (const backend of backends) {
      const opened = await openBackend(backend, config, ingest, embedder);
      try {
        runs.set(backend, await evaluate(opened.index, embedder, questions, isVerbatim));
      } finally {
        await opened.close();
      }
    }
    for (const [backend, run] of runs) {
      console.log(
        `\n${backend}: ${questions.length} questions, ${ingest.articles.length} articles, ${run.passages} passages, ` +
          `embeddings ${embedder.model}, chunks ${chunking.size}/${chunking.overlap}\n`,
      );
      status = Math.max(status, await report(run, { questions, questionById, embedder, chunking, flags }));
    }
    const [first, second] = [...runs.values()];
    if (first && second) for (const line of compareBackends(first, second)) console.log(line);
    return status;
  } finally {
    await embedder.close();
  }
}

process.exitCode = await main();
