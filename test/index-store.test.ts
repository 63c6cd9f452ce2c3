import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, mkdir, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IngestResult } from '../src/domain.js';
import type { SearchIndex } from '../src/index/search-index.js';
import { buildIndex } from '../src/index/build.js';
import { IndexError } from '../src/index/generation-format.js';
import { currentGeneration } from '../src/index/generations.js';
import type { ExpectedIndex } from '../src/index/index-store.js';
import { loadIndex } from '../src/index/load.js';
import { splitSentences } from '../src/text/sentences.js';
import { FakeEmbedder } from './support/fake-embedder.js';
import { smallCorpus } from './support/small-corpus.js';

const chunking = { size: 300, overlap: 60 };
/** Short vectors keep these builds quick; the messages name the dimensions. */
const SMALL_VECTORS = { dimensions: 64 };

function expectedFor(embedder: FakeEmbedder, overrides: Partial<ExpectedIndex> = {}): ExpectedIndex {
  return { provider: embedder.provider, model: embedder.model, dimensions: embedder.dimensions, chunking, ef: 100, ...overrides };
}

async function tempIndexDir(): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), 'quotebot-index-')), 'index');
}

async function builtIndex(ingest: IngestResult = smallCorpus()) {
  const indexDir = await tempIndexDir();
  const embedder = new FakeEmbedder(SMALL_VECTORS);
  const summary = await buildIndex(ingest, embedder, { indexDir, chunking });
  return { indexDir, embedder, summary, generation: (await currentGeneration(indexDir))! };
}

/** A FakeEmbedder that remembers every text it embedded for a document batch. */
class RecordingEmbedder extends FakeEmbedder {
  readonly texts: string[] = [];

  override async embedDocuments(texts: string[]): Promise<number[][]> {
    this.texts.push(...texts);
    return super.embedDocuments(texts);
  }
}

/** The stored vector of every sentence, by article id and sentence text. */
function storedSentenceVectors(index: SearchIndex): Map<string, number[]> {
  const vectors = new Map<string, number[]>();
  const { dimensions } = index.manifest.embedding;
  for (const article of index.articles.values()) {
    const sentences = index.sentencesOf(article.id)!;
    sentences.spans.forEach(({ start, end }, i) => {
      const key = `${article.id} ${article.text.slice(start, end)}`;
      vectors.set(key, Array.from(sentences.vectors.subarray(i * dimensions, (i + 1) * dimensions)));
    });
  }
  return vectors;
}

/** Rewrites a generation file and its checksum, as a build of another version would have written it. */
async function rewriteChecked(dir: string, file: string, content: string | Uint8Array | null): Promise<void> {
  const checksums = JSON.parse(await readFile(path.join(dir, 'checksums.json'), 'utf8'));
  if (content === null) {
    await rm(path.join(dir, file));
    delete checksums[file];
  } else {
    await writeFile(path.join(dir, file), content);
    checksums[file] = { bytes: Buffer.byteLength(content), sha256: createHash('sha256').update(content).digest('hex') };
  }
  await writeFile(path.join(dir, 'checksums.json'), JSON.stringify(checksums));
}

