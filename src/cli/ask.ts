import 'dotenv/config';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createLogger, ENGINE_LIMITS, loadConfig, openEngine, resolveFilter, type AnswerOptions, type FilterMismatch } from '../index.js';
import { formatAnswerText, formatSourceLine, toAnswerJson } from './format-answer.js';
import { exitWithMessage, UsageError } from './exit.js';

const USAGE = `Usage:
  npm run ask -- "question"                 print the best quotes for a person
  npm run ask -- --json "question"          print one JSON object
  npm run ask -- --json < questions.txt     one JSON object per line, one question per line
Options: --author NAME, --document TITLE_OR_FILE, --limit N, --sources (list the documents)`;

/** What to tell the person whose --author or --document matched nothing, or several. */
function describeMismatch(mismatch: FilterMismatch): string {
  const option = `--${mismatch.field}`;
  const list = mismatch.candidates.map((name) => `  ${name}`).join('\n');
  if (mismatch.problem === 'several') return `${option} "${mismatch.typed}" matches several; be more precise:\n${list}`;
  const nearest = mismatch.candidates.length > 0 ? ` Nearest:\n${list}` : '';
  return `${option} "${mismatch.typed}" matches nothing in the corpus (npm run ask -- --sources lists it).${nearest}`;
}

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
  if (limit !== undefined && !(limit >= 1 && limit <= ENGINE_LIMITS.maxQuotesPerAnswer)) {
    throw new UsageError(`--limit must be a whole number from 1 to ${ENGINE_LIMITS.maxQuotesPerAnswer}.`);
  }

  const config = loadConfig();
  const opened = await openEngine(config, createLogger('warn', [config.DISCORD_TOKEN]), { buildIfMissing: false });
  try {
    const resolved = resolveFilter(opened.engine.listArticles(), { author: values.author, document: values.document });
    if (!resolved.ok) throw new UsageError(describeMismatch(resolved));
    const options: AnswerOptions = { limit, ...(resolved.filter ? { filter: resolved.filter } : {}) };
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
