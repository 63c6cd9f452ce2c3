import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkSummary, MAX_SENTENCE_LENGTH, normalizeMarks, splitSummarySentences, type SummarySource } from '../src/answer/summary-check.js';

const SOURCES: SummarySource[] = [
  {
    text: 'The oldest stone bridges in Europe were built by the Romans. Many of those bridges still carry traffic today.',
    authors: ['Jane Doe'],
    title: 'On Bridges',
  },
  {
    text: 'Floods come when rivers overflow their banks after heavy rain.\nWetlands slow the water down, said “the river keeper” at NATO’s office.',
    authors: ['Amélie Dupont'],
    title: 'Rivers and Floods',
  },
  { text: 'Engineers build cutwaters that break the ice before it reaches the piers.', authors: [], title: 'Bridges of the North' },
];

const keptTexts = (reply: string) => checkSummary(reply, SOURCES).kept.map((sentence) => sentence.text);
const droppedReasons = (reply: string) => checkSummary(reply, SOURCES).dropped.map((sentence) => sentence.reason);

describe('summary check: citations', () => {
  test('a sentence citing existing quotes is kept with its citations', () => {
    const check = checkSummary('Roman bridges still carry traffic [1]. Cutwaters break the ice [1, 3].', SOURCES);
    assert.deepEqual(check.kept, [
      { text: 'Roman bridges still carry traffic [1].', citations: [1] },
      { text: 'Cutwaters break the ice [1, 3].', citations: [1, 3] },
    ]);
    assert.deepEqual(check.dropped, []);
  });

  test('a sentence without a citation is dropped', () => {
    assert.deepEqual(droppedReasons('Bridges are old.'), ['no-citation']);
    assert.deepEqual(keptTexts('Bridges are old. Roman bridges still carry traffic [1].'), ['Roman bridges still carry traffic [1].']);
  });

  test('a citation to a quote that does not exist drops the sentence, even beside a valid one', () => {
    for (const reply of ['Bridges are old [4].', 'Bridges are old [0].', 'Bridges are old [1][9].', 'Bridges are old [1, 12].']) {
      const check = checkSummary(reply, SOURCES);
      assert.deepEqual(check.kept, [], reply);
      assert.equal(check.dropped[0]?.reason, 'unknown-citation', reply);
    }
  });

  test('a citation written after the full stop belongs to that sentence', () => {
    assert.deepEqual(splitSummarySentences('Bridges are old. [1] Floods come after rain. [2][3]'), [
      'Bridges are old. [1]',
      'Floods come after rain. [2][3]',
    ]);
    assert.deepEqual(checkSummary('Bridges are old. [1] Floods come after rain. [2]', SOURCES).kept.map((s) => s.citations), [[1], [2]]);
  });

  test('at most three sentences are kept, the first ones that pass', () => {
    const reply = 'Bridges are old [1]. Ghosts [9]. Floods come [2]. Ice breaks [3]. Bridges carry traffic [1].';
    const check = checkSummary(reply, SOURCES);
    assert.deepEqual(check.kept.map((s) => s.citations), [[1], [2], [3]]);
    assert.deepEqual(check.dropped.map((s) => s.reason), ['unknown-citation', 'too-many']);
  });

  test('a run-on sentence longer than the limit is dropped', () => {
    const reply = `Bridges ${'are very old and '.repeat(Math.ceil(MAX_SENTENCE_LENGTH / 16))}strong [1].`;
    assert.deepEqual(droppedReasons(reply), ['too-long']);
  });

  test('thinking blocks and markdown bold are not part of the answer', () => {
    assert.deepEqual(keptTexts('<think>Maybe Napoleon built them.</think>**Roman bridges** still carry traffic [1].'), [
      'Roman bridges still carry traffic [1].',
    ]);
  });
});

