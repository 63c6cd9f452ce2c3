import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { parseGlossary, readGlossaryFile, sharedGlossary } from '../src/text/glossary.js';
import { foldText } from '../src/text/normalize.js';

const TSV = [
  '# Dutch<TAB>English, a comment line',
  'aanval\tattack|fit',
  'bom\tbomb',
  'dood\tdead|death',
  'doden\tkill|slay',
  'eren\thonour',
  'kind\tchild|offspring|young',
  'levering\tdelivery',
  'leden\tmembers',
  'personeel\tpersonnel',
  'slede\tsledge|sleigh',
  'steunen\tlean|support',
  'syrië\tsyria',
  'voorraad\tsupply|stock',
  'wapen\tweapon|badge',
  'over\tabout|above',
  'leggen\tlay|put',
  'voorspel\tprelude|overture',
  'inleiding\tintroduction|prelude',
].join('\n');

const glossary = parseGlossary(TSV, { fold: foldText, isStopword: (word) => word === 'over' || word === 'about' });

describe('parseGlossary', () => {
  test('translates a Dutch word and finds its inflected forms', () => {
    assert.deepEqual(glossary.toEnglish('bom'), ['bomb']);
    assert.deepEqual(glossary.toEnglish('bommen'), ['bomb']);
    assert.deepEqual(glossary.toEnglish('aanvallen'), ['attack', 'fit']);
    assert.deepEqual(glossary.toEnglish('voorraden'), ['supply', 'stock']);
    assert.deepEqual(glossary.toEnglish('kinderen'), ['child', 'offspring', 'young']);
    assert.deepEqual(glossary.toEnglish('gesteund'), ['lean', 'support']);
  });

  test('matches headwords without their accents', () => {
    assert.deepEqual(glossary.toEnglish('syrie'), ['syria']);
  });

  test('splits a compound it does not know into two known words, linking s included', () => {
    assert.deepEqual(glossary.splitCompound('wapenleveringen'), ['wapen', 'leveringen']);
    assert.deepEqual(glossary.splitCompound('personeelsleden'), ['personeel', 'leden']);
    assert.deepEqual(glossary.toEnglish('wapenleveringen'), ['delivery', 'weapon', 'badge']);
  });

  test('does not split a known word, an inflection or a verb with a particle', () => {
    assert.equal(glossary.splitCompound('kinderen'), null);
    assert.equal(glossary.splitCompound('levering'), null);
    assert.equal(glossary.splitCompound('overleggen'), null);
  });

  test('translates English into Dutch, inflections and irregular plurals included', () => {
    assert.deepEqual(glossary.toDutch('weapons'), ['wapen']);
    assert.deepEqual(glossary.toDutch('deliveries'), ['levering']);
    assert.deepEqual(glossary.toDutch('children'), ['kind']);
    assert.deepEqual(glossary.toDutch('killed'), ['doden']);
    assert.deepEqual(glossary.toDutch('zeppelin'), []);
  });

  test('an English word translates first the Dutch word whose first sense it is', () => {
    assert.deepEqual(glossary.toDutch('prelude'), ['voorspel', 'inleiding']);
  });

  test('glosses a Dutch word with a content word, and a compound with both parts', () => {
    assert.equal(glossary.glossEnglish('bommen'), 'bomb');
    assert.equal(glossary.glossEnglish('over'), 'above');
    assert.equal(glossary.glossEnglish('wapenleveringen'), 'weapon delivery');
    assert.equal(glossary.glossEnglish('zeppelin'), null);
  });
});

describe('the shipped glossary', () => {
  test('loads from the repository whatever the working directory', () => {
    const cwd = process.cwd();
    try {
      process.chdir(tmpdir());
      assert.match(readGlossaryFile(), /^oorlog\twar/m);
    } finally {
      process.chdir(cwd);
    }
  });

  test('covers the words of the corpus topic in both directions', () => {
    const shared = sharedGlossary();
    assert.ok(shared.size > 15_000, `only ${shared.size} headwords`);
    assert.ok(shared.toEnglish('oorlog').includes('war'));
    assert.ok(shared.toEnglish('luchtaanvallen').includes('airstrike'));
    assert.ok(shared.toEnglish('burgerslachtoffers').includes('victim'));
    assert.ok(shared.toDutch('weapons').includes('wapen'));
    assert.ok(shared.toDutch('war').includes('oorlog'));
  });
});
