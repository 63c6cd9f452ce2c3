import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startBotAgainstFake } from './support/bot-harness.js';
import { createFixtureEngine, type FixtureArticle } from './support/fixture-engine.js';

const WORDS = ['the', 'harbour', 'wall', 'keeps', 'storms', 'from', 'the', 'old', 'town', 'and', 'its', 'boats'];

function longSentence(seed: number, length: number): string {
  const words: string[] = ['Lighthouse'];
  for (let i = 0; words.join(' ').length < length; i += 1) words.push(WORDS[(seed * 7 + i) % WORDS.length]!);
  return `${words.join(' ')} number ${seed}.`;
}

// Quotes from 300 to ~3,900 characters: together far more than one message (6,000) can hold.
const LENGTHS = [3900, 300, 2500, 1800, 3000, 600, 3500, 1200, 2200, 900];
const ARTICLES: FixtureArticle[] = LENGTHS.map((length, i) => ({
  id: `long${i}.txt#0`,
  source: `long${i}.txt`,
  title: `Long read ${i}`,
  authors: [`Writer ${i}`],
  date: '2024-02-02',
  text: longSentence(i, length),
}));

test('an answer too long for one message is split between quotes, within every limit, and delivered whole', async () => {
  const engine = createFixtureEngine(ARTICLES);
  const h = await startBotAgainstFake({ engine, env: { ANSWER_QUOTES: '10' } });
  try {
    const ask = await h.fake.sendSlashCommand('ask', { question: 'lighthouse' });
    const expected = (await engine.answer('lighthouse', { limit: 10 })).quotes;
    assert.equal(expected.length, 10);
    await h.waitForOriginalEdit(ask.token);
    await h.waitForLog((line) => line.event === 'command' && line.command === 'ask');

    const sent = h.fake.interactionRequests(ask.token).filter((r) => r.method !== 'POST' || !r.path.endsWith('/callback'));
    assert.ok(sent.length >= 3, `expected several messages, got ${sent.length}`);
    for (const request of sent) {
      assert.equal(request.status, 200, JSON.stringify(request.error));
      const embeds: { title?: string; description: string }[] = request.body.embeds;
      assert.ok(embeds.length <= 10);
      assert.ok(embeds.every((embed) => embed.description.length <= 4096));
      assert.ok(embeds.reduce((sum, embed) => sum + embed.description.length + (embed.title?.length ?? 0), 0) <= 6000);
      assert.deepEqual(request.body.allowed_mentions, { parse: [] });
    }

    const descriptions = sent.flatMap((request) => request.body.embeds.map((embed: { description: string }) => embed.description));
    const all = descriptions.join('\n\n');
    let lastPosition = -1;
    for (const quote of expected) {
      const holders = descriptions.filter((description) => description.includes(`> ${quote.text}\n— ${quote.authors[0]}`));
      assert.equal(holders.length, 1, `quote of ${quote.title} should appear whole, exactly once`);
      const position = all.indexOf(`> ${quote.text}`);
      assert.ok(position > lastPosition, 'quotes keep their order');
      lastPosition = position;
    }
    assert.ok(!all.includes('…'), 'no quote was trimmed');
    const withButtons = sent.filter((request) => (request.body.components ?? []).length > 0);
    assert.deepEqual(withButtons, [sent.at(-1)], 'buttons only under the last part');
  } finally {
    await h.stop();
  }
});