describe('summary check: words in quotation marks', () => {
  test('words copied from a cited quote are kept; curly marks and line breaks count as the same text', () => {
    assert.deepEqual(keptTexts('Jane Doe notes that they “were built by the Romans” [1].'), [
      'Jane Doe notes that they “were built by the Romans” [1].',
    ]);
    assert.equal(keptTexts('Dupont writes of "heavy rain. Wetlands slow the water down" [2].').length, 1);
    assert.equal(keptTexts('Dupont quotes "the river keeper" [2].').length, 1);
  });

  test('invented, altered or uncited quotations drop the sentence', () => {
    for (const reply of [
      'Jane Doe says bridges "never fall down" [1].', // invented
      'Jane Doe says they "were built by Romans" [1].', // a word left out
      'Jane Doe says they "Were built by the Romans" [1].', // case changed
      'Jane Doe says "the oldest … bridges" last [1].', // elided
      'Bridges slow "the water down" [1].', // words of quote 2, but only quote 1 cited
      'Jane Doe says "the oldest stone bridge" stands [1].', // stops inside a word
    ]) {
      assert.deepEqual(droppedReasons(reply), ['unverified-quotation'], reply);
    }
  });

  test('single quotation marks are checked too, apostrophes are not quotation marks', () => {
    assert.deepEqual(droppedReasons("Jane Doe's article says bridges 'never fall' [1]."), ['unverified-quotation']);
    assert.deepEqual(droppedReasons('Jane Doe’s article says ‘they don’t fall’ [1].'), ['unverified-quotation']);
    assert.equal(keptTexts("Jane Doe's article says bridges 'still carry traffic today' [1].").length, 1);
    assert.equal(keptTexts("Jane Doe's bridges don't fall [1].").length, 1);
  });

  test('an unclosed quotation mark drops the sentence', () => {
    assert.deepEqual(droppedReasons('Jane Doe says "were built by the Romans [1].'), ['unverified-quotation']);
  });

  test('the title of a cited quote may be quoted', () => {
    assert.equal(keptTexts('In “On Bridges”, Jane Doe dates them to the Romans [1].').length, 1);
    assert.deepEqual(droppedReasons('In “On Bridges”, floods come [2].'), ['unverified-quotation']);
  });

  test('normalising touches only quotation marks and whitespace', () => {
    assert.equal(normalizeMarks('“A”  ‘b’\n«c»'), `"A" 'b' "c"`);
    assert.equal(normalizeMarks('Café—déjà vu…'), 'Café—déjà vu…');
  });
});

describe('summary check: names of people and outlets', () => {
  test('names found in a cited quote or its attribution are kept, possessives included', () => {
    assert.equal(keptTexts('According to Jane Doe, the Romans built them [1].').length, 1);
    assert.equal(keptTexts("Doe's article dates them to the Romans [1].").length, 1);
    assert.equal(keptTexts('Amélie Dupont cites NATO [2].').length, 1);
    assert.equal(keptTexts('Roman bridges in Europe still carry traffic [1].').length, 1);
  });

  test('a name in no cited quote or attribution drops the sentence', () => {
    for (const [reply, name] of [
      ['Marguerite Oyelaran agrees that floods come after rain [2].', 'Marguerite Oyelaran'],
      ['Jane Doe and John Smith agree [1].', 'John Smith'],
      ['John Doe dates them to the Romans [1].', 'John Doe'],
      ['The Guardian reported that floods come after rain [2].', 'Guardian'],
      ['Amélie Dupont dates the bridges to the Romans [1].', 'Amélie Dupont'], // her name, but quote 1 is not hers
      ['Floods worry UNESCO [2].', 'UNESCO'],
      ['Cutwaters break the ice.Napoleon built them [3].', 'ice.Napoleon'],
      ['Engineers at Ludwig van Beethoven Bridge break the ice [3].', 'Ludwig van Beethoven Bridge'],
      ['Jane Van Doe dates them to the Romans [1].', 'Jane Van Doe'],
    ] as const) {
      const check = checkSummary(reply, SOURCES);
      assert.deepEqual(check.kept, [], reply);
      assert.equal(check.dropped[0]?.reason, 'unknown-name', reply);
      assert.equal(check.dropped[0]?.detail, name, reply);
    }
  });

  test('a capitalised first word is not a name when it is a common word', () => {
    assert.equal(keptTexts('The oldest bridges are Roman [1].').length, 1);
    assert.equal(keptTexts('However, many bridges still carry traffic [1].').length, 1);
    assert.equal(keptTexts('Many bridges still carry traffic [1].').length, 1);
    assert.equal(keptTexts('Engineers build cutwaters [3].').length, 1);
  });

  test('names inside a verified quotation are not checked again', () => {
    assert.equal(keptTexts('She writes that the bridges “were built by the Romans” [1].').length, 1);
  });
});

