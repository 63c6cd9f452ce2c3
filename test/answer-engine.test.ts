import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Answer, Article } from '../src/domain.js';
import { createEngine, type SwappableEngine } from '../src/answer/engine.js';
import type { SearchIndex } from '../src/index/search-index.js';
import { AIR_STRIKE, AIRWARS, ARTICLES, DUTCH_BLOG, makeArticle, OIL, REPUBLISHED } from './support/articles.js';
import { FakeEmbedder } from './support/fake-embedder.js';
import { buildFakeIndex, FAKE_MIN_RELEVANCE } from './support/fake-search-index.js';

const byId = new Map(ARTICLES.map((article) => [article.id, article]));

/** Every quote is the article's own text at its offsets, with the article's metadata. */
function assertFaithful(answer: Answer, articles: ReadonlyMap<string, Article> = byId): void {
  assert.equal(answer.answered || answer.quotes.length === 0, true);
  for (const quote of answer.quotes) {
    const article = articles.get(quote.articleId);
    assert.ok(article, `quote from unknown article ${quote.articleId}`);
    assert.equal(article.text.slice(quote.start, quote.end), quote.text);
    assert.deepEqual(quote.authors, article.authors);
    assert.equal(quote.title, article.title);
    assert.equal(quote.date, article.date);
    assert.equal(quote.source, article.source);
    assert.ok(quote.score >= 0 && quote.score <= 1);
  }
  for (let i = 0; i < answer.quotes.length; i++) {
    for (let j = i + 1; j < answer.quotes.length; j++) {
      const [a, b] = [answer.quotes[i]!, answer.quotes[j]!];
      assert.ok(a.articleId !== b.articleId || a.end <= b.start || b.end <= a.start, 'quotes overlap');
    }
  }
}

let index: SearchIndex;
let engine: SwappableEngine;

before(async () => {
  index = await buildFakeIndex(ARTICLES);
  engine = createEngine({ index, embedder: new FakeEmbedder(), settings: { minRelevance: FAKE_MIN_RELEVANCE } });
});

describe('answer', () => {
  test('answers an on-topic question with verbatim, attributed quotes', async () => {
    const answer = await engine.answer('How many civilians were killed by US air strikes?');
    assert.equal(answer.answered, true);
    assert.equal(answer.quotes.length, 3);
    assertFaithful(answer);
    assert.match(answer.quotes[0]!.text, /civilians/);
  });

  test('quotes from two articles when both are nearly as relevant', async () => {
    const answer = await engine.answer('How many civilians were killed by US air strikes?');
    const articles = new Set(answer.quotes.map((quote) => quote.articleId));
    assert.ok(articles.has(AIR_STRIKE.id) && articles.has(AIRWARS.id), [...articles].join(', '));
  });

  test('a republished article is quoted under its own author, not the blogger', async () => {
    const answer = await engine.answer('Why did Iran fire missiles from Kermanshah?');
    assert.equal(answer.quotes[0]?.articleId, REPUBLISHED.id);
    assert.deepEqual(answer.quotes[0]?.authors, ['Émile Zoë Laurent']);
    assertFaithful(answer);
  });

  test('a question naming an author is answered from that author\'s articles', async () => {
    // Two articles mention rubble; only one is by Jane Doe.
    const answer = await engine.answer('What did Jane Doe write about the rubble?');
    assert.equal(answer.quotes[0]?.articleId, AIRWARS.id);
    assert.match(answer.quotes[0]!.text, /rubble/);
  });

  test('a sentence that starts with a pronoun is quoted with the sentence it refers to', async () => {
    const answer = await engine.answer('Was the attack meticulously planned?', { limit: 1 });
    const quote = answer.quotes[0]!;
    assert.match(quote.text, /^A spokesman for the US military .* He insisted that the attack had been meticulously planned\.$/);
  });

  test('answers a Dutch question from the Dutch article', async () => {
    const answer = await engine.answer('Hoeveel strijders zijn gedood bij de bombardementen?');
    assert.equal(answer.quotes[0]?.articleId, DUTCH_BLOG.id);
    assert.match(answer.quotes[0]!.text, /100 strijders/);
  });

  for (const question of [
    'How do I bake sourdough bread?',
    'Who won the football world cup?',
    'How do I reverse a linked list in Python?',
  ]) {
    test(`refuses an off-topic question: ${question}`, async () => {
      assert.deepEqual(await engine.answer(question), { question, answered: false, quotes: [], notes: [], articles: [] });
    });
  }

  test('"how many" near the corpus but with no number to quote is refused, not answered with the nearest sentence', async () => {
    const near = await engine.answer('How many tribal leaders called on the American forces to leave?');
    assert.equal(near.answered, false, near.quotes.map((quote) => quote.text).join(' | '));
    // The same topic asked openly is answered from that sentence.
    const open = await engine.answer('Which tribal leaders called on the American forces to leave?');
    assert.match(open.quotes[0]?.text ?? '', /Tribal leaders in the region/);
  });

  test('pages through the ranking with offset, without repeating a quote', async () => {
    const question = 'civilians killed by coalition bombs';
    const first = await engine.answer(question, { limit: 2 });
    const second = await engine.answer(question, { limit: 2, offset: 2 });
    const all = await engine.answer(question, { limit: 4 });
    assert.deepEqual([...first.quotes, ...second.quotes], all.quotes);
    const beyond = await engine.answer(question, { offset: 100 });
    assert.equal(beyond.answered, true);
    assert.deepEqual(beyond.quotes, []);
  });
});

