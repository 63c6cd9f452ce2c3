import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArticleSummary } from '../src/domain.js';
import { readQuestionScope } from '../src/answer/question-scope.js';

function article(id: string, title: string, authors: string[], date: string | null): ArticleSummary {
  return { id, source: `${id}.md`, title, authors, date, language: 'en' };
}

const CATALOGUE = [
  article('a', 'Harbour cranes replaced after the storm', ['Jane Roe'], '2018-03-02'),
  article('b', 'The long winter of the fishing fleet', ['Jane Roe'], '2019-11-20'),
  article('c', 'Errors in the tide tables', ['Piet de Boer', 'Ann Lee'], '2023-06-03'),
  article('d', 'Notes from the lighthouse', [], null),
  article('e', 'Release notes', ['burnsie'], '2017-01-01'),
];
const scope = (question: string) => readQuestionScope(question, CATALOGUE);

describe('readQuestionScope: what the question asks of the catalogue', () => {
  test('who wrote, when published, which articles', () => {
    assert.equal(scope('Who wrote the article about the fishing fleet?').ask, 'author');
    assert.equal(scope('Wie schreef het stuk over de vloot?').ask, 'author');
    assert.equal(scope("When was 'Errors in the tide tables' published?").ask, 'date');
    assert.equal(scope('Which articles were published in 2018?').ask, 'list');
    assert.equal(scope('What did Jane Roe write?').ask, 'list');
    assert.equal(scope('What did Jane Roe write in 2019?').ask, 'list');
    assert.equal(scope('Welke artikelen verschenen in 2018?').ask, 'list');
  });

  test('when a document (a PEP, a memo, a paper) was created or issued is its date', () => {
    assert.equal(scope('When was the PEP on adding new modules created?').ask, 'date');
    assert.equal(scope('On what date was the memo about the tide tables issued?').ask, 'date');
    assert.equal(scope('When was the lighthouse created?').ask, null);
  });

  test('a question about the content is not a catalogue question', () => {
    assert.equal(scope('What did Jane Roe write about the cranes?').ask, null);
    assert.equal(scope('When did the storm hit the harbour?').ask, null);
    assert.equal(scope('Who repaired the cranes?').ask, null);
  });
});

