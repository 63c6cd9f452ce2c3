import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { foldText } from '../src/text/normalize.js';
import { tokenize } from '../src/text/tokenize.js';

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
});
