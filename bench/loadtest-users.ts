import type { FakeUser } from '../test/support/fake-discord.js';
import { percentile } from './stats.js';

/** The simulated users of `npm run loadtest` (everyday load and burst): who they are and what they ask. */

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** A small seeded PRNG (mulberry32), so every run asks the same questions in the same order. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const TOPICS = [
  'the air strike near Mayadin', 'the prison the US bombed', 'civilian deaths in Raqqa', 'the oil fields of Deir ez-Zor',
  'the missiles Iran fired', 'the Pentagon weapons paperwork', 'Turkey and the Kurdish militias', 'Russian forces in Syria',
  'the Syrian Democratic Forces', 'the defeat of ISIS', 'Airwars casualty counts', 'US troops staying in Syria',
  'the Assad government', 'Hezbollah', 'Israel and Syria', 'the coalition bombing campaign', 'the destruction of Raqqa',
  'arms sent to Syrian rebels', 'the Euphrates valley', 'the Trump administration', 'Saudi Arabia', 'Idlib', 'refugees',
  'the Kurdish forces', 'the war against ISIS',
];
const TEMPLATES = [
  'What happened with {t}?', 'What do the articles say about {t}?', 'Who wrote about {t}?', 'Why does {t} matter?',
  'Tell me about {t}.', 'What is known about {t}?', 'How did Washington respond to {t}?', 'Who is responsible for {t}?',
  'Any quotes on {t}?', '{t}?', 'What did the reporters find out about {t}?', 'Is there anything on {t}',
];

/** The warm-up questions: every topic, asked two ways. */
export function warmUpQuestions(count: number): string[] {
  const questions = TOPICS.flatMap((topic) => [TEMPLATES[1]!, TEMPLATES[7]!].map((template) => template.replace('{t}', topic)));
  return questions.slice(0, count);
}

export function questionFor(next: () => number): string {
  const topic = TOPICS[Math.floor(next() * TOPICS.length)]!;
  return TEMPLATES[Math.floor(next() * TEMPLATES.length)]!.replace('{t}', topic);
}

export function summarize(values: readonly number[]): Percentiles | null {
  if (values.length === 0) return null;
  return { p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99), max: Math.max(...values) };
}

export function user(n: number): FakeUser {
  return { id: `22${String(n).padStart(16, '0')}`, username: `loaduser${n}` };
}
