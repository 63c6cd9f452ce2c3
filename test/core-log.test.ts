import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

// pino writes to stderr from the process; run the logger in a child to capture exactly what it prints.
const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.secret-token-value-0123456789';

test('the Discord token never appears in a log line, even inside an error message', () => {
  const script = `
    import { createLogger } from './src/log.ts';
    const logger = createLogger('info', [process.env.TOKEN]);
    logger.info({ token: process.env.TOKEN }, 'by key');
    logger.error({ err: new Error('login failed with ' + process.env.TOKEN) }, 'in an error');
    logger.info('in the message ' + process.env.TOKEN);
  `;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, TOKEN },
    encoding: 'utf8',
  });
  assert.equal(result.status, 0);
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 3);
  assert.ok(!result.stderr.includes(TOKEN), 'token leaked into the log');
  assert.ok(!result.stderr.includes("secret-token-value"), 'part of the token leaked');
  for (const line of lines) assert.match(line, /\[redacted\]/);
});

test('on a terminal a log line is for reading: time, level, message and fields, still without the token', () => {
  const script = `
    import { createLogger } from './src/log.ts';
    const logger = createLogger('info', [process.env.TOKEN], true);
    logger.debug('hidden below the level');
    logger.warn({ event: 'reply_failed', command: 'ask' }, 'could not tell the user');
    logger.error({ err: new Error('login failed with ' + process.env.TOKEN) }, 'in an error');
  `;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, TOKEN },
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 2, result.stderr);
  assert.match(lines[0]!, /^\d\d:\d\d:\d\d warn could not tell the user \(event=reply_failed, command=ask\)$/);
  assert.match(lines[1]!, /^\d\d:\d\d:\d\d error in an error: login failed with \[redacted\]$/);
  assert.ok(!result.stderr.includes(TOKEN) && !result.stderr.includes('{'), result.stderr);
});
