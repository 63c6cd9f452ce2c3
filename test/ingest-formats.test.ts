import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { detectFormat, looksLikeMarkdown } from '../src/ingest/formats/detect.js';
import { renderHtml } from '../src/ingest/formats/html.js';
import { renderMarkdown } from '../src/ingest/formats/markdown.js';
import { renderPdf } from '../src/ingest/formats/pdf.js';
import { renderPlainText } from '../src/ingest/formats/text.js';
import { readDocument, readTextDocument } from '../src/ingest/read-document.js';

// Taken before any PDF is read: pdf.js's polyfills would replace it (see src/ingest/formats/pdfjs.ts).
const NATIVE_PUSH = Array.prototype.push;
const REAL = fileURLToPath(new URL('./fixtures/real/', import.meta.url));

function articlesOf(text: string, name: string) {
  const reading = readTextDocument(text, name);
  assert.ok(reading.ok, reading.ok ? '' : reading.message);
  return reading.articles;
}

describe('format detection', () => {
  test('goes by content before the extension', () => {
    assert.equal(detectFormat('<!DOCTYPE html><html><body><p>Hi</p></body></html>', 'page.txt').format, 'html');
    assert.match(detectFormat('<!DOCTYPE html><html></html>', 'page.txt').note ?? '', /named like plain text but holds an HTML page/);
    assert.equal(detectFormat(null, 'paper.txt').format, 'pdf');
    assert.equal(detectFormat('Just words.', 'notes.html').format, 'text');
    assert.deepEqual(detectFormat('Just words.', 'notes.md'), { format: 'markdown', note: null });
  });

  test('reads a .txt as markdown only when it is unmistakably markdown', () => {
    assert.ok(looksLikeMarkdown('# Title\n\nSee [the docs](https://example.org) for *more*.'));
    assert.ok(!looksLikeMarkdown('Abstract\n========\n\nUse *args and **kwargs.\n\n>>> f(*args)'));
    assert.ok(!looksLikeMarkdown('# compute the total\n# then print it\nprint(total)'));
    assert.ok(!looksLikeMarkdown('Call __init__ on snake_case_name, then __del__.'));
    assert.ok(!looksLikeMarkdown('= Fair Guide\n\n== Stalls\n\nBring *cash* and a *bag*, see https://fair.example[the map].'));
  });
});

describe('markdown', () => {
  test('keeps inline code and identifiers exactly, link text, and drops images, comments and raw HTML', () => {
    const source = [
      '# Using `rustc_codegen_cranelift`',
      '',
      'Run `cargo build --release` on [the repo](https://example.org/x_y) with `__init__`.',
      '![a diagram](diagram.png) <!-- editor note --> <span class="x">kept words</span>',
      '',
      '<div class="ad">Buy now</div>',
      '',
      '<!-- more -->',
    ].join('\n');
    const { lines, headings } = renderMarkdown(source);
    assert.deepEqual(lines, ['Using rustc_codegen_cranelift', '', 'Run cargo build --release on the repo with __init__. kept words']);
    assert.deepEqual([...headings], [[0, 1]]);
  });

  test('keeps fenced code as written, line by line, and lists one item per line', () => {
    const { lines } = renderMarkdown('Try:\n\n```\n>>> x_y = 1\n>>> print(x_y)\n```\n\n- first item\n- second item\n');
    assert.deepEqual(lines, ['Try:', '', '>>> x_y = 1', '>>> print(x_y)', '', 'first item', 'second item']);
  });

  test('joins the soft line breaks of a paragraph, but not a title typed above its byline and date', () => {
    const { lines } = renderMarkdown('Urban Beekeeping\nBy Jane Doe\nMarch 3, 2021\n\nBees are kept on roofs\nacross the city.');
    assert.deepEqual(lines, ['Urban Beekeeping', 'By Jane Doe', 'March 3, 2021', '', 'Bees are kept on roofs across the city.']);
  });

  test('joins hard-wrapped prose whose next line opens on a name, but keeps a short headline typed above its text', () => {
    const wrapped = renderMarkdown('A year ago we plugged in a second-hand fridge in the porch of the old Mill\nLane chapel and put a sign on it.\n\nFirst, never be the only administrator. Since last year Sigrid\nMæland has shared the work.');
    assert.deepEqual(wrapped.lines, ['A year ago we plugged in a second-hand fridge in the porch of the old Mill Lane chapel and put a sign on it.', '', 'First, never be the only administrator. Since last year Sigrid Mæland has shared the work.']);
    assert.deepEqual(renderMarkdown('Fixing the build\nThe build broke on Monday.').lines, ['Fixing the build', 'The build broke on Monday.']);
  });

  test('drops a paragraph that is only a static-site template tag', () => {
    assert.deepEqual(renderMarkdown('Text.\n\n{% figure "/img/a.gif" "A caption" %}').lines, ['Text.']);
  });

  test("MDX: imports, exports, comments and admonition fences are not text; a component's children are", () => {
    const mdx = [
      '---\ntitle: Firing the kiln\nauthors: [ines]\n---',
      "import Tabs from '@theme/Tabs';\nimport {\n  Figure,\n  Note,\n} from '../components';",
      'export const meta = {\n  draft: false,\n};',
      'The kiln reached 1,240 degrees on its first firing. {/* check the log */}',
      '{/* TODO: add photos\nof the shelves */}',
      '<Tabs>\n<TabItem value="bisque" label="Bisque">',
      'A bisque firing takes nine hours.',
      '</TabItem>\n</Tabs>',
      ':::tip\n\nWear gloves when unloading.\n\n:::',
      "```js\nimport kiln from 'kiln';\n```",
    ].join('\n\n');
    const [article] = articlesOf(mdx, 'firing-the-kiln.mdx');
    assert.equal(article?.title, 'Firing the kiln');
    assert.equal(article?.text, ['The kiln reached 1,240 degrees on its first firing.', 'A bisque firing takes nine hours.', 'Wear gloves when unloading.', "import kiln from 'kiln';"].join('\n\n'));
  });
});

describe('plain text', () => {
  test('joins hard-wrapped lines and keeps every character of them', () => {
    const wrapped = [
      'It was on a dreary night of November that I beheld the accomplishment of',
      'my toils. With an anxiety that almost amounted to agony, I collected the',
      'instruments of life around me, that I might infuse a spark of being into',
      'the lifeless thing that lay at my feet.',
      '',
      '    for i in range(3):',
      '        print(i)',
    ].join('\n');
    const { lines } = renderPlainText(wrapped);
    assert.equal(lines[0], wrapped.split('\n').slice(0, 4).join(' '));
    assert.deepEqual(lines.slice(2), ['for i in range(3):', 'print(i)']);
  });

  test('keeps short lines (verse, lists, headers) as they are', () => {
    const verse = 'Shall I compare thee to a summer’s day?\nThou art more lovely and more temperate:\n- one\n- two';
    assert.deepEqual(renderPlainText(verse).lines, verse.split('\n'));
  });

  test("drops reStructuredText's drawing markup and its options (image, link target, an admonition's mark) but keeps the admonition's body", () => {
    const rst = renderPlainText('Halden Hardware donated 80 pairs of gloves.\n\n.. image:: /images/trolleys.jpg\n   :alt: Two trolleys\n   :width: 600px\n\n.. note::\n\n   Bring your own boots.\n\n.. _volunteer-signup:\n\nSign up at the library.');
    assert.deepEqual(rst.lines.filter((line) => line !== ''), ['Halden Hardware donated 80 pairs of gloves.', 'Bring your own boots.', 'Sign up at the library.']);
  });

  test('makes an underlined line a heading and drops the underline', () => {
    const { lines, headings } = renderPlainText('Abstract\n========\n\nThis PEP documents docstrings.');
    assert.deepEqual(lines, ['Abstract', '', 'This PEP documents docstrings.']);
    assert.ok(headings.has(0));
  });

  test('makes a line adorned above and below a heading and drops both adornments', () => {
    const { lines, headings } = renderPlainText('=========================\nA Short History of Widgets\n=========================\n\nThe library began in 2009.');
    assert.deepEqual(lines, ['A Short History of Widgets', '', 'The library began in 2009.']);
    assert.ok(headings.has(0));
  });
});

