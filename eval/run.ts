/**
 * `npm run eval`: answers three labelled question sets, each against a fresh, calibrated index of
 * its documents: the seeds (`eval/questions.json` over `corpus/`, once per retrieval mode), the
 * real-document dev set (`test/fixtures/real/`: documents in many layouts and formats, and
 * questions about them) and the layout probe set (`test/fixtures/layouts/`: short posts in
 * layouts the dev set lacks). Prints how often the right article, the evidence and the author came
 * back, how off-topic questions were refused, and whether every quote is verbatim. `--json`
 * writes the figures to `eval/last-run.json`; `--check` exits 1 when hybrid falls below
 * `eval/baseline.json` on any set. `--backend postgres` builds the indexes in a scratch
 * PostgreSQL database instead of a folder; `--backend both` runs both and compares their answers.
 * `--set seeds`, `--set real` or `--set layouts` runs one set alone (to try a change quickly).
 */
import 'dotenv/config';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  calibrateIndex,
  createEmbedder,
  createEngine,
  createLogger,
  expectedIndex,
  fileIndexStore,
  ingestCorpus,
  loadConfig,
  openIndexStore,
  type Answer,
  type Config,
  type Embedder,
  type IngestResult,
  type Quote,
  type SearchMode,
} from '../src/index.js';
import { openScratchServer } from '../scripts/local-postgres.js';
import { copyDevSetDocuments, DEV_SET_DIR } from './dev-set.js';
import { readDevQuestions } from './dev-questions.js';
import {
  EvalQuestionsSchema,
  FigureFractionsSchema,
  findRegressions,
  formatSummaryLine,
  isVerbatimQuote,
  judgeAnswer,
  largestFigureDifference,
  sameFirstArticleShare,
  summarizeOutcomes,
  toFractions,
  type EvalFigures,
  type EvalQuestion,
  type QuestionOutcome,
} from './evaluate.js';
import { checkLabels, describeMisses, figuresTable } from './report.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The questions are labelled for these documents, so the eval reads them whatever CORPUS_DIR says. */
const SEED_CORPUS = join(ROOT, 'corpus');
const SEED_QUESTIONS = join(ROOT, 'eval/questions.json');
/** Posts written in layouts the dev set lacks, with their questions and notes beside them. */
const LAYOUTS_DIR = join(ROOT, 'test/fixtures/layouts');
const LAYOUTS_NOTES = new Set(['questions.json', 'README.md']);
const BASELINE_FILE = join(ROOT, 'eval/baseline.json');
const LAST_RUN_FILE = join(ROOT, 'eval/last-run.json');
/** Plain text: its raw bytes are the text itself, so a quote's words must be found in the file as written. */
const TEXT_FORMATS = /\.txt$/i;
const LIMIT = 3;
/** A hybrid figure may fall this much below the baseline before `--check` fails. */
const TOLERANCE = 0;
const SEED_KINDS = ['cross-language', 'dutch', 'author', 'number', 'paraphrase'];
const DEV_KINDS = ['fact', 'number', 'date', 'person', 'place', 'quote', 'catalogue', 'paraphrase'];
const LAYOUT_KINDS = ['fact', 'number', 'date', 'person', 'place', 'paraphrase'];
const SET_NAMES = ['seeds', 'real', 'layouts'] as const;
type SetName = (typeof SET_NAMES)[number];

const BACKENDS = ['embedded', 'postgres'] as const;
type Backend = (typeof BACKENDS)[number];

/** One question set and the documents it is about. */
interface EvalSet {
  name: SetName;
  title: string;
  corpusDir: string;
  questions: EvalQuestion[];
  modes: readonly SearchMode[];
  kinds: readonly string[];
}

interface SetRun {
  figures: Map<string, EvalFigures>;
  hybridByKind: Map<string, EvalFigures>;
  hybridAnswers: Map<string, Answer>;
  misses: string[];
  minRelevance: number;
  calibration: { questions: number; highest: number };
  articles: number;
  passages: number;
}

