import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findBlockQuotations, findQuotedMaterial, findQuotedStatements, quotedFrom, UNNAMED_SOURCE } from '../src/answer/quoted-from.js';
import { abbreviates, findNames } from '../src/answer/speaker-names.js';

/** Who `quotedFrom` credits for the sentence of `text` that starts with `opening`. */
function creditOf(text: string, opening: string): string | null {
  const start = text.indexOf(opening);
  assert.ok(start >= 0, `no "${opening}" in the text`);
  const end = text.slice(start).search(/[.!?](?:["”’]|\s|$)/) + start + 1;
  return quotedFrom(text, { start, end }, findQuotedMaterial(text));
}

const BLOG = [
  'Yesterday the New York Times printed a long report on the port. According to NYT:',
  'The harbour was closed for three weeks while divers searched the wreck, officials said.',
  'Of course we should wonder why the paper waited so long. I think it knew.',
  'The article goes on:',
  'Cranes were moved to the northern quay in April.',
  'Ships were diverted to two smaller harbours along the coast.',
  'But none of this explains the silence of the ministry.',
].join('\n\n');

describe('block quotations after a lead-in', () => {
  test('the paragraph after "According to X:" is X\'s, with the abbreviation spelled out', () => {
    assert.equal(creditOf(BLOG, 'The harbour was closed'), 'New York Times');
  });

  test('the author\'s voice returns: first person, question, comment', () => {
    assert.equal(creditOf(BLOG, 'Of course we should wonder'), null);
    assert.equal(creditOf(BLOG, 'But none of this'), null);
  });

  test('"The article goes on:" continues the source quoted before, over several paragraphs', () => {
    assert.equal(creditOf(BLOG, 'Cranes were moved'), 'New York Times');
    assert.equal(creditOf(BLOG, 'Ships were diverted'), 'New York Times');
  });

  test('a surname in a lead-in is completed from an earlier mention; a pronoun means the name before it', () => {
    const text = [
      'The harbour master, Anna de Vries, spoke to reporters. Later de Vries added:',
      'Nothing will move in or out of this port until the inquiry is over.',
      'Captain John Miller, who led the divers, seemed calm. He stated:',
      'The wreck is stable and the fuel has been pumped out of its tanks.',
    ].join('\n\n');
    assert.equal(creditOf(text, 'Nothing will move'), 'Anna de Vries');
    assert.equal(creditOf(text, 'The wreck is stable'), 'Captain John Miller');
  });

  test('an inline lead-in quotes the rest of its line', () => {
    const text = 'According to the Harbour Authority: the quay will reopen in June after repairs.';
    assert.deepEqual(
      findBlockQuotations(text).map((span) => span.speaker),
      ['Harbour Authority'],
    );
  });

  test('a colon without a cue, or inside brackets, introduces nothing', () => {
    assert.deepEqual(findBlockQuotations('Unbelievable: the port is closed again.\n\nNobody knows why.'), []);
    assert.deepEqual(findBlockQuotations('The ministry says the divers (read: the navy) are done.'), []);
  });

  test('a lead-in whose source cannot be named still marks the block as quoted', () => {
    const text = 'The message on the gate read as follows:\n\nThe quay collapsed at dawn and two cranes fell into the water.';
    assert.equal(creditOf(text, 'The quay collapsed'), UNNAMED_SOURCE);
  });
});

describe('quoted statements', () => {
  test('the speaker named after or before the quotation', () => {
    const text = [
      '“We will rebuild the quay before the winter storms arrive,” said Harbour Master Anna de Vries on Monday.',
      '"The divers found nothing that points to sabotage at all," Captain Miller told reporters.',
      'The minister said: “Every ship will be inspected before it may leave the port.”',
    ].join('\n\n');
    // "The minister" is no name: that statement is left uncredited rather than guessed.
    assert.deepEqual(
      findQuotedStatements(text).map((span) => span.speaker),
      ['Harbour Master Anna de Vries', 'Captain Miller'],
    );
  });

  test('"he added:" means the person named earlier in the paragraph', () => {
    const text =
      '“The port is safe for now,” said Pieter Bakker, an engineer. Asked about the cranes, he added: “They will be replaced within a month or two.”';
    assert.equal(creditOf(text, '“They will be replaced'), 'Pieter Bakker');
  });

  test('a sentence mostly in the author\'s words is the author\'s, even with a quoted phrase', () => {
    const text = 'Pieter Bakker insisted that the repairs had been "carefully planned" and cheap.';
    assert.equal(creditOf(text, 'Pieter Bakker insisted'), null);
  });

  test('a quotation without a named speaker is not credited to anyone', () => {
    const text = '“Nobody expected the quay to fall like that in the night,” he said.';
    assert.equal(creditOf(text, '“Nobody expected'), null);
  });
});

describe('names', () => {
  test('capitalised runs with joiners and titles, without a leading stopword or possessive', () => {
    const names = findNames("The Times of Israel said Syria's Foreign Minister Walid al-Moallem met Col. Sean Ryan.").map(
      (name) => name.text,
    );
    assert.deepEqual(names, ['Times of Israel', 'Syria', 'Foreign Minister Walid al-Moallem', 'Col. Sean Ryan']);
  });

  test('abbreviations spell the start of each content word', () => {
    assert.equal(abbreviates('WAPO', 'Washington Post'), true);
    assert.equal(abbreviates('SOHR', 'Syrian Observatory for Human Rights'), true);
    assert.equal(abbreviates('FP', 'Foreign Policy'), true);
    assert.equal(abbreviates('FP', 'Washington Post'), false);
    assert.equal(abbreviates('NYT', 'New York'), false);
  });
});
