import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article, Passage } from '../src/domain.js';
import { buildLexicalIndex } from '../src/index/lexical.js';
import { analyzeQuery, foldText, tokenize, tokenizeQuery } from '../src/index/tokenize.js';

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

const hits = (index: ReturnType<typeof indexOf>, question: string, k = 10) => {
  const query = analyzeQuery(question);
  return index.search(query.groups.flat(), k, undefined, query.weights).map((hit) => hit.passage.articleId);
};

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

  test('writes a number the same way in English and Dutch', () => {
    const [english] = tokenize('5,775', 'en');
    assert.deepEqual([tokenize('5.775', 'nl')[0], tokenize('5775', 'nl')[0]], [english, english]);
    assert.deepEqual(tokenize('10.000 doden', 'nl')[0], tokenize('10,000 dead', 'en')[0]);
    // A decimal comma is a decimal point: 2,2 miljard is $2.2 billion, and not 22.
    assert.deepEqual(tokenize('2,2 miljard', 'nl')[0], tokenize('$2.2 billion', 'en')[0]);
    assert.notDeepEqual(tokenize('2,2', 'nl')[0], tokenize('22', 'nl')[0]);
  });

  test('a Dutch compound is indexed with its parts', () => {
    const terms = tokenize('wapenleveringen', 'nl');
    assert.ok(terms.includes(tokenize('wapen', 'nl')[0]!), terms.join(' '));
    assert.ok(terms.includes(tokenize('levering', 'nl')[0]!), terms.join(' '));
  });

  test('a question word brings its translations into the other language, weighted lower', () => {
    const english = analyzeQuery('Which prison was bombed?');
    assert.equal(english.language, 'en');
    const [gevangenis] = tokenize('gevangenis', 'nl');
    assert.ok(english.groups.some((group) => group.includes(gevangenis!)));
    assert.ok(english.weights.get(gevangenis!)! < english.weights.get(tokenize('prison', 'en')[0]!)!);

    const dutch = analyzeQuery('Welke gevangenis werd gebombardeerd?');
    assert.equal(dutch.language, 'nl');
    assert.ok(dutch.groups.some((group) => group.includes(tokenize('prison', 'en')[0]!)));
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

  test('an English question finds a Dutch passage through the glossary, compounds included', () => {
    const crime = article('crime', 'nl', 'Het bombarderen van woonwijken is een ernstige oorlogsmisdaad.');
    assert.deepEqual(hits(indexOf(english, dutch, other, crime), 'Is it a war crime?'), ['crime']);
  });

  test('a Dutch question finds an English passage through the glossary', () => {
    assert.deepEqual(hits(index, 'Welke gevangenis werd getroffen?'), ['en']);
  });

  test('a word in the question language outranks its translation', () => {
    const war = article('war', 'en', 'The war goes on.');
    const oorlog = article('oorlog', 'nl', 'De oorlog gaat door.');
    const both = indexOf(war, oorlog);
    assert.deepEqual(hits(both, 'Welke oorlog?'), ['oorlog', 'war']);
    assert.deepEqual(hits(both, 'Which war?'), ['war', 'oorlog']);
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
