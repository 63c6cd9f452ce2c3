import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { splitParagraphs, splitSentences } from '../src/text/sentences.js';

function sentences(text: string, language?: string): string[] {
  return splitSentences(text, language).map((span) => text.slice(span.start, span.end));
}

describe('splitSentences', () => {
  test('does not split after titles, dotted abbreviations or initials', () => {
    const text =
      'A spokesman, Col. Ryan Dillon, met Gen. Jones. Mr. Brown said the U.S. Army, e.g. its pilots, agreed. J. R. R. Tolkien wrote it.';
    assert.deepEqual(sentences(text, 'en'), [
      'A spokesman, Col. Ryan Dillon, met Gen. Jones.',
      'Mr. Brown said the U.S. Army, e.g. its pilots, agreed.',
      'J. R. R. Tolkien wrote it.',
    ]);
  });

  test('handles Dutch abbreviations', () => {
    const text = 'Hij citeerde o.a. Airwars, t.w. een monitor. NB dit is illegaal. Dhr. Jansen kwam niet.';
    assert.deepEqual(sentences(text, 'nl'), [
      'Hij citeerde o.a. Airwars, t.w. een monitor.',
      'NB dit is illegaal.',
      'Dhr. Jansen kwam niet.',
    ]);
  });

  test('a paragraph break always ends a sentence, even without punctuation', () => {
    const text = 'A heading without a dot\n\nThe body starts here. It goes on';
    assert.deepEqual(sentences(text), ['A heading without a dot', 'The body starts here.', 'It goes on']);
  });

  test('runs of dots end a sentence even before a lowercase word', () => {
    const text = 'Het zou om gaswinning gaan, aldus de VS...... ha! Nogmaals........ Klaar.';
    assert.deepEqual(sentences(text, 'nl'), [
      'Het zou om gaswinning gaan, aldus de VS......',
      'ha!',
      'Nogmaals........',
      'Klaar.',
    ]);
  });

  test('spans are trimmed, ordered and give back the text', () => {
    const text = '  First one.   Second one?\n\n\n  Third!  \n';
    const spans = splitSentences(text);
    assert.deepEqual(
      spans.map((s) => text.slice(s.start, s.end)),
      ['First one.', 'Second one?', 'Third!'],
    );
    for (let i = 1; i < spans.length; i++) assert.ok(spans[i]!.start >= spans[i - 1]!.end);
  });

  test('an unknown language tag falls back instead of throwing', () => {
    assert.deepEqual(sentences('One. Two.', 'not a tag!'), ['One.', 'Two.']);
  });

  test('empty or blank text has no sentences', () => {
    assert.deepEqual(splitSentences(''), []);
    assert.deepEqual(splitSentences(' \n\n '), []);
  });
});

describe('splitParagraphs', () => {
  test('splits on blank lines and trims', () => {
    const text = 'Title\n\n  First para\nsame para.  \n \nSecond.\n';
    assert.deepEqual(
      splitParagraphs(text).map((s) => text.slice(s.start, s.end)),
      ['Title', 'First para\nsame para.', 'Second.'],
    );
  });
});
