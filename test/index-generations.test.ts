import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../src/config/config.js';
import { loadIndex } from '../src/index/load.js';
import { expectedIndex, reindexCorpus } from '../src/open-engine.js';
import { FakeEmbedder } from './support/fake-embedder.js';
import { PROJECT_ROOT } from './support/real-index.js';

/**
 * One index folder, several writers and readers: a reindex in another process (the bot's /reindex
 * while an operator runs `npm run reindex`), processes killed mid-build, processes still serving an
 * older generation, and corpora that were emptied or broke. The index in use must always be
 * loadable, and a good index is never replaced by an empty or much smaller one unless forced.
 */

const made: string[] = [];
after(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

function article(n: number): string {
  return `Report number ${n} on the river\n\nBy Writer ${n}\n\n${n} March 2020\n\nThe river rose ${n} metres near town ${n}, residents said. Boats ${n} were moored.\n`;
}

/** A corpus of `count` articles and an index folder beside it, with the config that names them. */
async function setup(count: number): Promise<{ root: string; config: Config; corpus: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'quotebot-generations-'));
  made.push(root);
  const corpus = path.join(root, 'corpus');
  await mkdir(corpus);
  await Promise.all(Array.from({ length: count }, (_, n) => writeFile(path.join(corpus, `report-${n}.txt`), article(n))));
  const config = loadConfig({ CORPUS_DIR: corpus, INDEX_DIR: path.join(root, 'index'), LOG_LEVEL: 'silent' });
  return { root, config, corpus };
}

async function generationsOn(config: Config): Promise<string[]> {
  return (await readdir(path.join(config.INDEX_DIR, 'generations'))).filter((name) => !name.endsWith('.partial')).sort();
}

async function currentName(config: Config): Promise<string> {
  return (await readFile(path.join(config.INDEX_DIR, 'current'), 'utf8')).trim();
}

const load = (config: Config, options?: Parameters<typeof loadIndex>[2]) => loadIndex(config.INDEX_DIR, expectedIndex(config, new FakeEmbedder()), options);

/** Starts test/support/index-process.ts in MODE on the same folders; resolves once it printed `ready`. */
async function otherProcess(config: Config, mode: 'build' | 'serve', ready: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('test', 'support', 'index-process.ts'), mode], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', CORPUS_DIR: config.CORPUS_DIR, INDEX_DIR: config.INDEX_DIR },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (output.includes(ready)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the other process exited (${code}) before printing ${ready}: ${output}`)));
  });
  return child;
}