/**
 * A fresh index of the ingested documents in the backend: a temporary folder, or a scratch
 * database (on DATABASE_URL_TEST when set, else on a throwaway local PostgreSQL), never the configured index.
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

/** Builds a calibrated index of the set's documents and answers every question, once per mode. */
async function runSet(set: EvalSet, backend: Backend, config: Config, embedder: Embedder): Promise<SetRun> {
  const ingest = await ingestCorpus(set.corpusDir);
  const articles = new Map(ingest.articles.map((article) => [article.id, article]));
  const perFile = new Map<string, number>();
  for (const article of ingest.articles) perFile.set(article.source, (perFile.get(article.source) ?? 0) + 1);
  const oneArticleFiles = new Set([...perFile].filter(([, count]) => count === 1).map(([source]) => source));
  // Markup (Markdown, HTML, PDF) is not its text: its quotes are checked against the text rendered from it,
  // without the link targets, emphasis and code marks of the source.
  const rawFiles = new Map<string, string>();
  for (const { source } of ingest.files) {
    if (TEXT_FORMATS.test(source)) rawFiles.set(source, await readFile(join(set.corpusDir, source), 'utf8'));
  }
  for (const problem of ingest.problems) console.warn(`${set.name}: ingest problem: ${problem.source}: ${problem.message}`);
  for (const warning of checkLabels(set.questions, ingest.articles, oneArticleFiles)) console.warn(`${set.name}: label check: ${warning}`);
  const isVerbatim = (quote: Quote) => {
    const article = articles.get(quote.articleId);
    return isVerbatimQuote(quote, article, rawFiles.get(quote.source) ?? article?.text);
  };

  const opened = await openBackend(backend, config, ingest, embedder);
  try {
    const { index } = opened;
    const calibration = await calibrateIndex(index, embedder);
    const questionById = new Map(set.questions.map((question) => [question.id, question]));
    const run: SetRun = {
      figures: new Map(),
      hybridByKind: new Map(),
      hybridAnswers: new Map(),
      misses: [],
      minRelevance: calibration.minRelevance,
      calibration: { questions: calibration.questions, highest: calibration.highest },
      articles: ingest.articles.length,
      passages: index.passages.length,
    };
    for (const mode of set.modes) {
      const calibrated = mode === 'hybrid' ? { calibratedRelevance: calibration.minRelevance } : {};
      const engine = createEngine({ index, embedder, settings: { mode }, ...calibrated });
      const outcomes: QuestionOutcome[] = [];
      for (const question of set.questions) {
        const answer = await engine.answer(question.question, { limit: LIMIT });
        outcomes.push(judgeAnswer(question, answer, isVerbatim, oneArticleFiles));
        if (mode === 'hybrid') run.hybridAnswers.set(question.id, answer);
      }
      run.figures.set(mode, summarizeOutcomes(outcomes));
      if (mode !== 'hybrid') continue;
      run.hybridByKind = new Map(set.kinds.map((kind) => [kind, summarizeOutcomes(outcomes.filter((outcome) => outcome.kinds.includes(kind)))]));
      const quotes = new Map([...run.hybridAnswers].map(([id, answer]) => [id, answer.quotes]));
      run.misses = describeMisses(outcomes, questionById, quotes);
    }
    return run;
  } finally {
    await opened.close();
  }
}

/** How alike two backends answer, on the first quote and on the hybrid figures. */
function compareBackends(a: SetRun, b: SetRun): string[] {
  const share = sameFirstArticleShare(a.hybridAnswers, b.hybridAnswers);
  const difference = largestFigureDifference(a.figures.get('hybrid')!, b.figures.get('hybrid')!);
  return [
    `same article first on both backends: ${(100 * share).toFixed(1)}% of ${a.hybridAnswers.size} questions`,
    `largest hybrid figure difference between backends: ${difference.toFixed(3)}`,
  ];
}

