import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestCorpus } from '../src/ingest/corpus.js';

/** Bad files of the new kinds (test/fixtures/bad/README.md): each reported by name and reason, the rest indexed. */

const BAD = fileURLToPath(new URL('./fixtures/bad/', import.meta.url));
const GOOD = 'Why the river flooded\n\nWritten by Jane Roe\n\nMarch 5, 2020\n\nThe river rose two metres overnight, residents said.\n';

const made: string[] = [];
after(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Ingests a corpus of one good file and one bad fixture; returns the bad file's problem and its articles. */
async function ingestWith(fixture: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'quotebot-bad-'));
  made.push(dir);
  await writeFile(path.join(dir, 'good.txt'), GOOD);
  await copyFile(path.join(BAD, fixture), path.join(dir, fixture));
  const result = await ingestCorpus(dir);
  assert.ok(result.articles.some((article) => article.source === 'good.txt'), 'the rest of the corpus is indexed');
  const problems = result.problems.filter((problem) => problem.source === fixture);
  assert.equal(problems.length, 1, `one problem reported for ${fixture}`);
  return { message: problems[0]?.message ?? '', indexed: problems[0]?.indexed, articles: result.articles.filter((article) => article.source === fixture) };
}

describe('bad files are reported by name with the reason, the rest of the corpus indexed', () => {
  const skipped: Array<[string, RegExp]> = [
    ['truncated.pdf', /damaged PDF/],
    ['encrypted.pdf', /encrypted PDF/],
    ['image-only.pdf', /without a text layer/],
    ['login-page.html', /no article/],
    ['really-a-png.txt', /binary file \(a PNG image\)/],
    ['really-a-zip.md', /binary file \(a ZIP archive/],
  ];
  for (const [fixture, reason] of skipped) {
    test(`${fixture} is skipped`, async () => {
      const { message, indexed, articles } = await ingestWith(fixture);
      assert.match(message, reason);
      assert.equal(indexed, undefined);
      assert.deepEqual(articles, []);
    });
  }

  test('front matter that does not parse: the body is indexed without it, and the report says so', async () => {
    const { message, indexed, articles } = await ingestWith('broken-front-matter.md');
    assert.match(message, /front matter does not parse.*indexed without its metadata/);
    assert.equal(indexed, true);
    assert.equal(articles.length, 1);
    assert.equal(articles[0]?.title, 'Release notes for 2.0');
    assert.ok(!/title:|authors:|tags:/.test(articles[0]?.text ?? ''), 'the raw front matter is never quoted');
  });

  test('a file whose extension lies is read as what it holds, and the report says so', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'quotebot-bad-'));
    made.push(dir);
    await copyFile(path.join(BAD, '..', 'real', 'rust-blog-announcing-rust-1.15.1.html'), path.join(dir, 'saved.txt'));
    const { articles, problems } = await ingestCorpus(dir);
    assert.equal(articles[0]?.title, 'Announcing Rust 1.15.1');
    assert.match(problems[0]?.message ?? '', /named like plain text but holds an HTML page; read as an HTML page/);
    assert.equal(problems[0]?.indexed, true);
  });

  test('a .pdf that is not a PDF: read when it is text under the wrong name, refused when its bytes are not text', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'quotebot-bad-'));
    made.push(dir);
    await writeFile(path.join(dir, 'notes.pdf'), 'Market day\n\nThe café on the square sold 40 crêpes before noon.\n');
    await writeFile(path.join(dir, 'broken.pdf'), Buffer.from([0x25, 0x50, 0x44, 0xe9, 0x93, 0x41, 0x42, 0x0a]));
    const { articles, problems } = await ingestCorpus(dir);
    assert.deepEqual(articles.map((article) => article.source), ['notes.pdf']);
    assert.match(problems.find((problem) => problem.source === 'notes.pdf')?.message ?? '', /named like a PDF but holds plain text/);
    assert.match(problems.find((problem) => problem.source === 'broken.pdf')?.message ?? '', /is named \.pdf but is not a PDF/);
  });
});
