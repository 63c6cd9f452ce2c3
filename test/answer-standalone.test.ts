import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article } from '../src/domain.js';
import { ArticleLayoutCache } from '../src/answer/article-layout.js';
import { growQuote } from '../src/answer/grow-quote.js';
import { balanceQuoteMarks, isBalanced, pointsBack, sentenceRole } from '../src/answer/standalone.js';
import { splitSentences } from '../src/text/sentences.js';

const labels = { title: 'Rebels retake the river town', authors: ['Jane Roe'], publisher: 'Daily Planet' };

describe('sentenceRole', () => {
  test('prose is text, whatever its punctuation at the end', () => {
    assert.equal(sentenceRole('The rebels retook the town on Sunday.', labels, false), 'text');
    assert.equal(sentenceRole('Why would anyone stay?', labels, false), 'text');
    assert.equal(sentenceRole('Nobody came back......', labels, true), 'text');
    assert.equal(sentenceRole('“We will stay,” the mayor said.”', labels, false), 'text');
  });

  test('the title, a byline or a date line is not quoted', () => {
    assert.equal(sentenceRole('Rebels retake the river town', labels, true), 'heading');
    assert.equal(sentenceRole('Rebels retake the river town.........', labels, true), 'heading');
    assert.equal(sentenceRole('Jane Roe 21 November 2017', labels, true), 'metadata');
    assert.equal(sentenceRole('Jane Roe – Daily Planet', labels, true), 'metadata');
    assert.equal(sentenceRole('donderdag 8 februari 2018', labels, true), 'metadata');
    assert.equal(sentenceRole('October 3, 2017 at 12:58 pm', labels, true), 'metadata');
    assert.equal(sentenceRole('By John Smith', labels, true), 'metadata');
  });

  test("a figure's or table's caption is not quoted, also when its number follows a non-breaking space; prose about the figure is", () => {
    assert.equal(sentenceRole('Figure\u00a01: Total litter weight by towpath section, April to September 2023', labels, true), 'metadata');
    assert.equal(sentenceRole('Table 2. Items repaired per month, 2022.', labels, true), 'metadata');
    assert.equal(sentenceRole('Figure 1 shows that Section D had the most litter by weight.', labels, true), 'text');
  });

  test('a sentence that opens with "By" and goes on in lower case is prose, not a byline', () => {
    assert.equal(sentenceRole('By moving the body of a hot generic function into an inner function, our build went from 94 to 71 seconds.', labels, true), 'text');
    assert.equal(sentenceRole('By contrast, the river town stayed calm.', labels, false), 'text');
    assert.equal(sentenceRole('Door de storm bleef de haven dicht.', labels, true), 'text');
  });

  test('captions, credits and pointers are metadata', () => {
    assert.equal(sentenceRole('Photo: Fighters near the river, 2017', labels, true), 'metadata');
    assert.equal(sentenceRole('Read more about the battle here.', labels, true), 'metadata');
    assert.equal(sentenceRole('Lees verder op de website.', labels, true), 'metadata');
  });

  test('header fields of an email, a PEP or an RFC and reference-list entries are metadata, even inside a paragraph', () => {
    assert.equal(sentenceRole('Date: Wed, Feb 6, 2008 at 3:42 PM', labels, false), 'metadata');
    assert.equal(sentenceRole('Post-History: 07-Jul-2001, 09-Mar-2002', labels, false), 'metadata');
    assert.equal(sentenceRole('Onderwerp: de nieuwe website', labels, true), 'metadata');
    assert.equal(sentenceRole('[PLUMB] B. Metcalfe, "Internet Plumber of the Year: Jim Gettys", Infoworld, February 1995.', labels, true), 'metadata');
    assert.equal(sentenceRole('[12] J. Doe, The river war, 2017.', labels, true), 'metadata');
    // A labelled sentence that ends like one is prose.
    assert.equal(sentenceRole('Note: the RSS feed link has not changed.', labels, true), 'text');
  });

  test('a short line without a full stop is a heading when it is its own paragraph', () => {
    assert.equal(sentenceRole('Convoys on their way to the east of the river', labels, true), 'heading');
    assert.equal(sentenceRole('The aftermath', labels, false), 'heading');
  });

  test('a short question that is a paragraph by itself is a heading (an FAQ or interview layout): it asks, it does not answer', () => {
    assert.equal(sentenceRole('Why was the town left undefended for so long?', labels, true), 'heading');
    assert.equal(sentenceRole('“Who will rebuild the bridge?”', labels, true), 'heading');
    const longQuestion = 'Who will pay for the bridges, the schools and the hospitals that the fighting destroyed in every town along the river this year?';
    assert.equal(sentenceRole(longQuestion, labels, true), 'text');
  });

  test('a long line without a full stop inside a paragraph is a hard-wrapped line of prose', () => {
    assert.equal(sentenceRole('the convoy of trucks carrying fighters and their families left the city', labels, false), 'text');
  });

  test('a list item needs a verb to stand alone', () => {
    assert.equal(sentenceRole('- Al-Hasakah central prison', labels, false), 'fragment');
    assert.equal(sentenceRole('2. Fighters and families from the camps', labels, false), 'fragment');
    assert.equal(sentenceRole('- The prison held 5,000 fighters', labels, false), 'text');
  });
});

