import type { FeedbackStats, FeedbackVote } from './state-store.js';

/**
 * The feedback summary that `/stats` and `npm run feedback` print: questions per day, the share
 * refused, 👍/👎 rates, the most quoted documents and the latest 👎 with their questions. Pure;
 * `escape` makes text from the corpus and from users safe for where it is shown.
 */

function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((100 * part) / whole)}%`;
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

function describeDown(vote: FeedbackVote, escape: (text: string) => string): string {
  const day = new Date(vote.at).toISOString().slice(0, 10);
  const cited = [...new Set(vote.quotes.map((quote) => quote.title))].map((title) => escape(oneLine(title, 60))).join('; ');
  return `${day} “${escape(oneLine(vote.question, 120))}”${cited ? ` (quoted: ${cited})` : ''}`;
}

export interface StatsSections {
  questions: string[];
  votes: string[];
  topDocuments: string[];
  latestDown: string[];
}

/** The summary as titled sections of lines, for an embed's fields or a terminal. */
export function describeStats(stats: FeedbackStats, escape: (text: string) => string = (text) => text): StatsSections {
  const answered = stats.questions - stats.refused;
  const votes = stats.up + stats.down;
  return {
    questions: [
      `${stats.questions} questions since ${new Date(stats.since).toISOString().slice(0, 10)}: ${answered} answered, ${stats.refused} refused (${percent(stats.refused, stats.questions)}).`,
      ...stats.perDay.map((day) => `${day.day}: ${day.questions} asked, ${day.refused} refused`),
    ],
    votes: [votes === 0 ? 'No votes yet.' : `👍 ${stats.up} (${percent(stats.up, votes)}) · 👎 ${stats.down} (${percent(stats.down, votes)}) of ${votes} votes.`],
    topDocuments:
      stats.topDocuments.length === 0
        ? ['Nothing quoted yet.']
        : stats.topDocuments.map((doc, i) => `${i + 1}. ${escape(oneLine(doc.title, 80))} (${escape(doc.source)}): ${doc.quotes} quotes`),
    latestDown: stats.latestDown.length === 0 ? ['No 👎 yet.'] : stats.latestDown.map((vote) => describeDown(vote, escape)),
  };
}

/** One JSON object per vote, ready to become an evaluation question (`npm run feedback -- --export`). */
export function voteToJsonLine(vote: FeedbackVote): string {
  return JSON.stringify({
    answerId: vote.answerId,
    vote: vote.vote,
    question: vote.question,
    ...(vote.filter ? { filter: vote.filter } : {}),
    quotes: vote.quotes,
    user: vote.userHash,
    at: new Date(vote.at).toISOString(),
  });
}