describe('HTML', () => {
  const page = (head: string, body: string) => `<!doctype html><html lang="nl-NL"><head>${head}</head><body><nav>Home | Over ons</nav><article>${body}</article><footer>© 2021 Example News. All rights reserved.</footer></body></html>`;
  const paragraphs = '<p>Op steeds meer daken in de stad staan bijenkasten, en de honing wordt op zaterdag op de markt verkocht.</p><p>De imkers zeggen dat de kasten het goed doen, dankzij de vele tuinen in de buurt van de daken.</p>';

  test('takes title, authors, date, language and url from JSON-LD before other meta tags', () => {
    const head = [
      '<title>Bijen op het dak | Example News</title>',
      '<meta property="og:title" content="Bijen op het dak | Example News">',
      '<meta name="author" content="Someone Else">',
      '<link rel="canonical" href="https://news.example/bijen">',
      '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Bijen op het dak","author":[{"@type":"Person","name":"Jan de Vries"},{"@type":"Person","name":"Anna Bakker"}],"datePublished":"2021-03-05T23:15:00-05:00","publisher":{"@type":"Organization","name":"Example News"}}]}</script>',
    ].join('');
    const result = renderHtml(page(head, `<h1>Bijen op het dak</h1>${paragraphs}`));
    assert.ok(result.ok);
    assert.deepEqual(result.document.stated, {
      title: 'Bijen op het dak',
      authors: ['Jan de Vries', 'Anna Bakker'],
      date: '2021-03-05',
      language: 'nl',
      url: 'https://news.example/bijen',
      publisher: 'Example News',
    });
    assert.ok(!result.document.lines.some((line) => /Home|rights reserved/.test(line)), 'menus and footers are left out');
  });

  test('falls back to OpenGraph, meta author, article:published_time and <time>', () => {
    const head = '<meta property="og:title" content="Bijen op het dak"><meta name="author" content="Jan de Vries"><meta property="article:published_time" content="2021-03-05">';
    const result = renderHtml(page(head, `<h1>Bijen op het dak</h1>${paragraphs}`));
    assert.ok(result.ok);
    assert.equal(result.document.stated.title, 'Bijen op het dak');
    assert.deepEqual(result.document.stated.authors, ['Jan de Vries']);
    assert.equal(result.document.stated.date, '2021-03-05');
    const timed = renderHtml(page('<title>Bijen</title>', `<h1>Bijen</h1><time pubdate datetime="2020-01-02T08:00">2 jan</time>${paragraphs}`));
    assert.ok(timed.ok);
    assert.equal(timed.document.stated.date, '2020-01-02');
  });

  test("a blog theme's microformat date (Blogger: abbr.published, the date header) is the date", () => {
    const blogger = (footer: string) =>
      `<html><head><meta property="og:title" content="Bijen op het dak"></head><body>${footer}<div class="post hentry"><h3 class="post-title entry-title">Bijen op het dak</h3><div class="post-body entry-content">${paragraphs}</div></div></body></html>`;
    const published = renderHtml(blogger(`<span class="post-timestamp"><abbr class="published" title="2012-03-05T19:42:00+01:00">7:42 PM</abbr></span>`));
    assert.ok(published.ok);
    assert.equal(published.document.stated.date, '2012-03-05');
    const header = renderHtml(blogger(`<h2 class="date-header"><span>Monday, March 5, 2012</span></h2>`));
    assert.ok(header.ok);
    assert.equal(header.document.stated.date, '2012-03-05');
  });

  test('a byline with a reading time (Ghost: "Aisha Bello Feb 14, 2023 4 min read") is metadata, not text', () => {
    const [article] = articlesOf(
      page('<title>Bijen op het dak</title>', `<h1>Bijen op het dak</h1><div class="article-byline"><a href="/author/jan/">Jan de Vries</a> <time datetime="2023-02-14">Feb 14, 2023</time> <span>4 min read</span></div>${paragraphs}`),
      'ghost.html',
    );
    assert.deepEqual([article?.authors, article?.date], [['Jan de Vries'], '2023-02-14']);
    assert.match(article?.text ?? '', /^Op steeds meer daken/);
  });

  test('a date line beside a reading time, either way round (Wix "Mar 14, 2023·4 min read", Medium "4 min read · Feb 14, 2023"), is the date, not text', () => {
    for (const line of ['Feb 14, 2023·4 min read', '4 min read · Feb 14, 2023']) {
      const [article] = articlesOf(page('<title>Bijen op het dak</title>', `<h1>Bijen op het dak</h1><div><span>${line}</span></div>${paragraphs}`), 'bijen.html');
      assert.equal(article?.date, '2023-02-14');
      assert.match(article?.text ?? '', /^Op steeds meer daken/);
    }
  });

  test("a title two head tags dress differently (Reddit's 'r/Bees - X' and 'X : Bees') is their shared part", () => {
    const reddit = renderHtml(page('<title>Bijen op het dak : Bees</title><meta property="og:title" content="r/Bees - Bijen op het dak"><meta property="og:site_name" content="reddit">', paragraphs));
    assert.ok(reddit.ok);
    assert.equal(reddit.document.stated.title, 'Bijen op het dak');
  });

  test('a subtitle and a date line above the text are header, also when the page left its title heading out (Substack)', () => {
    const [article] = articlesOf(
      page('<meta property="og:title" content="Bijen op het dak">', `<h3 class="subtitle">Honing van het dak</h3><div class="byline">Sep 07, 2023</div>${paragraphs}`),
      'substack.html',
    );
    assert.equal(article?.date, '2023-09-07');
    assert.match(article?.text ?? '', /^Op steeds meer daken/);
  });

  test("a documentation page: the site's name after the title goes even when the heading carries its permalink mark (Sphinx's ¶)", () => {
    const sphinx = '<html><head><title>Bijen op het dak &#8212; Stadsgids 2.0 documentation</title></head><body><div class="body"><h1>Bijen op het dak<a class="headerlink" href="#bijen">¶</a></h1>' +
      `${paragraphs}<h2>Honing<a class="headerlink" href="#honing">¶</a></h2><p>De honing wordt op zaterdag verkocht op de markt bij het stadhuis, van negen tot twaalf uur.</p></div></body></html>`;
    const [article] = articlesOf(sphinx, 'sphinx.html');
    assert.equal(article?.title, 'Bijen op het dak');
    assert.doesNotMatch(article?.text ?? '', /¶/);
  });

  test('a forum thread saved as a page: each post under its poster and date is an article by that poster, titled by the thread', () => {
    const post = (handle: string, time: string, text: string) =>
      `<div class="crawler-post"><div class="crawler-post-meta"><span class="creator"><a href="/u/${handle}">${handle}</a></span> <time datetime="${time}">October 4, 2022, 9:12am</time></div><div class="post"><p>${text}</p></div></div>`;
    const thread = page(
      '<meta property="og:title" content="Bijen op het dak?"><meta property="article:published_time" content="2022-10-04">',
      `<h1>Bijen op het dak?</h1>${post('sokoro', '2022-10-04', 'Op steeds meer daken in de stad staan bijenkasten. Zouden wij er ook een willen plaatsen?')}${post('mlind', '2022-10-04', 'Ja, graag, maar alleen als de buren het goed vinden en de imker de kast elke week controleert.')}`,
    );
    const articles = articlesOf(thread, 'thread.html');
    assert.deepEqual(
      articles.map((article) => [article.title, article.authors, article.date]),
      [
        ['Bijen op het dak?', ['sokoro'], '2022-10-04'],
        ['Bijen op het dak?', ['mlind'], '2022-10-04'],
      ],
    );
    assert.match(articles[1]?.text ?? '', /^Ja, graag/);
  });

  test("the page's author markup names the authors when no meta tag does: hCard, rel=author links, RDFa; never a commenter", () => {
    const comments = '<ol class="comment-list"><li class="comment"><div class="comment-author vcard"><b class="fn">Karin Ekström</b> says:</div><p>Lovely!</p></li></ol>';
    const byline = (markup: string) => articlesOf(page('<title>Bijen op het dak</title>', `<h1>Bijen op het dak</h1><div class="entry-meta">${markup}</div>${paragraphs}${comments}`), 'byline.html')[0]?.authors;
    assert.deepEqual(byline('<span class="byline"> door <span class="author vcard"><a class="url fn n" href="/author/mdv/">Marieke de Vries</a></span></span>'), ['Marieke de Vries']);
    assert.deepEqual(byline('By <a rel="author" href="/p/sa">Samuel Achebe</a> and <a rel="author" href="/p/ih">Ingrid Holm</a> <span>Transport correspondents</span>'), ['Samuel Achebe', 'Ingrid Holm']);
    assert.deepEqual(byline('Submitted by <span rel="schema:author"><span property="schema:name">Julia Walsh</span></span>'), ['Julia Walsh']);
    const [drupal] = articlesOf(page('<title>Bijen op het dak</title>', `<h1>Bijen op het dak</h1>${paragraphs}`).replace('<article>', '<div class="node__submitted">Submitted by <span rel="schema:author">Julia Walsh</span> on Mon, 03/14/2022 - 10:21</div><article>'), 'drupal.html');
    assert.deepEqual([drupal?.authors, drupal?.date], [['Julia Walsh'], '2022-03-14']);
    assert.deepEqual(byline(''), []);
  });

  test("a widget that holds the post is the post (Blogger's 'Posted by'), and a byline naming the meta tag's author and more names them all (Ghost)", () => {
    const blogger = `<html><head><title>Bijen op het dak</title></head><body><div class="widget Blog"><div class="post hentry"><h3 class="post-title">Bijen op het dak</h3><div class="post-body entry-content">${paragraphs}</div><div class="post-footer"><span class="post-author vcard">Posted by <span class="fn">Gareth Pryce</span></span></div></div></div><div class="widget Profile"><span class="vcard"><span class="fn">Sandra Hext</span></span></div></body></html>`;
    assert.deepEqual(articlesOf(blogger, 'blogger.html')[0]?.authors, ['Gareth Pryce']);
    const ld = '<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","headline":"Bijen op het dak","author":{"@type":"Person","name":"Priya Natarajan"}}</script>';
    const ghost = (names: string) => articlesOf(page(`<title>Bijen op het dak</title>${ld}`, `<h1>Bijen op het dak</h1><h4 class="author-name">${names}</h4>${paragraphs}`), 'ghost.html')[0]?.authors;
    assert.deepEqual(ghost('<a href="/author/priya/">Priya Natarajan</a>, <a href="/author/callum/">Callum Reid</a>'), ['Priya Natarajan', 'Callum Reid']);
    assert.deepEqual(ghost('<a href="/author/callum/">Callum Reid</a>'), ['Priya Natarajan']);
  });

  test("the names the markup gives before the text are the authors; those after it sign replies and comments (Discourse, Wix, LinkedIn)", () => {
    const authorsOf = (body: string) => articlesOf(page('<title>Bijen op het dak</title>', body), 'post.html')[0]?.authors;
    const post = (poster: string, text: string) => `<div class="topic-post"><span class="creator" itemprop="author">${poster}</span><time>January 21, 2024</time><div class="post" itemprop="text"><p>${text}</p></div></div>`;
    const long = 'Op steeds meer daken in de stad staan bijenkasten, en de honing wordt op zaterdag op de markt verkocht door de imkers zelf.';
    assert.deepEqual(authorsOf(`<h1>Bijen op het dak</h1>${post('jen_okafor (Jennifer Okafor)', long)}${post('Graham Bellamy', long)}${post('gbellamy (Graham Bellamy)', long)}`), ['Jennifer Okafor']);
    const comments = `<section data-hook="comments-root"><div data-hook="comment"><span data-hook="user-name">Mo Hassan</span><p>${long}</p></div></section>`;
    assert.deepEqual(authorsOf(`<h1>Bijen op het dak</h1><div data-hook="post-metadata"><span data-hook="user-name">Dana Okafor</span></div>${paragraphs}${comments}`), ['Dana Okafor']);
    assert.deepEqual(authorsOf(`<h1>Bijen op het dak</h1><h3 class="author-info__name">Marta Kowalczyk</h3><h4 class="author-info__headline">Community Manager at Open Harbour</h4>${paragraphs}<a class="comment__author__name">Piotr Wiśniewski</a>`), ['Marta Kowalczyk']);
  });

  test('an author meta tag that only names the site gives way to the person the byline names (Squarespace)', () => {
    const head = '<title>Bijen op het dak</title><meta property="og:site_name" content="Okoye Honey"><meta itemprop="author" content="Okoye Honey">';
    const [article] = articlesOf(page(head, `<h1>Bijen op het dak</h1><a class="blog-author-name" href="/journal?author=1">Hannah Okoye</a>${paragraphs}`), 'squarespace.html');
    assert.deepEqual(article?.authors, ['Hannah Okoye']);
  });

  test('a body cut into text and image blocks (Squarespace): the body the page marks (.e-content) is read whole, not its first block', async () => {
    const html = await readFile(fileURLToPath(new URL('./fixtures/layouts/squarespace-post.html', import.meta.url)), 'utf8');
    const [article] = articlesOf(html, 'squarespace-post.html');
    assert.match(article?.text ?? '', /^When I told my mentor/);
    assert.match(article?.text ?? '', /settled on the roof of a bus shelter on Vicar Lane/);
    assert.doesNotMatch(article?.text ?? '', /Facebook/);
  });

  test("a page saved from the Wayback Machine: its toolbar and capture line, and the page's skip link, are not the article", () => {
    const toolbar = '<div id="wm-ipp-base"><div id="wm-ipp">Wayback Machine 12 captures 15 Apr 2018 - 2 Jan 2021</div></div><div id="wm-ipp-print">The Wayback Machine - https://web.archive.org/web/20180415093312/http://bakery.example/rye/</div><a class="skip-link" href="#content">Skip to content</a>';
    const [article] = articlesOf(page('<title>Bijen op het dak</title>', `<h1>Bijen op het dak</h1>${paragraphs}`).replace('<body>', `<body>${toolbar}`), 'wayback.html');
    assert.match(article?.text ?? '', /^Op steeds meer daken/);
    assert.doesNotMatch(article?.text ?? '', /Wayback|Skip to content/);
  });

  test('a Google Docs export: its review comments at the end and their marks in the text are not the article', () => {
    const comment = '<div><p><a href="#cmnt_ref1" id="cmnt1">[a]</a><span>Do we want to mention the hummus incident too?</span></p><p><span>_Assigned to Dan Hughes_</span></p></div>';
    const body = `<h1>Bijen op het dak</h1><p>Op steeds meer daken in de stad staan bijenkasten<sup><a href="#cmnt1" id="cmnt_ref1">[a]</a></sup>, en de honing wordt op zaterdag op de markt verkocht.</p>${paragraphs}${comment}`;
    const [article] = articlesOf(page('<title>Bijen op het dak</title>', body), 'gdocs.html');
    assert.match(article?.text ?? '', /staan bijenkasten, en de honing/);
    assert.doesNotMatch(article?.text ?? '', /hummus|Assigned|\[a\]/);
  });

  test("a wiki's space before the page title (Confluence: 'Engineering : Incident Review') goes when a breadcrumb names it; a title's own colon stays", () => {
    const crumbs = '<ol id="breadcrumbs"><li><a href="index.html">Engineering</a></li><li><a href="reviews.html">Incident Reviews</a></li></ol>';
    const [wiki] = articlesOf(page('<title>Engineering : Incident Review: Queue Backlog</title>', `${paragraphs}`).replace('<body>', `<body>${crumbs}`), 'wiki.html');
    assert.equal(wiki?.title, 'Incident Review: Queue Backlog');
    const [french] = articlesOf(page('<title>Le vélo : un guide</title>', `${paragraphs}`), 'velo.html');
    assert.equal(french?.title, 'Le vélo : un guide');
  });

  test("a page that marks its date nowhere else: its first <time> outside the comments (a thread's first post, LinkedIn's 'Published Oct 5, 2021')", () => {
    const comments = '<div class="comments"><div class="comment"><time datetime="2024-01-09T10:00:00Z">Jan 9, 2024</time><p>Great post!</p></div></div>';
    const dated = (time: string) => articlesOf(page('<title>Bijen op het dak</title>', `<h1>Bijen op het dak</h1>${paragraphs}`).replace('<footer>', `${comments}<footer>`).replace('<article>', `<article>${time}`), 'dated.html')[0]?.date;
    assert.equal(dated('<time datetime="2023-05-22T17:04:11.000Z">May 22, 2023, 17:04</time>'), '2023-05-22');
    assert.equal(dated('<div class="published-date"><time>Published Oct 5, 2021</time></div>'), '2021-10-05');
    assert.equal(dated(''), null);
  });

  test("a wiki or documentation page that states no other date is dated by when it was last edited; a page that does keeps its own", () => {
    const wiki = (footer: string, head = '') => articlesOf(`<html><head><title>Bijen op het dak</title>${head}</head><body><div id="content"><h1>Bijen op het dak</h1>${paragraphs}</div><div id="footer">${footer}</div></body></html>`, 'wiki.html')[0]?.date;
    assert.equal(wiki('<li id="footer-info-lastmod"> This page was last edited on 3 March 2023, at 14:02.</li>'), '2023-03-03');
    assert.equal(wiki('<p class="last-updated">Last updated on Mar 03, 2022.</p>'), '2022-03-03');
    assert.equal(wiki('<li id="footer-info-lastmod"> This page was last edited on 3 March 2023, at 14:02.</li>', '<meta property="article:published_time" content="2021-05-01">'), '2021-05-01');
    assert.equal(wiki('<p>Powered by MediaWiki</p>'), null);
  });

  test("app and export pages: a Next.js page's post data, Firefox Reader View's credits, a date in an element classed as one; an Evernote clip's meta tags describe the clip, not the article", () => {
    const next = articlesOf(page('<title>Bijen op het dak</title>', `<h1>Bijen op het dak</h1><span>3 years ago</span>${paragraphs}`).replace('</body>', '<script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"post":{"title":"Bijen op het dak","date":"2021-02-18T09:30:00.000Z","author":{"name":"Tomasz Wiśniewski"}}}}}</script></body>'), 'next.html')[0];
    assert.deepEqual([next?.authors, next?.date], [['Tomasz Wiśniewski'], '2021-02-18']);
    const reader = articlesOf(page('<title>Bijen op het dak</title>', `<h1 class="reader-title">Bijen op het dak</h1><div class="credits reader-credits">By Colin Mabbutt</div>${paragraphs}`), 'reader.html')[0];
    assert.deepEqual(reader?.authors, ['Colin Mabbutt']);
    const webflow = articlesOf(page('<title>Bijen op het dak</title>', `<h1>Bijen op het dak</h1><div class="blog-post-header_date-wrapper"><div>May 4, 2023</div><div>•</div><div>5 min read</div><div class="w-condition-invisible">Updated</div></div>${paragraphs}`), 'webflow.html')[0];
    assert.equal(webflow?.date, '2023-05-04');
    const clip = articlesOf(page('<title>Bijen op het dak</title><meta name="exporter-version" content="Evernote Mac 7.14 (458244)"><meta name="author" content="Daniel Pryce"><meta name="created" content="2021-09-14 10:22:31 +0000">', `<h1>Bijen op het dak</h1>${paragraphs}`), 'clip.html')[0];
    assert.deepEqual([clip?.authors, clip?.date], [[], null]);
  });

  test("an Evernote clip: the byline under the title, which no markup names and Readability leaves out, gives the author and date", async () => {
    const name = 'evernote-webclip.html';
    const [clip] = articlesOf(await readFile(fileURLToPath(new URL(`./fixtures/layouts/${name}`, import.meta.url)), 'utf8'), name);
    assert.deepEqual([clip?.authors, clip?.date], [['Gwen Hartley'], '2021-09-11']);
  });

  test('a kicker above the title (a section name) is header, not text', () => {
    const [article] = articlesOf(page('<title>Bijen op het dak</title>', `<p class="kicker">Stadsnatuur</p><h1>Bijen op het dak</h1>${paragraphs}`), 'kicker.html');
    assert.equal(article?.title, 'Bijen op het dak');
    assert.match(article?.text ?? '', /^Op steeds meer daken/);
  });

  test('a page saved as one file (MHTML): the page itself is read, not its frames, and the save date is not the date', async () => {
    const boundary = '----MultipartBoundary--x1';
    const part = (headers: string, body: string) => `--${boundary}\r\n${headers}\r\n\r\n${body}\r\n`;
    const mhtml = [
      'From: <Saved by Blink>',
      'Snapshot-Content-Location: https://rail.example/night-train',
      'Subject: The night train returns | Rail Weekly',
      'Date: Thu, 3 Dec 2026 10:00:00 -0000',
      'MIME-Version: 1.0',
      `Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="${boundary}"`,
      '',
      '',
      part(
        'Content-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: https://rail.example/night-train',
        '<html><head><title>The night train returns</title><meta name=3D"author" content=3D"Elena Fischer">=\r\n<meta property=3D"article:published_time" content=3D"2023-04-02"></head><body>' +
          '<h1>The night train returns</h1><p>Sleeper trains between Vienna and Amsterdam sold 80 percent of their beds on summer wee=\r\nkends. The caf=C3=A9 car is back, with twelve dishes on its menu and a bar that stays open late.</p>' +
          '<iframe src=3D"https://ads.example/frame"></iframe></body></html>',
      ),
      part('Content-Type: text/html\r\nContent-Location: https://ads.example/frame', '<html><body><p>Buy shoes now, half price for members this week only, with free delivery to your door, free returns for a whole year, and a gift card for every friend you bring along.</p></body></html>'),
      `--${boundary}--\r\n`,
    ].join('\r\n');
    const reading = await readDocument(new TextEncoder().encode(mhtml), 'night-train.mhtml');
    assert.ok(reading.ok, reading.ok ? '' : reading.message);
    const [article] = reading.articles;
    assert.equal(reading.articles.length, 1);
    assert.equal(article?.title, 'The night train returns');
    assert.deepEqual(article?.authors, ['Elena Fischer']);
    assert.equal(article?.date, '2023-04-02');
    assert.match(article?.text ?? '', /summer weekends\. The café car is back/);
    assert.doesNotMatch(article?.text ?? '', /shoes/);
  });

  const statedBy = (head: string, body: string) => {
    const result = renderHtml(`<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`);
    assert.ok(result.ok, result.ok ? '' : result.message);
    return result.document.stated;
  };
  const prose = '<p>The volunteers fixed forty-one kettles, lamps and bicycles at the first repair café in the village hall on Saturday.</p><p>Most visitors waited less than half an hour, and the tea urn never went cold all afternoon.</p>';

  test("a wiki's structured-data headline that is its first sentence is not the title; a title's own dash is kept when only its site's name follows", () => {
    const wiki = statedBy(
      '<title>Brackwater Corn Exchange | Brackwater History Wiki | Fandom</title><meta property="og:title" content="Brackwater Corn Exchange"><script type="application/ld+json">{"@type":"Article","headline":"The Brackwater Corn Exchange is a former grain trading hall on the north side of Market Square in Brackwater.","name":"Brackwater Corn Exchange"}</script>',
      `<h1 class="page-header__title">Brackwater Corn Exchange</h1><main>${prose}</main>`,
    );
    assert.equal(wiki.title, 'Brackwater Corn Exchange');
    const lemmy = statedBy(
      "<title>We ran a scratch Messiah – here's what we learned - Lemmy.ca</title>",
      `<h1><a href="/post/1">We ran a scratch Messiah – here's what we learned</a></h1><main>${prose}</main><aside><h2>Lemmy.ca</h2></aside>`,
    );
    assert.equal(lemmy.title, "We ran a scratch Messiah – here's what we learned");
    const mail = statedBy('<title>FW: Allotment Society April Newsletter</title>', `<div class="WordSection1">${prose}</div>`);
    assert.equal(mail.title, 'Allotment Society April Newsletter');
  });

  test("authors as journals, site builders, Notion and arXiv's LaTeXML mark them: a poster's handle, 'Posted by', a page's creator, each name above its affiliation", () => {
    const dreamwidth = statedBy('<title>Larkrise Readers | Notes from the March meeting</title>', `<div class="entry"><div class="poster-info"><span class="poster entry-poster"><span class="ljuser"><a href="https://quillfinch.dreamwidth.org/"><b>quillfinch</b></a></span></span> posted in <span class="poster entry-journal"><span class="ljuser"><b>larkrise_readers</b></span></span></div><h3 class="entry-title">Notes from the March meeting</h3><div class="entry-content">${prose}</div></div><div class="comment"><span class="comment-poster"><span class="ljuser"><b>doms_allotment</b></span></span><p>Lovely notes, thank you for writing all of this up so carefully for those who missed it.</p></div>`);
    assert.deepEqual(dreamwidth.authors, ['quillfinch']);
    const weebly = statedBy('<title>What Our First Repair Café Taught Us - Blog</title>', `<div class="blog-post"><h2 class="blog-title">What Our First Repair Café Taught Us</h2><p class="blog-date"><span class="date-text">11/23/2021</span></p><div class="blog-content">${prose}</div><div class="blog-header"><span class="blog-author-title">Posted by Dev Raman</span></div></div>`);
    assert.deepEqual(weebly.authors, ['Dev Raman']);
    const notion = statedBy('<title>Spring Seed Swap: How It Works</title>', `<div class="notion-page-block"><h1>Spring Seed Swap: How It Works</h1></div><div role="table"><div class="notion-property-name">Created by</div><div class="notion-property-created_by"><div class="notion-user-avatar">I</div><span>Ines Valdés-Moore</span></div></div>${prose}`);
    assert.deepEqual(notion.authors, ['Ines Valdés-Moore']);
    const arxiv = statedBy(
      '<title>Who Brings What to a Repair Café?</title>',
      `<div id="watermark-tr">arXiv:2403.14172v1 [cs.CY] 20 Mar 2024</div><div class="package-alerts"><p>This paper uses a package that is not yet supported by the HTML conversion tool, so some of its content may not display correctly here.</p></div><article class="ltx_document"><h1 class="ltx_title">Who Brings What to a Repair Café?</h1><div class="ltx_authors"><span class="ltx_creator ltx_role_author"><span class="ltx_personname">Ilse Marchetti<br class="ltx_break">Department of Geography, University of Northfield, UK</span></span><span class="ltx_creator ltx_role_author"><span class="ltx_personname">Daniel Achterberg<br class="ltx_break">Kestrel Community Lab, Amersfoort</span></span></div>${prose}</article>`,
    );
    assert.deepEqual([arxiv.authors, arxiv.date], [['Ilse Marchetti', 'Daniel Achterberg'], '2024-03-20']);
  });

  test("a Discord channel exported as a page (DiscordChatExporter's HTML) is read as a chat: titled by its channel, by who wrote most, dated by its first message", () => {
    const group = (author: string, ...messages: [string, string][]) =>
      `<div class="chatlog__message-group">${messages
        .map(
          ([stamp, text], i) =>
            `<div class="chatlog__message-container"><div class="chatlog__message">${i === 0 ? `<div class="chatlog__header"><span class="chatlog__author" title="${author}">${author}</span> <span class="chatlog__timestamp"><a href="#m">${stamp}</a></span></div>` : `<div class="chatlog__short-timestamp" title="${stamp}">7:03 PM</div>`}<div class="chatlog__content chatlog__markdown"><span class="chatlog__markdown-preserve">${text}</span></div></div></div>`,
        )
        .join('')}</div>`;
    const page = `<!DOCTYPE html><html><head><title>Hollins Road Community - announcements</title></head><body><div class="preamble"><div class="preamble__entries-container"><div class="preamble__entry">Hollins Road Community</div><div class="preamble__entry">Notices / #announcements</div></div></div><div class="chatlog">${group(
      'priya_shah',
      ['5/12/2023 7:02 PM', 'Right everyone, here is the full plan for the Big Spring Tidy on Saturday 20th May.'],
      ['5/12/2023 7:03 PM', 'The council are lending us 30 litter pickers and 30 hi-vis vests.'],
    )}${group('kevin.doyle', ['5/13/2023 8:30 AM', 'Count me in.'])}</div><div class="postamble"><div class="postamble__entry">Exported 3 message(s)</div></div></body></html>`;
    const reading = readTextDocument(page, 'announcements.html');
    assert.ok(reading.ok, reading.ok ? '' : reading.message);
    const [channel, ...rest] = reading.articles;
    assert.equal(rest.length, 0);
    assert.deepEqual([channel?.title, channel?.authors, channel?.date], ['#announcements', ['priya_shah'], '2023-05-12']);
    assert.match(channel?.text ?? '', /30 litter pickers/);
    assert.match(channel?.text ?? '', /Count me in\./);
    assert.doesNotMatch(channel?.text ?? '', /7:02 PM|Exported/);
  });

  test("a Telegram chat exported by Telegram Desktop (messages.html) is read as a chat: the chat's name, who wrote most, the first message's day; a joined message is its sender's, a service message is not text", () => {
    const message = (id: number, stamp: string, text: string, from?: string) =>
      `<div class="message default clearfix${from ? '' : ' joined'}" id="message${id}"><div class="body"><div class="pull_right date details" title="${stamp} UTC+01:00">19:02</div>${from ? `<div class="from_name">${from}</div>` : ''}<div class="text">${text}</div></div></div>`;
    const page = `<!DOCTYPE html><html><head><title>Exported Data</title></head><body><div class="page_wrap"><div class="page_header"><div class="content"><div class="text bold">Hollins Road Litter Pickers</div></div></div><div class="page_body chat_page"><div class="history"><div class="message service" id="message-1"><div class="body details">12 May 2023</div></div>${message(
      2,
      '12.05.2023 19:02:41',
      'Right everyone, here is the full plan for the Big Spring Tidy on Saturday 20th May, 10am till 1pm.',
      'Priya Shah',
    )}${message(3, '12.05.2023 19:03:10', 'The council are lending us 30 litter pickers and 30 hi-vis vests.')}${message(4, '13.05.2023 08:30:00', 'Count me in.', 'Kevin Doyle')}</div></div></div></body></html>`;
    const reading = readTextDocument(page, 'messages.html');
    assert.ok(reading.ok, reading.ok ? '' : reading.message);
    const [chat, ...rest] = reading.articles;
    assert.equal(rest.length, 0);
    assert.deepEqual([chat?.title, chat?.authors, chat?.date], ['Hollins Road Litter Pickers', ['Priya Shah'], '2023-05-12']);
    assert.match(chat?.text ?? '', /30 litter pickers/);
    assert.doesNotMatch(chat?.text ?? '', /12 May 2023|UTC/);
  });

  test('refuses a page with no article in it', () => {
    const result = renderHtml('<html><body><nav><a href="/">Home</a></nav><form><label>Username</label><input></form></body></html>');
    assert.ok(!result.ok);
    assert.match(result.message, /no article/);
  });
});