async function assertIndexError(promise: Promise<unknown>, code: IndexError['code'], pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof IndexError, `expected an IndexError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    assert.match(error.message, /npm run reindex/);
    return true;
  });
}

describe('buildIndex and loadIndex', () => {
  test('a built index loads and finds the passage that matches the query', async () => {
    const ingest = smallCorpus();
    const { indexDir, embedder, summary } = await builtIndex(ingest);
    assert.equal(summary.articles, 6);
    assert.equal(summary.files, 6);
    assert.equal(summary.reusedPassages, 0);
    const index = await loadIndex(indexDir, expectedFor(embedder));
    assert.equal(index.passages.length, summary.passages);
    assert.equal(index.manifest.counts.passages, summary.passages);
    assert.deepEqual(index.manifest.problems, ingest.problems);
    assert.equal(index.articles.get('file4.txt#0')?.authors[0], 'Vanessa Beeley');
    for (const passage of index.passages) {
      assert.equal(index.articles.get(passage.articleId)?.text.slice(passage.start, passage.end), passage.text);
    }

    const target = index.passages.find((p) => p.articleId === 'file4.txt#0')!;
    const hits = await index.searchDense(embedder.embedText(target.text), 3);
    assert.equal(hits[0]!.passage.id, target.id);
    assert.ok(hits[0]!.similarity > 0.99);
    assert.ok(hits.every((hit, i) => i === 0 || hit.similarity <= hits[i - 1]!.similarity));
    assert.ok(hits.every((hit) => hit.passage.articleId === 'file4.txt#0'), 'Raqqa passages come first');
  });

  test('filtering happens inside the search: k hits from the accepted article even for a far query', async () => {
    const { indexDir, embedder } = await builtIndex();
    const index = await loadIndex(indexDir, expectedFor(embedder));
    const accepted = index.passages.filter((p) => p.articleId === 'file0.txt#0');
    assert.ok(accepted.length >= 4);
    const hits = await index.searchDense(embedder.embedText('Raqqa bombing children rubble siege'), 4, { document: 'file0.txt#0' });
    assert.equal(hits.length, 4);
    assert.ok(hits.every((hit) => hit.passage.articleId === 'file0.txt#0'));
    const all = await index.searchDense(embedder.embedText('anything'), 1000, { document: 'file0.txt#0' });
    assert.equal(all.length, accepted.length);
  });

  test('a filtered search finds the nearest passages among the articles let through, as an unfiltered search ranks them', async () => {
    const { indexDir, embedder } = await builtIndex();
    const index = await loadIndex(indexDir, expectedFor(embedder));
    const vector = embedder.embedText('Raqqa bombing children rubble siege');
    const everything = await index.searchDense(vector, index.passages.length);
    for (const filter of [{ author: 'Beeley' }, { document: 'file0.txt#0' }]) {
      const accepted = new Set((await index.searchDense(vector, 1000, filter)).map((hit) => hit.passage.articleId));
      const filtered = await index.searchDense(vector, 3, filter);
      const expected = everything.filter((hit) => accepted.has(hit.passage.articleId)).slice(0, 3);
      assert.deepEqual(filtered.map((hit) => hit.passage.id), expected.map((hit) => hit.passage.id));
      filtered.forEach((hit, i) => assert.ok(Math.abs(hit.similarity - expected[i]!.similarity) < 1e-5));
    }
  });

  test('an index built with another model or other chunking is a mismatch that says to reindex', async () => {
    const { indexDir, embedder } = await builtIndex();
    await assertIndexError(
      loadIndex(indexDir, expectedFor(embedder, { model: 'use-lite-512@energetic-ai-0.2.0', dimensions: 512 })),
      'mismatch',
      /fake-bag-of-words \(64 dims\).*use-lite-512@energetic-ai-0\.2\.0 \(512 dims\)/,
    );
    await assertIndexError(
      loadIndex(indexDir, expectedFor(embedder, { chunking: { size: 900, overlap: 150 } })),
      'mismatch',
      /300 characters.*900 characters.*CHUNK_SIZE/,
    );
  });

  test('no index is "missing"', async () => {
    const indexDir = await tempIndexDir();
    await assertIndexError(loadIndex(indexDir, expectedFor(new FakeEmbedder(SMALL_VECTORS))), 'missing', /No index at/);
  });

  test('every sentence is stored with its vector, so quotes can be scored without the model', async () => {
    const ingest = smallCorpus();
    const { indexDir, embedder, summary } = await builtIndex(ingest);
    const index = await loadIndex(indexDir, expectedFor(embedder));
    let total = 0;
    for (const article of ingest.articles) {
      const sentences = index.sentencesOf(article.id);
      assert.ok(sentences, article.id);
      assert.deepEqual(sentences.spans, splitSentences(article.text, article.language));
      assert.equal(sentences.vectors.length, sentences.spans.length * embedder.dimensions);
      total += sentences.spans.length;
    }
    assert.equal(index.manifest.counts.sentences, total);
    assert.equal(summary.sentences, total);
    for (const [key, vector] of storedSentenceVectors(index)) {
      const expected = embedder.embedText(key.slice(key.indexOf(' ') + 1));
      vector.forEach((value, i) => assert.ok(Math.abs(value - expected[i]!) < 1e-6, key));
    }
    assert.equal(index.sentencesOf('no-such.txt#0'), undefined);

    const passage = index.passages[5]!;
    const stored = index.passageVector(passage.id)!;
    const expected = embedder.embedText(passage.text);
    assert.equal(stored.length, embedder.dimensions);
    for (let i = 0; i < stored.length; i++) assert.ok(Math.abs(stored[i]! - expected[i]!) < 1e-6);
    assert.equal(index.passageVector('no-such.txt#0:0'), undefined);
  });

  test('an index written before sentence vectors were stored is a mismatch that says to reindex, and a reindex replaces it', async () => {
    const { indexDir, embedder, generation: dir } = await builtIndex();
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
    manifest.version = 1;
    delete manifest.counts.sentences;
    await rewriteChecked(dir, 'manifest.json', JSON.stringify(manifest, null, 2));
    await rewriteChecked(dir, 'sentences.json', null);
    await rewriteChecked(dir, 'sentences.bin', null);
    await assertIndexError(loadIndex(indexDir, expectedFor(embedder)), 'mismatch', /another version of quotebot/);

    const rebuilt = await buildIndex(smallCorpus(), embedder, { indexDir, chunking });
    assert.equal(rebuilt.reusedPassages, 0, 'nothing is reused from an index of another version');
    const index = await loadIndex(indexDir, expectedFor(embedder));
    assert.equal(index.manifest.counts.sentences, rebuilt.sentences);
  });

  test('sentence vectors that do not fit the sentences are "corrupt", even with matching checksums', async () => {
    const { indexDir, embedder, generation } = await builtIndex();
    const vectors = await readFile(path.join(generation, 'sentences.bin'));
    await rewriteChecked(generation, 'sentences.bin', vectors.subarray(0, vectors.length - 4 * embedder.dimensions));
    await assertIndexError(loadIndex(indexDir, expectedFor(embedder)), 'corrupt', /sentences\.bin holds \d+ bytes/);

    const other = await builtIndex();
    const spans = JSON.parse(await readFile(path.join(other.generation, 'sentences.json'), 'utf8'));
    spans[0].spans[0] = [0, 1_000_000];
    await rewriteChecked(other.generation, 'sentences.json', JSON.stringify(spans));
    await assertIndexError(loadIndex(other.indexDir, expectedFor(embedder)), 'corrupt', /sentences of file0\.txt#0 do not match/);
  });

  test('truncated or damaged files are "corrupt"', async () => {
    for (const damage of [
      (dir: string) => truncate(path.join(dir, 'hnswlib.index'), 100),
      (dir: string) => truncate(path.join(dir, 'sentences.bin'), 100),
      (dir: string) => appendFile(path.join(dir, 'sentences.bin'), 'x'),
      (dir: string) => writeFile(path.join(dir, 'sentences.json'), '[{"articleId": 1}]'),
      (dir: string) => rm(path.join(dir, 'sentences.bin')),
      (dir: string) => writeFile(path.join(dir, 'articles.json'), '[{"id": 1}]'),
      (dir: string) => writeFile(path.join(dir, 'manifest.json'), '{"version": 1, "emb'),
      (dir: string) => writeFile(path.join(dir, 'checksums.json'), ''),
    ]) {
      const { indexDir, embedder, generation } = await builtIndex();
      await damage(generation);
      await assertIndexError(loadIndex(indexDir, expectedFor(embedder)), 'corrupt', /is damaged/);
    }
    // A damaged pointer: the newest whole generation is served (with a warning); with none left, "corrupt".
    const { indexDir, embedder, generation } = await builtIndex();
    await writeFile(path.join(indexDir, 'current'), '../../etc\n');
    const warnings: string[] = [];
    const served = await loadIndex(indexDir, expectedFor(embedder), { onFallback: (message) => warnings.push(message) });
    assert.equal(served.articles.size, smallCorpus().articles.length);
    assert.match(warnings.join('\n'), /pointer file current is damaged/);
    await rm(generation, { recursive: true });
    await assertIndexError(loadIndex(indexDir, expectedFor(embedder)), 'corrupt', /is damaged/);
  });

  test('a build that fails midway leaves the previous index in use and unchanged', async () => {
    const { indexDir, embedder, generation } = await builtIndex();
    const before = await loadIndex(indexDir, expectedFor(embedder));
    const changed = smallCorpus();
    changed.articles = changed.articles.map((a) => ({ ...a, text: `${a.text} A new closing sentence.` }));
    // Another model, so every passage is embedded again, and a failure after the first batch.
    const failing = new FakeEmbedder({ ...SMALL_VECTORS, model: 'fake-other-model', failAfter: 32 });
    await assert.rejects(buildIndex(changed, failing, { indexDir, chunking }), /embedding service went away/);
    assert.equal(failing.embeddedTexts, 32, 'the build failed midway');

    const after = await loadIndex(indexDir, expectedFor(embedder));
    assert.equal(after.manifest.builtAt, before.manifest.builtAt);
    assert.deepEqual(after.passages, before.passages);
    const names = await readdir(path.join(indexDir, 'generations'));
    assert.deepEqual(names, [path.basename(generation)], 'the failed build left nothing behind');
  });

  test('leftovers of an interrupted build are removed and only the previous generation is kept', async () => {
    const { indexDir, embedder } = await builtIndex();
    const leftover = path.join(indexDir, 'generations', '2020-01-01T00-00-00-000Z-999999999.partial');
    await mkdir(leftover);
    await writeFile(path.join(leftover, 'hnswlib.index'), 'half written');
    await buildIndex(smallCorpus(), embedder, { indexDir, chunking });
    const second = (await currentGeneration(indexDir))!;
    await buildIndex(smallCorpus(), embedder, { indexDir, chunking });
    const third = (await currentGeneration(indexDir))!;
    const names = (await readdir(path.join(indexDir, 'generations'))).sort();
    assert.deepEqual(names, [path.basename(second), path.basename(third)].sort());
    assert.equal((await readFile(path.join(indexDir, 'current'), 'utf8')).trim(), path.basename(third));
  });

  test('a rebuild after one article changes re-embeds only its passages and sentences and answers like a full rebuild', async () => {
    const original = smallCorpus();
    const { indexDir } = await builtIndex(original);
    const changed = smallCorpus();
    const edited = changed.articles[2]!;
    changed.articles[2] = { ...edited, text: edited.text.replace('Paragraph 2-0 says', 'Paragraph 2-0 now claims') };

    const incremental = new RecordingEmbedder(SMALL_VECTORS);
    const summary = await buildIndex(changed, incremental, { indexDir, chunking });
    const changedIndex = await loadIndex(indexDir, expectedFor(incremental));
    const editedPassages = changedIndex.passages.filter((p) => p.articleId === edited.id);
    const editedSentences = changedIndex.sentencesOf(edited.id)!.spans;
    assert.ok(incremental.texts.length >= 2, 'the changed passage and sentence were embedded');
    assert.ok(incremental.texts.every((text) => changed.articles[2]!.text.includes(text)), 'only the edited article was embedded');
    assert.ok(incremental.texts.some((text) => text.includes('now claims')));
    assert.ok(incremental.texts.length <= editedPassages.length + editedSentences.length, `re-embedded ${incremental.texts.length} texts`);
    assert.ok(summary.reusedPassages >= summary.passages - editedPassages.length);
    assert.ok(summary.reusedSentences >= summary.sentences - editedSentences.length);
    assert.ok(summary.reusedPassages < summary.passages && summary.reusedSentences < summary.sentences);

    const fullDir = await tempIndexDir();
    const full = new FakeEmbedder(SMALL_VECTORS);
    await buildIndex(changed, full, { indexDir: fullDir, chunking });
    const fullIndex = await loadIndex(fullDir, expectedFor(full));
    assert.deepEqual(changedIndex.passages, fullIndex.passages);
    const incrementalSentences = storedSentenceVectors(changedIndex);
    const fullSentences = storedSentenceVectors(fullIndex);
    assert.deepEqual([...incrementalSentences.keys()], [...fullSentences.keys()]);
    for (const [key, vector] of fullSentences) {
      const reused = incrementalSentences.get(key)!;
      vector.forEach((value, i) => assert.ok(Math.abs(value - reused[i]!) < 1e-6, key));
    }
    for (const query of ['now claims the airstrike', 'oil and gas theft', 'Raqqa children', 'drone base contractor']) {
      const vector = full.embedText(query);
      const a = await changedIndex.searchDense(vector, 5);
      const b = await fullIndex.searchDense(vector, 5);
      assert.deepEqual(a.map((hit) => hit.passage.id), b.map((hit) => hit.passage.id), query);
      a.forEach((hit, i) => assert.ok(Math.abs(hit.similarity - b[i]!.similarity) < 1e-5));
    }
  });

  test('an empty corpus builds an index that finds nothing', async () => {
    const { indexDir, embedder, summary } = await builtIndex({ articles: [], files: [], problems: [] });
    assert.equal(summary.passages, 0);
    const index = await loadIndex(indexDir, expectedFor(embedder));
    assert.deepEqual(await index.searchDense(embedder.embedText('anything'), 5), []);
  });
});
