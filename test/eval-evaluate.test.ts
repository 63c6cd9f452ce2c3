import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Answer, Article, Quote } from '../src/domain.js';
import {
  EvalQuestionsSchema,
  findRegressions,
  formatSummaryLine,
  isExpectedArticle,
  isVerbatimQuote,
  judgeAnswer,
  normalizeForMatch,
  summarizeOutcomes,
  toFractions,
  type EvalQuestion,
  type FigureFractions,
} from '../eval/evaluate.js';
import { makeArticle, quoteOf } from './support/articles.js';

const article = makeArticle('a.txt#0', 'The city was hit “every 8 minutes” by bombs. Officials denied it.', {
  title: 'Bombs fall on Raqqa — again',
  authors: ['Jane Reporter'],
  date: '2017-10-03',
});
const rawFile = `# **Bombs fall on Raqqa — again**\n\nJane Reporter\n\nThe city was hit “every 8\nminutes” by bombs. Officials denied it.`;

/** A quote of `text`, found in the article. */
function quoteText(text: string, overrides: Partial<Quote> = {}): Quote {
  const start = article.text.indexOf(text);
  return quoteOf(article, start, start + text.length, { score: 0.8, ...overrides });
}

const elsewhere: Partial<Quote> = { articleId: 'b.txt#0', source: 'b.txt', title: 'Another story', authors: ['Someone Else'] };

const onTopic: EvalQuestion = {
  id: 'q1',
  question: 'How often did bombs hit the city?',
  language: 'en',
  kinds: ['paraphrase', 'number'],
  expect: { source: 'a.txt', title: 'Bombs fall on Raqqa - again', author: 'Jane Reporter', phrase: 'hit "every 8 minutes"' },
};
const offTopic: EvalQuestion = { id: 'q2', question: 'How do I bake bread?', language: 'en', kinds: ['off-topic'], expect: null };

const answered = (question: EvalQuestion, quotes: Quote[]): Answer => ({ question: question.question, answered: true, quotes, notes: [], articles: [] });
const refused = (question: EvalQuestion): Answer => ({ question: question.question, answered: false, quotes: [], notes: [], articles: [] });
const allVerbatim = () => true;
const pick = ({ top1, evidence }: { top1: boolean; evidence: boolean }) => ({ top1, evidence });

describe('normalizeForMatch', () => {
  test('treats typographic quotes, dashes, markup, case and line breaks as the plain forms', () => {
    assert.equal(normalizeForMatch('“Every  8\nminutes” — **said** O’Brien'), normalizeForMatch('"every 8 minutes" - said o\'brien'));
  });

  test('keeps different words different', () => {
    assert.notEqual(normalizeForMatch('433 civilians'), normalizeForMatch('443 civilians'));
  });
});

describe('isExpectedArticle', () => {
  test('matches the same file and title despite trailing dots and dash style', () => {
    assert.ok(isExpectedArticle({ source: 'x.txt', title: 'VS bombardeert Raqqa plat........' }, { source: 'x.txt', title: 'VS bombardeert Raqqa plat' }));
    assert.ok(isExpectedArticle({ source: 'a.txt', title: 'Bombs fall on Raqqa — again' }, { source: 'a.txt', title: 'Bombs fall on Raqqa - again' }));
  });

  test('rejects another article of the same file, or the same title in another file', () => {
    assert.ok(!isExpectedArticle({ source: 'x.txt', title: 'Pentagon betrapt' }, { source: 'x.txt', title: 'VS bombardeert Raqqa plat' }));
    assert.ok(!isExpectedArticle({ source: 'y.txt', title: 'Bombs fall on Raqqa — again' }, { source: 'a.txt', title: 'Bombs fall on Raqqa — again' }));
  });
});

describe('isVerbatimQuote', () => {
  test('accepts the exact span of the article whose words are in the raw file', () => {
    assert.ok(isVerbatimQuote(quoteText('The city was hit “every 8 minutes” by bombs.'), article, rawFile));
  });

  test('rejects a paraphrase presented as a quote', () => {
    const quote = { ...quoteText('The city was hit “every 8 minutes” by bombs.'), text: 'The city was bombed every eight minutes.' };
    assert.ok(!isVerbatimQuote(quote, article, rawFile));
  });

  test('rejects offsets that point at other words', () => {
    const quote = { ...quoteText('Officials denied it.'), start: 0 };
    assert.ok(!isVerbatimQuote(quote, article, rawFile));
  });

  test('rejects words that cleaning changed (not in the raw file)', () => {
    const cleaned: Article = { ...article, text: 'The city was hit every 8 minutes by bombs.' };
    const quote: Quote = { ...quoteText('Officials denied it.'), text: cleaned.text, start: 0, end: cleaned.text.length };
    assert.ok(!isVerbatimQuote(quote, cleaned, rawFile));
  });

  test('rejects a quote whose article is gone', () => {
    assert.ok(!isVerbatimQuote(quoteText('Officials denied it.'), undefined, rawFile));
  });
});

