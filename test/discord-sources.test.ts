import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBotAgainstFake, type BotHarness } from './support/bot-harness.js';
import { createFixtureEngine, FIXTURE_ARTICLES, type FixtureArticle } from './support/fixture-engine.js';

const MANY_ARTICLES: FixtureArticle[] = Array.from({ length: 23 }, (_, i) => ({
  id: `doc${i}.txt#0`,
  source: `doc${i}.txt`,
  title: `Report number ${i + 1}`,
  authors: [`Author ${String.fromCharCode(65 + i)}ndersen`],
  date: `2020-01-${String(i + 1).padStart(2, '0')}`,
  text: `Report ${i + 1} says something.`,
}));

describe('/sources and autocomplete', () => {
  let h: BotHarness;
  let many: BotHarness;
  before(async () => {
    h = await startBotAgainstFake();
    many = await startBotAgainstFake({ engine: createFixtureEngine([...FIXTURE_ARTICLES, ...MANY_ARTICLES]) });
  });
  after(async () => {
    await h.stop();
    await many.stop();
  });

  test('/sources lists every document with title, author and date', async () => {
    const command = await h.fake.sendSlashCommand('sources');
    const reply = await h.waitForCallback(command.token);
    assert.equal(reply.body.type, 4);
    const description: string = reply.body.data.embeds[0].description;
    assert.match(description, /On Bridges — Jane Doe \(2021-03-04\)/);
    assert.match(description, /Bridges of the North — Jane Doe and John Smith \(2022-06-01\)/);
    assert.match(description, /Notes on \\\*markup\\\* — Unknown author/);
    assert.equal(reply.body.data.components?.length ?? 0, 0, 'one page: no paging buttons');
  });

  test('a long list is paged, ten to a page, with Previous/Next', async () => {
    const command = await many.fake.sendSlashCommand('sources');
    const reply = await many.waitForCallback(command.token);
    const embed = reply.body.data.embeds[0];
    assert.equal(embed.description.split('\n').length, 10);
    assert.match(embed.footer.text, /Page 1 of 3/);
    const [previous, next] = reply.body.data.components[0].components;
    assert.equal(previous.disabled, true);
    const message = [...many.fake.messages.values()].find((m) => (m.embeds as { footer?: { text: string } }[])[0]?.footer?.text.startsWith('Page 1'))!;
    const click = await many.fake.clickButton(message.id as string, next.custom_id);
    const update = await many.waitForCallback(click.token);
    assert.equal(update.body.type, 7);
    assert.match(update.body.data.embeds[0].footer.text, /Page 2 of 3/);
    assert.match(update.body.data.embeds[0].description, /^\*\*11\.\*\*/);
  });

  test('author autocomplete matches what was typed, ignoring case and accents', async () => {
    const typed = await h.fake.sendAutocomplete('ask', { question: 'x', author: 'AME' }, 'author');
    const reply = await h.waitForCallback(typed.token);
    assert.equal(reply.status, 204);
    assert.equal(reply.body.type, 8);
    assert.deepEqual(reply.body.data.choices, [{ name: 'Amélie Dupont', value: 'Amélie Dupont' }]);
  });

  test('document autocomplete offers titles (with author and date) and sends the document id', async () => {
    const typed = await h.fake.sendAutocomplete('ask', { question: 'x', document: 'bridg' }, 'document');
    const { choices } = (await h.waitForCallback(typed.token)).body.data;
    assert.deepEqual(choices.map((c: { value: string }) => c.value).sort(), ['bridges.txt#0', 'north.txt#0']);
    assert.ok(choices.some((c: { name: string }) => c.name === 'On Bridges — Jane Doe (2021-03-04)'));
  });

  test('autocomplete never offers more than 25 choices', async () => {
    const typed = await many.fake.sendAutocomplete('ask', { question: 'x', author: '' }, 'author');
    const reply = await many.waitForCallback(typed.token);
    assert.equal(reply.status, 204);
    assert.equal(reply.body.data.choices.length, 25);
  });
});
