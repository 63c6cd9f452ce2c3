import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, readdir, readFile, rm, stat, symlink, truncate, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import type { Article } from '../src/domain.js';
import type { Embedder } from '../src/index/embeddings.js';
import { loadIndex } from '../src/index/load.js';
import { expectedIndex, openEngine } from '../src/open-engine.js';
import type { Config } from '../src/config/config.js';
import { startBotAgainstFake, type BotHarness } from './support/bot-harness.js';
import { citedArticles, quotesOf } from './support/bot-messages.js';
import { FAKE_USERS } from './support/fake-discord.js';
import { makeFullDisk } from './support/full-disk.js';
import { copySeedCorpus, copySeedIndex, openRealEngine, realConfig, type RealEngine } from './support/real-index.js';

/**
 * Damage to the index and the corpus, with the real engine behind the bot: the running bot keeps
 * serving the last good index, and every error says what to do.
 */

const WAIT = 60_000;
const OWNER = { OWNER_IDS: FAKE_USERS.alice.id };

async function bytesUnder(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const sizes = await Promise.all(entries.filter((entry) => entry.isFile()).map(async (entry) => (await stat(path.join(entry.parentPath, entry.name))).size));
  return sizes.reduce((sum, bytes) => sum + bytes, 0);
}

async function currentDir(indexDir: string): Promise<string> {
  return path.join(indexDir, 'generations', (await readFile(path.join(indexDir, 'current'), 'utf8')).trim());
}

function expected(config: Config, engine: RealEngine['opened']['engine']) {
  const { provider, model, dimensions } = engine.index.manifest.embedding;
  return expectedIndex(config, { provider, model, dimensions } as Embedder);
}

/** Asks through the bot and checks the reply quotes the engine's current articles verbatim. */
async function assertStillAnswers(h: BotHarness, articles: () => Iterable<Article>, question: string): Promise<void> {
  const ask = await h.fake.sendSlashCommand('ask', { question });
  const edit = await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith(`/${ask.token}/messages/@original`), WAIT);
  const quotes = quotesOf(edit.body);
  assert.ok(quotes.length > 0, `no answer to “${question}”: ${JSON.stringify(edit.body)}`);
  const cited = citedArticles(quotes, articles());
  assert.ok(cited.every(Boolean), `a quote is not verbatim from its cited article: ${JSON.stringify(quotes)}`);
}

async function reindexAsOwner(h: BotHarness): Promise<string> {
  const run = await h.fake.sendSlashCommand('reindex', {}, { user: FAKE_USERS.alice });
  const report = await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith(`/${run.token}/messages/@original`), 120_000);
  return report.body.content as string;
}

