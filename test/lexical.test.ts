import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article, Passage } from '../src/domain.js';
import { buildLexicalIndex } from '../src/index/lexical.js';
import { foldText, tokenize, tokenizeQuery } from '../src/index/tokenize.js';

function article(id: string, language: string, text: string): Article {
  return {
    id,
    source: `${id}.txt`,
    title: id,
    authors: [],
    date: null,
    publisher: null,
    url: null,
    language,
    republishedIn: null,
    text,
  };
}

function passageOf(a: Article): Passage {
  return { id: `${a.id}:0`, articleId: a.id, start: 0, end: a.text.length, text: a.text };
}

function indexOf(...articles: Article[]) {
  return buildLexicalIndex(articles.map(passageOf), new Map(articles.map((a) => [a.id, a])));
}

const hits = (index: ReturnType<typeof indexOf>, question: string, k = 10) =>
  index.search(tokenizeQuery(question).flat(), k).map((hit) => hit.passage.articleId);

describe('tokenize', () => {
  test('English stemming joins bomb, bombs, bombed and bombing', () => {
    const stems = new Set(tokenize('bomb bombs bombed bombing', 'en'));
    assert.deepEqual([...stems], [tokenize('bomb', 'en')[0]]);
  });

  test('Dutch stemming joins singular and plural', () => {
    assert.deepEqual(tokenize('bombardementen strijders troepen', 'nl'), tokenize('bombardement strijder troep', 'nl'));
  });

  test('folds case and accents', () => {
    assert.equal(foldText('Syrië ÉLAN'), 'syrie elan');
    assert.deepEqual(tokenize('Syrië', 'nl'), tokenize('syrie', 'nl'));
  });

  test('drops English and Dutch stopwords but keeps acronyms that spell one', () => {
    assert.deepEqual(tokenize('the war and de oorlog van het land', 'en'), tokenize('war oorlog land', 'en'));
    assert.ok(tokenize('IS fighters withdrew', 'en').includes('is'));
    assert.ok(!tokenize('this is war', 'en').includes('is'));
  });

  test('reads thousands separators as one number', () => {
    assert.deepEqual(tokenize('over 4,000 dead', 'en'), tokenize('over 4000 dead', 'en'));
  });

  test('a question is stemmed in both languages', () => {
    const [group] = tokenizeQuery('bombardementen');
    assert.ok(group?.includes(tokenize('bombardement', 'nl')[0]!));
  });
});

describe('buildLexicalIndex', () => {
  const english = article('en', 'en', 'Coalition bombs struck the prison and killed 70 civilians.');
  const dutch = article('nl', 'nl', 'Bij het bombardement nabij Khusham zijn meer dan 100 strijders gedood.');
  const other = article('other', 'en', 'Russian convoys are moving to the oil fields east of the river.');
  const index = indexOf(english, dutch, other);

  test('an English word form finds another form of it', () => {
    assert.deepEqual(hits(index, 'Who was bombing the prison?'), ['en']);
  });

  test('a Dutch plural finds the singular in a Dutch passage', () => {
    assert.deepEqual(hits(index, 'Waar waren de bombardementen?'), ['nl']);
  });

  test('a name in an English question finds a Dutch passage', () => {
    assert.deepEqual(hits(index, 'What happened near Khusham?'), ['nl']);
  });

  test('numbers match', () => {
    assert.deepEqual(hits(index, 'Were there 100?'), ['nl']);
    assert.deepEqual(hits(index, 'Did 70 die?'), ['en']);
  });

  test('the filter is applied inside the search and k is honoured', () => {
    const all = index.search(tokenizeQuery('killed civilians strijders oil').flat(), 10);
    assert.equal(all.length, 3);
    assert.equal(index.search(tokenizeQuery('killed civilians strijders oil').flat(), 1).length, 1);
    const onlyOther = index.search(tokenizeQuery('killed civilians strijders oil').flat(), 10, (p) => p.articleId === 'other');
    assert.deepEqual(onlyOther.map((hit) => hit.passage.articleId), ['other']);
  });

  test('works on a one-passage corpus and with an empty query', () => {
    const tiny = indexOf(english);
    assert.deepEqual(hits(tiny, 'prison'), ['en']);
    assert.deepEqual(tiny.search([], 5), []);
    assert.deepEqual(indexOf().search(['prison'], 5), []);
  });

  test('rare and unknown terms weigh more than common ones', () => {
    const [coalition] = tokenize('coalition', 'en');
    assert.ok(index.idf('zzzunknown') > index.idf(coalition!));
  });
});
