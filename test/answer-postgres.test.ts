import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { copyDevSetDocuments, DEV_SET_DIR } from '../eval/dev-set.js';
import { readDevQuestions } from '../eval/dev-questions.js';
import { loadConfig } from '../src/config/config.js';
import type { SwappableEngine } from '../src/answer/engine.js';
import type { Answer, Article, Quote, QuoteEngine } from '../src/domain.js';
import {
  EvalQuestionsSchema,
  fractionOf,
  isVerbatimQuote,
  judgeAnswer,
  largestFigureDifference,
  sameFirstArticleShare,
  summarizeOutcomes,
  type EvalQuestion,
} from '../eval/evaluate.js';
import { openEngine, type OpenedEngine } from '../src/open-engine.js';
import { POSTGRES_SKIP, openTestServer, type TestServer } from './support/postgres.js';
import { openRealEngine, PROJECT_ROOT, realConfig, SEED_CORPUS } from './support/real-index.js';

const silent = pino({ level: 'silent' });

/**
 * The same answers from either store: the labelled questions asked of the real engine, once with
 * the embedded store and once with PostgreSQL (built from the corpus through DATABASE_URL, as
 * `npm start` does), on the seed corpus (the evaluation's and the cross-language questions) and
 * on the real-document dev set.
 */

async function labelledQuestions(): Promise<EvalQuestion[]> {
  const files = ['eval/questions.json', 'eval/crosslanguage-questions.json'];
  const lists = await Promise.all(files.map(async (file) => EvalQuestionsSchema.parse(JSON.parse(await readFile(path.join(PROJECT_ROOT, file), 'utf8')))));
  return lists.flat();
}

async function answerAll(engine: QuoteEngine, questions: readonly EvalQuestion[]): Promise<Map<string, Answer>> {
  const answers = new Map<string, Answer>();
  for (const question of questions) answers.set(question.id, await engine.answer(question.question, { limit: 3 }));
  return answers;
}

/** Files holding one article: the evaluation credits a quote from such a file to the article by file name too. */
function oneArticleFiles(articles: Iterable<Article>): Set<string> {
  const perFile = new Map<string, number>();
  for (const { source } of articles) perFile.set(source, (perFile.get(source) ?? 0) + 1);
  return new Set([...perFile].filter(([, count]) => count === 1).map(([source]) => source));
}

/**
 * Asks both engines every question and checks they agree as issue 13 asks: the first quote from
 * the same article for at least 95% of the questions, every figure of the evaluation within 0.03,
 * and every PostgreSQL quote verbatim (`rawFileOf`: the text an article's quotes must be found in).
 */
async function assertSameAnswers(
  t: TestContext,
  questions: readonly EvalQuestion[],
  engines: { embedded: SwappableEngine; postgres: QuoteEngine },
  rawFileOf: (article: Article) => Promise<string>,
): Promise<void> {
  const [fromFiles, fromPostgres] = [await answerAll(engines.embedded, questions), await answerAll(engines.postgres, questions)];
  const share = sameFirstArticleShare(fromFiles, fromPostgres);

  const articles = engines.embedded.index.articles;
  // By article: the articles of one markup file (a devlog page of posts) each have their own rendered text.
  const rawTexts = new Map<string, string>();
  for (const article of articles.values()) rawTexts.set(article.id, await rawFileOf(article));
  const verbatim = (quote: Quote) => isVerbatimQuote(quote, articles.get(quote.articleId), rawTexts.get(quote.articleId));
  const single = oneArticleFiles(articles.values());
  const figures = (answers: Map<string, Answer>) =>
    summarizeOutcomes(questions.map((question) => judgeAnswer(question, answers.get(question.id)!, verbatim, single)));
  const difference = largestFigureDifference(figures(fromFiles), figures(fromPostgres));
  t.diagnostic(`same first article: ${(share * 100).toFixed(1)}% of ${questions.length}; largest figure difference ${difference.toFixed(3)}`);
  assert.ok(share >= 0.95, `same first article for ${(share * 100).toFixed(1)}% of ${questions.length} questions`);
  assert.equal(fractionOf(figures(fromPostgres).verbatim), 1, 'every PostgreSQL quote is verbatim');
  assert.ok(difference <= 0.03, `largest figure difference ${difference.toFixed(3)}`);
}

describe('the PostgreSQL store answers as the embedded store does', { skip: POSTGRES_SKIP }, () => {
  let server: TestServer;
  before(async () => {
    server = await openTestServer();
  });
  after(async () => {
    await server?.close();
  });

  test('on the seeds: the first quote comes from the same article for at least 95% of the labelled questions, and the figures differ by at most 0.03', async (t) => {
    const questions = await labelledQuestions();
    assert.ok(questions.length >= 90);
    const embedded = await openRealEngine();
    const postgres = await openEngine(realConfig({ DATABASE_URL: await server.newDatabase() }), silent, { buildIfMissing: true }).catch(async (error) => {
      await embedded.close();
      throw error;
    });
    try {
      // Quotes must be verbatim in the corpus files as the embedded store read them.
      await assertSameAnswers(t, questions, { embedded: embedded.opened.engine, postgres: postgres.engine }, ({ source }) =>
        readFile(path.join(SEED_CORPUS, source), 'utf8'),
      );
    } finally {
      await Promise.all([postgres.close(), embedded.close()]);
    }
  });

  test('on the real-document dev set (test/fixtures/real): the same agreement', async (t) => {
    const dev = readDevQuestions(
      JSON.parse(await readFile(path.join(DEV_SET_DIR, 'questions.json'), 'utf8')),
      JSON.parse(await readFile(path.join(DEV_SET_DIR, 'expected.json'), 'utf8')),
    );
    assert.ok(dev.questions.length >= 100);
    // Only the documents: the folder also holds its notes (SOURCES.md) and labels.
    const root = await mkdtemp(path.join(tmpdir(), 'quotebot-devset-backends-'));
    const corpus = path.join(root, 'corpus');
    await mkdir(corpus);
    await copyDevSetDocuments(dev.documents, corpus);
    const opened: OpenedEngine[] = [];
    try {
      const open = (env: Record<string, string>) =>
        openEngine(loadConfig({ CORPUS_DIR: corpus, LOG_LEVEL: 'silent', ...env }), silent, { buildIfMissing: true }).then((engine) => {
          opened.push(engine);
          return engine;
        });
      const embedded = await open({ INDEX_DIR: path.join(root, 'index') });
      const postgres = await open({ DATABASE_URL: await server.newDatabase() });
      // Markup is checked against its rendered text (as `npm run eval` does), plain text against the file.
      await assertSameAnswers(t, dev.questions, { embedded: embedded.engine, postgres: postgres.engine }, async (article) =>
        /\.txt$/i.test(article.source) ? readFile(path.join(corpus, article.source), 'utf8') : article.text,
      );
    } finally {
      await Promise.all(opened.map((engine) => engine.close()));
      await rm(root, { recursive: true, force: true });
    }
  });
});
