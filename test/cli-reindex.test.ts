import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { reindexWithAudit } from '../src/cli/audited-reindex.js';
import { loadConfig, type Config } from '../src/config/config.js';
import type { AuditEntry, AuditLog } from '../src/state/audit-log.js';
import { openSqliteState } from '../src/state/sqlite-store.js';
import { auditLogOf } from '../src/state/state-store.js';
import { FakeEmbedder } from './support/fake-embedder.js';
import { PROJECT_ROOT } from './support/real-index.js';

/**
 * `npm run reindex` writes to the same audit log as `/reindex`: who ran it (the operating-system
 * user, via the command line), when, and what changed or why it failed; without a log, no rebuild.
 */

const made: string[] = [];
after(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

function article(n: number): string {
  return `Report number ${n} on the river\n\nBy Writer ${n}\n\n${n} March 2020\n\nThe river rose ${n} metres near town ${n}, residents said. Boats ${n} were moored.\n`;
}

async function setup(count: number): Promise<{ config: Config; corpus: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'quotebot-cli-reindex-'));
  made.push(root);
  const corpus = path.join(root, 'corpus');
  await mkdir(corpus);
  await Promise.all(Array.from({ length: count }, (_, n) => writeFile(path.join(corpus, `report-${n}.txt`), article(n))));
  const config = loadConfig({ CORPUS_DIR: corpus, INDEX_DIR: path.join(root, 'index'), STATE_DIR: path.join(root, 'state'), LOG_LEVEL: 'silent' });
  return { config, corpus };
}

const me = os.userInfo().username;

describe('npm run reindex in the audit log', () => {
  test('a rebuild is recorded as started, then done with what changed, by the OS user via the command line', async () => {
    const { config, corpus } = await setup(3);
    const state = openSqliteState({ dir: config.STATE_DIR, answerTtlMs: 3_600_000 });
    const warnings: string[] = [];
    try {
      const audit = auditLogOf(state);
      await reindexWithAudit(config, new FakeEmbedder(), { audit, allowShrink: false, warn: (line) => warnings.push(line) });
      await writeFile(path.join(corpus, 'report-3.txt'), article(3));
      await reindexWithAudit(config, new FakeEmbedder(), { audit, allowShrink: false, warn: (line) => warnings.push(line) });

      const entries = await audit.list();
      assert.deepEqual(entries.map((entry) => entry.detail.outcome), ['started', 'done', 'started', 'done']);
      for (const entry of entries) {
        assert.deepEqual(entry.who, { userId: 'cli', name: me });
        assert.deepEqual(entry.where, { guildId: null, channelId: null, via: 'cli' });
        assert.equal(entry.action, 'reindex');
        assert.ok(Math.abs(Date.parse(entry.when) - Date.now()) < 60_000);
      }
      const last = entries[3]!.detail;
      assert.equal(last.articles, 4);
      assert.deepEqual((last.changes as { added: string[] }).added, ['report-3.txt']);
      assert.deepEqual(warnings, []);
    } finally {
      await state.close();
    }
  });

  test('a refused rebuild (it would empty the index) is recorded as failed, with why', async () => {
    const { config, corpus } = await setup(2);
    const state = openSqliteState({ dir: config.STATE_DIR, answerTtlMs: 3_600_000 });
    try {
      const audit = auditLogOf(state);
      await reindexWithAudit(config, new FakeEmbedder(), { audit, allowShrink: false, warn: () => undefined });
      await Promise.all([0, 1].map((n) => rm(path.join(corpus, `report-${n}.txt`))));
      await assert.rejects(reindexWithAudit(config, new FakeEmbedder(), { audit, allowShrink: false, warn: () => undefined }));
      const last = (await audit.list()).at(-1)!;
      assert.equal(last.detail.outcome, 'failed');
      assert.match(String(last.detail.reason), /allow-shrink/);

      await reindexWithAudit(config, new FakeEmbedder(), { audit, allowShrink: true, warn: () => undefined }).catch(() => undefined);
      assert.equal((await audit.list()).at(-2)!.detail.allowShrink, true, 'a forced rebuild says it was forced');
    } finally {
      await state.close();
    }
  });

  test('when the audit log cannot be written, nothing is rebuilt and the message says why', async () => {
    const { config } = await setup(2);
    const broken: AuditLog = {
      record: async (_entry: AuditEntry) => {
        throw new Error('disk full');
      },
      list: async () => [],
    };
    await assert.rejects(reindexWithAudit(config, new FakeEmbedder(), { audit: broken, allowShrink: false, warn: () => undefined }), /audit log .*disk full.*nothing was rebuilt/);
    await assert.rejects(readdir(config.INDEX_DIR), { code: 'ENOENT' });
  });

  test('the command itself writes the entries to STATE_DIR (the real model, one worker)', async () => {
    const { config } = await setup(1);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('src', 'cli', 'reindex.ts')], {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        CORPUS_DIR: config.CORPUS_DIR,
        INDEX_DIR: config.INDEX_DIR,
        STATE_DIR: config.STATE_DIR,
        EMBED_WORKERS: '1',
        LOG_LEVEL: 'silent',
        DATABASE_URL: '',
        EMBEDDINGS_PROVIDER: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const [code] = await once(child, 'exit');
    assert.equal(code, 0, output);
    const state = openSqliteState({ dir: config.STATE_DIR, answerTtlMs: 3_600_000 });
    try {
      const entries = await auditLogOf(state).list();
      assert.deepEqual(entries.map((entry) => [entry.who.name, entry.where.via, entry.action, entry.detail.outcome]), [
        [me, 'cli', 'reindex', 'started'],
        [me, 'cli', 'reindex', 'done'],
      ]);
      assert.equal(entries[1]!.detail.articles, 1);
    } finally {
      await state.close();
    }
  });
});
