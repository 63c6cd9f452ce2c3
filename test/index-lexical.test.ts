import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article, Passage } from '../src/domain.js';
import { buildLexicalIndex } from '../src/index/lexical.js';
import { PackedTerms } from '../src/index/packed-terms.js';
import { analyzeQuery } from '../src/answer/question.js';
import { tokenize } from '../src/text/tokenize.js';
import { makeArticle } from './support/articles.js';

function article(id: string, language: string, text: string): Article {
  return makeArticle(id, text, { source: `${id}.txt`, title: id, authors: [], date: null, language });
}

function passageOf(a: Article): Passage {
  return { id: `${a.id}:0`, articleId: a.id, start: 0, end: a.text.length, text: a.text };
}

function indexOf(...articles: Article[]) {
  return buildLexicalIndex(articles.map(passageOf), new Map(articles.map((a) => [a.id, a])));
}

const hits = async (index: ReturnType<typeof indexOf>, question: string, k = 10) => {
  const query = analyzeQuery(question);
  return (await index.search(query.groups.flat(), k, undefined, query.weights)).map((hit) => hit.passage.articleId);
};

describe('buildLexicalIndex', () => {
  const english = article('en', 'en', 'Coalition bombs struck the prison and killed 70 civilians.');
  const dutch = article('nl', 'nl', 'Bij het bombardement nabij Khusham zijn meer dan 100 strijders gedood.');
  const other = article('other', 'en', 'Russian convoys are moving to the oil fields east of the river.');
  const index = indexOf(english, dutch, other);

  test('an English word form finds another form of it', async () => {
    assert.deepEqual(await hits(index, 'Who was bombing the prison?'), ['en']);
  });

  test('a Dutch plural finds the singular in a Dutch passage', async () => {
    assert.deepEqual(await hits(index, 'Waar waren de bombardementen?'), ['nl']);
  });

  test('a name in an English question finds a Dutch passage', async () => {
    assert.deepEqual(await hits(index, 'What happened near Khusham?'), ['nl']);
  });

  test('an English question finds a Dutch passage through the glossary, compounds included', async () => {
    const crime = article('crime', 'nl', 'Het bombarderen van woonwijken is een ernstige oorlogsmisdaad.');
    assert.deepEqual(await hits(indexOf(english, dutch, other, crime), 'Is it a war crime?'), ['crime']);
  });

  test('a Dutch question finds an English passage through the glossary', async () => {
    assert.deepEqual(await hits(index, 'Welke gevangenis werd getroffen?'), ['en']);
  });

  test('a word in the question language outranks its translation', async () => {
    const war = article('war', 'en', 'The war goes on.');
    const oorlog = article('oorlog', 'nl', 'De oorlog gaat door.');
    const both = indexOf(war, oorlog);
    assert.deepEqual(await hits(both, 'Welke oorlog?'), ['oorlog', 'war']);
    assert.deepEqual(await hits(both, 'Which war?'), ['war', 'oorlog']);
  });

  test('numbers match', async () => {
    assert.deepEqual(await hits(index, 'Were there 100?'), ['nl']);
    assert.deepEqual(await hits(index, 'Did 70 die?'), ['en']);
  });

  test('the filter is applied inside the search and k is honoured', async () => {
    const all = await index.search(analyzeQuery('killed civilians strijders oil').groups.flat(), 10);
    assert.equal(all.length, 3);
    assert.equal((await index.search(analyzeQuery('killed civilians strijders oil').groups.flat(), 1)).length, 1);
    const onlyOther = await index.search(analyzeQuery('killed civilians strijders oil').groups.flat(), 10, { document: 'other' });
    assert.deepEqual(onlyOther.map((hit) => hit.passage.articleId), ['other']);
  });

  test('a filter ranks its passages with the scores an unfiltered search gives them, author names included', async () => {
    const writers = ['Anna Novak', 'Ben Okafor', 'Carla Novak'];
    const texts = [
      'The siege of the city went on for months and the civilians fled the bombing.',
      'Oil fields east of the river were bombed by the coalition.',
      'The city council met to discuss the siege and the oil prices.',
      'Civilians in the city say the bombing killed dozens.',
    ];
    const corpus = Array.from({ length: 24 }, (_, n) =>
      makeArticle(`a${n}`, `${texts[n % texts.length]} Report ${n % 5}.`, { authors: [writers[n % writers.length]!], title: `a${n}` }),
    );
    const many = indexOf(...corpus);
    const terms = analyzeQuery('Novak bombing of the city civilians report 3').groups.flat();
    const everything = await many.search(terms, 1_000);
    for (const filter of [{ author: 'novak' }, { author: 'Ben Okafor' }, { document: 'a7' }]) {
      const filtered = await many.search(terms, 1_000, filter);
      const accepted = new Set(corpus.filter((a) => a.authors.some((name) => name.toLowerCase().includes(filter.author?.toLowerCase() ?? '\0')) || a.id === filter.document).map((a) => a.id));
      assert.ok(filtered.length > 0);
      assert.deepEqual(
        filtered.map((hit) => [hit.passage.id, hit.score]),
        everything.filter((hit) => accepted.has(hit.passage.articleId)).map((hit) => [hit.passage.id, hit.score]),
      );
    }
  });

  test('works on a one-passage corpus and with an empty query', async () => {
    const tiny = indexOf(english);
    assert.deepEqual(await hits(tiny, 'prison'), ['en']);
    assert.deepEqual(await tiny.search([], 5), []);
    assert.deepEqual(await indexOf().search(['prison'], 5), []);
  });

  test('rare and unknown terms weigh more than common ones', () => {
    const [coalition] = tokenize('coalition', 'en');
    assert.ok(index.idf('zzzunknown') > index.idf(coalition!));
  });
});

describe('PackedTerms', () => {
  const packed = PackedTerms.pack([
    new Map([['syria', 2], ['oil', 1]]),
    new Map(),
    new Map([['oil', 70000], ['wheat', 1]]),
  ]);

  test('keeps each row\'s terms and counts apart, and a count past 65,535 saturates', () => {
    assert.equal(packed.rows, 3);
    assert.deepEqual([packed.size(0), packed.size(1), packed.size(2)], [2, 0, 2]);
    assert.equal(packed.count(0, 'syria'), 2);
    assert.equal(packed.count(2, 'syria'), undefined);
    assert.equal(packed.count(1, 'oil'), undefined);
    assert.equal(packed.count(2, 'oil'), 65535);
    assert.equal(packed.count(0, 'unknown'), undefined);
    assert.deepEqual(new Map(packed.entries(2)), new Map([['oil', 65535], ['wheat', 1]]));
  });

  test('a lookup answers for the row\'s terms and the extra ones (author names)', () => {
    const lookup = packed.lookup(1, new Set(['beeley']));
    assert.equal(lookup.has('beeley'), true);
    assert.equal(lookup.has('oil'), false);
    assert.equal(packed.lookup(0, new Set()).has('oil'), true);
  });
});
