import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage, detectLanguageConfidently } from '../src/text/language.js';

describe('language', () => {
  test('tells English from Dutch by stopwords', () => {
    assert.equal(detectLanguage('The United States has been bombing the city at the rate of one munition every 8 minutes.'), 'en');
    assert.equal(detectLanguage('De VS heeft het grootste deel van de Syrische stad Raqqa in puin gelegd.'), 'nl');
  });

  test('declines to decide on text too short to tell', () => {
    assert.equal(detectLanguageConfidently('Woods added:'), null);
    assert.equal(detectLanguageConfidently('Om de getoonde documenten te vergroten kan u uw browser gebruiken, of ga naar het originele artikel.'), 'nl');
  });

  test('a question counts its question words: "Welke oorlog?" is Dutch, "Which war?" English', () => {
    assert.equal(detectLanguage('Welke oorlog?'), 'nl');
    assert.equal(detectLanguage('Which war?'), 'en');
  });

  test('a line mixing the two languages evenly is not confidently either', () => {
    assert.equal(detectLanguageConfidently('The war and the end of de oorlog van het land'), null);
  });
});
