/**
 * Synthetic benchmark data drawn from the seed corpus, repeatable from a seed: a larger corpus of
 * articles recombined from the seed's English paragraphs, and varied questions made of the
 * corpus's topic words (the engine caches by question text, so a latency benchmark needs many
 * distinct questions rather than one repeated).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eng, nld } from 'stopword';
import type { Article } from '../src/domain.js';
import { createRandom } from './vectors.js';

/** Paragraphs shorter than this (characters) are captions or stray lines, not article body. */
const MIN_PARAGRAPH = 80;
/** Paragraphs per generated article: about 1,500 characters, 2 to 3 passages at the default chunking. */
const PARAGRAPHS_PER_ARTICLE = { min: 3, max: 6 } as const;
const DATE_RANGE = { from: Date.UTC(2015, 0, 1), to: Date.UTC(2024, 11, 31) } as const;
const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
const FIRST_NAMES = [
  'Anna', 'Ben', 'Carla', 'David', 'Elena', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas',
  'Karin', 'Leo', 'Maya', 'Nadia', 'Omar', 'Petra', 'Rafael', 'Sara', 'Tomas', 'Yara',
];
const LAST_NAMES = [
  'Albers', 'Brandt', 'Castillo', 'Dekker', 'Evans', 'Fischer', 'Garcia', 'Haddad', 'Ivanova', 'Jansen',
  'Kowalski', 'Lindqvist', 'Moreau', 'Novak', 'Okafor', 'Perez', 'Quinn', 'Rossi', 'Santos', 'Tanaka',
];

export interface GeneratedArticle {
  /** File name inside the corpus folder. */
  file: string;
  title: string;
  author: string;
  /** As written in the file (`12 March 2019`). */
  date: string;
  paragraphs: string[];
}

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
/** `count` different items (the list must hold at least that many). */
function distinctPicks<T>(random: Random, items: readonly T[], count: number): T[] {
  const chosen = new Set<T>();
  while (chosen.size < count) chosen.add(pick(random, items));
  return [...chosen];
}
const between = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

function englishParagraphs(seed: readonly Article[]): string[] {
  return seed
    .filter((article) => article.language === 'en')
    .flatMap((article) => article.text.split(/\n\s*\n/))
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length >= MIN_PARAGRAPH);
}

const STOPWORDS: ReadonlySet<string> = new Set([...eng, ...nld].map((word) => word.toLowerCase()));

/**
 * Content words of the articles (five letters or more, not stopwords) seen at least twice,
 * most frequent first, each in its most common spelling.
 */