describe('judgeAnswer', () => {
  test('a right first quote with the phrase and author scores on every count', () => {
    const outcome = judgeAnswer(onTopic, answered(onTopic, [quoteText('The city was hit “every 8 minutes” by bombs.')]), allVerbatim);
    assert.deepEqual(
      { top1: outcome.top1, top3: outcome.top3, evidence: outcome.evidence, author: outcome.author, answered: outcome.answered },
      { top1: true, top3: true, evidence: true, author: true, answered: true },
    );
  });

  test('the right article in second place counts for the top three but not the first', () => {
    const answer = answered(onTopic, [quoteText('Officials denied it.', elsewhere), quoteText('Officials denied it.')]);
    const outcome = judgeAnswer(onTopic, answer, allVerbatim);
    assert.equal(outcome.top1, false);
    assert.equal(outcome.top3, true);
    assert.equal(outcome.evidence, false);
  });

  test('a list of articles may put any expected one first, but must list them all', () => {
    const other = { source: 'b.txt', title: 'Another story' };
    const listing: EvalQuestion = { ...onTopic, id: 'q3', question: 'What did Jane Reporter write?', expect: { ...onTopic.expect!, listed: [onTopic.expect!, other] } };
    const summary = (source: string, title: string) => ({ id: `${source}#0`, source, title, authors: ['Jane Reporter'], date: null, language: 'en', passages: 1 });
    const both: Answer = { ...answered(listing, []), articles: [summary('b.txt', 'Another story'), summary('a.txt', 'Bombs fall on Raqqa — again')] };
    assert.deepEqual(pick(judgeAnswer(listing, both, allVerbatim)), { top1: true, evidence: true });
    const one: Answer = { ...both, articles: both.articles.slice(0, 1) };
    assert.deepEqual(pick(judgeAnswer(listing, one, allVerbatim)), { top1: true, evidence: false });
    const wrong: Answer = { ...both, articles: [summary('c.txt', 'Elsewhere'), ...both.articles] };
    assert.deepEqual(pick(judgeAnswer(listing, wrong, allVerbatim)), { top1: false, evidence: true });
  });

  test('only the first three quotes count', () => {
    const fillers = [1, 2, 3].map(() => quoteText('Officials denied it.', elsewhere));
    const outcome = judgeAnswer(onTopic, answered(onTopic, [...fillers, quoteText('The city was hit “every 8 minutes” by bombs.')]), allVerbatim);
    assert.equal(outcome.top3, false);
    assert.equal(outcome.evidence, false);
  });

  test('a wrong or missing author on the expected article is caught', () => {
    const wrong = judgeAnswer(onTopic, answered(onTopic, [quoteText('Officials denied it.', { authors: ['Bill Other'] })]), allVerbatim);
    assert.equal(wrong.author, false);
    const unknownExpected: EvalQuestion = { ...onTopic, expect: { ...onTopic.expect!, author: null } };
    assert.equal(judgeAnswer(unknownExpected, answered(onTopic, [quoteText('Officials denied it.')]), allVerbatim).author, false);
    assert.equal(judgeAnswer(unknownExpected, answered(onTopic, [quoteText('Officials denied it.', { authors: [] })]), allVerbatim).author, true);
  });

  test('the author is not judged when the expected article was not quoted', () => {
    assert.equal(judgeAnswer(onTopic, answered(onTopic, [quoteText('Officials denied it.', elsewhere)]), allVerbatim).author, null);
  });

  test('counts verbatim quotes with the given check', () => {
    const quotes = [quoteText('Officials denied it.'), quoteText('Officials denied it.', { text: 'made up' })];
    const outcome = judgeAnswer(onTopic, answered(onTopic, quotes), (quote) => isVerbatimQuote(quote, article, rawFile));
    assert.equal(outcome.quotes, 2);
    assert.equal(outcome.verbatimQuotes, 1);
  });
});

