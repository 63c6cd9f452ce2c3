import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeStats, voteToJsonLine } from '../src/state/feedback-report.js';
import type { FeedbackStats, FeedbackVote } from '../src/state/state-store.js';

const down: FeedbackVote = {
  answerId: 'a2',
  userHash: 'f00d',
  vote: 'down',
  question: 'Why do *bridges*\nstand?',
  filter: { author: 'Jane Doe' },
  quotes: [{ articleId: 'bridges.txt#0', source: 'bridges.txt', title: 'On Bridges', start: 0, end: 13, text: 'Bridges stand' }],
  at: Date.UTC(2025, 0, 3, 9),
};

const stats: FeedbackStats = {
  since: Date.UTC(2025, 0, 1),
  questions: 4,
  refused: 1,
  perDay: [
    { day: '2025-01-01', questions: 3, refused: 1 },
    { day: '2025-01-03', questions: 1, refused: 0 },
  ],
  up: 3,
  down: 1,
  topDocuments: [{ source: 'bridges.txt', title: 'On Bridges', quotes: 5 }],
  latestDown: [down],
};

test('the summary gives counts with rates, per day, top documents and the latest 👎 with its question', () => {
  const sections = describeStats(stats);
  assert.equal(sections.questions[0], '4 questions since 2025-01-01: 3 answered, 1 refused (25%).');
  assert.deepEqual(sections.questions.slice(1), ['2025-01-01: 3 asked, 1 refused', '2025-01-03: 1 asked, 0 refused']);
  assert.deepEqual(sections.votes, ['👍 3 (75%) · 👎 1 (25%) of 4 votes.']);
  assert.deepEqual(sections.topDocuments, ['1. On Bridges (bridges.txt): 5 quotes']);
  assert.deepEqual(sections.latestDown, ['2025-01-03 “Why do *bridges* stand?” (quoted: On Bridges)']);
});

test('text is escaped for where it is shown; an empty period says so instead of dividing by zero', () => {
  const escaped = describeStats(stats, (text) => text.replace(/\*/g, '\\*'));
  assert.match(escaped.latestDown[0]!, /\\\*bridges\\\*/);
  const empty = describeStats({ ...stats, questions: 0, refused: 0, perDay: [], up: 0, down: 0, topDocuments: [], latestDown: [] });
  assert.equal(empty.questions[0], '0 questions since 2025-01-01: 0 answered, 0 refused (–).');
  assert.deepEqual([empty.votes, empty.topDocuments, empty.latestDown], [['No votes yet.'], ['Nothing quoted yet.'], ['No 👎 yet.']]);
});

test('an exported vote is one JSON line with the question, the quotes and the hashed user', () => {
  const line = voteToJsonLine(down);
  assert.doesNotMatch(line, /\n/);
  assert.deepEqual(JSON.parse(line), {
    answerId: 'a2',
    vote: 'down',
    question: 'Why do *bridges*\nstand?',
    filter: { author: 'Jane Doe' },
    quotes: down.quotes,
    user: 'f00d',
    at: '2025-01-03T09:00:00.000Z',
  });
});
