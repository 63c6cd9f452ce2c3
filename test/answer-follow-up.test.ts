import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planFollowUp, type Conversation } from '../src/answer/follow-up.js';
import { answerWithoutRepeats, overlaps } from '../src/answer/without-repeats.js';
import { createFixtureEngine } from './support/fixture-engine.js';

const bridges: Conversation = {
  question: 'Why do bridges stand?',
  filter: undefined,
  quotes: [{ articleId: 'bridges.txt#0', authors: ['Jane Doe'] }, { articleId: 'floods.txt#0', authors: ['Amélie Dupont'] }],
};

test('"what else did he say?" asks the earlier question again, by the person quoted first', () => {
  assert.deepEqual(planFollowUp('what else did she say?', bridges), { continues: true, question: 'Why do bridges stand?', filter: { author: 'Jane Doe' } });
  assert.deepEqual(planFollowUp('Wat zei hij nog meer?', bridges).filter, { author: 'Jane Doe' });
});

test('a person named by the earlier filter stays the person, whoever was quoted first', () => {
  const filtered = { ...bridges, filter: { author: 'Amélie Dupont' } };
  assert.deepEqual(planFollowUp('what else did she say?', filtered).filter, { author: 'Amélie Dupont' });
});

test('"he" after a shared or unnamed byline points at that document, never at a guessed author', () => {
  const shared: Conversation = { question: 'Ice?', filter: undefined, quotes: [{ articleId: 'north.txt#0', authors: ['Jane Doe', 'John Smith'] }] };
  assert.deepEqual(planFollowUp('what else does he say?', shared).filter, { document: 'north.txt#0' });
  const unnamed: Conversation = { question: 'Stars?', filter: undefined, quotes: [{ articleId: 'markdown.txt#0', authors: [] }] };
  assert.deepEqual(planFollowUp('who is he quoting?', unnamed).filter, { document: 'markdown.txt#0' });
});

test('"and in 2018?" keeps the question and its filters and adds the year', () => {
  const filtered = { ...bridges, filter: { author: 'Jane Doe' } };
  assert.deepEqual(planFollowUp('and in 2018?', filtered), {
    continues: true,
    question: 'Why do bridges stand?',
    filter: { author: 'Jane Doe', dateFrom: '2018-01-01', dateTo: '2018-12-31' },
  });
});

test('"more" is the same question and filters', () => {
  assert.deepEqual(planFollowUp('more', { ...bridges, filter: { document: 'floods.txt' } }), {
    continues: true,
    question: 'Why do bridges stand?',
    filter: { document: 'floods.txt' },
  });
  assert.equal(planFollowUp('  ', bridges).continues, true);
});

test('"who is he quoting?" keeps the topic, adds its own word and the person', () => {
  const plan = planFollowUp('who is he quoting?', bridges);
  assert.equal(plan.continues, true);
  assert.match(plan.question, /^Why do bridges stand\? quoting$/);
  assert.deepEqual(plan.filter, { author: 'Jane Doe' });
});

test('"what does the article say about X" narrows to the document quoted first', () => {
  assert.deepEqual(planFollowUp('what does the article say about the Romans and their stone?', bridges), {
    continues: true,
    question: 'what does the article say about the Romans and their stone?',
    filter: { document: 'bridges.txt#0' },
  });
  assert.deepEqual(planFollowUp('What else does this article say about Roman stone arches?', bridges).filter, { document: 'bridges.txt#0' });
});

test('"what about X?" takes X as the topic and keeps the filters', () => {
  const plan = planFollowUp('what about floods?', { ...bridges, filter: { author: 'Jane Doe' } });
  assert.deepEqual(plan, { continues: true, question: 'what about floods?', filter: { author: 'Jane Doe' } });
});

test('a new topic is a new question: no filters carried over', () => {
  assert.equal(planFollowUp('How did the Romans build their aqueducts?', bridges).continues, false, '"their" is the Romans');
  const filtered = { ...bridges, filter: { author: 'Jane Doe' } };
  assert.deepEqual(planFollowUp('Why do rivers flood towns downstream?', filtered), {
    continues: false,
    question: 'Why do rivers flood towns downstream?',
    filter: undefined,
  });
});

test('quotes overlap only within one article', () => {
  assert.ok(overlaps({ articleId: 'a', start: 0, end: 10 }, { articleId: 'a', start: 9, end: 20 }));
  assert.ok(!overlaps({ articleId: 'a', start: 0, end: 10 }, { articleId: 'a', start: 10, end: 20 }));
  assert.ok(!overlaps({ articleId: 'a', start: 0, end: 10 }, { articleId: 'b', start: 0, end: 10 }));
});

test('a follow-up answer skips every quote shown before, then says there is nothing more', async () => {
  const engine = createFixtureEngine();
  const first = await answerWithoutRepeats(engine, 'bridges', { limit: 2 }, []);
  assert.equal(first.answer.quotes.length, 2);
  assert.equal(first.skipped, 0);
  const second = await answerWithoutRepeats(engine, 'bridges', { limit: 2 }, first.answer.quotes);
  assert.equal(second.answer.quotes.length, 2);
  assert.equal(second.skipped, 2);
  for (const quote of second.answer.quotes) assert.ok(!first.answer.quotes.some((earlier) => overlaps(earlier, quote)));
  const everything = [...first.answer.quotes, ...second.answer.quotes];
  let rest = await answerWithoutRepeats(engine, 'bridges', { limit: 10 }, everything);
  everything.push(...rest.answer.quotes);
  rest = await answerWithoutRepeats(engine, 'bridges', { limit: 2 }, everything);
  assert.equal(rest.answer.answered, false);
  assert.ok(rest.skipped > 0, 'nothing more, as opposed to nothing relevant');
  const unrelated = await answerWithoutRepeats(engine, 'volcanoes', { limit: 2 }, everything);
  assert.deepEqual([unrelated.answer.answered, unrelated.skipped], [false, 0]);
});

test('repeats are skipped past the first page of the engine', async () => {
  const engine = createFixtureEngine();
  const all = (await engine.answer('bridges', { limit: 25 })).quotes;
  const result = await answerWithoutRepeats(engine, 'bridges', { limit: 1 }, all.slice(0, -1));
  assert.deepEqual(result.answer.quotes, all.slice(-1));
});
