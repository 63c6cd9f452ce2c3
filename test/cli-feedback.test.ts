import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openSqliteState } from '../src/state/sqlite-store.js';

const run = promisify(execFile);

test('npm run feedback -- --export FILE writes one JSON line per vote; without it, the summary', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'quotebot-feedback-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const state = openSqliteState({ dir, answerTtlMs: 60_000 });
  const quotes = [{ articleId: 'a.txt#0', source: 'a.txt', title: 'On Bridges', start: 0, end: 5, text: 'Arche' }];
  await state.recordVote({ answerId: 'x1', userHash: state.hashUser('1'), vote: 'down', question: 'Why do bridges stand?', filter: undefined, quotes, at: Date.now() - 1000 });
  await state.recordVote({ answerId: 'x2', userHash: state.hashUser('1'), vote: 'up', question: 'Rivers?', filter: { author: 'Jane Doe' }, quotes, at: Date.now() });
  await state.logQuestion({ at: Date.now(), kind: 'ask', answered: true, quotes });
  await state.close();

  const env = { ...process.env, STATE_DIR: dir, DISCORD_TOKEN: '' };
  const file = join(dir, 'votes.jsonl');
  const exported = await run(process.execPath, ['--import', 'tsx', 'src/cli/feedback.ts', '--export', file], { env });
  assert.match(exported.stderr, /wrote 2 votes/);
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(
    lines.map((line) => [line.answerId, line.vote, line.question]),
    [
      ['x1', 'down', 'Why do bridges stand?'],
      ['x2', 'up', 'Rivers?'],
    ],
  );
  assert.deepEqual(lines[0].quotes, quotes);
  assert.doesNotMatch(readFileSync(file, 'utf8'), /"1"/, 'user ids only hashed');

  const summary = await run(process.execPath, ['--import', 'tsx', 'src/cli/feedback.ts'], { env });
  assert.match(summary.stdout, /1 questions since/);
  assert.match(summary.stdout, /👍 1 \(50%\) · 👎 1 \(50%\)/);
  assert.match(summary.stdout, /“Why do bridges stand\?” \(quoted: On Bridges\)/);
});
