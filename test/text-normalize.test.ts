import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { foldText, normalizeForComparison, replaceLoneSurrogates } from '../src/text/normalize.js';

describe('normalizeForComparison', () => {
  test('by default unifies only whitespace, quote marks, dashes and invisible characters', () => {
    assert.equal(normalizeForComparison('“Dust”\n  and — ‘rubble’'), '"Dust" and - \'rubble\'');
    assert.equal(normalizeForComparison('zero\u200Bwidth'), 'zerowidth');
    assert.notEqual(normalizeForComparison('Dust'), normalizeForComparison('dust'));
    assert.notEqual(normalizeForComparison('**Dust**'), normalizeForComparison('Dust'));
  });

  test('folded, it also ignores case and accents; without markup, emphasis marks', () => {
    assert.equal(normalizeForComparison('  Émile   ZOLA ', { fold: true }), 'emile zola');
    assert.equal(normalizeForComparison('O’Brien', { fold: true }), normalizeForComparison("o'brien", { fold: true }));
    assert.equal(normalizeForComparison('**said** _it_', { fold: true, dropMarkup: true }), 'said it');
  });
});

describe('foldText', () => {
  test('lowercase, accents removed, compatibility forms unified', () => {
    assert.equal(foldText('Syrië ÉLAN ﬁnal'), 'syrie elan final');
  });
});

describe('replaceLoneSurrogates', () => {
  test('half of an emoji becomes the replacement character; a whole one stays', () => {
    assert.equal(replaceLoneSurrogates('a\uD83D b 😀'), 'a\uFFFD b 😀');
  });
});
