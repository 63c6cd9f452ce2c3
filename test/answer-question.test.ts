import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeQuery } from '../src/answer/question.js';
import { countUnknownNames } from '../src/answer/unknown-names.js';
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
