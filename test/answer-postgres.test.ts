import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import type { Answer, Quote, QuoteEngine } from '../src/domain.js';
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
import { openRealEngine, PROJECT_ROOT, realConfig, SEED_CORPUS, type RealEngine } from './support/real-index.js';

/**
 * The same answers from either store: the labelled questions (the evaluation's and the
 * cross-language ones) asked of the real engine over the seed corpus, once with the embedded
 * store and once with PostgreSQL (built from the corpus through DATABASE_URL, as `npm start` does).
 */

async function labelledQuestions(): Promise<EvalQuestion[]> {
  const files = ['eval/questions.json', 'eval/crosslanguage-questions.json'];
  const lists = await Promise.all(files.map(async (file) => EvalQuestionsSchema.parse(JSON.parse(await readFile(path.join(PROJECT_ROOT, file), 'utf8')))));
  return lists.flat();
}

async function answerAll(engine: QuoteEngine, questions: readonly EvalQuestion[]): Promise<Map<string, Answer>> {
  const answers = new Map<string, Answer>();
  for (const question of questions) answers.set(question.id, await engine.answer(question.question));
  return answers;
}

describe('the PostgreSQL store answers as the embedded store does', { skip: POSTGRES_SKIP }, () => {
  let server: TestServer;
  let embedded: RealEngine;
  let postgres: OpenedEngine;

  before(async () => {
    server = await openTestServer();
    embedded = await openRealEngine();
    const config = realConfig({ DATABASE_URL: await server.newDatabase() });
    postgres = await openEngine(config, pino({ level: 'silent' }), { buildIfMissing: true });
  });
  after(async () => {
    await postgres?.close();
    await embedded?.close();
    await server?.close();
  });

  test('the first quote comes from the same article for at least 95% of the labelled questions, and the figures differ by at most 0.03', async (t) => {
    const questions = await labelledQuestions();
    assert.ok(questions.length >= 90);
    const [fromFiles, fromPostgres] = [await answerAll(embedded.opened.engine, questions), await answerAll(postgres.engine, questions)];
    const share = sameFirstArticleShare(fromFiles, fromPostgres);
    assert.ok(share >= 0.95, `same first article for ${(share * 100).toFixed(1)}% of ${questions.length} questions`);

    // Quotes from either store must be verbatim in the corpus files as the embedded store read them.
    const articles = embedded.opened.engine.index.articles;
    const rawFiles = new Map<string, string>();
    for (const { source } of articles.values()) rawFiles.set(source, await readFile(path.join(SEED_CORPUS, source), 'utf8'));
    const verbatim = (quote: Quote) => isVerbatimQuote(quote, articles.get(quote.articleId), rawFiles.get(quote.source));
    const figures = (answers: Map<string, Answer>) =>
      summarizeOutcomes(questions.map((question) => judgeAnswer(question, answers.get(question.id)!, verbatim)));
    assert.equal(fractionOf(figures(fromPostgres).verbatim), 1, 'every PostgreSQL quote is verbatim');
    const difference = largestFigureDifference(figures(fromFiles), figures(fromPostgres));
    t.diagnostic(`same first article: ${(share * 100).toFixed(1)}% of ${questions.length}; largest figure difference ${difference.toFixed(3)}`);
    assert.ok(difference <= 0.03, `largest figure difference ${difference.toFixed(3)}`);
  });
});
