import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeQuery } from '../src/answer/question.js';
import { countNamesAbsentFrom, countUnknownNames } from '../src/answer/unknown-names.js';
import type { Article } from '../src/domain.js';
import { tokenize } from '../src/text/tokenize.js';

describe('analyzeQuery', () => {
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
    const [group] = analyzeQuery('bombardementen').groups;
    assert.ok(group?.includes(tokenize('bombardement', 'nl')[0]!));
  });
});

describe('countUnknownNames', () => {
  // A corpus that mentions curl error 22 and Borg, and nothing else.
  const known = new Set(['22', 'borg', 'curl', 'error'].flatMap((word) => tokenize(word, 'en')));
  const lexical = { documentFrequency: (term: string) => (known.has(term) ? 1 : 0) };
  const unknown = (question: string) => countUnknownNames(analyzeQuery(question), lexical, new Set());

  test('a number of two digits the corpus never uses counts, as a name does', () => {
    assert.equal(unknown('What does curl error 23 mean?'), 1);
    assert.equal(unknown('What does curl error 22 mean?'), 0);
    assert.equal(unknown('How many clusters does Borg run in Tokyo?'), 1);
  });
});

describe('countNamesAbsentFrom', () => {
  // Two articles: a Rust release announcement and a retrospective that mentions Rust 1.0 and Tokyo.
  const terms = (text: string) => new Set(tokenize(text, 'en'));
  const passages: Record<string, Set<string>> = {
    'release.md:0': terms('This release fixes two bugs in the compiler.'),
    'release.md:1': terms('Download Rust 1.15.1 from the usual place.'),
    'history.md:0': terms('Rust 1.0 shipped in 2015 after years of work; the meetup in Tokyo celebrated it.'),
  };
  const frequency = (term: string) => Object.values(passages).filter((set) => set.has(term)).length;
  const lexical = {
    documentFrequency: frequency,
    termsOf: (id: string) => passages[id] ?? new Set<string>(),
    authorTermsOf: (id: string) => (id === 'release.md' ? terms('The Rust Release Team') : new Set<string>()),
  };
  const article = (id: string, title: string): Article =>
    ({ id, source: id, title, authors: [], date: '2017-02-09', language: 'en', text: '', url: null, publisher: null }) as unknown as Article;
  const release = article('release.md', 'A new point release');
  const absent = (question: string, of: Article, count: number) => countNamesAbsentFrom(analyzeQuery(question), of, count, lexical, new Set());

  test('a name the corpus uses but the quoted article never does counts; one in a later passage, the title or the authors does not', () => {
    assert.deepEqual(absent('When was Rust 1.0 released?', release, 2), { names: 1, years: 0 });
    assert.deepEqual(absent('When was Rust 1.15.1 released?', release, 2), { names: 0, years: 0 });
    assert.deepEqual(absent('What does the Release Team say about Tokyo?', release, 2), { names: 1, years: 0 });
    assert.deepEqual(absent('When was Rust 1.0 released?', article('history.md', 'Ten years of Rust'), 1), { names: 0, years: 0 });
  });

  test('a year the corpus mentions counts apart, unless the article mentions it or is dated in it', () => {
    assert.deepEqual(absent('What did the Tokyo meetup celebrate in 2015?', release, 2), { names: 1, years: 1 });
    assert.deepEqual(absent('What was released in 2017?', release, 2), { names: 0, years: 0 });
  });

  test('a name the corpus never uses is left to countUnknownNames', () => {
    assert.deepEqual(absent('When was Rust 2.0 released in Paris?', release, 2), { names: 0, years: 0 });
  });
});