describe('balanceQuoteMarks', () => {
  test('paired marks of each style balance', () => {
    assert.equal(isBalanced('He said “we stay” and left.'), true);
    assert.equal(isBalanced('He said "we stay" and left.'), true);
    assert.equal(isBalanced('Ze zei „we blijven” en ging.'), true);
    assert.equal(isBalanced('Ze zei „we blijven“ en ging.'), true);
    assert.equal(isBalanced('the so-called ‘moderate rebels’ of Syria’s north'), true);
  });

  test('apostrophes are not quotation marks', () => {
    assert.equal(isBalanced('Syria’s army and the rebels’ retreat'), true);
    assert.equal(isBalanced("It's the rebels' town."), true);
  });

  test('a mark left open or closed without its pair is reported where it is', () => {
    const open = 'He said: “We stay.';
    assert.deepEqual(balanceQuoteMarks(open), { unclosed: [open.indexOf('“')], unopened: [] });
    const closed = 'and we leave,” he said.';
    assert.deepEqual(balanceQuoteMarks(closed), { unclosed: [], unopened: [closed.indexOf('”')] });
    assert.equal(isBalanced('He called it "a "crime.'), true);
    assert.equal(isBalanced('He called it "a crime.'), false);
  });
});

describe('pointsBack', () => {
  test('pronoun and connective openings lean on the sentence before', () => {
    assert.equal(pointsBack('It began in June.'), true);
    assert.equal(pointsBack('However, the convoy left.'), true);
    assert.equal(pointsBack('“This will definitely kill people,” he warned.'), true);
    assert.equal(pointsBack('Daarom bleef het leger.'), true);
    assert.equal(pointsBack('and then it ended.'), true);
  });

  test('an opening phrase then a pronoun subject, or a speaker known only as a pronoun', () => {
    assert.equal(pointsBack('In preparation, it began moving troops.'), true);
    assert.equal(pointsBack('Noting the toll of the war, he added: “Nobody is safe.”'), true);
    assert.equal(pointsBack('“We will not leave,” she said.'), true);
    assert.equal(pointsBack('“We blijven,” zei hij.'), true);
  });

  test('an opening phrase that refers back ("For this purpose,", "As a result,") leans on the sentence before', () => {
    assert.equal(pointsBack('For this purpose, the "WHEN" method has been added to HTCPCP.'), true);
    assert.equal(pointsBack('As a result, the build takes twice as long.'), true);
    assert.equal(pointsBack('For the first time, the build ran on ARM.'), false);
  });

  test('a sentence naming again, as "the X", what the sentence before brought in as "a X" leans on it', () => {
    assert.equal(pointsBack('The volunteer also proposed a fix.', 'Because the code was public, a volunteer reviewed it.'), true);
    assert.equal(pointsBack('De vrijwilliger stelde een oplossing voor.', 'Een vrijwilliger las de code.'), true);
    assert.equal(pointsBack('The volunteer also proposed a fix.', 'The code was reviewed by the team.'), false);
  });

  test('a sentence that names its subject stands alone', () => {
    assert.equal(pointsBack('The convoy left Raqqa in October.'), false);
    assert.equal(pointsBack('In October, the convoy left Raqqa.'), false);
    assert.equal(pointsBack('“We will not leave,” the mayor said.'), false);
  });
});

describe('growQuote', () => {
  const text = 'The hardest night came in January 1979, when a storm broke the windows of the lantern room on the north side. The keepers held a tarpaulin over the lens for eleven hours. The light never went out.';
  const article = { ...labels, id: 'a#0', source: 'a.txt', date: null, url: null, language: 'en', republishedIn: null, text } as Article;
  const sentences = splitSentences(text, 'en');
  const layout = new ArticleLayoutCache().layoutOf(article, sentences);
  const grown = (scores: number[]) => {
    const span = growQuote({ text, sentences, layout, score: (i) => scores[i] ?? 0, holdsKind: () => true }, 0, []);
    return span && text.slice(span.start, span.end);
  };

  test('the next sentence joins when it is nearly as relevant (60% of the best score): the scene and what happened in it', () => {
    assert.equal(grown([0.5, 0.32, 0.1]), 'The hardest night came in January 1979, when a storm broke the windows of the lantern room on the north side. The keepers held a tarpaulin over the lens for eleven hours.');
    assert.equal(grown([0.5, 0.2, 0.1]), 'The hardest night came in January 1979, when a storm broke the windows of the lantern room on the north side.');
  });
});
