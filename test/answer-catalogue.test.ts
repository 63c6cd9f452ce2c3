import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, type SwappableEngine } from '../src/answer/engine.js';
import { formatAnswerText, toAnswerJson } from '../src/cli/format-answer.js';
import { formatAnswer } from '../src/discord/format-answer.js';
import { AIR_STRIKE, AIRWARS, ARTICLES, DUTCH_BLOG, makeArticle } from './support/articles.js';
import { FakeEmbedder } from './support/fake-embedder.js';
import { buildFakeIndex, FAKE_MIN_RELEVANCE } from './support/fake-search-index.js';

/** An article that quotes a newspaper at length after a lead-in, then comments in its own voice. */
const COMMENTARY = makeArticle(
  'commentary.txt#0',
  [
    'On Friday the Harbour Gazette printed a long report about the closed port of Calder. According to the Harbour Gazette:',
    'The harbour of Calder was closed for three weeks while divers searched the wreck of the grain ship, port officials said.',
    'Of course we should ask why the port authority kept silent for so long about the wreck. I think it knew.',
  ].join('\n\n'),
  { title: 'Silence over the port of Calder', authors: ['Mira Holt'], date: '2024-05-10' },
);

/** An organisation that is also an author: its name in a question may be the topic, not the writer. */
const PORT_OFFICE_NEWS = makeArticle(
  'port-office.txt#0',
  'The Calder Port Office welcomes visitors to the harbour museum every weekend. Our guides show old maps and model ships.',
  { title: 'Visit the harbour museum', authors: ['Calder Port Office'], date: '2012-02-01' },
);

let engine: SwappableEngine;

before(async () => {
  const index = await buildFakeIndex([...ARTICLES, COMMENTARY, PORT_OFFICE_NEWS]);
  engine = createEngine({ index, embedder: new FakeEmbedder(), settings: { minRelevance: FAKE_MIN_RELEVANCE } });
});

