import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../src/domain.js';
import { createEngine } from '../src/answer/engine.js';
import { MAX_QUOTE_LENGTH } from '../src/answer/grow-quote.js';
import { verifyQuote } from '../src/answer/verify-quote.js';
import { AIR_STRIKE, makeArticle, quoteOf } from './support/articles.js';
import { FakeEmbedder } from './support/fake-embedder.js';
import { buildFakeIndex, FAKE_MIN_RELEVANCE } from './support/fake-search-index.js';

describe('verifyQuote', () => {
  const start = AIR_STRIKE.text.indexOf('The US bombs');
  const end = AIR_STRIKE.text.indexOf('held.') + 'held.'.length;

  test('accepts the exact text at its offsets', () => {
    assert.equal(verifyQuote(quoteOf(AIR_STRIKE, start, end), AIR_STRIKE), true);
  });

  test('rejects a changed word, shifted offsets, another article or a bad score', () => {
    const good = quoteOf(AIR_STRIKE, start, end);
    assert.equal(verifyQuote({ ...good, text: good.text.replace('bombs', 'missiles') }, AIR_STRIKE), false);
    assert.equal(verifyQuote({ ...good, start: start + 1 }, AIR_STRIKE), false);
    assert.equal(verifyQuote(good, undefined), false);
    assert.equal(verifyQuote({ ...good, articleId: 'other.txt#0' }, AIR_STRIKE), false);
    assert.equal(verifyQuote({ ...good, score: 1.5 }, AIR_STRIKE), false);
    assert.equal(verifyQuote({ ...good, score: Number.NaN }, AIR_STRIKE), false);
    assert.equal(verifyQuote(quoteOf(AIR_STRIKE, start, start), AIR_STRIKE), false);
  });

  test('checks each article against its current text, also when verified many times', () => {
    const article = { ...AIR_STRIKE };
    const good = quoteOf(article, start, end);
    for (let n = 0; n < 3; n++) assert.equal(verifyQuote(good, article), true);
    // An article object whose text was replaced (a reader of the old text must not pass).
    article.text = article.text.replace('The US bombs', 'The US shells');
    assert.equal(verifyQuote({ ...good, text: article.text.slice(start, end) }, article), true);
    assert.equal(verifyQuote(good, article), false);
  });
});

