import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Quote } from '../src/domain.js';
import { escapeMarkdown } from 'discord.js';
import { escapeText } from '../src/discord/markdown.js';
import {
  formatAnswer,
  formatAttribution,
  formatBlockQuote,
  formatContext,
  formatNoAnswer,
  formatQuestionTitle,
  formatQuoteBlock,
} from '../src/discord/format-answer.js';
import { MAX_EMBED_DESCRIPTION_LENGTH, MAX_EMBED_TITLE_LENGTH, MAX_EMBEDS_PER_MESSAGE, MAX_EMBEDS_TOTAL_LENGTH } from '../src/discord/limits.js';
import { truncateAtWord } from '../src/discord/truncate.js';

function quote(text: string, overrides: Partial<Quote> = {}): Quote {
  return { text, articleId: 'a.txt#0', source: 'a.txt', title: 'On Bridges', authors: ['Jane Doe'], date: '2021-03-04', start: 0, end: text.length, score: 0.9, quotedFrom: null, ...overrides };
}

describe('quote formatting', () => {
  test('a quote is a block quote on every line, then "— Author, *Title* (date)"', () => {
    assert.equal(
      formatQuoteBlock(quote('Bridges stand.\nArches carry weight.'), null),
      '> Bridges stand.\n> Arches carry weight.\n— Jane Doe, *On Bridges* (2021-03-04)',
    );
  });

  test('several authors are joined; no author is "Unknown author"; no date shows no date', () => {
    assert.equal(formatAttribution({ authors: ['A. One', 'B. Two', 'C. Three'], title: 'T', date: null }), '— A. One, B. Two and C. Three, *T*');
    assert.equal(formatAttribution({ authors: [], title: 'T', date: '2020-01-01' }), '— Unknown author, *T* (2020-01-01)');
  });

  test('markdown in quotes, titles and authors is escaped, line-start markdown included', () => {
    const block = formatBlockQuote('A *bold* claim, a_b_c, `code`, ~~gone~~, ||spoiler||\n# Not a heading\n- not a list\n[link](http://x)');
    for (const raw of ['*bold*', 'a_b_c', '`code`', '~~gone~~', '||spoiler||', '\n> # Not', '\n> - not', '\n> [link](']) {
      assert.ok(!block.includes(raw), `${raw} left unescaped in ${block}`);
    }
    assert.equal(formatAttribution({ authors: ['*Star*'], title: 'A_B', date: null }), '— \\*Star\\*, *A\\_B*');
  });

  test('escaping renders text as written: same as discord.js escapeMarkdown, and every masked link escaped', () => {
    const text = 'A *b* _c_ `d` ~~e~~ ||f|| __g__ http://x.y/a_b <@123>\n# h\n- i\n1. j\n' + 'word *k* '.repeat(100);
    assert.equal(escapeText(text), escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true }));
    assert.equal(escapeText('see [a](http://u) and [b](http://v)'), 'see \\[a](http://u) and \\[b](http://v)');
  });

  test('an over-long single quote is trimmed at a word boundary with an ellipsis, attribution kept', () => {
    const long = quote(Array.from({ length: 1200 }, (_, i) => `word${i}`).join(' '));
    const block = formatQuoteBlock(long, 3);
    assert.ok(block.length <= MAX_EMBED_DESCRIPTION_LENGTH);
    assert.match(block, /word\d+…\n— Jane Doe, \*On Bridges\* \(2021-03-04\) \[3\]$/);
  });

  test('truncateAtWord never cuts a word when there is a space to cut at', () => {
    assert.equal(truncateAtWord('one two three', 9), 'one two…');
    assert.equal(truncateAtWord('short', 10), 'short');
    assert.equal(truncateAtWord('abcdefghij', 5), 'abcd…');
    assert.equal(truncateAtWord(`ab ${'x'.repeat(50)}`, 20), `ab ${'x'.repeat(16)}…`, 'one enormous word is cut inside');
  });

  test('the question title is escaped and kept within 256 characters', () => {
    const title = formatQuestionTitle(`**${'why '.repeat(200)}**`);
    assert.ok(title.length <= MAX_EMBED_TITLE_LENGTH);
    assert.ok(title.startsWith('“\\*\\*why'));
    assert.ok(title.endsWith('…”'));
  });

  test('the no-answer reply names the filter and suggests /sources', () => {
    const text = formatNoAnswer('What about *tides*?', { author: 'Jane Doe' });
    assert.match(text, /found nothing by Jane Doe/);
    assert.match(text, /\\\*tides\\\*/);
    assert.match(text, /\/sources/);
  });

  test('context bolds the quote inside its paragraph, and fits a huge paragraph around it', () => {
    const q = quote('Arches carry weight.');
    assert.equal(formatContext(q, 'Bridges stand. Arches carry weight. They last.').description, 'Bridges stand. **Arches carry weight.** They last.\n\n— Jane Doe, *On Bridges* (2021-03-04)');
    const padding = 'stone '.repeat(1000);
    const embed = formatContext(q, `${padding}Arches carry weight.${padding}`);
    assert.ok(embed.description!.length <= MAX_EMBED_DESCRIPTION_LENGTH);
    assert.ok(embed.description!.includes('**Arches carry weight.**'));
    assert.ok(embed.description!.startsWith('…'));
  });
});

describe('splitting an answer into messages', () => {
  test('a short answer is one message with one titled embed, quotes numbered when several', () => {
    const parts = formatAnswer({ question: 'Why?', quotes: [quote('One.'), quote('Two.')] });
    assert.equal(parts.length, 1);
    assert.equal(parts[0]!.embeds.length, 1);
    assert.equal(parts[0]!.embeds[0]!.title, '“Why?”');
    assert.match(parts[0]!.embeds[0]!.description!, /\[1\]\n\n> Two\.\n.*\[2\]$/);
  });

  test('any mix of quote lengths: every message within limits, every quote whole, once, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 12 }), (lengths) => {
        const quotes = lengths.map((length, i) => quote(`q${i} ${'word '.repeat(Math.ceil(length / 5)).trim()}`, { title: `T${i}` }));
        const parts = formatAnswer({ question: 'Q', quotes });
        const descriptions: string[] = [];
        for (const part of parts) {
          assert.ok(part.embeds.length >= 1 && part.embeds.length <= MAX_EMBEDS_PER_MESSAGE);
          const total = part.embeds.reduce((sum, embed) => sum + (embed.title?.length ?? 0) + (embed.description?.length ?? 0), 0);
          assert.ok(total <= MAX_EMBEDS_TOTAL_LENGTH);
          for (const embed of part.embeds) {
            assert.ok(embed.description!.length <= MAX_EMBED_DESCRIPTION_LENGTH);
            descriptions.push(embed.description!);
          }
        }
        const all = descriptions.join('\n\n');
        quotes.forEach((q, i) => {
          const fits = q.text.length < MAX_EMBED_DESCRIPTION_LENGTH - 100;
          const marker = fits ? `> ${q.text}\n` : `> q${i} `;
          assert.equal(descriptions.filter((d) => d.includes(marker)).length, 1, `quote ${i}`);
          assert.ok(all.includes(`*T${i}*`), `attribution ${i} kept`);
          if (i > 0) assert.ok(all.indexOf(`> q${i} `) > all.indexOf(`> q${i - 1} `), 'order kept');
        });
      }),
      { numRuns: 100 },
    );
  });
});
