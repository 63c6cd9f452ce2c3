import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeQuery } from '../src/answer/question.js';
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
