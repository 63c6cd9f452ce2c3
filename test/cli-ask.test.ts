import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { copySeedIndex, PROJECT_ROOT, SEED_CORPUS } from './support/real-index.js';

/**
 * `npm run ask` as a person meets it: the compiled command (dist/cli/ask.js, built here when
 * missing or stale, as `npm run ask` does), run from a folder without a .env.
 */

const ASK = path.join(PROJECT_ROOT, 'dist', 'cli', 'ask.js');
const STACK_LINE = /^\s+at .+\(.+:\d+:\d+\)$/m;

function ask(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [ASK, ...args], {
    cwd: tmpdir(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CORPUS_DIR: SEED_CORPUS, EMBED_WORKERS: '1', LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function assertUsageError(result: ReturnType<typeof ask>, pattern: RegExp): void {
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, pattern);
  assert.equal(result.stderr.match(/^quotebot: /gm)?.length, 1, result.stderr);
  assert.doesNotMatch(result.stderr, STACK_LINE);
}

before(() => {
  const build = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'build.mjs')], { encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
});

describe('npm run ask: mistakes in the command line', () => {
  test('an unknown option gets one line saying so and the usage, exit 2', () => {
    const result = ask(['--autor', 'Beeley', 'oil']);
    assertUsageError(result, /^quotebot: Unknown option '--autor'\.\nusage: npm run ask -- /);
    assert.equal(result.stderr.trim().split('\n').length, 2);
  });

  test('an option without its value is a usage error too', () => {
    assertUsageError(ask(['oil', '--author']), /--author <value>' argument missing/);
  });

  test('an empty question is an error, with --json as without', () => {
    assertUsageError(ask(['--json', '']), /The question is empty/);
    assertUsageError(ask(['  ']), /The question is empty/);
  });

  test('--limit beyond the maximum says what the maximum is; a limit that is not a whole number is refused', () => {
    assertUsageError(ask(['--limit', '99', 'oil']), /--limit 99 is more than the 25 quotes an answer can hold/);
    assertUsageError(ask(['--limit', '2x', 'oil']), /--limit must be a whole number from 1 to 25, not "2x"/);
    assertUsageError(ask(['--limit', '0', 'oil']), /--limit must be a whole number/);
  });
});

describe('npm run ask on the seed corpus', () => {
  let root = '';
  let indexDir = '';
  before(async () => {
    ({ root, indexDir } = await copySeedIndex());
  });
  after(() => rm(root, { recursive: true, force: true }));

  test('answers with verbatim quotes naming the author; --json gives one JSON object', () => {
    const result = ask(['--json', '--author', 'beeley', 'What did the Washington Post publish about the CIA?'], { INDEX_DIR: indexDir });
    assert.equal(result.code, 0, result.stderr);
    const answer = JSON.parse(result.stdout) as { answered: boolean; quotes: { author: string | null; source: string }[] };
    assert.equal(answer.answered, true);
    assert.ok(answer.quotes.length > 0);
    for (const quote of answer.quotes) assert.deepEqual([quote.author, quote.source], ['Vanessa Beeley', '004_9b0ea1f1e716e2f5.txt']);
  });

  test('an author or document that is not in the corpus is named with the nearest ones, exit 2', () => {
    assertUsageError(ask(['--author', 'Vanesa Beely', 'oil'], { INDEX_DIR: indexDir }), /--author "Vanesa Beely": No article by Vanesa Beely here\. The nearest:\n {2}Vanessa Beeley/);
    assertUsageError(ask(['--document', 'Preassure Mounts', 'oil'], { INDEX_DIR: indexDir }), /--document "Preassure Mounts": No article titled “Preassure Mounts” here.*\n {2}Pressure Mounts against US Occupation of Northeast Syria — Vanessa Beeley/s);
  });
});