describe('quote shape', () => {
  const longSentence =
    'The report, which was compiled over many months by local activists who interviewed survivors, ' +
    'relatives and doctors in the hospitals of the province, ' +
    'found that the bombardment of the market had killed at least forty people, ' +
    'most of them women and children who were buying bread for the evening meal, ' +
    'and that the warplanes had returned twice to strike the rescuers who came to dig the wounded out of the rubble, ' +
    'a practice that human rights lawyers describe as a double tap strike and that is forbidden under the laws of war, ' +
    'although the coalition has never admitted that its pilots carried out such attacks in Syria or in Iraq, ' +
    'and although the monitors have documented dozens of them since the start of the air war in the summer of 2014.';
  const article = makeArticle('long.txt#0', `Short opening line here.\n\n${longSentence}\n\nIt was raining. Nothing else happened in the town that day at all.`, {
    title: 'A long report',
    authors: ['A. Writer'],
    date: '2019-05-01',
  });

  test('a sentence over the length limit is cut at a word boundary, from its start', async () => {
    assert.ok(longSentence.length > MAX_QUOTE_LENGTH);
    const engine = createEngine({
      index: await buildFakeIndex([article], 2000),
      embedder: new FakeEmbedder(),
      settings: { minRelevance: FAKE_MIN_RELEVANCE },
    });
    const [quote] = (await engine.answer('double tap strike on rescuers at the market bombardment', { limit: 1 })).quotes;
    assert.ok(quote);
    assert.ok(quote.text.length <= MAX_QUOTE_LENGTH);
    assert.ok(longSentence.startsWith(quote.text));
    assert.match(article.text.charAt(quote.end), /[\s,;:]/);
  });

  test('a caption ending in a colon, whose picture is gone, is never offered as a quote', async () => {
    const captioned: Article = {
      ...article,
      id: 'captioned.txt#0',
      source: 'captioned.txt',
      text:
        'Falsified and altered Pentagon procurement documents:\n\n' +
        'Reporters found that seven Pentagon procurement documents had been altered to remove any mention of Syria.',
    };
    const engine = createEngine({
      index: await buildFakeIndex([captioned]),
      embedder: new FakeEmbedder(),
      settings: { minRelevance: 0 },
    });
    const answer = await engine.answer('falsified altered Pentagon procurement documents', { limit: 5 });
    assert.ok(answer.quotes.length > 0);
    for (const quote of answer.quotes) assert.doesNotMatch(quote.text, /:\s*$/);
    assert.match(answer.quotes[0]!.text, /^Reporters found/);
  });

  test('a quotation keeps the line after it that says whose words they are', async () => {
    const attributed = makeArticle(
      'mission.txt#0',
      [
        'We started this team to build digital services for the public, and we publish all our code in the open.',
        '“It is not enough to adapt to today’s demands, we must anticipate the changes that Americans expect from government.”\nDan Tangherlini, Administrator, GSA',
        'Like lean startups, we favour experimentation and customer feedback over long sequential plans.',
      ].join('\n\n'),
      { title: 'Hello from the team', authors: ['The Team'] },
    );
    const engine = createEngine({ index: await buildFakeIndex([attributed]), embedder: new FakeEmbedder(), settings: { minRelevance: 0 } });
    const answer = await engine.answer('Who said that government must anticipate the changes Americans expect?');
    assert.match(answer.quotes[0]?.text ?? '', /from government\.”\s+Dan Tangherlini, Administrator, GSA$/);
    assert.equal(verifyQuote(answer.quotes[0]!, attributed), true);
  });

  test('a heading put as a question is not a quote, and a question in the text brings its answer', async () => {
    const faq = makeArticle(
      'faq.md#0',
      [
        'Why was the beta in testing for so long?',
        'The first test release of the new engine shipped two years ago, unusually long for a test phase.',
        "Who pays for the hosting of the project's servers, its domain names and its mirrors around the world? The foundation has paid every bill since 2015.",
      ].join('\n\n'),
      { title: 'Questions about the beta', authors: ['The Team'] },
    );
    const engine = createEngine({ index: await buildFakeIndex([faq]), embedder: new FakeEmbedder(), settings: { minRelevance: 0 } });
    const testing = await engine.answer('Why was the beta in testing for so long?', { limit: 5 });
    assert.ok(testing.quotes.length > 0);
    for (const quote of testing.quotes) assert.doesNotMatch(quote.text, /^Why was the beta/);
    const hosting = await engine.answer("Who pays for the hosting of the project's servers and domain names?");
    assert.match(hosting.quotes[0]?.text ?? '', /around the world\? The foundation has paid every bill since 2015\.$/);
  });

  test('a quote takes in the sentence after it when that one goes on about it', async () => {
    const types = makeArticle(
      'types.txt#0',
      'Python 2 has two basic integer types, a native machine-sized int type and an arbitrary-length long type. These have been merged in Python 3 into a single int type. Strings changed too.',
      { title: 'Integers', authors: ['A. Writer'] },
    );
    const engine = createEngine({ index: await buildFakeIndex([types]), embedder: new FakeEmbedder(), settings: { minRelevance: 0 } });
    const answer = await engine.answer('What are the two basic integer types of Python 2?');
    assert.match(answer.quotes[0]?.text ?? '', /^Python 2 has two basic integer types.*These have been merged in Python 3 into a single int type\.$/);
  });

  test('quotes are whole sentences when they fit', async () => {
    const engine = createEngine({
      index: await buildFakeIndex([AIR_STRIKE]),
      embedder: new FakeEmbedder(),
      settings: { minRelevance: FAKE_MIN_RELEVANCE },
    });
    const answer = await engine.answer('bombing of Raqqa hospitals schools bakeries', { limit: 5 });
    assert.ok(answer.quotes.length > 0);
    for (const quote of answer.quotes) {
      assert.match(quote.text, /^[A-Z"“]/);
      assert.match(quote.text, /[.!?]["”]?$/);
    }
  });
});
