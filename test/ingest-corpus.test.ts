import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Article, IngestResult } from '../src/domain.js';
import { looksLikeMarkdown } from '../src/ingest/formats/detect.js';
import { renderMarkdown } from '../src/ingest/formats/markdown.js';
import { renderPlainText } from '../src/ingest/formats/text.js';
import { ingestCorpus, parseArticles } from '../src/ingest/corpus.js';

const CORPUS = fileURLToPath(new URL('../corpus/', import.meta.url));
const BLOG = '003_2538cf7511267a30.txt';

let result: IngestResult;
before(async () => {
  result = await ingestCorpus(CORPUS);
});

const articlesOf = (source: string): Article[] => result.articles.filter((article) => article.source === source);
const byTitle = (title: string): Article => {
  const found = result.articles.find((article) => article.title === title);
  assert.ok(found, `no article titled ${title}`);
  return found;
};

describe('seed corpus', () => {
  test('reads every seed file without problems and hashes each one', () => {
    assert.deepEqual(result.problems, []);
    assert.equal(result.files.length, 5);
    for (const file of result.files) assert.match(file.hash, /^[0-9a-f]{64}$/);
  });

  test('gives ids in file order', () => {
    for (const file of result.files) {
      articlesOf(file.source).forEach((article, n) => assert.equal(article.id, `${file.source}#${n}`));
    }
  });

  test('reads title, author, date and publisher of the standalone articles in their different layouts', () => {
    const expected = [
      ['000_1169b361f0c49a5b.txt', 'US air strike kills scores of civilians in Syria', 'Bill Van Auken', '2017-06-28', 'WSWS'],
      ['001_3bc9dd7a272d9bec.txt', 'Iran fires missiles at Islamist "rebels" as US vows to remain in Syria', 'Bill Van Auken', '2018-10-02', 'WSWS'],
      ['002_7638b35d37ae38e0.txt', 'Defeat of ISIS in last stronghold signals new stage of US war in Syria', 'Bill Van Auken', '2017-11-21', 'WSWS'],
      ['004_9b0ea1f1e716e2f5.txt', 'Pressure Mounts against US Occupation of Northeast Syria', 'Vanessa Beeley', '2023-06-03', 'TRANSCEND Media Service'],
    ] as const;
    for (const [source, title, author, date, publisher] of expected) {
      const articles = articlesOf(source);
      assert.equal(articles.length, 1, source);
      const [article] = articles as [Article];
      assert.equal(article.title, title);
      assert.deepEqual(article.authors, [author]);
      assert.equal(article.date, date);
      assert.equal(article.publisher, publisher);
      assert.equal(article.language, 'en');
      assert.equal(article.republishedIn, null);
    }
  });

  test('keeps header lines out of the text but the date prefix and the author bio in it', () => {
    const wsws = articlesOf('000_1169b361f0c49a5b.txt')[0];
    assert.ok(wsws?.text.startsWith('A US air strike early Monday killed dozens of civilians'));
    const transcend = articlesOf('004_9b0ea1f1e716e2f5.txt')[0];
    assert.ok(transcend?.text.includes('3 Jun 2023 – Reports are coming of a sizeable Russian military convoy'));
    assert.ok(transcend?.text.includes('Vanessa Beeley is a member of the TRANSCEND Network'));
    assert.ok(!transcend?.text.includes('Vanessa Beeley – TRANSCEND Media Service'));
  });

  test('splits the Dutch blog page into its four posts, with their dates and no invented author', () => {
    const posts = articlesOf(BLOG).filter((article) => article.republishedIn === null);
    assert.deepEqual(
      posts.map((post) => post.date),
      ['2018-02-08', '2017-10-04', '2017-09-14', '2017-06-23'],
    );
    for (const post of posts) {
      assert.equal(post.language, 'nl');
      assert.deepEqual(post.authors, []);
    }
    assert.equal(posts[0]?.title.startsWith('VS coalitie valt Syrische troepen aan'), true);
    assert.equal(posts[3]?.title.startsWith("'Strijd tegen IS' in Syrië"), true);
    assert.equal(articlesOf(BLOG).length, 7);
  });

  test('makes each republished English article its own article, with its own author, date and host post', () => {
    const expected = [
      ['The US Is Bombing Raqqa Into Complete Devastation — at Least 433 Civilians Killed', '2017-10-03', 'Darius Shahtahmasebi', '2017-10-04'],
      ['Pentagon Caught Falsifying Paperwork for Weapons Transfers to Syrian Rebels', '2017-09-13', 'Tyler Durden', '2017-09-14'],
      ['Everything You’re Not Being Told About the US War Against ISIS in Syria', '2017-06-21', 'Darius Shahtahmasebi', '2017-06-23'],
    ] as const;
    for (const [title, date, author, postDate] of expected) {
      const article = byTitle(title);
      assert.equal(article.date, date);
      assert.deepEqual(article.authors, [author]);
      assert.equal(article.language, 'en');
      const host = result.articles.find((candidate) => candidate.id === article.republishedIn);
      assert.equal(host?.date, postDate, `${title} is republished in the post of ${postDate}`);
    }
  });

  test('gives the blogger’s commentary after a republished article back to the post', () => {
    const durden = byTitle('Pentagon Caught Falsifying Paperwork for Weapons Transfers to Syrian Rebels');
    const durdenPost = result.articles.find((article) => article.id === durden.republishedIn);
    assert.ok(durden.text.endsWith('also confirmed by Gayandzhieva.'));
    assert.ok(!durden.text.includes('Om de getoonde documenten'));
    assert.ok(durdenPost?.text.includes('Om de getoonde documenten te vergroten'));
    assert.ok(durdenPost?.text.includes('* Oost-Europese landen'));

    const syria = byTitle('Everything You’re Not Being Told About the US War Against ISIS in Syria');
    const syriaPost = result.articles.find((article) => article.id === syria.republishedIn);
    assert.ok(!syria.text.includes('* Zie:'));
    assert.ok(syriaPost?.text.includes("* Zie: 'Syria; U.S. Attack Fails To Disrupt Push To Deir Ezzor'"));
  });

  test('removes site boilerplate from every article', () => {
    const boilerplate = ['To contact the', 'wsws.org/contact', 'Share this article', 'Tags:', 'Go to Original', 'Comments are closed', 'DISCLAIMER', 'Republished with permission', 'Report a typo', 'Written by', '*Deirezzor24*', '*Washington Post*', '](', '# '];
    for (const article of result.articles) {
      for (const phrase of boilerplate) assert.ok(!article.text.includes(phrase), `${article.id} still contains "${phrase}"`);
    }
  });

  test('loses no sentence: every line of every file is boilerplate, a header line, or in exactly one article', async () => {
    const boilerplate = /^(?:To contact the|wsws\.org\/contact|Go to Original|Tags:|Share this article|DISCLAIMER:|Comments are closed|By Tyler Durden \/ Republished)/;
    const dateLine = /^(?:\p{L}+ )?\d{1,2} \p{L}+ \d{4}$|^\p{L}+ \d{1,2}, \d{4}(?: at .*)?$/u;
    for (const file of result.files) {
      const articles = articlesOf(file.source);
      const titles = new Set(articles.map((article) => article.title));
      const authors = articles.flatMap((article) => article.authors);
      const raw = await readFile(`${CORPUS}${file.source}`, 'utf8');
      const lines = (looksLikeMarkdown(raw) ? renderMarkdown(raw) : renderPlainText(raw)).lines.filter(Boolean);
      for (const line of lines) {
        const isHeader = titles.has(line) || dateLine.test(line) || (line.length <= 60 && authors.some((author) => line.includes(author)));
        if (boilerplate.test(line) || isHeader) continue;
        const holders = articles.filter((article) => article.text.includes(line));
        assert.equal(holders.length, 1, `${file.source}: "${line.slice(0, 60)}…" is in ${holders.length} articles`);
      }
    }
  });
});

