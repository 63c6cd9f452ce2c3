import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../src/domain.js';
import { parseDateLine, parseDateline } from '../src/ingest/dates.js';
import { readTextDocument } from '../src/ingest/read-document.js';
import { readAuthorNames, readDateValue } from '../src/ingest/stated-metadata.js';

function read(text: string, name = 'doc.txt'): Article[] {
  const reading = readTextDocument(text, name);
  assert.ok(reading.ok, reading.ok ? '' : reading.message);
  return reading.articles;
}

const meta = (article: Article | undefined) => [article?.title, article?.authors, article?.date];

describe('text written by apps and archives', () => {
  test("an Archive of Our Own download: the work's title, pseud and published date; its tags, summary, notes and end notes are not the text", () => {
    const download = [
      'Bell and Sally',
      'Posted originally on the Archive of Our Own at https://archiveofourown.org/works/35318902.',
      '',
      'Rating:\n    General Audiences\nFandom:\n    Original Work\nStats:\n    Published: 2021-11-20\n    Words: 438',
      '',
      'Bell and Sally\n\nby tenorbell_ruth\n\nSummary\n\n    A new learner and forty-two steps.\n\nNotes\n\n    Written for an exchange.',
      '',
      'Bell and Sally\n\nThe tower at St Wenna\'s has forty-two steps.\n\nBryony counted them on the way down.',
      '',
      'Afterword\n\nEnd Notes\n\n    Our real tower has forty-four steps.\n\nPlease drop by the Archive and comment to let the creator know if you enjoyed their work!',
    ].join('\n');
    const [work] = read(download, 'Bell_and_Sally.txt');
    assert.deepEqual(meta(work), ['Bell and Sally', ['tenorbell_ruth'], '2021-11-20']);
    assert.ok(work?.text.startsWith('The tower at St Wenna'), work?.text);
    for (const page of ['Rating', 'General Audiences', 'forty-four', 'Written for an exchange', 'Please drop by']) assert.ok(!work?.text.includes(page), page);
  });

  test("a WhatsApp chat export: the group's name is the title, who wrote most the author, the first message the date; notices and placeholders are not text", () => {
    const chat = [
      '12/05/2023, 18:47 - Messages and calls are end-to-end encrypted. No one outside of this chat can read them.',
      '12/05/2023, 18:51 - Kevin Doyle: Evening all, any news on the big tidy?',
      '12/05/2023, 18:53 - Anita Rowe: <Media omitted>',
      '13/05/2023, 19:02 - Priya Shah: Right everyone, here is the plan for the Big Spring Tidy.',
      '',
      'WHEN: Saturday 20th May, 10am till 1pm, at the Hollins Road gate.',
      '13/05/2023, 19:06 - +44 7700 900582: Hi, new to the group. Can kids come and help with the whole tidy, please let me know soon?',
    ].join('\n');
    const [article] = read(chat, 'WhatsApp Chat with Hollins Road Litter Pickers.txt');
    assert.deepEqual(meta(article), ['Hollins Road Litter Pickers', ['Priya Shah'], '2023-05-12']);
    assert.ok(article?.text.includes('Priya Shah: Right everyone'), article?.text);
    assert.ok(article?.text.includes('WHEN: Saturday 20th May'));
    for (const notice of ['18:51', 'end-to-end', 'Media omitted']) assert.ok(!article?.text.includes(notice), notice);
    const [us] = read('5/14/23, 6:51 PM - Kevin Doyle: Evening all, the tidy is on Saturday.\n5/14/23, 6:53 PM - Anita Rowe: See you there', 'WhatsApp Chat with Litter.txt');
    assert.equal(us?.date, '2023-05-14');
  });

  test("an Org journal: each dated heading is an entry by the file's author, without its tags, property drawer or planning lines", () => {
    const journal = [
      '#+TITLE: Plot 14 Journal',
      '#+AUTHOR: Gwen Pardoe',
      '',
      '* <2023-04-01 Sat> Seed swap                                   :seeds:events:',
      ':PROPERTIES:',
      ":LOCATION: St Anne's church hall",
      ':END:',
      '',
      'The spring seed swap was busier than I have ever seen it, with fifty-three people in the first hour.',
      '',
      '* <2023-04-15 Sat> Water butts                               :infrastructure:',
      '',
      'Spent the whole morning fitting new brass taps to the water butts by the shed.',
      '',
      '** TODO Order more fleece',
      'DEADLINE: <2023-04-20 Thu>',
    ].join('\n');
    const entries = read(journal, 'journal.org');
    assert.deepEqual(entries.map(meta), [
      ['Seed swap', ['Gwen Pardoe'], '2023-04-01'],
      ['Water butts', ['Gwen Pardoe'], '2023-04-15'],
    ]);
    for (const bookkeeping of ['PROPERTIES', 'LOCATION', ':seeds:', 'DEADLINE']) assert.ok(!entries.some((entry) => entry.text.includes(bookkeeping)), bookkeeping);
  });

  test("a Discord channel exported as text (DiscordChatExporter): titled by its channel, by who wrote most, dated by its first message; the export's preamble, attachments and reactions are not text", () => {
    const exported = [
      '='.repeat(62),
      'Guild: Hollins Road Community',
      'Channel: Notices / announcements',
      '='.repeat(62),
      '',
      '[5/12/2023 7:02 PM] priya_shah',
      'Right everyone, here is the full plan for the Big Spring Tidy on Saturday 20th May, 10am till 1pm.',
      'The council are lending us 30 litter pickers and 30 hi-vis vests.',
      '',
      '{Reactions}',
      '👍 (4)',
      '',
      '[5/12/2023 7:05 PM] kevin.doyle',
      'Count me in.',
      '',
      '{Attachments}',
      'https://cdn.discordapp.com/attachments/1/2/underpass.jpg',
      '',
      '='.repeat(62),
      'Exported 2 message(s)',
      '='.repeat(62),
    ].join('\n');
    const [channel, ...rest] = read(exported, 'Hollins Road - Notices - announcements [1098765432].txt');
    assert.equal(rest.length, 0);
    assert.deepEqual(meta(channel), ['announcements', ['priya_shah'], '2023-05-12']);
    assert.ok(channel?.text.includes('Right everyone, here is the full plan'), channel?.text);
    assert.ok(channel?.text.includes('Count me in.'));
    for (const exportLine of ['Guild:', '{Reactions}', '👍', 'cdn.discordapp.com', 'Exported', '7:02 PM']) assert.ok(!channel?.text.includes(exportLine), exportLine);
  });

  test("an ASCII-art banner is not a title, and a periodical's one-line masthead ruled off above the article is not either", () => {
    const [notes] = read('  ____  _\n / ___|(_) __ _\n \\___ \\| |/ _` |\n\nSignalbox release notes\n\nSignalbox 2.3 is out.');
    assert.equal(notes?.title, 'Signalbox release notes');
    assert.ok(!notes?.text.includes('___'));
    const [tribute] = read(`Parish News — April 2021                         St Elwyn with Trewarren\n${'='.repeat(60)}\n\nA LIFE IN THE BELL TOWER\n\nArthur rang the tenor bell for sixty years.`);
    assert.equal(tribute?.title, 'A LIFE IN THE BELL TOWER');
    assert.deepEqual(tribute?.authors, []);
  });
});