describe('a damaged index', () => {
  test('corrupt and truncated files: the bot keeps answering, a restart says to reindex, and /reindex repairs it', async () => {
    const real = await openRealEngine({ ownCorpus: true });
    const h = await startBotAgainstFake({ engine: real.opened.engine, rebuild: real.opened.rebuild, env: OWNER });
    try {
      const { engine } = real.opened;
      const dir = await currentDir(real.config.INDEX_DIR);
      const hnsw = path.join(dir, 'hnswlib.index');
      const bytes = await readFile(hnsw);
      bytes.fill(0xff, 1_000, 5_000);
      await writeFile(hnsw, bytes);
      await truncate(path.join(dir, 'articles.json'), Math.floor((await stat(path.join(dir, 'articles.json'))).size / 2));

      await assertStillAnswers(h, () => engine.index.articles.values(), 'What did the Pentagon falsify?');

      // What a restart would meet: a refusal that names the fix, not a crash in native code.
      await assert.rejects(loadIndex(real.config.INDEX_DIR, expected(real.config, engine)), (error: Error) => {
        assert.equal(error.name, 'IndexError');
        assert.match(error.message, /is damaged \(.*truncated or altered\); run `npm run reindex`/);
        return true;
      });
      await assert.rejects(
        openEngine(real.config, pino({ level: 'silent' }), { buildIfMissing: true }),
        (error: Error) => error.name === 'IndexError' && /damaged/.test(error.message),
        'a damaged index is reported, not silently replaced or loaded',
      );

      // Nothing of the damaged index can be reused, so the repair embeds everything: keep it to one file.
      const corpus = real.config.CORPUS_DIR;
      const [kept, ...others] = (await readdir(corpus)).sort();
      await Promise.all(others.map((name) => unlink(path.join(corpus, name))));
      const report = await reindexAsOwner(h);
      assert.match(report, /^Reindex done in [\d.]+ s: 1 files, .* \(0 reused unchanged\)/);
      await loadIndex(real.config.INDEX_DIR, expected(real.config, engine));
      assert.deepEqual(new Set(engine.listArticles().map((article) => article.source)), new Set([kept]));
      await assertStillAnswers(h, () => engine.index.articles.values(), 'Who was killed when the US bombed the prison near Mayadin?');
    } finally {
      await h.stop();
      await real.close();
    }
  });

  test('an index built with another model is refused at load with a message naming both models and the fix', async () => {
    const { root, indexDir } = await copySeedIndex();
    try {
      const dir = await currentDir(indexDir);
      const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
      const config = realConfig({ INDEX_DIR: indexDir });
      const ours = { ...manifest.embedding };
      manifest.embedding = { provider: 'ollama', model: 'nomic-embed-text', dimensions: 768 };
      const text = JSON.stringify(manifest, null, 2);
      await writeFile(path.join(dir, 'manifest.json'), text);
      // Checksums updated too: this is a whole, valid index, only from another model.
      const checksums = JSON.parse(await readFile(path.join(dir, 'checksums.json'), 'utf8'));
      checksums['manifest.json'] = { bytes: Buffer.byteLength(text), sha256: createHash('sha256').update(text).digest('hex') };
      await writeFile(path.join(dir, 'checksums.json'), JSON.stringify(checksums));
      await assert.rejects(loadIndex(indexDir, expectedIndex(config, ours as Embedder)), (error: Error) => {
        assert.equal(error.name, 'IndexError');
        assert.match(error.message, /built with the ollama model nomic-embed-text \(768 dims\) but the configuration uses the local model .*: run `npm run reindex`/);
        return true;
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('the corpus changes under a reindex', () => {
  test('a file deleted before it is read is skipped and named; files changed or deleted during the build are picked up by the next reindex', async () => {
    const real = await openRealEngine({ ownCorpus: true });
    const h = await startBotAgainstFake({ engine: real.opened.engine, rebuild: real.opened.rebuild, env: OWNER });
    try {
      const { engine } = real.opened;
      const corpus = real.config.CORPUS_DIR;
      const [first, second] = (await readdir(corpus)).sort();
      // Listed but gone by the time it is read: what a file deleted mid-scan looks like.
      await symlink(path.join(corpus, 'deleted-meanwhile.txt'), path.join(corpus, 'vanished.txt'));
      // New text to embed, so the build runs long enough for files to change under it.
      const donor = await readFile(path.join(corpus, second!), 'utf8');
      await writeFile(path.join(corpus, 'added.txt'), `Added While Serving\n\nBy Test Writer\n\n${donor.split('\n').reverse().join('\n')}`);

      const generations = path.join(real.config.INDEX_DIR, 'generations');
      const run = await h.fake.sendSlashCommand('reindex', {}, { user: FAKE_USERS.alice });
      // The build folder appears once the corpus has been read: change the corpus now.
      while (!(await readdir(generations)).some((name) => name.endsWith('.partial'))) await new Promise((resolve) => setTimeout(resolve, 2));
      const marker = 'This sentence was added to the article while the index was being rebuilt.';
      await writeFile(path.join(corpus, first!), `${await readFile(path.join(corpus, first!), 'utf8')}\n\n${marker}\n`);
      await unlink(path.join(corpus, second!));
      await assertStillAnswers(h, () => engine.index.articles.values(), 'What is Turkey doing in Syria?');

      const report = await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith(`/${run.token}/messages/@original`), 120_000);
      assert.match(report.body.content, /^Reindex done/);
      assert.match(report.body.content, /vanished\.txt: .*cannot be read \(it does not exist\)/);
      const sources = () => new Set([...engine.index.articles.values()].map((article) => article.source));
      assert.ok(sources().has(second!), 'the build used the corpus as it was read');
      assert.ok(sources().has('added.txt'));
      await assertStillAnswers(h, () => engine.index.articles.values(), 'What did the Pentagon falsify?');

      assert.match(await reindexAsOwner(h), /^Reindex done/);
      assert.ok(!sources().has(second!), 'a deleted file leaves the index at the next reindex');
      assert.ok([...engine.index.articles.values()].some((article) => article.text.includes(marker)), 'a changed file is re-read');
    } finally {
      await h.stop();
      await real.close();
    }
  });
});

describe('a full disk', () => {
  test('a reindex that runs out of space fails cleanly: the bot keeps the old index, leaves no partial build, and says to free space', async (t) => {
    const { root, indexDir: seedCopy } = await copySeedIndex();
    // Room for the current index but not for a second one beside it.
    const generationBytes = await bytesUnder(seedCopy);
    const size = Math.ceil((generationBytes * 1.5) / 4096) * 4096;
    const disk = await makeFullDisk(path.join(root, 'disk'), size);
    t.diagnostic(
      disk.kind === 'tmpfs'
        ? `disk full: a ${Math.round(size / 1024)} KiB tmpfs holding a ${Math.round(generationBytes / 1024)} KiB index (real ENOSPC from the kernel)`
        : 'disk full simulated: ENOSPC injected into node:fs/promises writes (mounting a tmpfs is not permitted here)',
    );
    const indexDir = path.join(disk.dir, 'index');
    let h: BotHarness | undefined;
    let opened: Awaited<ReturnType<typeof openEngine>> | undefined;
    try {
      await cp(seedCopy, indexDir, { recursive: true });
      disk.fill();
      const corpusDir = await copySeedCorpus(path.join(root, 'corpus'));
      const config = realConfig({ INDEX_DIR: indexDir, CORPUS_DIR: corpusDir });
      opened = await openEngine(config, pino({ level: 'silent' }), { buildIfMissing: false });
      const engine = opened.engine;
      h = await startBotAgainstFake({ engine, rebuild: opened.rebuild, env: OWNER });
      const before = await readFile(path.join(indexDir, 'current'), 'utf8');

      const report = await reindexAsOwner(h);
      assert.match(report, /^The reindex failed, so I keep answering from the previous index\. The disk holding the index is full: free some space, then run `\/reindex` again\.$/);
      await h.waitForLog((line) => line.event === 'reindex_failed' && JSON.stringify(line.err).includes('ENOSPC'));
      assert.equal(await readFile(path.join(indexDir, 'current'), 'utf8'), before, 'the current index is untouched');
      assert.deepEqual((await readdir(path.join(indexDir, 'generations'))).filter((name) => name.endsWith('.partial')), [], 'no partial build left to fill the disk');
      await assertStillAnswers(h, () => engine.index.articles.values(), 'What does the US want with the oil fields?');
      await loadIndex(indexDir, expected(config, engine));
    } finally {
      await h?.stop();
      await opened?.close();
      await disk.release();
      await rm(root, { recursive: true, force: true });
    }
  });
});