function printSet(set: EvalSet, run: SetRun, backend: Backend, chunking: { size: number; overlap: number }, model: string): void {
  console.log(`\n${set.name}: hybrid misses (${run.misses.length}):`);
  for (const miss of run.misses) console.log(`  ${miss}`);
  console.log(
    `\n== ${set.title}, ${backend}: ${set.questions.length} questions, ${run.articles} articles, ${run.passages} passages, ` +
      `embeddings ${model}, chunks ${chunking.size}/${chunking.overlap}; relevance threshold ${run.minRelevance.toFixed(3)} ` +
      `(calibrated on ${run.calibration.questions} off-topic questions, the best of which scored ${run.calibration.highest.toFixed(3)})\n`,
  );
  console.log(figuresTable(run.figures));
  console.log(`\n${set.name}, hybrid, by kind of question:\n`);
  console.log(figuresTable(run.hybridByKind, ['top1', 'top3', 'evidence', 'author', 'wronglyRefused']));
}

/** The layout probe's documents (its subfolders too), without its questions and notes, in a folder of their own. */
async function layoutsCorpus(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'quotebot-layouts-'));
  await cp(LAYOUTS_DIR, dir, { recursive: true, filter: (source) => !LAYOUTS_NOTES.has(relative(LAYOUTS_DIR, source)) });
  return dir;
}

/** The documents of the dev set, without the notes and labels kept beside them, in a folder of their own. */
async function devSetCorpus(documents: readonly string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'quotebot-devset-'));
  await copyDevSetDocuments(documents, dir);
  return dir;
}

const BaselineSetSchema = z.object({ hybrid: FigureFractionsSchema }).passthrough();
const BaselineSchema = z
  .object({ embedding: z.string().optional(), seeds: BaselineSetSchema, real: BaselineSetSchema, layouts: BaselineSetSchema })
  .passthrough();

/** The figures below the baseline, per set, as lines; empty when none is. */
async function checkBaseline(sets: readonly EvalSet[], runs: ReadonlyMap<EvalSet['name'], SetRun>, model: string): Promise<string[] | null> {
  const text = await readFile(BASELINE_FILE, 'utf8').catch(() => null);
  if (text === null) return null;
  const baseline = BaselineSchema.parse(JSON.parse(text));
  if (baseline.embedding && baseline.embedding !== model) console.warn(`\nThe baseline was measured with ${baseline.embedding}, this run uses ${model}.`);
  return sets.flatMap((set) =>
    findRegressions(toFractions(runs.get(set.name)!.figures.get('hybrid')!), baseline[set.name].hybrid, TOLERANCE).map((line) => `${set.name}: ${line}`),
  );
}