describe('readQuestionScope: names, titles and dates', () => {
  test('an author is the source of the words asked for after "according to" or a phrase about writing, not as a topic', () => {
    assert.equal(scope('What did Jane Roe write about the cranes?').authorIsSource, true);
    assert.equal(scope('According to Roe, why were the cranes replaced?').authorIsSource, true);
    assert.equal(scope('Waarom zijn de kranen volgens Jane Roe vervangen?').authorIsSource, true);
    assert.equal(scope('Why did Jane Roe leave the harbour?').authorIsSource, false);
  });

  test('a known author by full name or by a surname only one author has, capitalised', () => {
    assert.deepEqual(scope('What did Jane Roe write about the cranes?').authors, ['Jane Roe']);
    assert.deepEqual(scope('According to Roe, why were the cranes replaced?').authors, ['Jane Roe']);
    assert.deepEqual(scope('What does De Boer say about the tides?').authors, ['Piet de Boer']);
    assert.deepEqual(scope('Why does the roe of the fish matter?').authors, []);
  });

  test('handles written in lower case match as whole words', () => {
    assert.deepEqual(scope('What did burnsie write?').authors, ['burnsie']);
    assert.deepEqual(scope('What burns in the lighthouse?').authors, []);
  });

  test('a writer the corpus does not have is reported, with one-word names only in a plain "what did X write"', () => {
    assert.equal(scope('What did Noam Chomsky write about the harbour?').unknownAuthor, 'Noam Chomsky');
    assert.equal(scope('Are there articles by Noam Chomsky?').unknownAuthor, 'Noam Chomsky');
    assert.equal(scope('What did Chomsky write?').unknownAuthor, 'Chomsky');
    assert.equal(scope('What did Iran publish about the deal?').unknownAuthor, null);
    assert.equal(scope('What did Netanyahu tell his ministers?').unknownAuthor, null);
    assert.equal(scope('What did Jane write?').unknownAuthor, null, 'a first name one author has is that author');
    assert.deepEqual(scope('What did Jane write?').authors, ['Jane Roe']);
  });

  test('a quoted title names its article; an unknown quoted title is reported', () => {
    assert.deepEqual(scope("When was 'Errors in the tide tables' published?").articleIds, ['c']);
    assert.deepEqual(scope('Who wrote “Notes from the lighthouse”?').articleIds, ['d']);
    assert.equal(scope("When was 'The sea in winter' published?").unknownTitle, 'The sea in winter');
  });

  test('a title whose words the question all uses, in another order, names its article', () => {
    assert.deepEqual(scope('Who wrote the piece on the tide tables and their errors?').articleIds, ['c']);
    assert.deepEqual(scope('Who wrote about the tide and its errors?').articleIds, []);
  });

  test('a title is named whatever the plural or verb ending ("what does the food bank need" names "What the Food Bank Needs")', () => {
    const catalogue = [...CATALOGUE, article('f', 'What the Food Bank Needs This Winter', ['Oliver Grant'], '2023-03-01')];
    assert.deepEqual(readQuestionScope('What does the food bank need most this winter?', catalogue).articleIds, ['f']);
    assert.deepEqual(readQuestionScope('Who wrote about the error in the tide table?', catalogue).articleIds, ['c']);
    assert.deepEqual(readQuestionScope('What does the food bank need?', catalogue).articleIds, []);
  });

  test('years and months narrow the dates only when the question is about writing or publishing', () => {
    const listed = scope('Which articles were published in 2018?');
    assert.deepEqual([listed.dateFrom, listed.dateTo], ['2018', '2018']);
    const month = scope('What did Jane Roe write in November 2019?');
    assert.deepEqual([month.dateFrom, month.dateTo], ['2019-11', '2019-11']);
    const since = scope('Which posts appeared since 2019?');
    assert.deepEqual([since.dateFrom, since.dateTo], ['2019', null]);
    const content = scope('How many cranes fell in 2018?');
    assert.deepEqual([content.dateFrom, content.dateTo], [null, null]);
  });
});

describe('readQuestionScope: a topic beyond the catalogue', () => {
  test('names, titles, years and words about writing are no topic', () => {
    assert.equal(scope('Which articles were published in 2018?').hasTopic, false);
    assert.equal(scope('What did Jane Roe write?').hasTopic, false);
    assert.equal(scope("When was 'Errors in the tide tables' published?").hasTopic, false);
  });

  test('anything else is', () => {
    assert.equal(scope('Which articles discuss the fishing fleet?').hasTopic, true);
    assert.equal(scope('Who wrote the article about the fishing fleet?').hasTopic, true);
  });
});

describe('readQuestionScope: the language of the source', () => {
  const mixed = [...CATALOGUE, { ...article('f', 'De haven van Calder', ['Piet de Boer'], '2020-02-02'), language: 'nl' }];
  const languageOf = (question: string, catalogue: readonly ArticleSummary[] = mixed) => readQuestionScope(question, catalogue).language;

  test('"the Dutch blog" or "het Engelse artikel" names the language of the articles to search', () => {
    assert.equal(languageOf('According to the Dutch blog, why was the harbour closed?'), 'nl');
    assert.equal(languageOf('What does the Dutch blogger think of the storm?'), 'nl');
    assert.equal(languageOf('Wat zegt het Engelse artikel over de storm?'), 'en');
    assert.equal(languageOf('Wat schrijft de Nederlandstalige auteur over de haven?'), 'nl');
    assert.equal(readQuestionScope('Why, according to the Dutch blogger, was the harbour closed?', mixed).searchText, 'Why, according to the, was the harbour closed?');
  });

  test('a language alone, or one the corpus does not mix, narrows nothing', () => {
    assert.equal(languageOf('How do you say harbour in Dutch?'), null);
    assert.equal(languageOf('What did the Dutch government decide about the harbour?'), null);
    assert.equal(languageOf('According to the Dutch blog, why was the harbour closed?', CATALOGUE), null);
  });
});

