import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { chunkArticle } from '../src/index/chunk.js';
import { splitSentences } from '../src/text/sentences.js';
import { makeArticle } from './support/articles.js';

const settings = { size: 300, overlap: 80 };

function sentenceText(n: number): string {
  return `Sentence number ${n} talks about topic ${n % 7} with a few extra words.`;
}

describe('chunkArticle', () => {
  test('every passage is an exact slice of the article text, with ids in order', async () => {
    const corpusDir = new URL('../corpus/', import.meta.url);
    for (const file of readdirSync(corpusDir)) {
      const text = readFileSync(new URL(file, corpusDir), 'utf8');
      const article = makeArticle(`${file}#0`, text, { language: file.startsWith('003') ? 'nl' : 'en' });
      const passages = await chunkArticle(article, { size: 900, overlap: 150 });
      assert.ok(passages.length > 0, file);
      passages.forEach((p, n) => {
        assert.equal(article.text.slice(p.start, p.end), p.text, `${p.id} offsets`);
        assert.equal(p.id, `${article.id}:${n}`);
        assert.equal(p.articleId, article.id);
        assert.ok(p.text.length <= 900, `${p.id} is ${p.text.length} characters`);
      });
    }
  });

  test('passages hold whole sentences, cover the text, and repeat trailing sentences as overlap', async () => {
    const text = Array.from({ length: 30 }, (_, n) => sentenceText(n)).join(' ');
    const article = makeArticle('a.txt#0', text);
    const passages = await chunkArticle(article, settings);
    const sentences = splitSentences(text);
    const starts = new Set(sentences.map((s) => s.start));
    const ends = new Set(sentences.map((s) => s.end));
    for (const p of passages) {
      assert.ok(starts.has(p.start) && ends.has(p.end), `${p.id} cuts a sentence`);
      assert.ok(p.text.length <= settings.size);
    }
    for (const sentence of sentences) {
      assert.ok(passages.some((p) => p.start <= sentence.start && sentence.end <= p.end), 'sentence not covered');
    }
    for (let i = 1; i < passages.length; i++) {
      const repeated = passages[i - 1]!.end - passages[i]!.start;
      assert.ok(repeated > 0 && repeated <= settings.overlap, `overlap of ${repeated} characters`);
    }
  });

  test('paragraphs may share a passage but a sentence never spans two paragraphs', async () => {
    const text = 'Short heading\n\nFirst paragraph sentence. Another one.\n\nSecond paragraph here.';
    const passages = await chunkArticle(makeArticle('b.txt#0', text), settings);
    assert.equal(passages.length, 1);
    assert.equal(passages[0]!.text, text);
  });

  test('an over-long sentence is cut into pieces that fit and keep every word', async () => {
    const long = Array.from({ length: 120 }, (_, n) => `word${n}`).join(' ') + '.';
    const text = `Before it. ${long} After it.`;
    const article = makeArticle('c.txt#0', text);
    const passages = await chunkArticle(article, settings);
    assert.ok(passages.length >= 3);
    for (const p of passages) {
      assert.equal(text.slice(p.start, p.end), p.text);
      assert.ok(p.text.length <= settings.size, `${p.text.length} characters`);
    }
    const words = new Set(passages.flatMap((p) => p.text.split(/\s+/)));
    for (const word of text.split(/\s+/)) assert.ok(words.has(word), `${word} lost`);
  });

  test('an empty article has no passages', async () => {
    assert.deepEqual(await chunkArticle(makeArticle('d.txt#0', '  \n\n '), settings), []);
  });
});