describe('summarizeOutcomes', () => {
  const outcomes = [
    judgeAnswer(onTopic, answered(onTopic, [quoteText('The city was hit “every 8 minutes” by bombs.')]), allVerbatim),
    judgeAnswer(onTopic, answered(onTopic, [quoteText('Officials denied it.', elsewhere)]), () => false),
    judgeAnswer(onTopic, refused(onTopic), allVerbatim),
    judgeAnswer(offTopic, refused(offTopic), allVerbatim),
    judgeAnswer(offTopic, answered(offTopic, [quoteText('Officials denied it.', elsewhere)]), allVerbatim),
  ];
  const figures = summarizeOutcomes(outcomes);

  test('shares of on-topic questions, off-topic refusals and verbatim quotes', () => {
    assert.deepEqual(figures.top1, { hits: 1, total: 3 });
    assert.deepEqual(figures.top3, { hits: 1, total: 3 });
    assert.deepEqual(figures.evidence, { hits: 1, total: 3 });
    assert.deepEqual(figures.author, { hits: 1, total: 1 });
    assert.deepEqual(figures.offTopicRefused, { hits: 1, total: 2 });
    assert.deepEqual(figures.wronglyRefused, { hits: 1, total: 3 });
    assert.deepEqual(figures.verbatim, { hits: 2, total: 3 });
  });

  test('the summary line gives fractions with two decimals', () => {
    assert.equal(
      formatSummaryLine('hybrid', figures),
      'eval: hybrid top1 0.33 top3 0.33 evidence 0.33 author 1.00 offtopic 0.50 refused 0.33 verbatim 0.67',
    );
  });

  test('a figure with nothing to count is shown as missing, not as zero', () => {
    assert.equal(toFractions(summarizeOutcomes([outcomes[3]!])).top1, null);
    assert.match(formatSummaryLine('dense', summarizeOutcomes([outcomes[3]!])), /top1 - /);
  });
});

describe('findRegressions', () => {
  const baseline: FigureFractions = {
    top1: 0.8, top3: 0.9, evidence: 0.7, author: 1, offTopicRefused: 0.5, wronglyRefused: 0.1, verbatim: 1,
  };

  test('an identical run passes', () => {
    assert.deepEqual(findRegressions(baseline, baseline), []);
  });

  test('a drop is reported by name, and so is a rise in wrongly-refused', () => {
    const regressions = findRegressions({ ...baseline, top1: 0.78, wronglyRefused: 0.12, evidence: 0.9 }, baseline);
    assert.equal(regressions.length, 2);
    assert.match(regressions[0]!, /^top1: 0\.7800 \(baseline 0\.8000/);
    assert.match(regressions[1]!, /^wronglyRefused/);
  });

  test('the tolerance absorbs small drops', () => {
    assert.deepEqual(findRegressions({ ...baseline, top1: 0.78 }, baseline, 0.05), []);
  });

  test('a stored run compares equal to itself after rounding', () => {
    const figures = summarizeOutcomes([
      judgeAnswer(onTopic, answered(onTopic, [quoteText('Officials denied it.')]), allVerbatim),
      judgeAnswer(onTopic, answered(onTopic, [quoteText('Officials denied it.', elsewhere)]), allVerbatim),
      judgeAnswer(onTopic, answered(onTopic, [quoteText('Officials denied it.', elsewhere)]), allVerbatim),
    ]);
    const stored = JSON.parse(JSON.stringify(toFractions(figures))) as FigureFractions;
    assert.deepEqual(findRegressions(toFractions(figures), stored), []);
  });
});

describe('the labelled question set', () => {
  const questions = EvalQuestionsSchema.parse(JSON.parse(readFileSync('eval/questions.json', 'utf8')));
  const corpus = new Map<string, string>();
  const rawOf = (source: string) => {
    if (!corpus.has(source)) corpus.set(source, readFileSync(`corpus/${source}`, 'utf8').replace(/\s+/g, ' '));
    return corpus.get(source)!;
  };
  const withKind = (kind: string) => questions.filter((question) => question.kinds.includes(kind));

  test('has enough questions of every kind, with unique ids', () => {
    assert.ok(questions.length >= 48);
    assert.equal(new Set(questions.map((question) => question.id)).size, questions.length);
    assert.ok(withKind('off-topic').length >= 10);
    assert.ok(withKind('cross-language').filter((question) => question.language === 'en').length >= 5);
    assert.ok(questions.filter((question) => question.language === 'nl').length >= 5);
    assert.ok(withKind('author').length >= 5);
  });

  test('off-topic questions, and only they, expect nothing', () => {
    for (const question of questions) {
      assert.equal(question.expect === null, question.kinds.includes('off-topic'), question.id);
    }
  });

  test('every evidence phrase is a short verbatim passage of its file, and every title is in it', () => {
    for (const { id, expect } of questions) {
      if (!expect) continue;
      const raw = rawOf(expect.source);
      const words = expect.phrase.split(/\s+/).length;
      assert.ok(words >= 3 && words <= 8, `${id}: phrase has ${words} words`);
      assert.ok(raw.includes(expect.phrase.replace(/\s+/g, ' ')), `${id}: phrase not in ${expect.source}`);
      assert.ok(raw.includes(expect.title.replace(/\s+/g, ' ')), `${id}: title not in ${expect.source}`);
    }
  });

  test('covers every seed file and every article of the blog page', () => {
    const articles = new Set(questions.flatMap(({ expect }) => (expect ? [`${expect.source}|${expect.title}`] : [])));
    assert.ok(new Set(questions.flatMap(({ expect }) => (expect ? [expect.source] : []))).size >= 5);
    assert.ok(articles.size >= 11);
  });
});
