import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isBoilerplateLine, joinBodyLines } from '../src/ingest/clean.js';
import { renderMarkdown } from '../src/ingest/formats/markdown.js';
import { renderPlainText } from '../src/ingest/formats/text.js';

const plain = (raw: string): string => renderPlainText(raw).lines.join('\n');

describe('plain text rendering', () => {
  test('normalises Unicode to NFC, line endings to LF and odd spaces to plain spaces', () => {
    const raw = 'Cafe\u0301 opens\r\nat\u00A0noon\u200B today.\rThe\tend.   \n';
    assert.equal(plain(raw), 'Café opens at noon today.\nThe end.');
  });

  test('collapses three or more blank lines into one blank line', () => {
    assert.equal(plain('First.\n\n\n\n\nSecond.'), 'First.\n\nSecond.');
  });

  test('keeps the words exactly as written, punctuation included', () => {
    const sentence = '“Our policy is clear: We will not tolerate any spillover — neither mortars nor rockets,” he said...';
    assert.equal(plain(sentence), sentence);
  });

  test('joins a paragraph the extraction split in the middle of a sentence', () => {
    const raw = "Earlier this month, the head of the United Nations'\n\nindependent Commission of Inquiry spoke.";
    assert.equal(plain(raw), "Earlier this month, the head of the United Nations' independent Commission of Inquiry spoke.");
  });

  test('does not join a finished sentence to the next paragraph, nor a date line or a byline', () => {
    assert.equal(plain('It ended.\n\nthen more.'), 'It ended.\n\nthen more.');
    assert.equal(plain('Wordt vervolgd\n\ndonderdag 8 februari 2018'), 'Wordt vervolgd\n\ndonderdag 8 februari 2018');
    assert.equal(plain('The Old Harbour\n\nby Mary Shelley'), 'The Old Harbour\n\nby Mary Shelley');
  });

  test('keeps asterisks, underscores and prompts: plain text is never read as markdown', () => {
    const footnoted = 'heeft strijdgroepen* aangevallen (SDF ofwel Syrian Democratic Forces*), die';
    assert.equal(plain(footnoted), footnoted);
    assert.equal(plain('* Zie: het artikel\n** De SDF wordt afgeschilderd'), '* Zie: het artikel\n** De SDF wordt afgeschilderd');
    assert.equal(plain('Call __init__ on my_object_name.\n\n>>> import this'), 'Call __init__ on my_object_name.\n\n>>> import this');
  });
});

test('changes whitespace only: the words of any plain text come out the same and in order', () => {
  const word = fc.stringMatching(/^[A-Za-zÀ-ÿ0-9.,;:!?'"()–—]{1,12}$/);
  const space = fc.constantFrom(' ', '  ', '\t', '\u00A0', '\n', '\r\n', '\n\n\n', ' \n');
  fc.assert(
    fc.property(fc.array(fc.tuple(word, space), { minLength: 1, maxLength: 60 }), (parts) => {
      const raw = parts.map(([w, s]) => w + s).join('');
      const words = (text: string) => text.normalize('NFC').split(/\s+/).filter(Boolean);
      assert.deepEqual(words(plain(raw)), words(raw));
    }),
  );
});

describe('markdown rendering', () => {
  const markdown = (source: string): string => renderMarkdown(source).lines.join('\n');

  test('removes heading marks, emphasis markers and link targets, keeping the words', () => {
    assert.equal(markdown('## **Defeat of ISIS in last stronghold**'), 'Defeat of ISIS in last stronghold');
    assert.equal(markdown('# US air strike kills scores'), 'US air strike kills scores');
    assert.equal(markdown('reported *Deirezzor24*, a news site'), 'reported Deirezzor24, a news site');
    assert.equal(markdown('**[wsws.org/contact](https://www.wsws.org/contact)**'), 'wsws.org/contact');
    assert.equal(markdown('see [the report](https://example.org/a_(b)) here'), 'see the report here');
  });
});

describe('boilerplate', () => {
  test('recognises share, tag, comment, disclaimer, contact and republishing lines in many phrasings', () => {
    for (const line of [
      'Share this article:',
      'Share this story',
      'Share on Facebook',
      'Tags: , , , ,',
      'Tags: Syria, war',
      'Categories: World',
      'Comments are closed.',
      'Leave a reply',
      '12 comments',
      'DISCLAIMER: The statements, views and opinions expressed are solely those of the authors.',
      'The views expressed in this piece do not necessarily reflect those of this site.',
      'To contact the WSWS and the Socialist Equality Party visit:',
      'Contact us',
      'By Tyler Durden / Republished with permission / Zero Hedge / Report a typo',
      'Reprinted with permission from The Nation',
      'Go to Original –',
      'Read the original',
      'Board index ‹ Local Groups & Clubs ‹ Leeford Bike Kitchen',
      'Posts: 212',
      'Joined: Mar 2017',
      'Join Date: 14 March 2017',
      'Forwarded this email? Subscribe here for more https://loaf.substack.com/subscribe',
      'View this post on the web at https://loaf.substack.com/p/why',
      '[https://substackcdn.com/image/fetch/loaves.jpeg]',
      'Back to Meetings MOC · Previous: 2023-04-12 Allotment committee',
    ]) {
      assert.ok(isBoilerplateLine(line), line);
    }
  });

  test('leaves ordinary article sentences alone', () => {
    for (const line of [
      'The article goes on:',
      'The organisation shared the report with reporters on Tuesday.',
      'Comments from the Pentagon were not available.',
      'He said the tags on the weapons had been altered.',
      'According to the Times of Israel:',
      'The views of the generals do not necessarily reflect those of the president.',
      'Contact the embassy at once, he told them.',
      'See the original letter, he wrote, for the full list.',
      'Back to school night raised £300 for the library.',
      'Posts: the ones along the fence were replaced.',
      'Joined: the two clubs merged in 2017.',
      'Back to the rents: the committee agreed to raise them.',
      'Prices rose » sharply » this year, they said.',
    ]) {
      assert.equal(isBoilerplateLine(line), false, line);
    }
  });

  test('drops a bare link that closes a boilerplate footer, but not one inside the text', () => {
    const lines = ['Real text.', '', 'https://example.org/report', '', 'More text.', '', 'To contact us visit:', '', 'example.org/contact'];
    assert.equal(joinBodyLines(lines), 'Real text.\n\nhttps://example.org/report\n\nMore text.');
  });
});