describe('filters', () => {
  test('an author filter returns the requested number of quotes, all by that author', async () => {
    const answer = await engine.answer('civilians killed in air strikes', { limit: 3, filter: { author: 'jane DOE' } });
    assert.equal(answer.quotes.length, 3);
    assert.ok(answer.quotes.every((quote) => quote.articleId === AIRWARS.id));
    assertFaithful(answer);
  });

  test('author names match case- and accent-insensitively, by whole words', async () => {
    const answer = await engine.answer('missiles', { filter: { author: 'emile zoe laurent' } });
    assert.ok(answer.quotes.length > 0 && answer.quotes.every((quote) => quote.articleId === REPUBLISHED.id));
    const partial = await engine.answer('oil fields', { filter: { author: 'beeley' } });
    assert.ok(partial.quotes.length > 0 && partial.quotes.every((quote) => quote.articleId === OIL.id));
    const notAWord = await engine.answer('oil fields', { filter: { author: 'vanes' } });
    assert.equal(notAWord.answered, false);
  });

  test('a document filter accepts an id, a file name or a title', async () => {
    for (const document of [OIL.id, OIL.source, OIL.title.toUpperCase()]) {
      const answer = await engine.answer('US troops and oil', { filter: { document } });
      assert.ok(answer.quotes.length > 0, document);
      assert.ok(answer.quotes.every((quote) => quote.articleId === OIL.id), document);
    }
  });

  test('a file name filter covers every article in that file', async () => {
    const answer = await engine.answer('strijders missiles Syria', { limit: 5, filter: { document: 'blog.txt' } });
    assert.ok(answer.quotes.length > 0);
    assert.ok(answer.quotes.every((quote) => quote.source === 'blog.txt'));
  });

  test('a date range keeps only articles dated inside it', async () => {
    const answer = await engine.answer('civilians killed by air strikes', {
      limit: 5,
      filter: { dateFrom: '2018-01-01', dateTo: '2018' },
    });
    assert.ok(answer.quotes.length > 0);
    assert.ok(answer.quotes.every((quote) => quote.date !== null && quote.date >= '2018-01-01' && quote.date <= '2018-12-31'));
  });

  test('a filter that matches nothing gives no answer instead of an error', async () => {
    for (const filter of [{ author: 'Nobody Atall' }, { document: 'missing.txt' }, { dateFrom: '2030-01-01' }]) {
      const answer = await engine.answer('civilians killed by air strikes', { filter });
      assert.equal(answer.answered, false);
      assert.deepEqual(answer.quotes, []);
    }
  });
});

