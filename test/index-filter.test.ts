import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article, SearchFilter } from '../src/domain.js';
import { articlesMatching } from '../src/index/filter.js';
import { compileFilter } from './support/filter-oracle.js';
import { makeArticle } from './support/articles.js';

const articles: Article[] = [
  makeArticle('raqqa.txt#0', 'a', { title: 'The siege of Raqqa', authors: ['Bill Van Auken'], date: '2018-10-02' }),
  makeArticle('raqqa.txt#1', 'b', { source: 'raqqa.txt', title: 'Raqqa, a year on', authors: ['Bill Van Auken', 'Vanessa Beeley'], date: '2019-06-30' }),
  makeArticle('beeley.md#0', 'c', { title: 'Aleppo notes', authors: ['Vanessa Beeley'], date: '2016-12-01' }),
  makeArticle('blog.html#0', 'd', { title: 'Over de oorlog in Syrië', authors: ['Jan de Vries'], date: '2018-03', language: 'nl' }),
  makeArticle('undated.txt#0', 'e', { title: 'Notes on Syria', authors: [], date: null }),
  makeArticle('jose.txt#0', 'f', { title: 'José Álvarez on the siege', authors: ['José Álvarez'], date: '2020-01-15', language: 'en' }),
];
const byId = new Map(articles.map((article) => [article.id, article]));

/** Ids in corpus order, as testing every article with the compiled predicate finds them. */
function byTestingEach(filter: SearchFilter): string[] {
  const predicate = compileFilter(filter, articles);
  return articles.filter((article) => !predicate || predicate(article)).map((article) => article.id);
}

function byLookups(filter: SearchFilter): string[] {
  const found = articlesMatching(filter, byId);
  return articles.filter((article) => !found || found.has(article.id)).map((article) => article.id);
}

describe('articlesMatching', () => {
  const filters: SearchFilter[] = [
    {},
    { author: 'van auken' },
    { author: 'Beeley' },
    { author: 'van' },
    { author: 'vanessa beeley' },
    { author: 'jose alvarez' },
    { author: '...' },
    { author: 'nobody' },
    { document: 'raqqa.txt' },
    { document: 'raqqa' },
    { document: 'raqqa.txt#1' },
    { document: 'the siege of raqqa' },
    { document: 'siege' },
    { document: 'ALEPPO NOTES' },
    { document: 'absent' },
    { dateFrom: '2018' },
    { dateTo: '2018' },
    { dateFrom: '2018-03', dateTo: '2018-10' },
    { dateFrom: '2018-06', dateTo: '2018-06' },
    { dateFrom: '2021' },
    { language: 'nl' },
    { language: 'en', author: 'van auken', dateFrom: '2019' },
    { document: 'siege', dateTo: '2019' },
    { author: 'beeley', document: 'raqqa' },
  ];

  for (const filter of filters) {
    test(`finds what testing every article finds: ${JSON.stringify(filter)}`, () => {
      assert.deepEqual(byLookups(filter), byTestingEach(filter));
    });
  }

  test('no filter is "every article" (null), a filter matching nothing an empty set', () => {
    assert.equal(articlesMatching(undefined, byId), null);
    assert.equal(articlesMatching({ author: '  ' }, byId), null);
    assert.equal(articlesMatching({ author: 'nobody' }, byId)?.size, 0);
  });
});
