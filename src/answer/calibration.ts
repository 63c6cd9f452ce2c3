import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { QueryEmbedder, SearchIndex } from '../index/search-index.js';
import { createEngine } from './engine.js';

/**
 * The relevance threshold of one index, set against a bank of questions written to be about
 * nothing in particular (resources/calibration/off-topic-questions.txt: every domain, both
 * languages, many question forms). How well the best of them still score on this index is its
 * noise floor: a corpus of many topics or long articles shares more words with anything than a
 * small one does. The threshold sits at a high quantile of the bank's best scores, so an answer
 * must beat what nearly every unrelated question gets here.
 */

const BANK_FILE = fileURLToPath(new URL('../../resources/calibration/off-topic-questions.txt', import.meta.url));

/** Share of the bank's questions whose best quote must fall below the threshold. */
export const CALIBRATION_QUANTILE = 0.95;
/**
 * Bounds that keep a tiny or broad corpus from an absurd threshold. The ceiling: on a corpus about
 * many everyday things the bank's questions start to be answered for real (a beekeeping post
 * answers "How do bees make honey?", 0.75), and the quantile stops measuring noise. Coherent
 * corpora put it at 0.26 (the seeds), 0.31 (the layout probe's first 38 posts) and 0.34 (the
 * real-document dev set); 72 posts about everything put it at 0.44, refusing a third of the
 * questions they answer (37 of 117), where 0.38 refuses 18 and answers 4 more of 24 unanswerable ones.
 */
export const MIN_THRESHOLD = 0.2;
export const MAX_THRESHOLD = 0.38;

export interface Calibration {
  /** The relevance a quote needs to be shown on this index. */
  minRelevance: number;
  /** Bank questions asked, and the best score among them (the margin above the threshold). */
  questions: number;
  highest: number;
  quantile: number;
}

/** The bank's questions: one a line, `#` comments and blank lines skipped. */
export function parseQuestionBank(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** The bank shipped in the repository (resolved from this module, not the working directory). */
export function readQuestionBank(): string[] {
  return parseQuestionBank(readFileSync(BANK_FILE, 'utf8'));
}

/** The threshold for an index from the best score each bank question got on it. */
export function thresholdFromScores(scores: readonly number[], quantile = CALIBRATION_QUANTILE): Calibration {
  const sorted = [...scores].sort((a, b) => a - b);
  const at = sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? MIN_THRESHOLD;
  const minRelevance = Math.round(Math.min(MAX_THRESHOLD, Math.max(MIN_THRESHOLD, at)) * 1000) / 1000;
  return { minRelevance, questions: sorted.length, highest: sorted[sorted.length - 1] ?? 0, quantile };
}

/** Asks the bank of `index` (through the engine, as a person would) and sets its threshold. */
export async function calibrateIndex(index: SearchIndex, embedder: QueryEmbedder, bank = readQuestionBank()): Promise<Calibration> {
  const engine = createEngine({ index, embedder, settings: { minRelevance: 0, quotes: 1 } });
  const scores: number[] = [];
  for (const question of bank) scores.push((await engine.answer(question, { limit: 1 })).quotes[0]?.score ?? 0);
  return thresholdFromScores(scores);
}