describe('listArticles and context', () => {
  test('lists every article, newest first', () => {
    const list = engine.listArticles();
    assert.equal(list.length, ARTICLES.length);
    assert.deepEqual(
      list.map((summary) => summary.date),
      ['2023-06-03', '2018-10-02', '2018-02-08', '2018-01-15', '2017-06-28'],
    );
    assert.deepEqual(list[0], {
      id: OIL.id,
      source: OIL.source,
      title: OIL.title,
      authors: OIL.authors,
      date: OIL.date,
      language: 'en',
      url: OIL.url,
      passages: [...index.passages].filter((passage) => passage.articleId === OIL.id).length,
    });
    assert.ok(list.every((summary) => summary.passages! > 0), 'every article has its passages counted');
  });

  test('context is the paragraph around the quote', async () => {
    const [quote] = (await engine.answer('Was the attack meticulously planned?')).quotes;
    assert.ok(quote);
    const context = engine.context(quote);
    assert.ok(context?.includes(quote.text));
    assert.ok(AIR_STRIKE.text.split('\n\n').includes(context!));
  });

  test('context is null for an unknown article or impossible offsets', () => {
    const credit = { title: OIL.title, authors: OIL.authors, date: OIL.date };
    assert.equal(engine.context({ articleId: 'gone.txt#0', start: 0, end: 5, text: 'words', ...credit }), null);
    assert.equal(engine.context({ articleId: OIL.id, start: 10, end: 1_000_000, text: 'not in the article at all', ...credit }), null);
  });
});

describe('sentence vectors stored in the index', () => {
  test('a new question asks the model once: its sentences are scored from the index', async () => {
    const embedder = new FakeEmbedder();
    const fresh = createEngine({ index, embedder, settings: { minRelevance: FAKE_MIN_RELEVANCE } });
    const answer = await fresh.answer('How many civilians were killed by US air strikes?');
    assert.equal(answer.answered, true);
    assert.equal(embedder.seen.length, 1, `the model embedded: ${JSON.stringify(embedder.seen)}`);
  });

  test('within a passage, the sentence whose stored vector is closest to the question is quoted', async () => {
    const article = makeArticle(
      'harbour.txt#0',
      [
        'The harbour master opened the old customs house to visitors on Sunday morning after years of repairs.',
        'Fishing boats returned to the quay before dawn, and the auction hall filled with buyers from the inland towns.',
        'A lighthouse keeper described how the storm flooded the lantern room and broke three of the great lenses.',
        'The town council promised new benches along the promenade and a kiosk selling coffee to walkers.',
      ].join('\n\n'),
    );
    const dense = createEngine({
      index: await buildFakeIndex([article], 2000),
      embedder: new FakeEmbedder(),
      settings: { mode: 'dense', minRelevance: 0 },
    });
    const [quote] = (await dense.answer('storm flooded lantern lighthouse lenses', { limit: 1 })).quotes;
    assert.match(quote?.text ?? '', /lighthouse keeper/);
  });
});