describe('questions about the corpus', () => {
  test('a known author named in the question narrows the search, and the answer says so', async () => {
    const answer = await engine.answer('What did Van Auken write about the civilians killed by air strikes?');
    assert.equal(answer.answered, true);
    assert.ok(answer.quotes.length > 0);
    for (const quote of answer.quotes) assert.deepEqual(quote.authors, ['Bill Van Auken']);
    assert.deepEqual(answer.notes, ['Searched Bill Van Auken’s articles.']);
  });

  test('an author named as the topic of a question does not hide a clearly better answer by another writer', async () => {
    const answer = await engine.answer('Why did the Calder Port Office keep the harbour closed for three weeks?');
    assert.equal(answer.answered, true);
    assert.equal(answer.quotes[0]?.articleId, COMMENTARY.id);
    assert.match(answer.quotes[0]?.text ?? '', /closed for three weeks/);
    assert.ok(!answer.notes.some((note) => note.includes('Calder Port Office')), answer.notes.join(' | '));
  });

  test('an author named as the source of the words keeps the search to their articles', async () => {
    const answer = await engine.answer('According to the Calder Port Office, why was the harbour closed for three weeks?');
    assert.equal(answer.answered, true);
    for (const quote of answer.quotes) assert.deepEqual(quote.authors, ['Calder Port Office']);
    assert.deepEqual(answer.notes, ['Searched Calder Port Office’s articles.']);
  });

  test('"the Dutch blog" in a question searches the Dutch articles only, and the answer says so', async () => {
    const answer = await engine.answer('Why is the US in the Middle East, according to the Dutch blogger?');
    assert.equal(answer.answered, true);
    assert.match(answer.quotes[0]?.text ?? '', /olie en gas/);
    for (const quote of answer.quotes) assert.equal(quote.articleId, DUTCH_BLOG.id);
    assert.deepEqual(answer.notes, ['Searched the Dutch articles.']);
  });

  test('naming the source\'s language counts the words found only through translation in full', async () => {
    const ranking = createEngine({ index: await buildFakeIndex([...ARTICLES, COMMENTARY]), embedder: new FakeEmbedder(), settings: { minRelevance: 0 } });
    const named = await ranking.answer('Why is the US in the Middle East, according to the Dutch blogger?');
    const unnamed = await ranking.answer('Why is the US in the Middle East?', { filter: { document: DUTCH_BLOG.id } });
    assert.equal(named.quotes[0]?.text, unnamed.quotes[0]?.text);
    assert.ok(named.quotes[0]!.score > unnamed.quotes[0]!.score, `${named.quotes[0]!.score} > ${unnamed.quotes[0]!.score}`);
  });

  test('an author the corpus does not have gets "No article by ... here", never unrelated quotes', async () => {
    const answer = await engine.answer('What did Noam Chomsky write about air strikes in Syria?');
    assert.equal(answer.answered, false);
    assert.deepEqual(answer.quotes, []);
    assert.match(answer.notes[0] ?? '', /^No article by Noam Chomsky here\. Authors here include /);
  });

  test('the same for an author filter that matches nobody', async () => {
    const answer = await engine.answer('air strikes', { filter: { author: 'Noam Chomsky' } });
    assert.equal(answer.answered, false);
    assert.match(answer.notes[0] ?? '', /^No article by Noam Chomsky here\./);
  });

  test('a known author with a year none of their articles has: said so, with the articles they do have', async () => {
    const answer = await engine.answer('What did Bill Van Auken write in 2023?');
    assert.equal(answer.answered, false);
    assert.match(answer.notes[0] ?? '', /^No article by Bill Van Auken from 2023 here\. Bill Van Auken’s articles: US air strike kills/);
  });

  test('"who wrote" names the author of the article the question is about, with a quote from it', async () => {
    const answer = await engine.answer('Who wrote the article about the monitoring group that tracks civilian deaths from air strikes?');
    assert.equal(answer.answered, true);
    assert.deepEqual(answer.articles.map((article) => article.id), [AIRWARS.id]);
    assert.match(answer.notes.join(' '), new RegExp(`“${AIRWARS.title}” is by ${AIRWARS.authors[0]}`));
    for (const quote of answer.quotes) assert.equal(quote.articleId, AIRWARS.id);
  });

  test('a year that dates the subject, not the article, does not empty the search: the article is named by its title words in any order', async () => {
    const answer = await engine.answer('Who wrote the 1999 piece on civilians in Syria killed by the US air strike, which kills scores?');
    assert.equal(answer.answered, true);
    assert.deepEqual(answer.articles.map((article) => article.id), [AIR_STRIKE.id]);
    assert.match(answer.notes.join(' '), new RegExp(`“${AIR_STRIKE.title}” is by ${AIR_STRIKE.authors[0]}`));
    assert.doesNotMatch(answer.notes.join(' '), /No article/);
  });

  test("a question that names an article by its title is answered from its text, though only the title has the title's words", async () => {
    const foodBank = makeArticle(
      'food-bank.txt#0',
      'The shelves are full of pasta and empty of everything else. What we need most is tinned fish, cooking oil and nappies.',
      { title: 'What the Food Bank Needs This Winter', authors: ['Oliver Grant'], date: '2023-03-01' },
    );
    const withFoodBank = createEngine({ index: await buildFakeIndex([...ARTICLES, foodBank]), embedder: new FakeEmbedder(), settings: { minRelevance: FAKE_MIN_RELEVANCE } });
    const answer = await withFoodBank.answer('What does the food bank need most this winter?');
    assert.equal(answer.answered, true);
    assert.match(answer.quotes[0]?.text ?? '', /tinned fish, cooking oil and nappies/);
    assert.ok(answer.notes.includes(`Searched “${foodBank.title}”.`), answer.notes.join(' | '));
  });

  test('"who wrote the paper on ..." finds the article by its title\'s words even when its text uses only some of them', async () => {
    const paper = makeArticle(
      'paper.pdf#0',
      'Retention of newcomers decides whether a project lasts. We followed 1,200 first-time contributors across forty projects for two years. Contributors whose first pull request was reviewed within 48 hours were twice as likely to contribute again.',
      { title: 'Measuring Volunteer Retention in Open Source Communities', authors: ['Hannah Becker', 'Tomasz Nowak'], date: '2021-05-04' },
    );
    const withPaper = createEngine({ index: await buildFakeIndex([...ARTICLES, paper]), embedder: new FakeEmbedder(), settings: { minRelevance: FAKE_MIN_RELEVANCE } });
    const answer = await withPaper.answer('Who wrote the paper on volunteer retention?');
    assert.equal(answer.answered, true);
    assert.match(answer.notes.join(' '), /“Measuring Volunteer Retention in Open Source Communities” is by Hannah Becker and Tomasz Nowak/);
  });

  test('"when was ... published" gives the date of the article named by its title', async () => {
    const answer = await engine.answer(`When was '${AIR_STRIKE.title}' published?`);
    assert.equal(answer.answered, true);
    assert.ok(answer.notes.includes(`“${AIR_STRIKE.title}” was published on ${AIR_STRIKE.date}.`), answer.notes.join(' | '));
  });

  test('"which articles were published in ..." lists them from the catalogue', async () => {
    const answer = await engine.answer('Which articles were published in 2024?');
    assert.equal(answer.answered, true);
    assert.deepEqual(answer.articles.map((article) => article.id), [COMMENTARY.id]);
    assert.deepEqual(answer.quotes, []);
    assert.match(formatAnswerText(answer, '/sources'), /Silence over the port of Calder — Mira Holt/);
    assert.match(formatAnswer(answer)[0]!.embeds[0]!.description ?? '', /Silence over the port of Calder — Mira Holt \(2024-05-10\)/);
  });
});

describe('whose words a quote is', () => {
  test('a block the article quotes is credited to its source, and the attribution says who quoted it', async () => {
    const answer = await engine.answer('How long was the harbour of Calder closed while divers searched the wreck?');
    const quoted = answer.quotes.find((quote) => quote.text.startsWith('The harbour of Calder was closed'));
    assert.ok(quoted, answer.quotes.map((quote) => quote.text).join(' | '));
    assert.equal(quoted.quotedFrom, 'Harbour Gazette');
    assert.match(formatAnswerText({ ...answer, quotes: [quoted] }, '/sources'), /— Harbour Gazette, quoted by Mira Holt, "Silence over the port of Calder" \(2024-05-10\)/);
    assert.match(formatAnswer({ ...answer, quotes: [quoted] })[0]!.embeds[0]!.description ?? '', /— Harbour Gazette, quoted by Mira Holt, \*Silence over the port of Calder\* \(2024-05-10\)/);
    assert.equal(toAnswerJson({ ...answer, quotes: [quoted] }).quotes[0]!.quotedFrom, 'Harbour Gazette');
  });

  test("the author's own comment stays the author's", async () => {
    const answer = await engine.answer('Why did the port authority of Calder keep silent about the wreck?');
    const own = answer.quotes.find((quote) => quote.text.includes('Of course we should ask'));
    assert.ok(own, answer.quotes.map((quote) => quote.text).join(' | '));
    assert.equal(own.quotedFrom, null);
    assert.equal(toAnswerJson({ ...answer, quotes: [own] }).quotes[0]!.quotedFrom, null);
  });
});
