import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestCorpus } from '../src/ingest/corpus.js';
import { parseSidecar } from '../src/ingest/sidecar.js';

const SEED = fileURLToPath(new URL('../corpus/', import.meta.url));
const BLOG = '003_2538cf7511267a30';
const ARTICLE = 'Why the river flooded\n\nWritten by Jane Roe\n\nMarch 5, 2020\n\nThe river rose two metres overnight, residents said.\n';

const made: string[] = [];
after(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function corpusWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'quotebot-sidecar-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

describe('sidecars', () => {
  test('set fields for the whole file', async () => {
    const dir = await corpusWith({
      'flood.txt': ARTICLE,
      'flood.meta.json': JSON.stringify({ author: 'Janet Roe', date: '2020-03-06', url: 'https://example.org/flood', publisher: 'Valley Times', title: 'The flood' }),
    });
    const { articles, problems } = await ingestCorpus(dir);
    assert.deepEqual(problems, []);
    assert.equal(articles.length, 1);
    assert.deepEqual(articles[0]?.authors, ['Janet Roe']);
    assert.equal(articles[0]?.date, '2020-03-06');
    assert.equal(articles[0]?.url, 'https://example.org/flood');
    assert.equal(articles[0]?.publisher, 'Valley Times');
    assert.equal(articles[0]?.title, 'The flood');
  });

  test('correct one article of a multi-article file by index or by title', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'quotebot-sidecar-'));
    made.push(dir);
    await cp(path.join(SEED, `${BLOG}.txt`), path.join(dir, `${BLOG}.txt`));
    await writeFile(
      path.join(dir, `${BLOG}.meta.json`),
      JSON.stringify({
        publisher: 'Een blog',
        articles: [
          { match: { index: 0 }, authors: ['Piet Blogger'] },
          { match: { title: 'pentagon caught falsifying paperwork for weapons transfers to syrian rebels' }, date: '2017-09-12' },
        ],
      }),
    );
    const { articles, problems } = await ingestCorpus(dir);
    assert.deepEqual(problems, []);
    assert.deepEqual(articles[0]?.authors, ['Piet Blogger']);
    assert.deepEqual(articles[1]?.authors, [], 'other posts stay unknown');
    const durden = articles.find((article) => article.title.startsWith('Pentagon Caught'));
    assert.equal(durden?.date, '2017-09-12');
    assert.deepEqual(durden?.authors, ['Tyler Durden']);
    assert.ok(articles.every((article) => article.publisher === 'Een blog'));
  });

  test('change the file hash, so a reindex sees the correction', async () => {
    const plain = await ingestCorpus(await corpusWith({ 'flood.txt': ARTICLE }));
    const corrected = await ingestCorpus(await corpusWith({ 'flood.txt': ARTICLE, 'flood.meta.json': '{"author":"Janet Roe"}' }));
    assert.notEqual(plain.files[0]?.hash, corrected.files[0]?.hash);
  });

  const rejected: Array<[string, string, RegExp]> = [
    ['bad JSON', '{ "author": "Jane Roe", }', /flood\.meta\.json is not valid JSON/],
    ['a wrong type', '{ "authors": "Jane Roe" }', /flood\.meta\.json is invalid: "authors": expected array/],
    ['a date that is not ISO', '{ "date": "5 March 2020" }', /"date": must be a date written YYYY-MM-DD/],
    ['an unknown field', '{ "autor": "Jane Roe" }', /autor/],
    ['both author and authors', '{ "author": "A B", "authors": ["C D"] }', /either "author" or "authors"/],
    ['a match that finds no article', '{ "articles": [{ "match": { "index": 3 }, "author": "A B" }] }', /matches no article by index 3/],
  ];
  for (const [what, sidecar, message] of rejected) {
    test(`with ${what} are reported and their article file is skipped`, async () => {
      const dir = await corpusWith({ 'flood.txt': ARTICLE, 'flood.meta.json': sidecar, 'other.txt': ARTICLE });
      const { articles, problems, files } = await ingestCorpus(dir);
      assert.equal(problems.length, 1);
      assert.equal(problems[0]?.source, 'flood.txt');
      assert.match(problems[0]?.message ?? '', message);
      assert.deepEqual(articles.map((article) => article.source), ['other.txt']);
      assert.deepEqual(files.map((file) => file.source), ['other.txt']);
    });
  }

  test('without an article file next to them are reported', async () => {
    const dir = await corpusWith({ 'flood.txt': ARTICLE, 'lost.meta.json': '{}' });
    const { problems, articles } = await ingestCorpus(dir);
    assert.equal(articles.length, 1);
    assert.equal(problems[0]?.source, 'lost.meta.json');
    assert.match(problems[0]?.message ?? '', /no article file/);
  });

  test('parse to typed values', () => {
    const parsed = parseSidecar('{"authors":["A B"],"language":"nl","articles":[{"match":{"title":"X"},"date":null}]}', 's.meta.json');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.sidecar.articles?.[0]?.match, { title: 'X' });
  });
});