describe('e-mail (.eml)', () => {
  const mail = (parts: string) =>
    Buffer.from(
      'From: =?UTF-8?Q?Gwen_Ald=C3=B3us?= <gwen@pennycross.org.uk>\r\nTo: plotholders@pennycross.org.uk\r\n' +
        'Subject: Re: April newsletter =?UTF-8?Q?=E2=80=93?= plot inspections\r\nDate: Tue, 8 Apr 2025 23:30:00 -0400\r\nMIME-Version: 1.0\r\n' +
        parts,
    );

  test("a saved message: the subject without 'Re:' is the title, the sender the author, the day its Date header writes the date; the quoted reply is not text", async () => {
    const reading = await readDocument(
      mail(
        'Content-Type: multipart/alternative; boundary="b1"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n' +
          'Dear plot holders,\r\n\r\nThe spring inspection will take place on Saturday 26 April, starting at th=\r\ne main gate at ten o=E2=80=99clock.\r\n\r\nOn Mon, 7 Apr 2025, Piers wrote:\r\n> When is the inspection this year?\r\n' +
          '--b1\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>Dear plot holders,</p>\r\n--b1--\r\n',
      ),
      'inspection.eml',
    );
    assert.ok(reading.ok, reading.ok ? '' : reading.message);
    const [article] = reading.articles;
    assert.deepEqual([article?.title, article?.authors, article?.date], ['April newsletter – plot inspections', ['Gwen Aldóus'], '2025-04-08']);
    assert.match(article?.text ?? '', /starting at the main gate at ten o’clock\.$/);
  });

  test('a message with only an HTML body is read as a page its headers title, sign and date', async () => {
    const reading = await readDocument(
      mail('Content-Type: text/html; charset=UTF-8\r\n\r\n<html><body><p>Dear plot holders, the spring inspection will take place on Saturday 26 April at the main gate, and every plot number must be visible from the path.</p><p>Plots that are not cultivated by the end of May will be offered to the next people on the waiting list, so please tell the committee if you need more time or help this season.</p></body></html>\r\n'),
      'inspection.eml',
    );
    assert.ok(reading.ok, reading.ok ? '' : reading.message);
    assert.deepEqual(reading.articles.map((article) => [article.title, article.authors, article.date]), [['April newsletter – plot inspections', ['Gwen Aldóus'], '2025-04-08']]);
  });
});

