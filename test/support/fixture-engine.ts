/**
 * A small QuoteEngine for Discord tests: a few fixture articles and a keyword search that returns
 * verbatim sentences of them, with the article's real author, title and date. It stands in for
 * the real engine, which the bot only knows through the QuoteEngine contract.
 */
import type { Answer, AnswerOptions, ArticleSummary, Quote, QuoteEngine } from '../../src/domain.js';

export interface FixtureArticle {
  id: string;
  source: string;
  title: string;
  authors: string[];
  date: string | null;
  text: string;
  /** Where it is published, when known: citations link to it. */
  url?: string;
}

export const FIXTURE_ARTICLES: FixtureArticle[] = [
  {
    id: 'bridges.txt#0',
    source: 'bridges.txt',
    title: 'On Bridges',
    authors: ['Jane Doe'],
    date: '2021-03-04',
    text:
      'Bridges stand because arches carry their weight down into the ground. A suspension bridge hangs its deck from steel cables.\n\n' +
      'The oldest stone bridges in Europe were built by the Romans. Many of those bridges still carry traffic today.',
  },
  {
    id: 'floods.txt#0',
    source: 'floods.txt',
    title: 'Rivers and Floods',
    authors: ['Amélie Dupont'],
    date: '2019-11-20',
    url: 'https://example.org/rivers-and-floods',
    text:
      'Floods come when rivers overflow their banks after heavy rain. Wetlands slow the water down and protect the towns downstream.\n\n' +
      'Dams can hold back floods, but they also trap the silt that farmers need.',
  },
  {
    id: 'markdown.txt#0',
    source: 'markdown.txt',
    title: 'Notes on *markup*',
    authors: [],
    date: null,
    text:
      'Some writers put *stars* around words and write snake_case_names in prose. ' +
      'A careless line may say @everyone or <@123456789012345678> without meaning to ping anyone.',
  },
  {
    id: 'north.txt#0',
    source: 'north.txt',
    title: 'Bridges of the North',
    authors: ['Jane Doe', 'John Smith'],
    date: '2022-06-01',
    text:
      'Northern bridges must survive ice on the rivers every spring. Engineers build cutwaters that break the ice before it reaches the piers.',
  },
];

function normalize(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function sentencesOf(article: FixtureArticle): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (const match of article.text.matchAll(/[^.!?\n]+[.!?]*/g)) {
    const leading = match[0].length - match[0].trimStart().length;
    const start = match.index + leading;
    const end = match.index + match[0].trimEnd().length;
    if (end > start) spans.push({ start, end });
  }
  return spans;
}

function keywords(question: string): string[] {
  return [...new Set(normalize(question).match(/\p{L}{4,}/gu) ?? [])];
}

export interface FixtureEngine extends QuoteEngine {
  /** Every answer() call, so tests can check what the bot asked for. */
  calls: { question: string; options: AnswerOptions | undefined }[];
}

/** A keyword-overlap engine over `articles`; a sentence matching no keyword is never returned. */
export function createFixtureEngine(articles: FixtureArticle[] = FIXTURE_ARTICLES): FixtureEngine {
  const byId = new Map(articles.map((article) => [article.id, article]));
  const calls: FixtureEngine['calls'] = [];
  return {
    calls,
    async answer(question, options): Promise<Answer> {
      calls.push({ question, options });
      const words = keywords(question);
      const { limit = 3, offset = 0, filter } = options ?? {};
      const scored: Quote[] = [];
      for (const article of articles) {
        if (filter?.author && !article.authors.some((name) => normalize(name) === normalize(filter.author!))) continue;
        if (filter?.document && ![article.id, article.source, normalize(article.title)].includes(filter.document)) continue;
        if ((filter?.dateFrom || filter?.dateTo) && (!article.date || article.date < (filter.dateFrom ?? '') || article.date > (filter.dateTo ?? '9999'))) continue;
        for (const { start, end } of sentencesOf(article)) {
          const text = article.text.slice(start, end);
          const hits = words.filter((word) => normalize(text).includes(word)).length;
          if (hits === 0) continue;
          const { id: articleId, source, title, authors, date, url = null } = article;
          scored.push({ text, articleId, source, title, authors, date, start, end, score: hits / words.length, url, quotedFrom: null });
        }
      }
      scored.sort((a, b) => b.score - a.score);
      const quotes = scored.slice(offset, offset + limit);
      return { question, answered: quotes.length > 0, quotes, notes: [], articles: [] };
    },
    listArticles(): ArticleSummary[] {
      return articles.map(({ id, source, title, authors, date, url = null }) => ({ id, source, title, authors, date, language: 'en', url }));
    },
    context(quote) {
      const article = byId.get(quote.articleId);
      if (!article || article.text.slice(quote.start, quote.end) !== quote.text) return null;
      const paragraphStart = article.text.lastIndexOf('\n\n', quote.start);
      const paragraphEnd = article.text.indexOf('\n\n', quote.end);
      return article.text.slice(paragraphStart === -1 ? 0 : paragraphStart + 2, paragraphEnd === -1 ? undefined : paragraphEnd);
    },
  };
}
