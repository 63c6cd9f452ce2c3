import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, type SwappableEngine } from '../src/answer/engine.js';
import { scoreRelevance, type Evidence } from '../src/answer/relevance.js';
import { embeddingInput } from '../src/text/gloss.js';
import { AIR_STRIKE, AIRWARS, ARTICLES, DUTCH_BLOG, makeArticle, OIL } from './support/articles.js';
import { FakeEmbedder } from './support/fake-embedder.js';
import { buildFakeIndex, FAKE_MIN_RELEVANCE } from './support/fake-search-index.js';

/** A Dutch post whose words reach English questions only through the glossary. */
const RAQQA_POST = makeArticle(
  'raqqa.txt#0',
  [
    'De VS-coalitie gooide in augustus maar liefst 5.775 bommen op Raqqa, een stijging van 92% ten opzichte van juli.',
    'Het bombarderen van woonwijken is een ernstige oorlogsmisdaad. Volgens de blogger zijn de burgerslachtoffers niet te tellen.',
  ].join('\n\n'),
  { title: 'VS bombardeert Raqqa plat', authors: [], language: 'nl' },
);

let embedder: FakeEmbedder;
/** Ranks every quote, however weak: these tests are about which passage comes first. */
let ranking: SwappableEngine;
/** Refuses like the engines of the other answer tests. */
let engine: SwappableEngine;

before(async () => {
  embedder = new FakeEmbedder();
  const index = await buildFakeIndex([...ARTICLES, RAQQA_POST]);
  ranking = createEngine({ index, embedder, settings: { minRelevance: 0 } });
  engine = createEngine({ index, embedder, settings: { minRelevance: FAKE_MIN_RELEVANCE } });
});

describe('questions across English and Dutch', () => {
  test('a Dutch question is answered from an English article', async () => {
    const answer = await ranking.answer('Welke gevangenis werd door de Amerikaanse bommen getroffen?');
    assert.equal(answer.quotes[0]?.articleId, AIR_STRIKE.id);
    assert.match(answer.quotes[0]!.text, /prison/);
  });

  test('an English question is answered from a Dutch post through translated words', async () => {
    const answer = await ranking.answer('Which war crime does the blogger accuse the coalition of?');
    assert.equal(answer.quotes[0]?.articleId, RAQQA_POST.id);
    assert.match(answer.quotes[0]!.text, /oorlogsmisdaad/);
  });

  test('names and numbers carry across languages, whatever the number format', async () => {
    const byName = await ranking.answer('How many fighters died near Khusham?');
    assert.equal(byName.quotes[0]?.articleId, DUTCH_BLOG.id);
    const byNumber = await ranking.answer('Were 5,775 bombs dropped?');
    assert.equal(byNumber.quotes[0]?.articleId, RAQQA_POST.id);
    // A Dutch post may rightly rank first for a Dutch question; the English "4,000" must still be found.
    const dutchFormat = await ranking.answer('Zijn er meer dan 4.000 burgers gedood?');
    assert.ok(dutchFormat.quotes.some((quote) => quote.articleId === AIRWARS.id && quote.text.includes('4,000')));
  });

  test('the embedder sees an English gloss of a Dutch question, and an English question as asked', async () => {
    embedder.seen.length = 0;
    await ranking.answer('Wie beheert de olievelden ten oosten van de rivier?');
    await ranking.answer('Who controls the oil fields?');
    const [dutch, english] = embedder.seen;
    assert.match(dutch ?? '', /\boil\b/);
    assert.match(dutch ?? '', /\briver\b/);
    assert.doesNotMatch(dutch ?? '', /rivier/);
    assert.equal(english, 'Who controls the oil fields?');
  });

  test('the gloss of a Dutch question finds the English article, after the Dutch passage in its own words', async () => {
    const question = 'Wie beheert de olievelden ten oosten van de rivier?';
    assert.equal((await engine.answer(question)).answered, true);
    const ranked = await ranking.answer(question);
    assert.equal(ranked.quotes[0]?.articleId, DUTCH_BLOG.id);
    assert.ok(ranked.quotes.some((quote) => quote.articleId === OIL.id));
  });

  test('an off-topic Dutch question is still refused', async () => {
    const answer = await engine.answer('Hoe maak ik luchtige pannenkoeken met stroop?');
    assert.equal(answer.answered, false);
    assert.deepEqual(answer.quotes, []);
  });
});

describe('embeddingInput', () => {
  test('keeps names and numbers of a Dutch question and says the gloss is English', () => {
    const input = embeddingInput('Hoeveel kinderen zijn volgens Airwars in Raqqa omgekomen in 2017?', 'nl');
    assert.equal(input.language, 'en');
    assert.match(input.text, /Airwars/);
    assert.match(input.text, /Raqqa/);
    assert.match(input.text, /2017/);
    assert.doesNotMatch(input.text, /kinderen|volgens/);
  });

  test('leaves an English question alone', () => {
    assert.deepEqual(embeddingInput('Who bombed Raqqa?', 'en'), { text: 'Who bombed Raqqa?', language: 'en' });
  });
});

describe('scoreRelevance', () => {
  const evidence: Evidence = { sentenceSimilarity: 0.9, passageSimilarity: 0.9, quoteCoverage: 0.4, passageCoverage: 0.4, holdsKind: true };

  test('a question the model saw in Dutch (no gloss) leans on the words it shares', () => {
    const english = scoreRelevance('hybrid', evidence, 'en');
    const dutch = scoreRelevance('hybrid', evidence, 'nl');
    assert.ok(english > dutch);
    assert.ok(dutch > scoreRelevance('lexical', evidence, 'nl'));
  });
});

describe('embeddingInput of a passage', () => {
  test('a Dutch passage is embedded as its English gloss, names and numbers kept', () => {
    const { text } = embeddingInput('De VS-coalitie gooide in augustus 5.775 bommen op Raqqa.', 'nl');
    assert.match(text, /\bbombs?\b/);
    assert.match(text, /Raqqa/);
    assert.match(text, /5\.?775/);
    assert.doesNotMatch(text, /bommen|gooide/);
  });

  test('an English passage is embedded as written', () => {
    assert.equal(embeddingInput('The coalition dropped 5,775 bombs.', 'en').text, 'The coalition dropped 5,775 bombs.');
  });
});