describe('PDF', () => {
  const LAYOUTS = fileURLToPath(new URL('./fixtures/layouts/', import.meta.url));
  const pdfArticles = async (name: string) => {
    const reading = await readDocument(await readFile(`${LAYOUTS}${name}`), name);
    assert.ok(reading.ok, name);
    return reading.articles;
  };

  test("a LaTeX paper whose authors share one line with their note marks (`Hannah Roe* Samir Qureshi†`) and the date: every author, and the date the page states", async () => {
    const [paper] = await pdfArticles('pdf/roe-qureshi-annand-2023-community-car-scheme.pdf');
    assert.deepEqual([paper?.authors, paper?.date], [['Hannah Roe', 'Samir Qureshi', 'Beth Annand'], '2023-09-18']);
  });

  test("a design tool's default name in the info (`Untitled design (3)`) is not the title: the flyer's largest line is", async () => {
    const [flyer] = await pdfArticles('pdf/Untitled design (3).pdf');
    assert.equal(flyer?.title, 'COME AND SING!');
  });

  test("a paper: the title set largest, the authors over their affiliations, the journal's running head above the title left out", async () => {
    const [paper, ...rest] = await pdfArticles('paper.pdf');
    assert.equal(rest.length, 0);
    assert.deepEqual([paper?.title, paper?.authors], ['Measuring Volunteer Retention in Open Source Communities', ['Hannah Becker', 'Tomasz Nowak']]);
    assert.doesNotMatch(paper?.text ?? '', /Proceedings of the Workshop|University of Leeds/);
  });

  test('a two-column paper without document info: the title set over two lines, authors marked ¹ and ² over their affiliations', async () => {
    const [paper, ...rest] = await pdfArticles('repair-workshops-paper.pdf');
    assert.equal(rest.length, 0);
    assert.deepEqual([paper?.title, paper?.authors], ['Saturday Repair Workshops and Teenage Library Membership in Rural Ireland', ['Aoife Brennan', 'Mateus Carvalho']]);
    assert.match(paper?.text ?? '', /^Abstract\n/);
  });

  test("an annual report: the organisation under the title is not its author, the person it was 'Prepared by' is, on the date it says it was published", async () => {
    const [report] = await pdfArticles('harbour-trust-annual-report-2022.pdf');
    assert.deepEqual([report?.title, report?.authors, report?.date], ['Annual Report 2022', ['Eleanor Whitby'], '2023-04-28']);
    assert.doesNotMatch(report?.text ?? '', /Prepared by|Published 28 April/);
  });

  test("a club newsletter in two columns: its masthead (which names the issue and dates it) is not the title, and neither is the info's working title ('Gazette 47 draft'); the byline beats the info's author", async () => {
    const [article, ...rest] = await pdfArticles('sportive-results-2023.pdf');
    assert.equal(rest.length, 0);
    assert.deepEqual([article?.title, article?.authors, article?.date], ['Record Field for the Calder Classic Sportive', ['Helen Marsh'], '2023-06-12']);
    assert.match(article?.text ?? '', /^A record field of 417 riders/);
  });

  test("slides exported from Google Slides: the info's working title ('... (final v2)') gives way to the first slide's, the speaker goes without 'Dr', and the date beside the society is the talk's", async () => {
    const [talk] = await pdfArticles('history-society-talk-notes.pdf');
    assert.deepEqual([talk?.title, talk?.authors, talk?.date], ['The Lost Mills of the Scar Beck Valley', ['Ruth Akroyd'], '2024-02-14']);
  });

  test('a slide deck titled "PowerPoint Presentation" in its info: one article under its first slide\'s title, presenter and date; a dated bullet starts no article', async () => {
    const articles = await pdfArticles('foodbank-warehouse-slides.pdf');
    assert.deepEqual(articles.map((deck) => [deck.title, deck.authors, deck.date]), [['Moving the Food Bank to a New Warehouse', ['Daniel Osei'], '2021-09-15']]);
    assert.match(articles[0]?.text ?? '', /• Sign the lease: 1 October 2021/);
  });

  test('a two-page Word export: its running head, on both pages, is not text; its Author and Date lines are header', async () => {
    const [minutes] = await pdfArticles('word-to-pdf.pdf');
    assert.deepEqual([minutes?.title, minutes?.authors, minutes?.date], ['Spring Water Supply Review and Plot Allocation', ['Margaret Ellison'], '2020-05-12']);
    assert.doesNotMatch(minutes?.text ?? '', /Northfield Allotment Association|Author:|Page \d/);
  });

  test('a report whose document info names a Word file: the largest line is the title, the line above it and the byline are header', async () => {
    const [report] = await pdfArticles('report.pdf');
    assert.deepEqual([report?.title, report?.authors], ['Annual Report 2021', ['the Board']]);
    assert.doesNotMatch(report?.text ?? '', /Riverside Tenants Association|Prepared by/);
  });

  test("a newsletter: each article under its own heading and byline; the newsletter's name and issue line are no article", async () => {
    const articles = await pdfArticles('newsletter.pdf');
    assert.deepEqual(
      articles.map((article) => [article.title, article.authors]),
      [
        ['A Record Year for Squash', ['Maureen Clarke']],
        ['Water Butts Arrive', ['Dev Patel']],
      ],
    );
  });

  test('reads the text layer and the document info', async () => {
    const result = await renderPdf(await readFile(`${REAL}pep-3099.pdf`));
    assert.ok(result.ok);
    assert.equal(result.document.stated.title, 'Things that will Not Change in Python 3000');
    assert.deepEqual(result.document.stated.authors, ['Georg Brandl']);
    assert.equal(result.document.stated.date, '2006-04-04');
    assert.ok(result.document.lines.some((line) => line.includes('__getslice__')));
  });

  test('uses the document info only where the text states nothing', async () => {
    const reading = await readDocument(await readFile(`${REAL}18f-an-open-source-team.pdf`), '18f-an-open-source-team.pdf');
    assert.ok(reading.ok);
    const [article] = reading.articles;
    assert.equal(article?.title, '18F: an open source team');
    assert.deepEqual(article?.authors, ['majma', 'eric'], 'handles are recorded as written');
    assert.equal(article?.date, '2014-07-29', 'the offset -04:00 keeps the date as written');
  });

  test("reading a PDF leaves the process's native array methods in place, so answers do not slow down", async () => {
    const reading = await readDocument(await readFile(`${REAL}18f-an-open-source-team.pdf`), '18f-an-open-source-team.pdf');
    assert.ok(reading.ok);
    assert.equal(Array.prototype.push, NATIVE_PUSH);
  });
});