describe('header blocks of Key: value lines', () => {
  test('a mail reply kept as a document: the Subject without its "Re:" is the title, everyone in From: an author', () => {
    const [mail] = read(
      'Date: Fri, 19 Dec 2008 00:45:19 -0800\nFrom: Linus Torvalds <torvalds@linux-foundation.org>, Junio C Hamano <gitster@pobox.com>\nSubject: Re: Odd merge behaviour involving reverts\nAbstract: Sometimes a branch that was already merged\n is later found to be faulty.\nMessage-ID: <7vocz8a6zk.fsf@gitster.siamese.dyndns.org>\n\nAlan said he reverted a merge and merged again.',
    );
    assert.deepEqual(meta(mail), ['Odd merge behaviour involving reverts', ['Linus Torvalds', 'Junio C Hamano'], '2008-12-19']);
    assert.equal(mail?.text, 'Alan said he reverted a merge and merged again.');
  });

  test("a forwarded message is the article: its own subject, sender and date, without the forwarder's note; a reply stays its sender's", () => {
    const forward = (outlook: boolean) =>
      [
        'From: Sophie Marchetti <sophie@example.co.uk>',
        'Sent: 08 April 2025 21:15',
        'To: Piers Marchetti <piers@example.com>',
        'Subject: FW: Allotment Society April Newsletter',
        '',
        'Hi Dad, forwarding this in case it went to your junk folder again.',
        '',
        ...(outlook ? [] : ['---------- Forwarded message ---------']),
        'From: Gwen Aldous <secretary@pennycross.org.uk>',
        'Sent: Tuesday, 7 April 2025 18:02',
        'To: Plot holders <plots@pennycross.org.uk>',
        'Subject: Allotment Society April Newsletter',
        '',
        'The spring inspection will take place on Saturday 26 April, starting at the main gate.',
      ].join('\n');
    for (const outlook of [true, false]) {
      const [article, ...rest] = read(forward(outlook), 'fw.txt');
      assert.equal(rest.length, 0);
      assert.deepEqual(meta(article), ['Allotment Society April Newsletter', ['Gwen Aldous'], '2025-04-07'], `outlook ${outlook}`);
      assert.equal(article?.text, 'The spring inspection will take place on Saturday 26 April, starting at the main gate.');
    }
    const [reply] = read(forward(true).replace('Subject: FW:', 'Subject: RE:').replace('Hi Dad, forwarding this', 'Thanks, I will be there; I missed it'), 're.txt');
    assert.deepEqual(reply?.authors, ['Sophie Marchetti']);
  });

  test("a mailing-list announcement: the list's tags (`[ANN]`, `[Python-Dev]`) are not part of the title", () => {
    const [mail] = read('From: Priya Raman <priya@lists.example.org>\nSubject: Re: [Python-Dev] [ANN] Tidelog 2.0 released\nDate: Tue, 3 Mar 2015 10:22:01 +0100\n\nTidelog 2.0 is out.');
    assert.deepEqual(meta(mail), ['Tidelog 2.0 released', ['Priya Raman'], '2015-03-03']);
  });

  test("a saved mail: the quoted earlier message and the signature are not the sender's words; inline quoted lines keep their marks", () => {
    const header = 'From: Tomasz Wojcik <tomasz@example.net>\nDate: Tue, 14 Mar 2023 08:42:17 +0100\nSubject: Re: Hall boiler\nTo: Committee <committee@example.org>\n\n';
    const [mail] = read(
      `${header}My recommendation is Clearwarm.\n\n> Does the heat pump need to go outside? I worry about the\n> neighbours at number 12.\n\nYes, by the bins, nine metres from number 12.\n\nBest wishes,\nTomasz\n\nOn Mon, 13 Mar 2023 at 21:10, Anne Kowalski <anne@example.org> wrote:\n> Tomasz, thanks for collecting the quotes.\n>\n> Anne\n\n-- \nTomasz Wojcik\nTreasurer, St Aidan's Hall\n07700 900461\n`,
    );
    assert.deepEqual(meta(mail), ['Hall boiler', ['Tomasz Wojcik'], '2023-03-14']);
    assert.equal(mail?.text, "My recommendation is Clearwarm.\n\n> Does the heat pump need to go outside? I worry about the\n> neighbours at number 12.\n\nYes, by the bins, nine metres from number 12.\n\nBest wishes,\nTomasz");
    const [bottomPosted] = read(`${header}Op 13 maart 2023 om 21:10 schreef Anne Kowalski <anne@example.org>:\n> Can we afford it?\n\nYes: the reserve holds 9,300 pounds.\n`);
    assert.equal(bottomPosted?.text, 'Yes: the reserve holds 9,300 pounds.');
  });

  test('read title, authors (continued on the next line, e-mail left out) and date, and leave the text', () => {
    const [pep] = read(
      [
        'PEP: 257',
        'Title: Docstring Conventions',
        'Author: David Goodger <goodger@python.org>,',
        '        Guido van Rossum <guido@python.org>',
        'Status: Active',
        'Created: 29-May-2001',
        'Post-History: 13-Jun-2001',
        '',
        'Abstract',
        '========',
        '',
        'This PEP documents the semantics and conventions associated with Python docstrings.',
      ].join('\n'),
    );
    assert.deepEqual(meta(pep), ['Docstring Conventions', ['David Goodger', 'Guido van Rossum'], '2001-05-29']);
    assert.ok(!/PEP: 257|Title:|Author:|Created:/.test(pep?.text ?? ''));
  });

  test('read an RFC masthead in two columns, and its centred title', () => {
    const [rfc] = read(
      [
        'Network Working Group                                       L. Masinter',
        'Request for Comments: 2324                                 1 April 1998',
        'Category: Informational',
        '',
        '',
        '          Hyper Text Coffee Pot Control Protocol (HTCPCP/1.0)',
        '',
        'Abstract',
        '',
        '   This document describes HTCPCP, a protocol for controlling,',
        '   monitoring, and diagnosing coffee pots.',
      ].join('\n'),
    );
    assert.deepEqual(meta(rfc), ['Hyper Text Coffee Pot Control Protocol (HTCPCP/1.0)', ['L. Masinter'], '1998-04-01']);
    assert.ok(!rfc?.text.includes('Network Working Group'));
  });
});

