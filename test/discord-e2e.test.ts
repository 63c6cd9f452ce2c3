import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../src/domain.js';
import { formatAuthors } from '../src/domain.js';
import { startBotAgainstFake, type BotHarness } from './support/bot-harness.js';
import { isReplyTo, isVerbatim, quotesOf, type ShownQuote } from './support/bot-messages.js';
import { openRealEngine, type RealEngine } from './support/real-index.js';

/** End to end: the seed corpus indexed by the real model, the real engine, the real bot, a fake Discord. */
describe('the bot answers from the seed corpus', () => {
  let real: RealEngine;
  let h: BotHarness;
  before(async () => {
    real = await openRealEngine();
    h = await startBotAgainstFake({ engine: real.opened.engine, rebuild: real.opened.rebuild });
  });
  after(async () => {
    await h?.stop();
    await real?.close();
  });

  /** The article a shown quote names (by title), checked to hold the quote verbatim and to be by the named author. */
  function assertAttributed(quote: ShownQuote): Article {
    const articles = [...real.opened.engine.index.articles.values()];
    const cited = articles.filter((article) => quote.attribution.includes(`*${article.title}*`) && isVerbatim(quote.text, article.text));
    assert.ok(cited.length > 0, `no article titled in “${quote.attribution}” holds the quote “${quote.text}”`);
    const article = cited[0]!;
    // Words the article quotes from someone else read "— Source, quoted by Author, ...".
    const author = formatAuthors(article.authors) ?? 'Unknown author';
    assert.ok(quote.attribution.startsWith(`— ${author}, `) || quote.attribution.includes(`, quoted by ${author}, `), quote.attribution);
    if (article.date) assert.ok(quote.attribution.includes(`(${article.date})`), quote.attribution);
    return article;
  }

  test('/ask is deferred at once, then the reply is edited into verbatim quotes naming author, title and date', async () => {
    const ask = await h.fake.sendSlashCommand('ask', { question: 'Who was killed when the US bombed the prison near Mayadin?' });
    const callback = await h.waitForCallback(ask.token, 30_000);
    assert.equal(callback.body.type, 5, 'deferred (thinking…) first');
    const edit = await h.waitForOriginalEdit(ask.token, 60_000);
    assert.equal(edit.status, 200);
    assert.deepEqual(edit.body.allowed_mentions, { parse: [] });
    const quotes = quotesOf(edit.body);
    assert.ok(quotes.length > 0, `no quotes in ${JSON.stringify(edit.body)}`);
    const cited = quotes.map(assertAttributed);
    assert.ok(
      quotes.some((quote, i) => /prison/i.test(quote.text) && cited[i]!.authors.length > 0),
      `no quote about the prison with a named author: ${JSON.stringify(quotes)}`,
    );
  });

  test('a DM is answered as a reply to it, with verbatim attributed quotes', async () => {
    const dm = await h.fake.sendDirectMessage('What did the Pentagon falsify in its weapons paperwork?');
    const reply = await h.fake.waitForRequest(isReplyTo(dm.id), 30_000);
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.body.allowed_mentions, { parse: [], replied_user: false });
    const quotes = quotesOf(reply.body);
    assert.ok(quotes.length > 0, `no quotes in ${JSON.stringify(reply.body)}`);
    quotes.forEach(assertAttributed);
  });
});