describe('front matter', () => {
  test('YAML: title, date with offset, "A and B", folded author with affiliation, handles as written', () => {
    const [pair] = articlesOf('---\nlayout: blog\ntitle: "Urban Beekeeping Takes Off"\ndate: 2021-03-03 23:30:00 -0500\nauthor: Jane Doe and John Roe\n---\nBees are kept on roofs.', 'a.md');
    assert.deepEqual([pair?.title, pair?.authors, pair?.date], ['Urban Beekeeping Takes Off', ['Jane Doe', 'John Roe'], '2021-03-03']);
    const [folded] = articlesOf('---\ntitle: Say Hello\nauthor: >\n  Jorge Castro (Heptio)\nlang: en-GB\n---\nHop in and take a look.', 'b.md');
    assert.deepEqual([folded?.authors, folded?.language], [['Jorge Castro'], 'en']);
    const [handles] = articlesOf('---\ntitle: HTTPS\nauthors:\n  - eric\n  - majma\n---\nWe use HTTPS.', 'c.md');
    assert.deepEqual(handles?.authors, ['eric', 'majma']);
  });

  test('TOML: authors list, offset date-time, url', () => {
    const [article] = articlesOf('+++\ntitle = "Hello"\ndate = 2020-11-15T23:30:00-05:00\nauthors = ["Rust Security Response WG", "crates.io team"]\nurl = "https://blog.example/hello"\n+++\nWords here.', 'd.md');
    assert.deepEqual([article?.title, article?.authors, article?.date, article?.url], ['Hello', ['Rust Security Response WG', 'crates.io team'], '2020-11-15', 'https://blog.example/hello']);
  });

  test('a date that is a mapping (Material for MkDocs blog: created and updated) gives the created date', () => {
    const [article] = articlesOf('---\ndate:\n  updated: 2024-02-01\n  created: 2023-12-04\nauthors:\n  - squidfunk\n---\n\n# Blog support just landed\n\nThe new plugin builds a blog beside the documentation.', 'g.md');
    assert.deepEqual([article?.title, article?.authors, article?.date], ['Blog support just landed', ['squidfunk'], '2023-12-04']);
  });

  test('Ziggy (Zine): string and @date fields are read, comments and structs are not text', () => {
    const [article] = articlesOf(
      '---\n.title = "Release notes",\n.author = "Loris Cro",\n.date = @date("2024-08-07T00:00:00"),\n// a comment\n.custom = {\n\t"menu": "Notes",\n},\n---\n\nThe build system now watches files.',
      'f.md',
    );
    assert.deepEqual([article?.title, article?.authors, article?.date, article?.text], ['Release notes', ['Loris Cro'], '2024-08-07', 'The build system now watches files.']);
  });

  test('an AsciiDoc header in a .txt: title, author line with emails, revision date, attributes; section marks are not text', () => {
    const [article] = articlesOf(
      ':toc: left\n= Running the Spring Fair\nMaria Santos <maria@example.org>; Tom Okafor <tom@example.org>\nv2.1, 2021-03-04: stalls moved indoors\n:icons: font\n:lang: en\n\n== Stalls\n\nThe fair had forty stalls this year, twelve more than last spring.\n',
      'fair.txt',
    );
    assert.deepEqual([article?.title, article?.authors, article?.date], ['Running the Spring Fair', ['Maria Santos', 'Tom Okafor'], '2021-03-04']);
    assert.equal(article?.text, 'Stalls\n\nThe fair had forty stalls this year, twelve more than last spring.');
  });

  test("AsciiDoc's block markup is not text: attribute lines, delimiters and macros go, the blocks' words stay", () => {
    const [article] = articlesOf(
      '= Nest Box Season\nHelen Mardle <helen@example.org>\nv1.2, 2020-05-04: Minor fixes\n\nThere are 48 boxes on the reserve.\n\nimage::hw07-blue-tit.jpg[Blue tit leaving box HW07,480]\n\n[TIP]\n====\nIf a female is sitting tight, do not count the eggs.\n====\n\n[source,text]\n----\nHW07 28/04 BT E 9\n----\n',
      'nest-box-round.adoc',
    );
    assert.equal(article?.text, 'There are 48 boxes on the reserve.\n\nIf a female is sitting tight, do not count the eggs.\n\nHW07 28/04 BT E 9');
  });

  test('AsciiDoc attributes give the author and date when the header has no author line; text that only opens with "= " stays text', () => {
    const [article] = articlesOf('= Water Rota\n:author: Ines Duarte\n:revdate: June 2, 2022\n\nEach plot is watered twice a week in summer.', 'rota.txt');
    assert.deepEqual([article?.title, article?.authors, article?.date], ['Water Rota', ['Ines Duarte'], '2022-06-02']);
    const [plain] = articlesOf('= is how the old ledger marked a total.\nThe clerks wrote it in red ink, the sums below it in black.', 'ledger.txt');
    assert.match(plain?.text ?? '', /^= is how the old ledger/);
  });

  test('an Org-mode header: #+TITLE, #+AUTHOR, #+DATE with its weekday; headline stars are not text', () => {
    const [article] = articlesOf('#+TITLE: Seed Library Notes\n#+AUTHOR: Kwame Mensah\n#+DATE: <2021-06-02 Wed>\n#+OPTIONS: toc:nil\n\n* Swaps\n\nThe library lent 340 packets of seed in its first season.', 'seeds.txt');
    assert.deepEqual([article?.title, article?.authors, article?.date], ['Seed Library Notes', ['Kwame Mensah'], '2021-06-02']);
    assert.equal(article?.text, 'Swaps\n\nThe library lent 340 packets of seed in its first season.');
  });

  test("a wiki page's metadata table above its title gives the author and date and is not text; a table further down is text", () => {
    const [article] = articlesOf(
      '| Field | Value |\n| --- | --- |\n| Author | Rosa Delgado |\n| Created | 2022-09-12 |\n| Last edited by | Marcus Lee |\n| Status | Published |\n\n# Lending rules\n\nA member may borrow three tools at a time.\n\n| Tool | Loans |\n| --- | --- |\n| Author drill | 94 |\n| Date stamp | 12 |\n',
      'wiki.md',
    );
    assert.deepEqual([article?.title, article?.authors, article?.date], ['Lending rules', ['Rosa Delgado'], '2022-09-12']);
    assert.equal(article?.text, 'A member may borrow three tools at a time.\n\nTool Loans\nAuthor drill 94\nDate stamp 12');
  });

  test('a Notion export: the title heading, then `Created:` and `Created By:` lines, give the date and the author', () => {
    const [article] = articlesOf('# Onboarding Checklist\n\nCreated: March 3, 2021 10:14 AM\nCreated By: Lucia Fernández\nTags: moderation\n\nNew moderators shadow an experienced one for two weeks.', 'notion.md');
    assert.deepEqual([article?.title, article?.authors, article?.date, article?.text], ['Onboarding Checklist', ['Lucia Fernández'], '2021-03-03', 'New moderators shadow an experienced one for two weeks.']);
  });

  test("fields a theme keeps in a nested table (Zola's [extra] and [taxonomies], Hugo's params) are read after the top level's", () => {
    const [zola] = articlesOf('+++\ntitle = "Fewer generics"\ndate = 2021-01-05\n\n[extra]\nauthor = "Hiroshi Tanaka"\n+++\n\nThe build went from 94 to 71 seconds.', 'z.md');
    assert.deepEqual([zola?.title, zola?.authors, zola?.date], ['Fewer generics', ['Hiroshi Tanaka'], '2021-01-05']);
    const [taxonomy] = articlesOf('+++\ntitle = "Chat server"\ndate = 2019-08-01\n\n[taxonomies]\nauthors = ["Henrik Aas"]\ntags = ["matrix"]\n+++\n\nThe database grew to 38 gigabytes.', 't.md');
    assert.deepEqual(taxonomy?.authors, ['Henrik Aas']);
    const [hugo] = articlesOf('---\ntitle: Hackathon\nauthor: Ravi Shah\nparams:\n  author: Someone Else\n---\nForty people came.', 'h.md');
    assert.deepEqual(hugo?.authors, ['Ravi Shah']);
  });

  test("Hexo's front matter without its opening fence is read, and its lines never reach the text", () => {
    const [article] = articlesOf('title: Running a Meetup\ndate: 2019-05-01 10:00:00\ntags:\n  - community\n---\nWe have run a monthly meetup for four years.', 'hexo.md');
    assert.deepEqual([article?.title, article?.date, article?.text], ['Running a Meetup', '2019-05-01', 'We have run a monthly meetup for four years.']);
    const [prose] = articlesOf('Title: a note on rules\n\nThe reason is simple: we keep it short.\n\n---\n\nMore words after a rule.', 'prose.md');
    assert.match(prose?.text ?? '', /The reason is simple/, 'a field line followed by prose is not front matter');
  });

  test('front matter lines never reach the text', () => {
    const [article] = articlesOf('---\ntitle: Alpha news\nlayout: blog\n---\n<!--\nhidden\n-->\n# Alpha news\n\nBody text.', 'e.md');
    assert.equal(article?.text, 'Body text.');
  });
});