describe('reStructuredText blog metadata', () => {
  test('a Pelican field list under the title and Nikola comment metadata at the top are read and leave the text', () => {
    const [pelican] = read('New Ansible module AIX Devices\n##############################\n\n:date: 2017-10-28 17:30\n:tags: aix, ansible\n:authors: Kairo Araujo\n:summary: New module\n\nToday I submitted a new pull request to the Ansible project.');
    assert.deepEqual(meta(pelican), ['New Ansible module AIX Devices', ['Kairo Araujo'], '2017-10-28']);
    assert.ok(!/:date:|:authors:|:summary:/.test(pelican?.text ?? ''));
    const [nikola] = read('.. title: Automating Nikola rebuilds\n.. slug: automating\n.. date: 2020-04-24 22:24:48 UTC\n.. author: Chris Warrick\n\nIn this guide, we set up GitHub Actions to rebuild a site.');
    assert.deepEqual(meta(nikola), ['Automating Nikola rebuilds', ['Chris Warrick'], '2020-04-24']);
    assert.ok(nikola?.text.startsWith('In this guide'));
  });

  test('a title with an overline and an underline, then a docutils field list', () => {
    const [article] = read('=====================================\nA Short History of the Widget Library\n=====================================\n\n:Author: Priya Natarajan\n:Date: 2017-11-05\n:Version: 1.2\n\nThe widget library began as a weekend project in 2009.');
    assert.deepEqual(meta(article), ['A Short History of the Widget Library', ['Priya Natarajan'], '2017-11-05']);
    assert.equal(article?.text, 'The widget library began as a weekend project in 2009.');
  });
});

describe('a title followed by author lines and a date line', () => {
  test('By-line and date under the headline', () => {
    const [news] = read('Urban Beekeeping Takes Off\n\nBy Jane Doe\nMarch 3, 2021\n\nBees are kept on roofs across the city.');
    assert.deepEqual(meta(news), ['Urban Beekeeping Takes Off', ['Jane Doe'], '2021-03-03']);
    assert.equal(news?.text, 'Bees are kept on roofs across the city.');
  });

  test('several author lines, an affiliation line, then the date', () => {
    const [paper] = read('Bees in the City\n\nJane Doe\nJohn Roe\nUniversity of Utrecht\n4 May 2020\n\nWe counted the hives on every roof.');
    assert.deepEqual(meta(paper), ['Bees in the City', ['Jane Doe', 'John Roe'], '2020-05-04']);
    assert.equal(paper?.text, 'We counted the hives on every roof.');
  });

  test('title, date, then the author (Go "present" files), with a Tags line between', () => {
    const [post] = read('The first Go program\n18 Jul 2013\nTags: history\n\nAndrew Gerrand\n\n* Introduction\n\nBrad and I recently started restructuring godoc.');
    assert.deepEqual(meta(post), ['The first Go program', ['Andrew Gerrand'], '2013-07-18']);
    assert.ok(post?.text.startsWith('* Introduction'));
  });

  test('a Dutch byline and date', () => {
    const [post] = read('Bijen op het dak\n\nDoor Jan de Vries\n3 maart 2021\n\nOp steeds meer daken in de stad staan bijenkasten, en de honing wordt verkocht.');
    assert.deepEqual([...meta(post), post?.language], ['Bijen op het dak', ['Jan de Vries'], '2021-03-03', 'nl']);
  });

  test('a date and a team on one line, and "Posted on DATE by NAME"', () => {
    const [team] = read('Announcing Rust 1.15.1\n\nFeb. 9, 2017 · The Rust Core Team\n\nThe Rust team is happy to announce the latest version.');
    assert.deepEqual(meta(team), ['Announcing Rust 1.15.1', ['The Rust Core Team'], '2017-02-09']);
    const [posted] = read('# Release notes for 2.0\n\nPosted on March 4, 2021 by Jane Doe\n\nThis release fixes the importer.', 'notes.md');
    assert.deepEqual(meta(posted), ['Release notes for 2.0', ['Jane Doe'], '2021-03-04']);
    const [monthly] = read('A Year of the Street Fridge\n\nBy Samuel Achterberg · June 2021\n\nThe fridge outside the launderette saved four tonnes of food.');
    assert.deepEqual([...meta(monthly), monthly?.publisher], ['A Year of the Street Fridge', ['Samuel Achterberg'], null, null]);
  });

  test('a byline in capitals, and a byline that carries the date', () => {
    const [caps] = read('CITY APPROVES NEW BIKE LANES\n\nBy JANE DOE\nMarch 3, 2021, 10:00 a.m. EST\n\nThe council voted on Tuesday to add bike lanes.');
    assert.deepEqual(meta(caps), ['CITY APPROVES NEW BIKE LANES', ['JANE DOE'], '2021-03-03']);
    const [dated] = read('# Bike lanes approved\n\n*By Jane Doe, March 3, 2021*\n\nThe council voted.', 'dated.md');
    assert.deepEqual(meta(dated), ['Bike lanes approved', ['Jane Doe'], '2021-03-03']);
    assert.equal(dated?.text, 'The council voted.');
  });

  test("a title before a name ('Dr', 'Prof.', 'Dhr.') is not part of it", () => {
    const [talk] = read('The Lost Mills\n\nBy Dr Ruth Akroyd and Prof. Jan de Vries\nMarch 3, 2021\n\nThe valley had 87 mills.');
    assert.deepEqual(talk?.authors, ['Ruth Akroyd', 'Jan de Vries']);
  });

  test('a job title after the name is not a second author', () => {
    const [article] = read('Council approves bike lanes\n\nBy Jane Doe, Staff Writer\nApril 5, 2022\n\nThe council voted on Tuesday.');
    assert.deepEqual(article?.authors, ['Jane Doe']);
  });
});