function deadPid(): number {
  // A process that has exited: its pid is free (reuse within the test is vanishingly unlikely).
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('one reindex at a time, across processes', () => {
  test('a reindex while another process is mid-build is refused with a clear message; both leave a loadable index', async () => {
    const { config, corpus } = await setup(4);
    await reindexCorpus(config, new FakeEmbedder());
    await writeFile(path.join(corpus, 'report-4.txt'), article(4));
    const other = await otherProcess(config, 'build', 'embedding');
    try {
      await assert.rejects(reindexCorpus(config, new FakeEmbedder()), (error: Error) => {
        assert.match(error.message, /another reindex .*is running/i);
        assert.match(error.message, new RegExp(`process ${other.pid}`));
        return true;
      });
      other.stdin!.write('go\n');
      const [code] = await once(other, 'exit');
      assert.equal(code, 0);
    } finally {
      other.kill('SIGKILL');
    }
    await reindexCorpus(config, new FakeEmbedder());
    const index = await load(config);
    assert.equal(index.articles.size, 5);
  });

  test('the lock of a process killed mid-build is recovered, and its half-written generation removed', async () => {
    const { config, corpus } = await setup(3);
    await reindexCorpus(config, new FakeEmbedder());
    await writeFile(path.join(corpus, 'report-3.txt'), article(3));
    const other = await otherProcess(config, 'build', 'embedding');
    other.kill('SIGKILL');
    await once(other, 'exit');
    const summary = await reindexCorpus(config, new FakeEmbedder());
    assert.equal(summary.articles, 4);
    const leftovers = (await readdir(path.join(config.INDEX_DIR, 'generations'))).filter((name) => name.endsWith('.partial'));
    assert.deepEqual(leftovers, []);
    assert.equal((await load(config)).articles.size, 4);
  });

  test('a stale lock file naming a dead process does not block a reindex', async () => {
    const { config } = await setup(2);
    await reindexCorpus(config, new FakeEmbedder());
    const lock = JSON.stringify({ pid: deadPid(), host: os.hostname(), nonce: 'stale', since: new Date().toISOString() });
    await writeFile(path.join(config.INDEX_DIR, 'reindex.lock'), lock);
    await reindexCorpus(config, new FakeEmbedder());
    assert.ok(!(await readdir(config.INDEX_DIR)).includes('reindex.lock'), 'the lock is released after the reindex');
  });

  test('a generation another process still serves is never deleted; once it is gone, it is cleaned up', async () => {
    const { config, corpus } = await setup(3);
    await reindexCorpus(config, new FakeEmbedder());
    const served = await currentName(config);
    const server = await otherProcess(config, 'serve', 'serving');
    try {
      for (let n = 3; n < 6; n += 1) {
        await writeFile(path.join(corpus, `report-${n}.txt`), article(n));
        await reindexCorpus(config, new FakeEmbedder());
      }
      assert.ok((await generationsOn(config)).includes(served), 'the served generation was deleted');
    } finally {
      server.stdin!.end();
      await once(server, 'exit');
    }
    await writeFile(path.join(corpus, 'report-9.txt'), article(9));
    await reindexCorpus(config, new FakeEmbedder());
    assert.ok(!(await generationsOn(config)).includes(served));
    assert.equal((await generationsOn(config)).length, 2, 'the current generation and the one before it');
  });

  test('pointer files left by a crash (current.<pid>.tmp) are removed by the next build', async () => {
    const { config } = await setup(2);
    await reindexCorpus(config, new FakeEmbedder());
    const leftover = path.join(config.INDEX_DIR, `current.${deadPid()}.tmp`);
    await writeFile(leftover, 'half a name');
    await reindexCorpus(config, new FakeEmbedder());
    assert.deepEqual((await readdir(config.INDEX_DIR)).filter((name) => name.endsWith('.tmp')), []);
  });
});

describe('an emptied or broken corpus never wipes a good index', () => {
  test('an empty corpus is refused, twice, and the good generation stays current and on disk', async () => {
    const { config, corpus } = await setup(4);
    await reindexCorpus(config, new FakeEmbedder());
    const good = await currentName(config);
    await rm(corpus, { recursive: true });
    await mkdir(corpus);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await assert.rejects(reindexCorpus(config, new FakeEmbedder()), (error: Error) => {
        assert.equal(error.name, 'IndexShrinkError');
        assert.match(error.message, /no articles/);
        assert.match(error.message, /--allow-shrink/);
        return true;
      });
    }
    assert.equal(await currentName(config), good);
    assert.equal((await load(config)).articles.size, 4);
  });

  test('losing more than half of the articles is refused unless forced', async () => {
    const { config, corpus } = await setup(6);
    await reindexCorpus(config, new FakeEmbedder());
    for (let n = 0; n < 4; n += 1) await rm(path.join(corpus, `report-${n}.txt`));
    await assert.rejects(reindexCorpus(config, new FakeEmbedder()), (error: Error) => /from 6 to 2 articles/.test(error.message));
    assert.equal((await load(config)).articles.size, 6);
    const forced = await reindexCorpus(config, new FakeEmbedder(), undefined, undefined, { allowShrink: true });
    assert.equal(forced.articles, 2);
    assert.equal((await load(config)).articles.size, 2);
  });

  test('a corpus of only unreadable files is refused on the first build, saying why', async () => {
    const { config, corpus } = await setup(0);
    await writeFile(path.join(corpus, 'binary.txt'), Buffer.from([0x89, 0x50, 0, 0, 1]));
    await writeFile(path.join(corpus, 'empty.md'), '');
    await assert.rejects(reindexCorpus(config, new FakeEmbedder()), (error: Error) => {
      assert.equal(error.name, 'IndexShrinkError');
      assert.match(error.message, /no articles/);
      assert.match(error.message, /2 files were skipped/);
      return true;
    });
  });

  test('a damaged current generation falls back to the previous good one, with a warning, and the next build reuses its vectors', async () => {
    const { config, corpus } = await setup(4);
    await reindexCorpus(config, new FakeEmbedder());
    await writeFile(path.join(corpus, 'report-4.txt'), article(4));
    await reindexCorpus(config, new FakeEmbedder());
    const damaged = path.join(config.INDEX_DIR, 'generations', await currentName(config), 'articles.json');
    await writeFile(damaged, '[]');

    const warnings: string[] = [];
    const index = await load(config, { onFallback: (message) => warnings.push(message) });
    assert.equal(index.articles.size, 4, 'the previous generation is served');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /damaged.*previous/);

    const embedder = new FakeEmbedder();
    const summary = await reindexCorpus(config, embedder);
    assert.equal(summary.articles, 5);
    assert.ok(summary.reusedPassages >= 4, `the good generation's vectors were not reused: ${JSON.stringify(summary)}`);
    assert.equal((await load(config)).articles.size, 5);
  });
});