describe('swapIndex', () => {
  test('a question in flight finishes on its index; the next uses the new one', async () => {
    const embedder = new FakeEmbedder();
    const swappable = createEngine({
      index: await buildFakeIndex([AIR_STRIKE, AIRWARS]),
      embedder,
      settings: { minRelevance: FAKE_MIN_RELEVANCE },
    });
    const newIndex = await buildFakeIndex([OIL, DUTCH_BLOG]);
    let release!: () => void;
    embedder.gate = new Promise((resolve) => (release = resolve));

    const inFlight = swappable.answer('civilians killed by US air strikes');
    swappable.swapIndex(newIndex);
    embedder.gate = null;
    release();

    const old = await inFlight;
    assert.equal(old.answered, true);
    assert.ok(old.quotes.every((quote) => quote.articleId === AIR_STRIKE.id || quote.articleId === AIRWARS.id));
    assert.equal(swappable.index, newIndex);
    assert.deepEqual(
      swappable.listArticles().map((summary) => summary.id),
      [OIL.id, DUTCH_BLOG.id],
    );
    const next = await swappable.answer('US troops occupy the oil fields');
    assert.ok(next.quotes.length > 0 && next.quotes.every((quote) => quote.articleId === OIL.id || quote.articleId === DUTCH_BLOG.id));
    const gone = await swappable.answer('civilians killed by US air strikes in Mayadin', { filter: { document: AIR_STRIKE.id } });
    assert.equal(gone.answered, false);
  });

  test('after a swap to a revised article (same id), quotes are scored on its new sentences', async () => {
    const before = makeArticle('revised.txt#0', [
      'The harbour froze over in January. Fishermen stayed ashore for weeks.',
      'The council repaired the old lighthouse. Its lamp shone again in spring.',
    ].join('\n\n'));
    const after = makeArticle('revised.txt#0', [
      'The council repaired the old lighthouse. Fishermen stayed ashore for weeks.',
      'The harbour froze over in January. Its lamp shone again in spring.',
    ].join('\n\n'));
    const settings = { mode: 'lexical' as const, minRelevance: 0 };
    const swapped = createEngine({ index: await buildFakeIndex([before]), embedder: new FakeEmbedder(), settings });
    const questions = ['When did the harbour freeze over?', 'Who repaired the lighthouse?'];
    for (const question of questions) await swapped.answer(question);
    swapped.swapIndex(await buildFakeIndex([after]));
    const fresh = createEngine({ index: await buildFakeIndex([after]), embedder: new FakeEmbedder(), settings });
    for (const question of questions) {
      const answer = await swapped.answer(question, { limit: 1 });
      assert.deepEqual(answer, await fresh.answer(question, { limit: 1 }));
      assert.match(answer.quotes[0]?.text ?? '', question.includes('harbour') ? /harbour froze/ : /repaired the old lighthouse/);
    }
  });

  test('"Context" after a reindex: the quoted words found again, or null when the article no longer holds them', async () => {
    const original = makeArticle('edited.txt#0', [
      'The harbour froze over in January. Fishermen stayed ashore for weeks.',
      'The council repaired the old lighthouse. Its lamp shone again in spring.',
    ].join('\n\n'));
    const settings = { mode: 'lexical' as const, minRelevance: 0 };
    const swappable = createEngine({ index: await buildFakeIndex([original]), embedder: new FakeEmbedder(), settings });
    const [quote] = (await swappable.answer('Who repaired the lighthouse?', { limit: 1 })).quotes;
    assert.ok(quote && /repaired the old lighthouse/.test(quote.text));

    // A paragraph added at the top moves every offset: the old span now points at other words.
    const moved = makeArticle('edited.txt#0', `A storm warning was issued for the whole coast on Monday morning.\n\n${original.text}`);
    swappable.swapIndex(await buildFakeIndex([moved]));
    const found = swappable.context(quote);
    assert.ok(found?.includes(quote.text), `the context does not hold the quote: ${found}`);
    assert.ok(!found?.includes('storm warning'));

    const rewritten = makeArticle('edited.txt#0', 'The harbour froze over in January. The lighthouse was sold to a private buyer.');
    swappable.swapIndex(await buildFakeIndex([rewritten]));
    assert.equal(swappable.context(quote), null, 'the words are gone: no paragraph is offered under the old attribution');

    const reattributed = makeArticle('edited.txt#0', original.text, { authors: ['Someone Else'] });
    swappable.swapIndex(await buildFakeIndex([reattributed]));
    assert.equal(swappable.context(quote), null, 'the article now names another author: the old attribution no longer holds');
  });

  test('an embedder failure is reported, not hidden as "nothing relevant"', async () => {
    const failing = createEngine({
      index,
      embedder: { model: 'broken', dimensions: 3, embedQuery: () => Promise.reject(new Error('model not loaded')) },
    });
    await assert.rejects(failing.answer('civilians killed by air strikes'), /model not loaded/);
  });
});
