import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isAuthorRight, isDateRight, isTitleRight, quotedMetadataLines, readDevSet, unverifiableSentences, type DevSetFile } from '../eval/dev-set.js';

/**
 * The real-document dev set (test/fixtures/real/, sources in SOURCES.md): every article's
 * title, authors and date as expected.json states them, no metadata line in any article's
 * text, and every sentence verbatim in what a reader of the file sees.
 */

let files: DevSetFile[] = [];
before(async () => {
  files = await readDevSet();
});

describe('real documents in their own layouts', () => {
  test('every file gives the articles it holds, with their title, authors, date and language', () => {
    assert.ok(files.length >= 20);
    for (const file of files) {
      assert.equal(file.articles.length, file.expected.length, `${file.file}: article count`);
      file.expected.forEach((expected, n) => {
        const article = file.articles[n];
        const where = `${file.file}#${n}`;
        assert.ok(isTitleRight(article, expected), `${where}: title ${JSON.stringify(article?.title)}, want ${JSON.stringify(expected.title)}`);
        assert.ok(isAuthorRight(article, expected), `${where}: authors ${JSON.stringify(article?.authors)}, want ${JSON.stringify(expected.authors)}`);
        assert.ok(isDateRight(article, expected), `${where}: date ${article?.date}, want ${expected.date}`);
        if (expected.language) assert.equal(article?.language, expected.language, `${where}: language`);
      });
    }
  });

  test('no metadata line is left in an article’s text', () => {
    for (const file of files) assert.deepEqual(quotedMetadataLines(file), [], file.file);
  });

  test('every sentence is verbatim, up to whitespace, in the file’s text or its rendering', () => {
    for (const file of files) assert.deepEqual(unverifiableSentences(file), [], file.file);
  });
});
