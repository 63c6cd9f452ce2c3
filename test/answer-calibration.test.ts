import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_THRESHOLD, MIN_THRESHOLD, parseQuestionBank, thresholdFromScores } from '../src/answer/calibration.js';

/** The threshold each index gets from how well the bank of unrelated questions scores on it. */
describe('relevance threshold from the off-topic bank', () => {
  /** `count` scores evenly from `from` to `to`, in thousandths so they compare exactly. */
  const spread = (count: number, from: number, to: number) => Array.from({ length: count }, (_, i) => Math.round((from + ((to - from) * i) / (count - 1)) * 1000) / 1000);

  test('sits where 95% of the bank scores below it, and reports the best bank score as the margin', () => {
    const calibration = thresholdFromScores(spread(101, 0.1, 0.3));
    assert.equal(calibration.minRelevance, 0.29);
    assert.equal(calibration.highest, 0.3);
    assert.equal(calibration.questions, 101);
  });

  test('stops at its ceiling on a broad corpus that really answers some bank questions, and at its floor on a tiny one', () => {
    const broad = [...spread(150, 0.1, 0.36), ...spread(20, 0.4, 0.75)];
    assert.equal(thresholdFromScores(broad).minRelevance, MAX_THRESHOLD);
    assert.equal(thresholdFromScores(spread(50, 0, 0.1)).minRelevance, MIN_THRESHOLD);
  });

  test('the bank file: one question a line, comments and blank lines skipped', () => {
    assert.deepEqual(parseQuestionBank('# Geography\nWhich river flows through Budapest?\n\n  How high is Mount Kilimanjaro?  \n'), ['Which river flows through Budapest?', 'How high is Mount Kilimanjaro?']);
  });
});
