import 'dotenv/config';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createLogger, ENGINE_LIMITS, loadConfig, openEngine, resolveFilter, secretsOf, type AnswerOptions } from '../index.js';
import { exitWithMessage, UsageError } from './exit.js';
import { formatAnswerText, formatFilterMismatch, formatSourceLine, toAnswerJson } from './format-answer.js';

/** `npm run ask`: the best quotes for one question (or a stream of questions) in the terminal. */

// ESM evaluates every import before this line: the time since the process started is startup and imports.
const importsDoneMs = performance.now();

const USAGE = `Usage:
  npm run ask -- "question"                 print the best quotes for a person
  npm run ask -- --json "question"          print one JSON object
  npm run ask -- --json < questions.txt     one JSON object per line, one question per line
Options: --author NAME, --document TITLE_OR_FILE, --limit N (1-${ENGINE_LIMITS.maxQuotesPerAnswer}), --sources (list the documents)`;
const USAGE_LINE = 'usage: npm run ask -- [--json] [--author NAME] [--document TITLE] [--limit N] [--sources] "question" (--help for more)';
const SOURCES_HINT = '`npm run ask -- --sources`';

const OPTIONS = {
  json: { type: 'boolean', default: false },
  author: { type: 'string' },
  document: { type: 'string' },
  limit: { type: 'string' },
  sources: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** The command line, or a UsageError naming what is wrong with it (an unknown option, a missing value). */
function readArguments(args: string[]) {
  try {
    return parseArgs({ args, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    const problem = (error as Error).message.split('\n')[0]?.replace(/\. To specify a positional argument.*$/, '.') ?? '';
    throw new UsageError(`${problem}\n${USAGE_LINE}`);
  }
}

function readLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const limit = Number(text);
  const max = ENGINE_LIMITS.maxQuotesPerAnswer;
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a whole number from 1 to ${max}, not "${text}".`);
  if (limit > max) throw new UsageError(`--limit ${limit} is more than the ${max} quotes an answer can hold; use --limit ${max} or less.`);
  return limit;
}

async function main(): Promise<void> {
  const { values, positionals } = readArguments(process.argv.slice(2));
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const question = positionals.join(' ').trim();
  if (positionals.length > 0 && question === '') throw new UsageError(`The question is empty.\n${USAGE_LINE}`);
  if (!question && !values.json && !values.sources) throw new UsageError(USAGE);
  const limit = readLimit(values.limit);

  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, secretsOf(config));
  const opened = await openEngine(config, logger, { buildIfMissing: false });
  const openedMs = performance.now();
  try {
    const articles = opened.engine.listArticles();
    const resolved = resolveFilter(articles, { author: values.author, document: values.document });
    if (!resolved.ok) throw new UsageError(formatFilterMismatch(resolved, `--${resolved.field}`, SOURCES_HINT));
    const options: AnswerOptions = { limit, ...(resolved.filter ? { filter: resolved.filter } : {}) };
    if (values.sources) {
      for (const article of articles) console.log(formatSourceLine(article));
      return;
    }
    if (question) {
      const answer = await opened.engine.answer(question, options);
      console.log(values.json ? JSON.stringify(toAnswerJson(answer)) : formatAnswerText(answer, SOURCES_HINT));
      logger.debug(
        { event: 'timings', importsMs: Math.round(importsDoneMs), openMs: Math.round(openedMs - importsDoneMs), answerMs: Math.round(performance.now() - openedMs) },
        'where the time to the first answer went',
      );
      return;
    }
    // --json without a question: a stream of questions, the model and index loaded once.
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      console.log(JSON.stringify(toAnswerJson(await opened.engine.answer(line, options))));
    }
  } finally {
    await opened.close();
  }
}

main().catch(exitWithMessage);