export function topicWords(articles: readonly Article[], limit: number): string[] {
  const counts = new Map<string, Map<string, number>>();
  for (const article of articles) {
    for (const [word] of article.text.matchAll(/\p{L}[\p{L}'-]*\p{L}/gu)) {
      const key = word.toLowerCase();
      if (key.length < 5 || STOPWORDS.has(key)) continue;
      const spellings = counts.get(key) ?? new Map<string, number>();
      spellings.set(word, (spellings.get(word) ?? 0) + 1);
      counts.set(key, spellings);
    }
  }
  const total = (spellings: Map<string, number>) => [...spellings.values()].reduce((sum, n) => sum + n, 0);
  return [...counts.entries()]
    .filter(([, spellings]) => total(spellings) >= 2)
    .sort(([a, x], [b, y]) => total(y) - total(x) || a.localeCompare(b))
    .slice(0, limit)
    .map(([, spellings]) => [...spellings.entries()].sort((x, y) => y[1] - x[1])[0]![0]);
}

function formatDate(time: number): string {
  const date = new Date(time);
  return `${date.getUTCDate()} ${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * `count` articles, each a few English paragraphs of the seed corpus in a new order, with its own
 * title, byline and date, laid out like the seed files (`# Title`, author, date, body).
 */
export function generateArticles(seed: readonly Article[], count: number, randomSeed: number): GeneratedArticle[] {
  const random = createRandom(randomSeed);
  const paragraphs = englishParagraphs(seed);
  if (paragraphs.length < PARAGRAPHS_PER_ARTICLE.max) {
    throw new Error(`The seed corpus has ${paragraphs.length} English paragraphs; the generator needs at least ${PARAGRAPHS_PER_ARTICLE.max}.`);
  }
  const words = topicWords(seed.filter((article) => article.language === 'en'), 200);
  const width = String(count).length;
  return Array.from({ length: count }, (_, n): GeneratedArticle => {
    const chosen = distinctPicks(random, paragraphs, between(random, PARAGRAPHS_PER_ARTICLE.min, PARAGRAPHS_PER_ARTICLE.max));
    const [first, second] = distinctPicks(random, words, 2);
    return {
      file: `article-${String(n).padStart(width, '0')}.txt`,
      title: `${capitalize(first!)} and ${second}, report ${n + 1}`,
      author: `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`,
      date: formatDate(DATE_RANGE.from + Math.floor(random() * (DATE_RANGE.to - DATE_RANGE.from))),
      paragraphs: chosen,
    };
  });
}

export function renderArticle(article: GeneratedArticle): string {
  // Two trailing spaces end the byline line, as in the seed's Markdown file.
  return `# ${article.title}\n\n${article.author}  \n${article.date}\n\n${article.paragraphs.join('\n\n')}\n`;
}

/** Writes the articles as files of `dir` (created if needed). */
export async function writeArticles(dir: string, articles: readonly GeneratedArticle[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const article of articles) await writeFile(path.join(dir, article.file), renderArticle(article));
}

/**
 * An edited version of one article, as an author revising it would make: one paragraph replaced
 * by another of the seed corpus that the article does not contain yet.
 */
export function reviseArticle(article: GeneratedArticle, seed: readonly Article[], randomSeed: number): GeneratedArticle {
  const random = createRandom(randomSeed);
  const fresh = englishParagraphs(seed).filter((paragraph) => !article.paragraphs.includes(paragraph));
  const paragraphs = [...article.paragraphs];
  paragraphs[Math.floor(random() * paragraphs.length)] = pick(random, fresh);
  return { ...article, paragraphs };
}

const ENGLISH_TEMPLATES: readonly ((w: string[], author: string) => string)[] = [
  ([a, b]) => `What happened with ${a} and ${b}?`,
  ([a], author) => `What did ${author} write about ${a}?`,
  ([a, b]) => `Why is ${a} important for ${b}?`,
  ([a, b]) => `Who was responsible for ${a} near ${b}?`,
  ([a, b, c]) => `What is said about ${a} and ${b} in ${c}?`,
  ([a, b]) => `How did ${a} affect ${b}?`,
  ([a]) => `What is known about ${a}?`,
  ([a, b, c]) => `${a} ${b} ${c}`,
];
const DUTCH_TEMPLATES: readonly ((w: string[]) => string)[] = [
  ([a, b]) => `Wat gebeurde er met ${a} en ${b}?`,
  ([a]) => `Wat schrijft de auteur over ${a}?`,
  ([a, b]) => `Waarom is ${a} belangrijk voor ${b}?`,
];
/** Share of generated questions asked in Dutch, about the share of Dutch articles in the seed. */
const DUTCH_SHARE = 0.2;

/**
 * `count` distinct questions combining topic words of the articles (a fifth in Dutch when the
 * articles include Dutch), after the given ones, which come first.
 */
export function generateQuestions(
  articles: readonly Article[],
  count: number,
  randomSeed: number,
  given: readonly string[] = [],
): string[] {
  const random = createRandom(randomSeed);
  const english = topicWords(articles.filter((article) => article.language === 'en'), 300);
  const dutch = topicWords(articles.filter((article) => article.language === 'nl'), 150);
  const authors = [...new Set(articles.flatMap((article) => article.authors))];
  const questions = new Set(given.slice(0, count));
  const draw = (words: readonly string[]) => distinctPicks(random, words, 3);
  for (let attempts = 0; questions.size < count; attempts++) {
    if (attempts > count * 100) throw new Error(`Could only make ${questions.size} distinct questions of the ${count} asked for.`);
    if (dutch.length > 0 && random() < DUTCH_SHARE) questions.add(pick(random, DUTCH_TEMPLATES)(draw(dutch)));
    else questions.add(pick(random, ENGLISH_TEMPLATES)(draw(english), authors.length > 0 ? pick(random, authors) : 'the author'));
  }
  return [...questions];
}
