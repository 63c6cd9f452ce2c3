import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findIntroducedAuthor, isPersonName, parseByline, splitAuthorNames } from '../src/ingest/bylines.js';
import { parseDateLine, parseLeadingDate, splitTrailingDate } from '../src/ingest/dates.js';
import { parseHeader } from '../src/ingest/metadata.js';

describe('dates', () => {
  test('parses English and Dutch date lines to ISO dates', () => {
    const cases: Array<[string, string]> = [
      ['28 June 2017', '2017-06-28'],
      ['3 Jun 2023', '2023-06-03'],
      ['October 3, 2017', '2017-10-03'],
      ['October 3, 2017 at 12:58 pm', '2017-10-03'],
      ['September 13, 2017 at 9:56 am', '2017-09-13'],
      ['Monday, June 5, 2017', '2017-06-05'],
      ['2017-10-03', '2017-10-03'],
      ['8 februari 2018', '2018-02-08'],
      ['donderdag 8 februari 2018', '2018-02-08'],
      ['woensdag 4 oktober 2017', '2017-10-04'],
      ['vrijdag 23 juni 2017', '2017-06-23'],
      ['5 mrt 2019', '2019-03-05'],
    ];
    for (const [line, iso] of cases) assert.equal(parseDateLine(line), iso, line);
  });

  test('rejects impossible dates and lines that only contain a date', () => {
    assert.equal(parseDateLine('31 February 2017'), null);
    assert.equal(parseDateLine('2017-13-01'), null);
    assert.equal(parseDateLine('May the force be with you'), null);
    assert.equal(parseDateLine('On 28 June 2017 the US struck a prison.'), null);
  });

  test('finds a date opening a paragraph or closing a byline', () => {
    assert.equal(parseLeadingDate('3 Jun 2023 – Reports are coming of a convoy'), '2023-06-03');
    assert.equal(parseLeadingDate('Reports on 3 Jun 2023 are coming'), null);
    assert.deepEqual(splitTrailingDate('Bill Van Auken 2 October 2018'), { date: '2018-10-02', rest: 'Bill Van Auken' });
  });
});

describe('bylines', () => {
  test('recognises person names and refuses headlines and organisations', () => {
    for (const name of ['Bill Van Auken', 'Tyler Durden', 'Vanessa Beeley', 'Jane Roe', 'Ludwig van Beethoven', "Conor O'Brien", 'J. R. Smith']) {
      assert.ok(isPersonName(name), name);
    }
    for (const text of ['Anti-Media', 'US air strike kills scores', 'The Guardian', 'Iran fires missiles', 'TRANSCEND Media Service', 'Shahtahmasebi', 'Parish News', 'Valley Times', 'Church Herald']) {
      assert.equal(isPersonName(text), false, text);
    }
  });

  test('splits several authors', () => {
    assert.deepEqual(splitAuthorNames('Jane Roe and John Doe'), ['Jane Roe', 'John Doe']);
    assert.deepEqual(splitAuthorNames('Jane Roe, John Doe & Ann Lee'), ['Jane Roe', 'John Doe', 'Ann Lee']);
    assert.equal(splitAuthorNames('Jane Roe and the Pentagon'), null);
  });

  test('reads the byline layouts of the corpus and common others', () => {
    assert.deepEqual(parseByline('Bill Van Auken 2 October 2018'), { authors: ['Bill Van Auken'], publisher: null, date: '2018-10-02', corroborated: true });
    assert.deepEqual(parseByline('Vanessa Beeley – TRANSCEND Media Service'), { authors: ['Vanessa Beeley'], publisher: 'TRANSCEND Media Service', date: null, corroborated: false });
    assert.deepEqual(parseByline('Written by Tyler Durden'), { authors: ['Tyler Durden'], publisher: null, date: null, corroborated: true });
    assert.deepEqual(parseByline('sokoro October 4, 2022, 9:12am'), { authors: ['sokoro'], publisher: null, date: '2022-10-04', corroborated: true }, 'a forum handle and its date');
    assert.equal(parseByline('updated October 4, 2022'), null);
    assert.equal(parseByline('sokoro'), null, 'a handle alone is no byline');
    assert.deepEqual(parseByline('By Tyler Durden / Republished with permission / Zero Hedge / Report a typo'), {
      authors: ['Tyler Durden'],
      publisher: 'Zero Hedge',
      date: null,
      corroborated: true,
    });
    assert.deepEqual(parseByline('Door Jan de Vries')?.authors, ['Jan de Vries']);
    assert.equal(parseByline('By the way, this is a sentence.'), null);
  });

  test('takes the author an introduction names, resolving a surname only to a full name the file states', () => {
    assert.equal(findIntroducedAuthor('Anti-Media bracht gisteren een artikel van Darius Shahtahmasebi, die Airwars citeerde.', [], []), 'Darius Shahtahmasebi');
    const intro = 'Afgelopen woensdag ontving ik een artikel van Anti-Media waarin Shahtahmasebi de situatie beschrijft.';
    assert.equal(findIntroducedAuthor(intro, ['Darius Shahtahmasebi'], []), 'Darius Shahtahmasebi');
    assert.equal(findIntroducedAuthor(intro, [], []), null, 'a surname alone is never expanded by guessing');
    assert.equal(findIntroducedAuthor('Lees dit artikel van Zero Hedge over de oorlog.', [], ['Zero Hedge']), null);
  });
});

describe('parseHeader', () => {
  const header = (text: string) => {
    const lines = text.split('\n');
    return parseHeader(lines, 0, lines.length);
  };

  test('reads title, name and date lines in any order and leaves the body', () => {
    const parsed = header('US air strike kills scores\n\nBill Van Auken\n28 June 2017\n\nA US air strike killed dozens.');
    assert.equal(parsed.title, 'US air strike kills scores');
    assert.deepEqual(parsed.authors, ['Bill Van Auken']);
    assert.equal(parsed.date, '2017-06-28');
    assert.equal(parsed.bodyStart, 5);
  });

  test('never takes an unconfirmed short line for an author', () => {
    const parsed = header('Floods in the valley\n\nBreaking News\n\nThe river rose two metres overnight, residents said.');
    assert.deepEqual(parsed.authors, []);
    assert.equal(parsed.title, 'Floods in the valley');
  });

  test('takes the date from the start of the first paragraph when no date line exists', () => {
    const parsed = header('Title here\n\nJane Roe – Some Site\n\nA subtitle\n\n3 Jun 2023 – Reports by Jane Roe are coming.');
    assert.equal(parsed.date, '2023-06-03');
    assert.deepEqual(parsed.authors, ['Jane Roe']);
    assert.equal(parsed.publisher, 'Some Site');
  });
});