describe('bylines at the end', () => {
  test('a closing "By X" or "— X" is the author and leaves the text', () => {
    const [by] = read('Urban Beekeeping Takes Off\n\nBees are kept on roofs across the city.\n\nResidents say the hives are thriving.\n\nBy Jane Doe');
    assert.deepEqual(by?.authors, ['Jane Doe']);
    assert.ok(!by?.text.includes('By Jane Doe'));
    const [dash] = read('Notes from the allotment\n12 May 2020\n\nThe tomatoes came up early this year.\n\n— Piet de Vries');
    assert.deepEqual(meta(dash), ['Notes from the allotment', ['Piet de Vries'], '2020-05-12']);
    assert.ok(!dash?.text.includes('Piet de Vries'));
  });

  test('a sign-off with a role and a date under it (a letter, a notice) gives the author and the date, and leaves the text', () => {
    const body = 'What the Food Bank Needs\n\nThe shelves are full of pasta and empty of everything else.\n\nDonations can be dropped off on Saturdays.\n\n';
    for (const closing of ['-- Oliver Grant, volunteer coordinator\nMarch 1, 2023', '— Oliver Grant\nMarch 1, 2023', 'Oliver Grant\nMarch 1, 2023']) {
      const articles = read(body + closing);
      assert.equal(articles.length, 1, closing);
      assert.deepEqual(meta(articles[0]), ['What the Food Bank Needs', ['Oliver Grant'], '2023-03-01'], closing);
      assert.ok(articles[0]?.text.endsWith('on Saturdays.'), closing);
    }
  });

  test('a closing author bio names the author and stays in the text', () => {
    const [article] = read('# Why we moved to Postgres\n\nWe moved our database last spring.\n\n*Jane Roe is a senior engineer at Example Corp.*', 'bio.md');
    assert.deepEqual(article?.authors, ['Jane Roe']);
    assert.ok(article?.text.endsWith('Jane Roe is a senior engineer at Example Corp.'));
  });

  test('an "About the Author" bio that sets the job title off after the name names the author', () => {
    const [article] = read(
      '# Migrating to Aurora\n\nThe author developed a connector.\n\n## About the Author\n\n**Tan Zhiqiang, AWS Migration Solution Architect**, is mainly responsible for cloud migration.',
      'share.md',
    );
    assert.deepEqual(article?.authors, ['Tan Zhiqiang']);
    const [quoted] = read('# The vote\n\nThe council met on Monday.\n\nJohn Smith, the mayor, is happy with the result.', 'news.md');
    assert.deepEqual(quoted?.authors, []);
  });

  test('a worded sign-off above a publication footer, on behalf of a group, names its writer', () => {
    const [article] = read(
      'A LIFE IN THE BELL TOWER\n\nArthur rang the tenor bell for sixty years.\n\nThe band will miss him.\n\nWritten by Margaret Ellery on behalf of the St Elwyn Tower Bellringers\n\n' +
        'Parish News is produced by volunteers and delivered free to every household in the parish.\nPage 7',
    );
    assert.deepEqual(article?.authors, ['Margaret Ellery']);
    assert.ok(!article?.text.includes('Written by'));
  });

  test("a mail signature under `-- ` names the writer; the signature's lines leave the text", () => {
    const [article] = read('Signalbox 2.3\n\nHello railway people,\n\nSignalbox 2.3 is out with block detection.\n\n-- \nOlwen Madoc, maintainer\nSignalbox is free software, released under the GNU GPL.');
    assert.deepEqual(article?.authors, ['Olwen Madoc']);
    assert.ok(article?.text.endsWith('block detection.'), article?.text);
  });

  test('a first name alone signs when its role vouches for it; a closing "About me: I\'m X" names the writer', () => {
    const [club] = read('# Plot rents\n\nRents go up by two pounds this year.\n\n— Tom, allotment secretary', 'Plot rents.md');
    assert.deepEqual(club?.authors, ['Tom']);
    const [bare] = read('# Plot rents\n\nRents go up by two pounds this year.\n\n— Tom', 'Plot rents.md');
    assert.deepEqual(bare?.authors, []);
    const [about] = read('# Marshalling in the rain\n\nThe 5k went ahead despite the weather.\n\n---\n\n*About me: I\'m Fiona Achterberg, a slow but stubborn runner.*', 'run.md');
    assert.deepEqual(about?.authors, ['Fiona Achterberg']);
  });

  test('the author stays unknown when the text names people but states no author', () => {
    const [article] = read('City council approves new bike lanes\n\nThe council voted on Tuesday, said Mayor John Smith. The plan will cost 3 million euros, according to Jane Roe of the transport office.');
    assert.deepEqual(article?.authors, []);
    assert.equal(article?.date, null);
  });
});