describe('a layout the seed corpus does not have', () => {
  test('reads a "Written by" byline, a US date and drops a share footer', () => {
    const raw = [
      'Why the river flooded',
      '',
      'Written by Jane Roe',
      '',
      'March 5, 2020',
      '',
      'The river rose two metres overnight, residents said.',
      '',
      '"We had never seen anything like it," said one farmer.',
      '',
      'Share this article',
      '',
      'Tags: floods, weather',
      '',
      'Leave a comment',
    ].join('\r\n');
    const [article, ...rest] = parseArticles(raw, 'flood.txt');
    assert.equal(rest.length, 0);
    assert.equal(article?.id, 'flood.txt#0');
    assert.equal(article?.title, 'Why the river flooded');
    assert.deepEqual(article?.authors, ['Jane Roe']);
    assert.equal(article?.date, '2020-03-05');
    assert.equal(article?.text, 'The river rose two metres overnight, residents said.\n\n"We had never seen anything like it," said one farmer.');
  });

  test('splits an English page of dated posts and credits a republished article from its byline', () => {
    const raw = [
      '12 March 2021',
      'Notes on the harbour',
      'The harbour was busy again this week, and the ferries were late.',
      '',
      '2 March 2021',
      'A reprint worth reading',
      'I was sent this piece about the old lighthouse.',
      'The Lighthouse Keepers',
      '1 March 2021',
      'By Ann Lee',
      'The keepers left the island in 1952 and never came back.',
      'By Ann Lee / Republished with permission / Coast News / Report a typo',
      '* My own note: the lighthouse is open on Sundays.',
    ].join('\n');
    const articles = parseArticles(raw, 'blog.txt');
    assert.deepEqual(
      articles.map((article) => [article.title, article.date, article.authors, article.republishedIn]),
      [
        ['Notes on the harbour', '2021-03-12', [], null],
        ['A reprint worth reading', '2021-03-02', [], null],
        ['The Lighthouse Keepers', '2021-03-01', ['Ann Lee'], 'blog.txt#1'],
      ],
    );
    assert.equal(articles[2]?.publisher, 'Coast News');
    assert.equal(articles[2]?.text, 'The keepers left the island in 1952 and never came back.');
    assert.ok(articles[1]?.text.endsWith('* My own note: the lighthouse is open on Sundays.'));
  });

  test('reads a stated url and names an untitled article by its first words', () => {
    const [linked] = parseArticles('A harbour story\n\nSource: https://example.org/harbour\n\nThe ferries were late again.', 'a.txt');
    assert.equal(linked?.url, 'https://example.org/harbour');
    assert.equal(linked?.text, 'The ferries were late again.');
    const long = 'The ferries were late again this week, and nobody at the harbour office could say when the timetable would be restored to normal.';
    const [untitled] = parseArticles(long, 'b.txt');
    assert.deepEqual(untitled?.authors, []);
    assert.equal(untitled?.date, null);
    assert.ok(untitled && long.startsWith(untitled.title.replace(/…$/, '')));
    assert.equal(untitled?.text, long);
  });

  test('ends a republished article where the blog switches back to its own language', () => {
    const raw = [
      'maandag 1 maart 2021',
      'Een belangrijk stuk over de haven',
      'Hier volgt een artikel van Ann Lee, dat ik van harte aanbeveel.',
      'The Harbour Is Closing',
      'February 28, 2021',
      'The city has decided that the old harbour will close at the end of the year, and the ferries will move.',
      'Dit is wat mij betreft een grote fout van de gemeente, want de haven is het hart van de stad.',
      '',
      'dinsdag 2 maart 2021',
      'Nog een bericht',
      'Vandaag was het rustig in de haven en er was niets te melden.',
    ].join('\n\n');
    const articles = parseArticles(raw, 'blog.txt');
    assert.deepEqual(
      articles.map((article) => [article.title, article.language, article.authors, article.date]),
      [
        ['Een belangrijk stuk over de haven', 'nl', [], '2021-03-01'],
        ['The Harbour Is Closing', 'en', ['Ann Lee'], '2021-02-28'],
        ['Nog een bericht', 'nl', [], '2021-03-02'],
      ],
    );
    assert.ok(articles[0]?.text.endsWith('de haven is het hart van de stad.'));
    assert.ok(articles[1]?.text.endsWith('the ferries will move.'));
  });
});
