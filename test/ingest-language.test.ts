import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Passage } from '../src/domain.js';
import { buildLexicalIndex } from '../src/index/lexical.js';
import { analyzeQuery } from '../src/answer/question.js';
import { detectArticleLanguage } from '../src/ingest/article-language.js';
import { readTextDocument } from '../src/ingest/read-document.js';

describe('article language', () => {
  test('is detected among the supported languages', () => {
    assert.equal(detectArticleLanguage('The harbour was busy again this week, and the ferries were late because of the storm that came in from the sea.'), 'en');
    assert.equal(detectArticleLanguage('De haven was deze week weer druk, en de veerboten waren te laat door de storm die van zee kwam.'), 'nl');
    assert.equal(detectArticleLanguage('Der Hafen war diese Woche wieder voll, und die Fähren kamen wegen des Sturms vom Meer zu spät an.'), 'de');
  });

  test('falls back to counting English and Dutch words when the text is too short to tell', () => {
    assert.equal(detectArticleLanguage('Het is niet druk.'), 'nl');
    assert.equal(detectArticleLanguage('It was busy.'), 'en');
  });

  test('a stated language is kept even without a stemmer, and the article is found by its own words', async () => {
    const reading = readTextDocument('---\ntitle: Arbetslösheten sjunker\nlang: sv\n---\nArbetslösheten i Stockholm minskade under hösten, enligt kommunen.', 'sv.md');
    assert.ok(reading.ok);
    const [article] = reading.articles;
    assert.ok(article);
    assert.equal(article.language, 'sv');
    const passage: Passage = { id: `${article.id}:0`, articleId: article.id, start: 0, end: article.text.length, text: article.text };
    const index = buildLexicalIndex([passage], new Map([[article.id, article]]));
    for (const question of ['arbetslösheten Stockholm', 'Hur förändrades arbetslösheten?']) {
      const query = analyzeQuery(question);
      assert.deepEqual((await index.search(query.groups.flat(), 3, undefined, query.weights)).map((hit) => hit.passage.articleId), [article.id], question);
    }
  });
});