describe('an authors section', () => {
  test("a README's Authors section at its end names the authors; a list of other things under such a heading does not", () => {
    const readme = (items: string) => read(`# birdcount\n\nA tool for counting birds.\n\n## Usage\n\nRun \`birdcount survey.csv\`.\n\n## Authors\n\n${items}\n\n## License\n\nMIT\n`, 'README.md')[0]?.authors;
    assert.deepEqual(readme('- **Amara Nwosu** - original author - [@amaranwosu](https://github.com/amaranwosu)\n- **Felix Lindqvist** - export formats'), ['Amara Nwosu', 'Felix Lindqvist']);
    assert.deepEqual(readme('- See the contributors page\n- Thanks to everyone'), []);
  });
});

describe('several articles in one file', () => {
  test('a devlog page: the page states its own title, each post is a heading linking to its date, then an Author line', () => {
    const articles = read(
      [
        '---',
        '.title = "Devlog",',
        '.date = @date("2024-08-07T00:00:00"),',
        '---',
        '',
        "# [File Watching Implemented for kqueue]($section.id('2024-10-29'))",
        '',
        'Author: Andrew Kelley',
        '',
        'You can now use the watch feature on macOS and the BSDs.',
        '',
        "# [New Devlog Structure]($section.id('2024-09-30'))",
        'Author: Loris Cro',
        '',
        'The devlog has switched to a per-year structure.',
        '',
        'If you want a similar setup, check out [the examples](https://github.com/kristoff-it/zine-devlog-examples)',
        '',
        "# [2024-09-16]($section.id('2024-09-16'))",
        '',
        'Author: Andrew Kelley',
        '',
        "I've been porting stb_truetype.h to Zig on the side.",
        '',
        '## [A post on another blog](https://example.org/blog/2023/05/01/post/)',
        '',
        'By Jane Roe',
        '',
        'A heading that links to a dated permalink carries its date.',
      ].join('\n'),
      'devlog.md',
    );
    assert.deepEqual(articles.map(meta), [
      ['File Watching Implemented for kqueue', ['Andrew Kelley'], '2024-10-29'],
      ['New Devlog Structure', ['Loris Cro'], '2024-09-30'],
      ['2024-09-16', ['Andrew Kelley'], '2024-09-16'],
      ['A post on another blog', ['Jane Roe'], '2023-05-01'],
    ]);
    assert.ok(articles.every((article) => !/Devlog"|Author:|@date/.test(article.text)));
  });

  test('reStructuredText posts (ABlog): each section title with its `.. post::` date and `:author:` option', () => {
    const articles = read(
      [
        'ABlog v0.2 released',
        '===================',
        '',
        '.. post:: Aug 31, 2014',
        '   :author: Ahmet',
        '   :category: Release',
        '',
        'ABlog v0.2 is released. This version comes with several new features.',
        '',
        'ABlog v0.2.1 released',
        '---------------------',
        '',
        '.. post:: Sep 1, 2014',
        '   :author: Ahmet',
        '',
        'ABlog v0.2.1 is a bug fix release that solves duplicated content problem in full text atom feeds.',
      ].join('\n'),
      'ablog-v0.2-released.rst.txt',
    );
    assert.deepEqual(articles.map(meta), [
      ['ABlog v0.2 released', ['Ahmet'], '2014-08-31'],
      ['ABlog v0.2.1 released', ['Ahmet'], '2014-09-01'],
    ]);
    assert.ok(articles.every((article) => !/post::|:author:|:category:/.test(article.text)));
    // A one-sentence post is in the language of the file around it, not whatever its trigrams suggest.
    assert.deepEqual(articles.map((article) => article.language), ['en', 'en']);
  });

  test('each with its own heading, byline and date; the collection’s authors are not theirs', () => {
    const articles = read(
      [
        'Weekly Letters',
        'By Ann Lee, Bob Stone and Carl Ray',
        '',
        'Letter One: On Harbours',
        'Ann Lee',
        '4 January 1999',
        '',
        'The harbour was busy again this week, and the ferries were late.',
        '',
        'Letter Two: On Lighthouses',
        'Bob Stone',
        '11 January 1999',
        '',
        'The lighthouse keepers left the island in 1952.',
      ].join('\n'),
    );
    assert.deepEqual(articles.map(meta), [
      ['Letter One: On Harbours', ['Ann Lee'], '1999-01-04'],
      ['Letter Two: On Lighthouses', ['Bob Stone'], '1999-01-11'],
    ]);
  });

  test('a Project Gutenberg collection: header and licence removed, dateline and author in capitals', () => {
    const articles = read(
      [
        'The Project Gutenberg EBook of Two Letters, by Ann Lee and Bob Stone',
        '',
        'Title: Two Letters',
        '',
        'Author: Ann Lee and Bob Stone',
        '',
        '*** START OF THIS PROJECT GUTENBERG EBOOK TWO LETTERS ***',
        '',
        'Produced by Volunteers',
        '',
        'LETTER No. 1',
        '',
        'On Harbours',
        'For the Coast Gazette. Monday, January 4, 1790',
        '',
        'LEE',
        '',
        'The harbour was busy again this week, and the ferries were late.',
        '',
        'LETTER No. 2',
        '',
        'On Lighthouses',
        'For the Coast Gazette. Monday, January 11, 1790',
        '',
        'STONE',
        '',
        'The lighthouse keepers left the island and never came back.',
        '',
        '*** END OF THIS PROJECT GUTENBERG EBOOK TWO LETTERS ***',
        '',
        'This file should be named 1234.txt. Updated editions will replace the previous one.',
      ].join('\r\n'),
    );
    assert.deepEqual(
      articles.map((article) => [article.authors, article.date]),
      [
        [['LEE'], '1790-01-04'],
        [['STONE'], '1790-01-11'],
      ],
    );
    for (const article of articles) assert.ok(!/Gutenberg|Produced by|named 1234/.test(article.text), article.text);
  });

  test('a single Gutenberg text takes its title and author from the header', () => {
    const [book] = read(
      'The Project Gutenberg eBook of A Short Essay\n\nTitle: A Short Essay\n\nAuthor: Mary Shelley\n\nLanguage: English\n\n*** START OF THE PROJECT GUTENBERG EBOOK A SHORT ESSAY ***\n\nIt was on a dreary night of November that I beheld the accomplishment of my toils.\n\n*** END OF THE PROJECT GUTENBERG EBOOK A SHORT ESSAY ***\n',
    );
    assert.deepEqual(meta(book), ['A Short Essay', ['Mary Shelley'], null]);
  });
});

describe('a plain-text newsletter', () => {
  test('its boxed masthead, contents and editor line are no article and no title; each article keeps its own heading and byline', () => {
    const rule = '='.repeat(60);
    const articles = read(
      `${rule}\n   THE RIVERSIDE GARDENERS' BULLETIN — Issue 14 — Spring 2023\n   Newsletter of the Riverside Allotment Society\n${rule}\n\nIN THIS ISSUE\n\n  1. New water butts ........ 1\n  2. Seed swap report ....... 2\n\nEditor: Margaret Doyle    |    bulletin@riverside.example.org\n\n\nNEW WATER BUTTS\n\nby Gwen Harris\n\nThe town council awarded us £1,600 for forty water butts, one for every plot on the lower field.\n\n\nSeed Swap Report\n----------------\n\nby Dev Patel\n\nSixty-four visitors came to the seed swap and 350 packets of seed changed hands.\n`,
      'bulletin.txt',
    );
    assert.deepEqual(articles.map((article) => [article.title, article.authors]), [['NEW WATER BUTTS', ['Gwen Harris']], ['Seed Swap Report', ['Dev Patel']]]);
    assert.doesNotMatch(articles.map((article) => article.text).join('\n'), /Editor|IN THIS ISSUE|====/);
  });
});

describe('notes, transcripts, forum threads and newsletter mails kept as text', () => {
  test("an Obsidian note: its file name is its title, wiki links read as their text, embeds and callout and task marks go, the minute-taker signs it", () => {
    const note = [
      '---\ncreated: 2023-05-17T19:42\ntags:\n  - committee\n---',
      'Back to [[Meetings MOC]] · Previous: [[2023-04-12 Allotment committee]]',
      '> [!info] Meeting details\n> **Present:** [[Gwen Pryce]] (secretary), [[Dev Sharma]] (chair)',
      '[[Alan Tuck|Alan]] reported that the water bill came to £612, see the [[Tenancy agreement 2021#Section 4|tenancy agreement]] and [[Rents#2022]].',
      '![[Water bill 2022.pdf]]',
      '- [ ] Everyone to check the troughs for leaks',
      'Minutes taken by Gwen Pryce, secretary.',
    ].join('\n\n');
    const [article] = read(note, 'Meetings/2023-05-17 Allotment committee.md');
    assert.deepEqual(meta(article), ['2023-05-17 Allotment committee', ['Gwen Pryce'], '2023-05-17']);
    assert.equal(
      article?.text,
      'Meeting details\nPresent: Gwen Pryce (secretary), Dev Sharma (chair)\n\nAlan reported that the water bill came to £612, see the tenancy agreement and Rents.\n\nEveryone to check the troughs for leaks',
    );
    // A file name without spaces is a slug, not a title; a note with a heading keeps its heading.
    assert.equal(read('---\ntags: [a]\n---\nThe water bill came to £612.', 'notes/water-bill.md')[0]?.title, 'The water bill came to £612.');
    assert.equal(read('---\ntags: [a]\n---\n# Water bill\n\nIt came to £612.', 'notes/Water bill 2022.md')[0]?.title, 'Water bill');
  });

  test("Pandoc's title block (`% Title` / `% A; B` / `% date`); its heading attributes, footnote marks and fenced divs are not text", () => {
    const [gala] = read(
      '% Otterbrook Swimming Club: Winter Gala Report\n% Karen Whitfield; Neil Dobson\n% 27 November 2022\n\nA total of 142 swimmers entered.[^entries]\n\n## Results {#results .unnumbered}\n\n::: {.note}\nOtterbrook finished second with 318 points.\n:::\n\n[^entries]: Five clubs took part.',
      'gala.md',
    );
    assert.deepEqual(meta(gala), ['Otterbrook Swimming Club: Winter Gala Report', ['Karen Whitfield', 'Neil Dobson'], '2022-11-27']);
    assert.equal(gala?.text, 'A total of 142 swimmers entered.\n\nResults\n\nOtterbrook finished second with 318 points.\n\nFive clubs took part.');
  });

  test("a Logseq page: its `key:: value` properties are its front matter, block properties are not text, the file name is the title", () => {
    const [page] = read(
      'author:: [[Maggie Thornton]]\ndate:: [[Oct 8th, 2022]]\ntags:: [[Orchard]], [[Cider]]\n\n- We pressed 640 kg of apples into 212 litres of juice at #[[Greenhill Community Orchard]].\n\t- id:: 6341a9c2-5b7e-4f1d-9d33-2e8c11f0a7b4\n- The press was borrowed again.',
      'pages/Cider pressing 2022.md',
    );
    assert.deepEqual(meta(page), ['Cider pressing 2022', ['Maggie Thornton'], '2022-10-08']);
    assert.doesNotMatch(page?.text ?? '', /id::|\[\[/);
  });

  test('a Dendron note: its times in Unix milliseconds give the day (UTC)', () => {
    const [note] = read('---\nid: 7u2kq9xw4m1bz0c8n3vd5ty\ntitle: 2023 Summer Camp\nupdated: 1691405532118\ncreated: 1691140810442\n---\n\nTwenty-four Scouts spent a week under canvas.', 'notes/scouts.summer-camp.2023.md');
    assert.deepEqual(meta(note), ['2023 Summer Camp', [], '2023-08-04']);
  });

  test('a letter signs under its valediction: the name (and the role under it) is the author and leaves the text', () => {
    const [appeal] = read('---\ntitle: Our Winter Appeal\n---\n\nWe need 400 hampers by 20 December.\n\nWarm wishes,\n\nTom Eastwood\nVolunteer Coordinator', 'appeal.md');
    assert.deepEqual(appeal?.authors, ['Tom Eastwood']);
    assert.equal(appeal?.text, 'We need 400 hampers by 20 December.\n\nWarm wishes,');
    assert.deepEqual(read('Hampers\n\nWe need 400 hampers.\n\nThe food bank thanks\nTom Eastwood', 'plain.txt')[0]?.authors, []);
  });

  test('a podcast transcript: the episode title, host and recording date come from the fields under the show name, which is not the title', () => {
    const [episode] = read(
      'THE SHED HOURS PODCAST\nConversations about making and mending\n\nEpisode 42: Fixing Things Together\nRecorded: 8 August 2023\nHost: Colm Devlin\nRunning time: 31:47\n\n[00:00:04] Colm Devlin: Hello and welcome to the show.',
      'episode-42.txt',
    );
    assert.deepEqual(meta(episode), ['Fixing Things Together', ['Colm Devlin'], '2023-08-08']);
    assert.equal(episode?.text, '[00:00:04] Colm Devlin: Hello and welcome to the show.');
  });

  test("a phpBB thread copied as text: each post goes by its poster's handle and date", () => {
    const posts = read(
      'Bike Kitchen moves to Thursdays\nPost by annak » Tue Sep 12, 2023 7:41 pm\n\nFrom Thursday 5 October, our open evening moves to Thursdays.\n\nRe: Bike Kitchen moves to Thursdays\nPost by gears_and_beers » Wed Sep 13, 2023 9:03 am\n\nGutted, Thursday is my five-a-side night.',
      'thread.txt',
    );
    assert.deepEqual(posts.map(meta), [
      ['Bike Kitchen moves to Thursdays', ['annak'], '2023-09-12'],
      ['Re: Bike Kitchen moves to Thursdays', ['gears_and_beers'], '2023-09-13'],
    ]);
    // A handle alone is no byline: a cue and a date vouch for it.
    assert.equal(read('Tools\n\nBy hand.\n\nWe sanded every board.', 'tools.txt')[0]?.authors.length, 0);
  });

  test("a newsletter saved from its e-mail: the web-view and forwarding lines and a bracketed image address are not text; the byline under the subtitle is", () => {
    const [post] = read(
      'Forwarded this email? Subscribe here for more https://loaf.substack.com/subscribe\n\nView this post on the web at https://loaf.substack.com/p/why\n\nWhy a loaf costs £4.50\nWhat goes into the price of our sourdough\n\nPriya Nair / Feb 9, 2024\n\n[https://substackcdn.com/image/fetch/loaves.jpeg]\n\nFrom Friday 1 March 2024, the price goes up to £4.50.',
      'why-a-loaf-costs.txt',
    );
    assert.deepEqual(meta(post), ['Why a loaf costs £4.50', ['Priya Nair'], '2024-02-09']);
    assert.equal(post?.text, 'From Friday 1 March 2024, the price goes up to £4.50.');
  });

  test('a PDF\'s raised affiliation digits glued to the names and the affiliation lines they mark are header', () => {
    const [letter] = read('Annual Letter for 2022\n\nAda Whitcombe1 and Rahul Menon2\n\n1Makerspace Coordinator, Northfield Public Library\n2Chair, Makerspace Volunteer Committee\n\nJanuary 16, 2023\n\nThe space recorded 1,876 visits.', 'letter.txt');
    assert.deepEqual(meta(letter), ['Annual Letter for 2022', ['Ada Whitcombe', 'Rahul Menon'], '2023-01-16']);
    assert.equal(letter?.text, 'The space recorded 1,876 visits.');
  });
});

describe('a newsletter saved as text from Word', () => {
  test("its masthead's issue date dates the items under it; an item headed by a possessive ('Treasurer’s Corner') is not a name, and starts an item", () => {
    const items = read(
      '\uFEFFRowan Court Tenants’ Association\r\nSpring Newsletter 2023 – published 20 March 2023\r\n\r\nNEW LIFTS AT LAST FOR BLOCKS A AND B\r\nBy Denise Okafor, Secretary\r\n\r\nThe replacement will cost £412,000.\r\n\r\nTreasurer’s Corner\r\nBy Alan Briggs, Treasurer\r\n\r\nWe ended the year with £2,140 in the bank.\r\n',
      'Tenants Association Newsletter Spring 2023.txt',
    );
    assert.deepEqual(items.map(meta), [
      ['NEW LIFTS AT LAST FOR BLOCKS A AND B', ['Denise Okafor'], '2023-03-20'],
      ['Treasurer’s Corner', ['Alan Briggs'], '2023-03-20'],
    ]);
  });
});

describe('a press release', () => {
  const release = (dateline: string) =>
    `FOR IMMEDIATE RELEASE\n\nFjordlink to Run Battery-Electric Ferries from 2024\n\nThree new ferries will replace the diesel fleet\n\n${dateline} Fjordlink AS today announced that it has signed a contract worth\nNOK 1.2 billion with the shipyard Vestvik Verft in Alesund for three battery-electric\nferries. From the summer of 2024 the new vessels will carry all passengers on the crossing\nbetween the Aker Brygge quay in central Oslo and Nesoddtangen, which is used by around\n2.6 million people a year, and the old diesel ferries will be sold when they arrive.\n\nMedia contact:\nKari Nordby, Head of Communications\n`;

  test('the release label is not the title, the dateline gives the date and its place is nobody', () => {
    const [article] = read(release('OSLO, March 3, 2022 —'));
    assert.deepEqual(meta(article), ['Fjordlink to Run Battery-Electric Ferries from 2024', [], '2022-03-03']);
    assert.match(article?.text ?? '', /signed a contract worth NOK 1\.2 billion/);
    const [wire] = read(release('PORTLAND, Ore., May 2, 2021 /PRNewswire/ --'));
    assert.deepEqual(meta(wire), ['Fjordlink to Run Battery-Electric Ferries from 2024', [], '2021-05-02']);
  });
});

describe('publisher boilerplate', () => {
  test('licence sections and copyright lines are removed', () => {
    const [article] = read('A Short Note\n\nThe words of the note.\n\nCopyright\n=========\n\nThis document has been placed in the public domain.\n');
    assert.equal(article?.text, 'The words of the note.');
    const [footer] = read('A Short Note\n\nThe words of the note.\n\n© 2021 Example News. All rights reserved.\n\nThis work is licensed under a Creative Commons Attribution 4.0 International License.');
    assert.equal(footer?.text, 'The words of the note.');
  });
});

describe('dates', () => {
  test('usual written forms in English and Dutch', () => {
    const cases: Array<[string, string]> = [
      ['07-Jul-2001', '2001-07-07'],
      ['12 Jan 2015', '2015-01-12'],
      ['Nov. 14, 2017', '2017-11-14'],
      ['Wed, Feb 6, 2008 at 3:42 PM', '2008-02-06'],
      ['zaterdag 3 maart 2021', '2021-03-03'],
      ['14-03-2022', '2022-03-14'],
      ['14.03.2022', '2022-03-14'],
      ['Mon, 03/14/2022 - 10:21', '2022-03-14'],
      ['14/03/2022', '2022-03-14'],
    ];
    for (const [line, iso] of cases) assert.equal(parseDateLine(line), iso, line);
    // Day and month could be either way round: no date rather than a wrong one.
    assert.equal(parseDateLine('03/04/2022'), null);
    assert.deepEqual(parseDateline('Published: March 3, 2021'), { date: '2021-03-03', kind: 'published' });
    assert.deepEqual(parseDateline('Updated on 5 May 2020'), { date: '2020-05-05', kind: 'other' });
    assert.deepEqual(parseDateline('For the Independent Journal. Saturday, October 27, 1787'), { date: '1787-10-27', kind: 'published' });
    assert.equal(parseDateline('The law passed on March 3, 2021'), null);
    // A labelled date with a short remark after it; not a sentence going on after the date.
    assert.deepEqual(parseDateline('Written 3 March 2024, after the committee meeting'), { date: '2024-03-03', kind: 'published' });
    assert.equal(parseDateline('Written 3 March 2024, and the committee met again on Thursday to talk it over at length.'), null);
  });

  test('time zone rule: the calendar date as written in the source’s own zone, never converted', () => {
    assert.equal(readDateValue('2017-10-19 21:33:00 +0200'), '2017-10-19');
    assert.equal(readDateValue('2014-07-29T23:01:55-04:00'), '2014-07-29', 'UTC would make it the 30th');
    assert.equal(readDateValue("D:20060404000000+01'00'"), '2006-04-04', 'UTC would make it the 3rd');
  });

  test('a Jekyll file name gives the date when the file states none', () => {
    const [post] = read('---\ntitle: Making it easier\nauthor: benbalter\n---\nJekyll is an open source project.', '2016-03-10-making-it-easier.md');
    assert.equal(post?.date, '2016-03-10');
  });
});

describe('author fields', () => {
  test('lists, "A and B", "A, B & C", e-mail and affiliation left out, surname-first kept whole', () => {
    assert.deepEqual(readAuthorNames(['Jean Barkhuysen, Matt T. Proud']), ['Jean Barkhuysen', 'Matt T. Proud']);
    assert.deepEqual(readAuthorNames('davidtwco and wesleywiser'), ['davidtwco', 'wesleywiser']);
    assert.deepEqual(readAuthorNames('Ann Lee, Bob Stone & Carl Ray'), ['Ann Lee', 'Bob Stone', 'Carl Ray']);
    assert.deepEqual(readAuthorNames('Tim Peters <tim.peters@gmail.com>'), ['Tim Peters']);
    assert.deepEqual(readAuthorNames('Jane Doe, University of Amsterdam'), ['Jane Doe']);
    assert.deepEqual(readAuthorNames([{ name: 'Jane Doe', url: 'https://x' }]), ['Jane Doe']);
    assert.deepEqual(readAuthorNames('Doe, Jane'), ['Doe, Jane']);
    assert.deepEqual(readAuthorNames('majma, eric'), ['majma', 'eric']);
  });

  test('a Docusaurus authors list mixing `key:` objects and plain author keys gives every key', () => {
    const [post] = read('---\ntitle: Announcing 2 Beta\nauthors:\n  - key: slorber\n    image_url: ./img/s.jpeg\n  - JMarcey\n---\nThe beta is out.', '2021-05-12-beta/index.md');
    assert.deepEqual(meta(post), ['Announcing 2 Beta', ['slorber', 'JMarcey'], '2021-05-12']);
  });
});
