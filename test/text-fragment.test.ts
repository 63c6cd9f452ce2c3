import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { encodeFragmentTerm, linkToQuote, MAX_LINK_LENGTH, textDirective } from '../src/text/text-fragment.js';

/** Reads a link's text directive back as a browser does: split at `,`, then percent-decode each term. */
function termsOf(link: string): string[] {
  const directive = link.split(':~:')[1];
  assert.ok(directive?.startsWith('text='), `no text directive in ${link}`);
  if (!directive) return [];
  return directive.slice('text='.length).split(',').map((term) => decodeURIComponent(term));
}

test('a short quote is matched whole, its spaces encoded', () => {
  assert.equal(linkToQuote('https://example.org/bridges', 'Arches carry the weight.'), 'https://example.org/bridges#:~:text=Arches%20carry%20the%20weight.');
});

test('dashes, ampersands and commas inside the quote are encoded so they are not read as syntax', () => {
  const link = linkToQuote('https://example.org/a', 'Rock-and-roll, R&B - and more')!;
  const directive = link.split(':~:text=')[1]!;
  assert.doesNotMatch(directive, /[-&,]/);
  assert.deepEqual(termsOf(link), ['Rock-and-roll, R&B - and more']);
  assert.equal(encodeFragmentTerm('a-b'), 'a%2Db');
});

test('a long quote is matched by its first and last words; one spanning paragraphs by the first and the last', () => {
  const long = 'Bridges stand because arches carry their weight down into the ground, and the Romans knew it well before anyone wrote it down.';
  assert.deepEqual(termsOf(linkToQuote('https://example.org/', long)!), ['Bridges stand because arches', 'anyone wrote it down.']);
  const twoParagraphs = 'Floods come.\n\nWetlands slow the water down.';
  assert.deepEqual(termsOf(linkToQuote('https://example.org/', twoParagraphs)!), ['Floods come.', 'slow the water down.']);
});

test('whitespace runs collapse to one space, as the page renders them', () => {
  assert.deepEqual(termsOf(linkToQuote('https://example.org/', 'the  deck\thangs')!), ['the deck hangs']);
});

test('an existing fragment is kept and an existing directive replaced', () => {
  assert.equal(linkToQuote('https://example.org/page#part-2', 'Arches.'), 'https://example.org/page#part-2:~:text=Arches.');
  assert.equal(linkToQuote('https://example.org/page#:~:text=old', 'New words'), 'https://example.org/page#:~:text=New%20words');
});

test('only http and https URLs get a link', () => {
  for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'ftp://example.org/a', 'example.org/a', 'not a url', '', null, undefined]) {
    assert.equal(linkToQuote(url, 'words'), null, String(url));
  }
  assert.equal(textDirective('   \n  '), null);
});

test('a link that would be too long loses words of its fragment, then the fragment', () => {
  const url = `https://example.org/${'a'.repeat(440)}`;
  const quote = 'Bridges stand because arches carry their weight down into the ground and the Romans knew it well enough then.';
  const link = linkToQuote(url, quote)!;
  assert.ok(link.length <= MAX_LINK_LENGTH);
  assert.ok(link.includes(':~:text='));
  assert.equal(linkToQuote(`https://example.org/${'a'.repeat(490)}`, quote), `https://example.org/${'a'.repeat(490)}`);
  assert.equal(linkToQuote(`https://example.org/${'a'.repeat(600)}`, quote), null);
});

test('property: every term decodes to words of the quote, in order, and the link holds no raw syntax characters', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 400, unit: 'grapheme' }), (quote) => {
      const link = linkToQuote('https://example.org/doc', quote);
      const collapsed = quote.replace(/\s+/gu, ' ').trim();
      if (collapsed === '') return link === 'https://example.org/doc';
      assert.ok(link);
      const fragment = link.split('#')[1]!;
      assert.doesNotMatch(fragment.slice(':~:text='.length), /[-&\s()]/u);
      const terms = termsOf(link);
      assert.ok(terms.length === 1 || terms.length === 2);
      const flat = quote.split('\n').map((line) => line.replace(/\s+/gu, ' ').trim()).join('\n');
      let from = 0;
      for (const term of terms) {
        const at = flat.indexOf(term, from);
        assert.ok(at >= 0, `${JSON.stringify(term)} is not in ${JSON.stringify(flat)}`);
        from = at + term.length;
      }
      return true;
    }),
  );
});

test('half a surrogate pair in a quote does not break the link', () => {
  assert.ok(linkToQuote('https://example.org/', 'broken \uD800 text')?.includes(':~:text='));
});