async function main(): Promise<number> {
  const { values: flags } = parseArgs({
    options: {
      json: { type: 'boolean' },
      check: { type: 'boolean' },
      backend: { type: 'string', default: 'embedded' },
      set: { type: 'string', default: 'all' },
    },
  });
  // "both" is what this flag's default was called while there were two sets.
  const all = flags.set === 'all' || flags.set === 'both';
  if (!all && !(SET_NAMES as readonly string[]).includes(flags.set!)) {
    console.error(`Unknown --set ${flags.set}: use all (the default), seeds, real or layouts.`);
    return 2;
  }
  const backends: Backend[] = flags.backend === 'both' ? [...BACKENDS] : BACKENDS.filter((backend) => backend === flags.backend);
  if (backends.length === 0) {
    console.error(`Unknown --backend ${flags.backend}: use embedded (the default), postgres or both.`);
    return 2;
  }
  const dev = readDevQuestions(
    JSON.parse(await readFile(join(DEV_SET_DIR, 'questions.json'), 'utf8')),
    JSON.parse(await readFile(join(DEV_SET_DIR, 'expected.json'), 'utf8')),
  );
  const devCorpus = await devSetCorpus(dev.documents);
  const layoutsDir = await layoutsCorpus();
  const allSets: EvalSet[] = [
    {
      name: 'seeds',
      title: 'Seed corpus (eval/questions.json)',
      corpusDir: SEED_CORPUS,
      questions: EvalQuestionsSchema.parse(JSON.parse(await readFile(SEED_QUESTIONS, 'utf8'))),
      modes: ['dense', 'lexical', 'hybrid'],
      kinds: SEED_KINDS,
    },
    { name: 'real', title: 'Real-document dev set (test/fixtures/real)', corpusDir: devCorpus, questions: dev.questions, modes: ['hybrid'], kinds: DEV_KINDS },
    {
      name: 'layouts',
      title: 'Layout probe set (test/fixtures/layouts)',
      corpusDir: layoutsDir,
      questions: EvalQuestionsSchema.parse(JSON.parse(await readFile(join(LAYOUTS_DIR, 'questions.json'), 'utf8'))),
      modes: ['hybrid'],
      kinds: LAYOUT_KINDS,
    },
  ];
  // One set alone is for trying a change quickly; --check and --json want both.
  const sets = allSets.filter((set) => all || set.name === flags.set);
  if (sets.length < allSets.length && (flags.check || flags.json)) {
    console.error('--check and --json measure every set: leave out --set.');
    return 2;
  }
  const config = loadConfig();
  const embedder = await createEmbedder(config);
  const { chunking } = expectedIndex(config, embedder);
  let status = 0;
  try {
    const byBackend = new Map<Backend, Map<EvalSet['name'], SetRun>>();
    for (const backend of backends) {
      const runs = new Map<EvalSet['name'], SetRun>();
      for (const set of sets) runs.set(set.name, await runSet(set, backend, config, embedder));
      for (const set of sets) printSet(set, runs.get(set.name)!, backend, chunking, embedder.model);
      byBackend.set(backend, runs);
      if (flags.check) {
        const regressions = await checkBaseline(sets, runs, embedder.model);
        if (regressions === null) {
          console.error(`\nNo baseline at ${BASELINE_FILE}: run \`npm run eval -- --json\` and copy eval/last-run.json there.`);
          status = 1;
        } else {
          console.log(regressions.length === 0 ? `\ncheck (${backend}): hybrid is at or above the baseline on every set` : `\ncheck (${backend}): hybrid fell below the baseline:`);
          for (const regression of regressions) console.log(`  ${regression}`);
          if (regressions.length > 0) status = 1;
        }
      }
      for (const set of sets) console.log(formatSummaryLine(`${set.name} hybrid (${backend})`, runs.get(set.name)!.figures.get('hybrid')!));
    }
    const [first, second] = [...byBackend.values()];
    if (first && second) for (const set of sets) for (const line of compareBackends(first.get(set.name)!, second.get(set.name)!)) console.log(`${set.name}: ${line}`);
    if (flags.json) {
      const runs = byBackend.get(backends[0]!)!;
      const fractionsOf = (set: EvalSet) => {
        const run = runs.get(set.name)!;
        return {
          questions: set.questions.length,
          minRelevance: run.minRelevance,
          ...Object.fromEntries([...run.figures].map(([mode, figures]) => [mode, toFractions(figures)])),
          counts: Object.fromEntries(run.figures),
          hybridByKind: Object.fromEntries([...run.hybridByKind].map(([kind, figures]) => [kind, toFractions(figures)])),
        };
      };
      const json = { embedding: embedder.model, chunking, ...Object.fromEntries(sets.map((set) => [set.name, fractionsOf(set)])) };
      await writeFile(LAST_RUN_FILE, `${JSON.stringify(json, null, 2)}\n`);
      console.log(`\nwrote ${LAST_RUN_FILE}`);
    }
    return status;
  } finally {
    await embedder.close();
    await rm(devCorpus, { recursive: true, force: true });
    await rm(layoutsDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
