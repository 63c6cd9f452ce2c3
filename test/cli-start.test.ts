import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { quotesOf } from './support/bot-messages.js';
import { startFakeDiscord, type FakeDiscord } from './support/fake-discord.js';
import { makeFullDisk } from './support/full-disk.js';
import { copySeedIndex } from './support/real-index.js';
import { runStart, spawnStart, type StartResult } from './support/run-start.js';

/**
 * `npm start` as a person runs it: a mistake in the setup ends the process with one message that
 * says what to fix, never a stack trace, and the token never shows up in its output.
 */

let root: string;
let indexDir: string;
before(async () => {
  ({ root, indexDir } = await copySeedIndex());
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

const STACK_LINE = /^\s+at /m;

/** Exactly one error message, prefixed `quotebot:`, and no stack. */
function assertOneClearError(result: StartResult, pattern: RegExp): void {
  assert.equal(result.code, 1, `exit code; stderr:\n${result.stderr}`);
  assert.doesNotMatch(result.stderr, STACK_LINE, `a stack trace was printed:\n${result.stderr}`);
  assert.equal(result.stderr.match(/^quotebot: /gm)?.length, 1, `expected one error message:\n${result.stderr}`);
  assert.doesNotMatch(result.stderr, /unexpected error/);
  assert.match(result.stderr, pattern);
}

describe('npm start with a bad setup', () => {
  test('no token: a terminal chat starts, says how to add a token, and ends cleanly when stdin closes', async () => {
    const result = await runStart({ INDEX_DIR: indexDir });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /No DISCORD_TOKEN is set.*Put the token in \.env as DISCORD_TOKEN=/s);
    assert.match(result.stdout, /Ask a question about the \d+ indexed articles/);
    assert.doesNotMatch(result.stderr, STACK_LINE);
  });

  test('an invalid token: Discord rejects it and start exits with one clear message, without the token', async () => {
    const fake = await startFakeDiscord();
    const wrong = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.invalid.start-token-that-must-not-leak';
    try {
      const result = await runStart({ INDEX_DIR: indexDir, DISCORD_TOKEN: wrong, DISCORD_API_URL: fake.apiUrl });
      assertOneClearError(result, /^quotebot: Discord rejected DISCORD_TOKEN: .*Reset Token.*\.env/m);
      assert.ok(!`${result.stdout}${result.stderr}`.includes(wrong), 'the token was printed');
    } finally {
      await fake.close();
    }
  });

  test('a corpus folder that does not exist (and no index yet): one message naming CORPUS_DIR', async () => {
    const result = await runStart({ INDEX_DIR: path.join(root, 'empty-index'), CORPUS_DIR: path.join(root, 'no-such-corpus') });
    assertOneClearError(result, /^quotebot: Corpus folder .*no-such-corpus cannot be read \(it does not exist\); set CORPUS_DIR/m);
  });

  test('a corpus path that is a file, not a folder: one message naming CORPUS_DIR', async () => {
    const file = path.join(root, 'corpus-is-a-file.txt');
    await writeFile(file, 'not a folder');
    const result = await runStart({ INDEX_DIR: path.join(root, 'empty-index-2'), CORPUS_DIR: file });
    assertOneClearError(result, /^quotebot: Corpus path .* is not a folder; set CORPUS_DIR/m);
  });

  test('an empty corpus folder (and no index yet): one message saying there is nothing to index, not a bot with nothing to say', async () => {
    const corpus = path.join(root, 'empty-corpus');
    await mkdir(corpus, { recursive: true });
    await writeFile(path.join(corpus, 'unreadable.txt'), Buffer.from([0x00, 0xff, 0x00]));
    const result = await runStart({ INDEX_DIR: path.join(root, 'empty-index-3'), CORPUS_DIR: corpus });
    assertOneClearError(result, /^quotebot: The corpus folder \(CORPUS_DIR\) has no articles to index \(1 file was skipped: unreadable\.txt: .*\); add articles \(\.txt, \.md, \.html, \.mhtml, \.pdf\)/m);
    assert.doesNotMatch(result.stdout, /Ask a question/);
  });

  test('a full disk during the first build: one message saying so, no stack trace', async (t) => {
    const disk = await makeFullDisk(path.join(root, 'tiny-disk'), 16 * 1024);
    if (disk.kind !== 'tmpfs') {
      await disk.release();
      t.skip('needs a real small disk: mounting a tmpfs needs root');
      return;
    }
    try {
      const corpus = path.join(root, 'one-article');
      await mkdir(corpus, { recursive: true });
      const sentences = Array.from({ length: 40 }, (_, n) => `The river rose ${n} metres near the old mill number ${n}.`).join(' ');
      await writeFile(path.join(corpus, 'river.txt'), `The River\n\nBy Jane Roe\n\n5 March 2020\n\n${sentences}\n`);
      const result = await runStart({ INDEX_DIR: disk.dir, CORPUS_DIR: corpus });
      assertOneClearError(result, /^quotebot: The index could not be written to .*: the disk is full \(ENOSPC\)/m);
    } finally {
      await disk.release();
    }
  });

  test('invalid configuration: every bad variable is named, its value is not echoed', async () => {
    const result = await runStart({ INDEX_DIR: indexDir, RATE_LIMIT_PER_MINUTE: 'lots', DISCORD_APPLICATION_ID: 'my-secret-app', LOG_LEVEL: 'loud' });
    assertOneClearError(result, /^quotebot: Invalid configuration/m);
    for (const name of ['RATE_LIMIT_PER_MINUTE', 'DISCORD_APPLICATION_ID', 'LOG_LEVEL']) assert.match(result.stderr, new RegExp(`- ${name}: `));
    assert.doesNotMatch(result.stderr, /my-secret-app/);
  });

  test('a damaged index: one message saying to run npm run reindex', async () => {
    const { root: damagedRoot, indexDir: damaged } = await copySeedIndex();
    try {
      const current = (await readFile(path.join(damaged, 'current'), 'utf8')).trim();
      await truncate(path.join(damaged, 'generations', current, 'docstore.json'), 100);
      const result = await runStart({ INDEX_DIR: damaged });
      assertOneClearError(result, /^quotebot: The index at .* is damaged \(docstore\.json is truncated or altered\); run `npm run reindex`/m);
    } finally {
      await rm(damagedRoot, { recursive: true, force: true });
    }
  });
});

describe('npm start as a bot', () => {
  let fake: FakeDiscord;
  before(async () => {
    fake = await startFakeDiscord();
  });
  after(async () => {
    await fake.close();
  });

  test('answers over the fake Discord, then stops cleanly on SIGTERM', async () => {
    const bot = spawnStart({ INDEX_DIR: indexDir, DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl });
    try {
      await bot.waitForOutput('quotebot is online');
      const ask = await fake.sendSlashCommand('ask', { question: 'How many civilians died in Raqqa?' });
      const edit = await fake.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith(`/${ask.token}/messages/@original`), 60_000);
      assert.ok(quotesOf(edit.body).length > 0, JSON.stringify(edit.body));
      bot.child.kill('SIGTERM');
      const result = await bot.exited;
      assert.equal(result.code, 0, result.stderr);
      assert.ok(!`${result.stdout}${result.stderr}`.includes(fake.token), 'the token was printed or logged');
    } finally {
      bot.child.kill('SIGKILL');
    }
  });

  test('Discord closing the connection for good (4004) ends the process with one clear message', async () => {
    const bot = spawnStart({ INDEX_DIR: indexDir, DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl });
    try {
      await bot.waitForOutput('quotebot is online');
      fake.closeGateway(4004, 'Authentication failed.');
      const result = await bot.exited;
      assertOneClearError(result, /^quotebot: Discord closed the connection because DISCORD_TOKEN is no longer valid/m);
      assert.ok(!`${result.stdout}${result.stderr}`.includes(fake.token));
    } finally {
      bot.child.kill('SIGKILL');
    }
  });
});
