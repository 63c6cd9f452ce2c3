import 'dotenv/config';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { MAX_QUOTES_PER_ANSWER } from '../answer/engine.js';
import { loadConfig } from '../config/config.js';
import type { AnswerOptions } from '../domain.js';
import { createLogger } from '../log.js';
import { openEngine } from '../open-engine.js';
import { formatAnswerText, formatSourceLine, toAnswerJson } from './format-answer.js';
import { exitWithMessage, UsageError } from './exit.js';

const USAGE = `Usage:
  npm run ask -- "question"                 print the best quotes for a person
  npm run ask -- --json "question"          print one JSON object
  npm run ask -- --json < questions.txt     one JSON object per line, one question per line
Options: --author NAME, --document TITLE_OR_FILE, --limit N, --sources (list the documents)`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      author: { type: 'string' },
      document: { type: 'string' },
      limit: { type: 'string' },
      sources: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const question = positionals.join(' ');
  if (!question && !values.json && !values.sources) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const limit = values.limit === undefined ? undefined : Number.parseInt(values.limit, 10);
  if (limit !== undefined && !(limit >= 1 && limit <= MAX_QUOTES_PER_ANSWER)) {
    throw new UsageError(`--limit must be a whole number from 1 to ${MAX_QUOTES_PER_ANSWER}.`);
  }
  const options: AnswerOptions = { limit, filter: { author: values.author, document: values.document } };

  const config = loadConfig();
  const opened = await openEngine(config, createLogger('warn', [config.DISCORD_TOKEN]), { buildIfMissing: false });
  try {
    if (values.sources) {
      for (const article of opened.engine.listArticles()) console.log(formatSourceLine(article));
      return;
    }
    if (question) {
      const answer = await opened.engine.answer(question, options);
      console.log(values.json ? JSON.stringify(toAnswerJson(answer)) : formatAnswerText(answer));
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