describe('summary check: numbers', () => {
  const sources: SummarySource[] = [
    { text: 'The monitors put the death toll at 5,775, and 2.5 per cent of them were children.', authors: ['Jane Doe'], title: 'Counting', date: '2017-06-03' },
    { text: 'Nothing here is counted.', authors: [], title: 'Words', date: null },
  ];
  const kept = (reply: string) => checkSummary(reply, sources).kept.length;

  test('numbers found in a cited quote or its attribution are kept, however the thousands are written', () => {
    assert.equal(kept('The monitors counted 5775 dead [1].'), 1);
    assert.equal(kept('The monitors counted 5.775 dead, 2,5 per cent of them children [1].'), 1);
    assert.equal(kept('Jane Doe wrote in June 2017 [1].'), 1);
  });

  test('a number in no cited quote or attribution drops the sentence', () => {
    for (const [reply, number] of [
      ['The monitors counted 6,000 dead [1].', '6000'],
      ['The monitors counted 5,775 dead [2].', '5775'],
      ['Of the 80 victims, half were children [1].', '80'],
    ] as const) {
      const check = checkSummary(reply, sources);
      assert.equal(check.kept.length, 0, reply);
      assert.deepEqual([check.dropped[0]?.reason, check.dropped[0]?.detail], ['unknown-number', number], reply);
    }
  });
});

describe('summary check: properties', () => {
  const fragments = [
    ...SOURCES.flatMap((source) => source.text.split(/(?<=\s)/)),
    'Napoleon ', 'never ', 'Jane Doe ', 'Smith ', 'the ', '1,999 ', '"', '“', '”', "'", '[1]', '[2]', '[3]', '[7]', '. ', ', ', '\n',
  ];
  const reply = fc.array(fc.constantFrom(...fragments), { maxLength: 60 }).map((parts) => parts.join(''));

  test('every kept sentence cites only existing quotes; its double-quoted words, names and numbers are in what it cites', () => {
    fc.assert(
      fc.property(reply, (text) => {
        const check = checkSummary(text, SOURCES);
        assert.ok(check.kept.length <= 3);
        for (const sentence of check.kept) {
          assert.ok(sentence.citations.length > 0);
          assert.ok(sentence.citations.every((n) => n >= 1 && n <= SOURCES.length));
          const cited = sentence.citations.flatMap((n) => [SOURCES[n - 1]!.text, SOURCES[n - 1]!.title].map(normalizeMarks));
          const normalized = normalizeMarks(sentence.text);
          assert.equal((normalized.match(/"/g) ?? []).length % 2, 0);
          for (const [, quoted] of normalized.matchAll(/"([^"]*)"/g)) {
            const words = quoted!.trim().replace(/[.,;:!?]+$/u, '').trim();
            if (/[\p{L}\p{N}]/u.test(words)) assert.ok(cited.some((text) => text.includes(words)), `${sentence.text} quotes “${words}”`);
          }
          const outsideQuotations = normalized.replace(/"[^"]*"/g, '');
          assert.ok(!/Napoleon/.test(outsideQuotations), sentence.text);
          assert.ok(!/1,?999/.test(outsideQuotations), sentence.text);
        }
      }),
      { numRuns: 500 },
    );
  });
});
