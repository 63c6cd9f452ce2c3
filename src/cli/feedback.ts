import 'dotenv/config';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { createLogger, describeStats, loadConfig, openStateStore, secretsOf, voteToJsonLine, type StateStore } from '../index.js';
import { exitWithMessage, UsageError } from './exit.js';

const USAGE = `Usage:
  npm run feedback                       the /stats summary of the last 30 days (--days N)
  npm run feedback -- --export FILE      every 👍/👎 vote as JSON Lines (FILE "-" = standard output)`;

const DAY_MS = 86_400_000;

async function exportVotes(state: StateStore, file: string): Promise<number> {
  const out = file === '-' ? process.stdout : createWriteStream(file);
  let count = 0;
  for await (const vote of state.exportVotes()) {
    if (!out.write(`${voteToJsonLine(vote)}\n`)) await once(out, 'drain');
    count += 1;
  }
  if (out !== process.stdout) {
    out.end();
    await once(out, 'finish');
  }
  return count;
}

async function printSummary(state: StateStore, days: number): Promise<void> {
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const sections = describeStats(await state.stats({ since: today - (days - 1) * DAY_MS, topDocuments: 10, latestDown: 10 }));
  const blocks: [string, string[]][] = [
    ['Questions', sections.questions],
    ['Feedback', sections.votes],
    ['Most quoted documents', sections.topDocuments],
    ['Latest 👎', sections.latestDown],
  ];
  for (const [title, lines] of blocks) console.log(`${title}\n${lines.map((line) => `  ${line}`).join('\n')}\n`);
}

/** `npm run feedback`: what users thought of the answers, read from the state store (STATE_DIR, or DATABASE_URL). */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      export: { type: 'string' },
      days: { type: 'string', default: '30' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1) throw new UsageError(`--days must be a whole number of days (1 or more).\n${USAGE}`);
  const config = loadConfig();
  const state = await openStateStore(config, createLogger(config.LOG_LEVEL, secretsOf(config)));
  try {
    if (values.export === undefined) {
      await printSummary(state, days);
    } else {
      const count = await exportVotes(state, values.export);
      if (values.export !== '-') console.error(`wrote ${count} votes to ${values.export}`);
    }
  } finally {
    await state.close();
  }
}

main().catch(exitWithMessage);
