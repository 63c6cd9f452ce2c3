import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs, { constants, openSync, closeSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { readAtMost, ReadTimeout, startDeadline, type ReadableHandle } from '../src/ingest/corpus-files.js';
import { ingestCorpus } from '../src/ingest/corpus.js';

/**
 * Hostile corpus folders: links that leave the folder, devices, FIFOs, deep and unreadable
 * subfolders, files that look like secrets. The reader must skip each with a reason and index the
 * rest, never hang, and never read more bytes than the size limit.
 */

const ARTICLE = 'Why the river flooded\n\nWritten by Jane Roe\n\nMarch 5, 2020\n\nThe river rose two metres overnight, residents said.\n';
const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.QbSeCr.do-not-quote-me-7f3a9c';
const SECRET_FILE = `DISCORD_TOKEN=${TOKEN}\nOPENAI_API_KEY=sk-test-abcdefghijklmnop\n`;

const made: string[] = [];
after(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A corpus folder with one good article, inside a parent folder the test may put other files in. */
async function corpusWithGoodFile(): Promise<{ parent: string; dir: string }> {
  const parent = await tempDir('quotebot-hostile-');
  const dir = path.join(parent, 'corpus');
  await mkdir(dir);
  await writeFile(path.join(dir, 'good.txt'), ARTICLE);
  return { parent, dir };
}

function problemOf(problems: { source: string; message: string }[], source: string): string {
  const problem = problems.find((candidate) => candidate.source === source);
  assert.ok(problem, `${source} is not reported; problems: ${JSON.stringify(problems)}`);
  return problem.message;
}

/** Fails (instead of hanging the suite) when ingest does not finish in time. */
async function ingestWithin(dir: string, ms: number, options?: Parameters<typeof ingestCorpus>[1]) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`ingest did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([ingestCorpus(dir, options), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('links and special files in the corpus folder', () => {
  test('a link to a file outside the corpus (../.env, or through /proc/self/root) is skipped with a reason, never read', async () => {
    const { parent, dir } = await corpusWithGoodFile();
    await writeFile(path.join(parent, '.env'), SECRET_FILE);
    await symlink('../.env', path.join(dir, 'notes.md'));
    await symlink(path.join('/proc/self/root', parent, '.env'), path.join(dir, 'proc-notes.txt'));
    const { articles, problems } = await ingestCorpus(dir);
    assert.deepEqual(articles.map((article) => article.source), ['good.txt']);
    assert.match(problemOf(problems, 'notes.md'), /links to .*outside the corpus folder/);
    assert.match(problemOf(problems, 'proc-notes.txt'), /outside the corpus folder/);
    assert.ok(!JSON.stringify({ articles, problems }).includes(TOKEN));
  });

  test('a link to another file inside the corpus is read', async () => {
    const { dir } = await corpusWithGoodFile();
    await mkdir(path.join(dir, 'sub'));
    await symlink('../good.txt', path.join(dir, 'sub', 'alias.txt'));
    const { articles, problems } = await ingestCorpus(dir);
    assert.deepEqual(problems, []);
    assert.deepEqual(articles.map((article) => article.source), ['good.txt', 'sub/alias.txt']);
  });

  test('a link to a folder is not followed (no loops, nothing outside)', async () => {
    const { parent, dir } = await corpusWithGoodFile();
    await mkdir(path.join(parent, 'elsewhere'));
    await writeFile(path.join(parent, 'elsewhere', 'private.txt'), ARTICLE);
    await symlink('../elsewhere', path.join(dir, 'outside'));
    await symlink('.', path.join(dir, 'loop'));
    const { articles, problems } = await ingestCorpus(dir);
    assert.deepEqual(articles.map((article) => article.source), ['good.txt']);
    assert.match(problemOf(problems, 'outside'), /link to a folder/);
    assert.match(problemOf(problems, 'loop'), /link to a folder/);
  });

  test('devices are skipped as not regular files: /dev/null (stat size 0) and /dev/zero (endless)', async () => {
    const { dir } = await corpusWithGoodFile();
    await symlink('/dev/null', path.join(dir, 'null.txt'));
    const before = process.memoryUsage().rss;
    await symlink('/dev/zero', path.join(dir, 'zero.txt'));
    const { articles, problems } = await ingestWithin(dir, 20_000);
    assert.deepEqual(articles.map((article) => article.source), ['good.txt']);
    // Both resolve outside the folder, so that is what is said first; nothing of them is read.
    assert.match(problemOf(problems, 'null.txt'), /outside the corpus folder|not a regular file/);
    assert.match(problemOf(problems, 'zero.txt'), /outside the corpus folder|not a regular file/);
    assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024, 'memory grew while "reading" /dev/zero');
  });

  test('a FIFO is skipped at once, with or without a writer, and the size limit is never passed by it', async () => {
    const { dir } = await corpusWithGoodFile();
    const fifo = path.join(dir, 'pipe.txt');
    await promisify(execFile)('mkfifo', [fifo]);
    const fed = path.join(dir, 'fed.txt');
    await promisify(execFile)('mkfifo', [fed]);
    // A writer that would feed 3 MiB of text through a FIFO whose stat size is 0.
    const writer = spawn('sh', ['-c', `yes 'the river rose two metres overnight' | head -c 3145728 > "${fed}"`], { detached: true, stdio: 'ignore' });
    try {
      const { articles, problems } = await ingestWithin(dir, 20_000, { maxFileBytes: 1024 * 1024 });
      assert.deepEqual(articles.map((article) => article.source), ['good.txt']);
      assert.match(problemOf(problems, 'pipe.txt'), /not a regular file/);
      assert.match(problemOf(problems, 'fed.txt'), /not a regular file/);
    } finally {
      // The whole writer pipeline (sh, yes, head), which may still be blocked opening the FIFO.
      process.kill(-writer.pid!, 'SIGKILL');
      // Unblocks a reader stuck in open() (the behaviour this test guards against), so the suite can exit.
      for (const file of [fifo, fed]) {
        try {
          closeSync(openSync(file, constants.O_WRONLY | constants.O_NONBLOCK));
        } catch {
          // No reader is waiting: nothing to unblock.
        }
      }
    }
  });
});

describe('subfolders', () => {
  test('a subfolder nested too deep is skipped and reported; the rest is indexed', async () => {
    const { dir } = await corpusWithGoodFile();
    const deep = path.join(dir, ...Array.from({ length: 40 }, (_, n) => `d${n}`));
    await mkdir(deep, { recursive: true });
    await writeFile(path.join(deep, 'buried.txt'), ARTICLE);
    await writeFile(path.join(dir, 'd0', 'shallow.txt'), ARTICLE);
    const { articles, problems } = await ingestCorpus(dir);
    assert.deepEqual(articles.map((article) => article.source), ['d0/shallow.txt', 'good.txt']);
    const tooDeep = problems.find((problem) => /too deep|folders deep/.test(problem.message));
    assert.ok(tooDeep, JSON.stringify(problems));
    assert.ok(tooDeep.source.startsWith('d0/d1/'));
  });

  test("the folder a browser saves beside a page (NAME_files/, with its ad and embed frames) is skipped; other folders are read", async () => {
    const { dir } = await corpusWithGoodFile();
    const page = (text: string) => `<!DOCTYPE html><html><head><title>Page</title></head><body><article><p>${text}</p></article></body></html>`;
    const frame = page('Follow us for daily deals, coupons, giveaways and the best prices on shoes, bags and jackets, delivered free to your door every single week of the year.');
    await writeFile(path.join(dir, 'River news.html'), page('The river rose two metres overnight, residents said. By the morning the old bridge was closed, the school on the east bank had sent its pupils home, and volunteers were filling sandbags outside the town hall while the mayor asked for help.'));
    for (const folder of ['River news_files', 'River news-Dateien']) {
      await mkdir(path.join(dir, folder));
      await writeFile(path.join(dir, folder, 'saved_resource.html'), frame);
    }
    await mkdir(path.join(dir, 'team_files'));
    await writeFile(path.join(dir, 'team_files', 'minutes.txt'), ARTICLE);
    const { articles, problems } = await ingestCorpus(dir);
    assert.deepEqual(articles.map((article) => article.source), ['River news.html', 'good.txt', 'team_files/minutes.txt']);
    assert.match(problemOf(problems, 'River news_files'), /saved page River news\.html .*not indexed/);
    assert.match(problemOf(problems, 'River news-Dateien'), /saved page River news\.html/);
  });

  test('an unreadable subfolder is skipped and reported; the rest is indexed', async () => {
    const { dir } = await corpusWithGoodFile();
    await mkdir(path.join(dir, 'locked'));
    await writeFile(path.join(dir, 'locked', 'inside.txt'), ARTICLE);
    await mkdir(path.join(dir, 'open'));
    await writeFile(path.join(dir, 'open', 'fine.txt'), ARTICLE);
    await chmod(path.join(dir, 'locked'), 0o000);
    // Root reads any folder, so the refusal is also simulated where the test runs as root.
    const locked = path.join(dir, 'locked');
    const original = { readdir: fs.promises.readdir, opendir: fs.promises.opendir };
    const denied = () => Object.assign(new Error(`EACCES: permission denied, scandir '${locked}'`), { code: 'EACCES' });
    const isLocked = (target: unknown) => path.resolve(String(target)) === locked;
    Object.assign(fs.promises, {
      readdir: (target: unknown, ...rest: unknown[]) => (isLocked(target) ? Promise.reject(denied()) : (original.readdir as (...args: unknown[]) => unknown)(target, ...rest)),
      opendir: (target: unknown, ...rest: unknown[]) => (isLocked(target) ? Promise.reject(denied()) : (original.opendir as (...args: unknown[]) => unknown)(target, ...rest)),
    });
    syncBuiltinESMExports();
    try {
      const { articles, problems } = await ingestCorpus(dir);
      assert.deepEqual(articles.map((article) => article.source), ['good.txt', 'open/fine.txt']);
      assert.match(problemOf(problems, 'locked'), /folder cannot be read \(permission denied\)/);
    } finally {
      Object.assign(fs.promises, original);
      syncBuiltinESMExports();
      await chmod(locked, 0o755);
    }
  });
});

describe('files that look like secrets', () => {
  test('are skipped with a reason, whatever their extension', async () => {
    const { dir } = await corpusWithGoodFile();
    const names = ['.env.md', '.env.production.txt', 'id_rsa.txt', 'server.pem.txt', 'tls.key.md', 'credentials.txt', '.npmrc.txt'];
    for (const name of names) await writeFile(path.join(dir, name), SECRET_FILE);
    const { articles, problems } = await ingestCorpus(dir);
    assert.deepEqual(articles.map((article) => article.source), ['good.txt']);
    for (const name of names) assert.match(problemOf(problems, name), /looks like a secret/);
  });

  test('a file holding a private key is skipped', async () => {
    const { dir } = await corpusWithGoodFile();
    await writeFile(path.join(dir, 'notes.txt'), `My notes\n\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n`);
    const { articles, problems } = await ingestCorpus(dir);
    assert.deepEqual(articles.map((article) => article.source), ['good.txt']);
    assert.match(problemOf(problems, 'notes.txt'), /private key/);
  });

  test('a file holding a configured secret is skipped, naming the setting but never the value', async () => {
    const { dir } = await corpusWithGoodFile();
    await writeFile(path.join(dir, 'leak.txt'), `Meeting notes\n\nBy Jane Roe\n\nThe bot token is ${TOKEN}, keep it safe.\n`);
    const { articles, problems } = await ingestCorpus(dir, { secrets: [{ name: 'DISCORD_TOKEN', value: TOKEN }] });
    assert.deepEqual(articles.map((article) => article.source), ['good.txt']);
    const message = problemOf(problems, 'leak.txt');
    assert.match(message, /DISCORD_TOKEN/);
    assert.ok(!message.includes(TOKEN));
  });
});

describe('reading one file', () => {
  test('a read that never returns (a hung disk or network mount) ends at the time limit', async () => {
    const hung: ReadableHandle = { read: () => new Promise<never>(() => undefined) };
    const deadline = startDeadline(50);
    try {
      await assert.rejects(readAtMost(hung, 1024, deadline.expired), ReadTimeout);
    } finally {
      deadline.clear();
    }
  });

  test('never more than the limit plus one byte is read, whatever the file claims', async () => {
    let served = 0;
    const endless: ReadableHandle = {
      read: (async (buffer: Buffer, offset: number, length: number) => {
        buffer.fill(0x61, offset, offset + length);
        served += length;
        return { bytesRead: length, buffer };
      }) as ReadableHandle['read'],
    };
    const deadline = startDeadline(5_000);
    try {
      const bytes = await readAtMost(endless, 200_000, deadline.expired);
      assert.equal(bytes.length, 200_001);
      assert.equal(served, 200_001);
    } finally {
      deadline.clear();
    }
  });
});
