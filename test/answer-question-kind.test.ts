import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { answerKindOf, holdsAnswerKind, requiresAnswerKind } from '../src/answer/question-kind.js';

describe('answerKindOf', () => {
  const cases: [string, string][] = [
    ['How many soldiers were wounded in the ambush?', 'count'],
    ['Hoeveel doden vielen er bij de aanval?', 'count'],
    ['How much did the council pay for the land?', 'money'],
    ['How much grant money did the society receive for water butts?', 'money'],
    ['What is the price of a ticket?', 'money'],
    ['Hoeveel kost een kaartje?', 'money'],
    ['By how much did the budget grow?', 'number'],
    ['How long did the siege last?', 'duration'],
    ['How many years did the siege last?', 'duration'],
    ['Hoe lang duurde het beleg?', 'duration'],
    ['When did the ceasefire begin?', 'date'],
    ['On which weekend will the food bank move to Brookside?', 'date'],
    ['In which year was the treaty signed?', 'date'],
    ['Wanneer werd het verdrag getekend?', 'date'],
    ['Why did the government close the border?', 'reason'],
    ['Waarom sloot de regering de grens?', 'reason'],
    ['What did the minister say about the sanctions?', 'speech'],
    ['How did the embassy respond to the accusation?', 'speech'],
    ['Wat zei de woordvoerder over de schade?', 'speech'],
    ['Who ordered the strike on the convoy?', 'person'],
    ['Which newspaper first reported the leak?', 'person'],
    ['Wie leidde het onderzoek?', 'person'],
    ['Where were the prisoners taken?', 'place'],
    ['Which town fell last?', 'place'],
    ['Uit welke stad kwamen de vluchtelingen?', 'place'],
    ['Waar ligt de basis?', 'place'],
    ['What is the role of the monitoring group?', 'open'],
    ['Describe the convoy deal.', 'open'],
    ['What status code does a server return when a page is missing?', 'open'],
    ['According to the report, how many people fled?', 'count'],
    ['In which year did the war end?', 'date'],
  ];
  for (const [question, kind] of cases) {
    test(`${question} -> ${kind}`, () => assert.equal(answerKindOf(question), kind));
  }

  test('a "why" about a number still asks for a reason; "how many" wins over "who"', () => {
    assert.equal(answerKindOf('Why were so many civilians killed?'), 'reason');
    assert.equal(answerKindOf('How many people did the officials who resigned blame?'), 'count');
  });
});

describe('holdsAnswerKind', () => {
  const question = 'How many fighters left the city in 2017?';

  test('a number the question does not state answers "how many"; the question\'s own year does not', () => {
    assert.equal(holdsAnswerKind('number', 'Some 4,000 fighters left in buses.', question), true);
    assert.equal(holdsAnswerKind('number', 'Dozens of fighters left in buses.', question), true);
    assert.equal(holdsAnswerKind('number', 'Seven documents were altered.', question), true);
    assert.equal(holdsAnswerKind('number', 'The fighters left the city in 2017.', question), false);
    assert.equal(holdsAnswerKind('number', 'The deal was struck in secret.', question), false);
  });

  test('"how many" wants a count, not a share', () => {
    const answered = 'How many people answered the survey?';
    assert.equal(holdsAnswerKind('count', 'Over 35,000 people answered it.', answered), true);
    assert.equal(holdsAnswerKind('count', 'Er waren vier leerstijlen.', 'Hoeveel leerstijlen zijn er?'), true);
    assert.equal(holdsAnswerKind('count', 'In January, 71% of respondents were using containers.', answered), false);
    assert.equal(holdsAnswerKind('count', 'About 80 percent of the beds were sold.', answered), false);
    assert.equal(holdsAnswerKind('count', 'Google has run containers for more than a decade.', 'How many clusters does Google run?'), false);
    assert.equal(holdsAnswerKind('count', 'Ten years ago most night trains had been cancelled.', 'How many trains does the railway run?'), false);
    assert.equal(holdsAnswerKind('count', 'Twelve trains ran in the first two weeks.', 'How many trains does the railway run?'), true);
    assert.equal(holdsAnswerKind('count', 'Today it holds forty-two raised beds.', 'How many raised beds does the garden have?'), true);
    assert.equal(holdsAnswerKind('count', 'The new engine is twice as fast.', answered), false);
    assert.equal(answerKindOf('Hoeveel procent stemde voor?'), 'number');
  });

  test('a price, a cost or a payment wants a sum of money, not any number', () => {
    const price = 'What is the price of a sleeper bed?';
    assert.equal(holdsAnswerKind('money', 'The Pentagon budgeted $584 million for it.', price), true);
    assert.equal(holdsAnswerKind('money', '"Twenty dollars," said Madame.', price), true);
    assert.equal(holdsAnswerKind('money', 'Een bed kost 49 euro.', price), true);
    assert.equal(holdsAnswerKind('money', 'About 80 percent of the sleeper beds were sold.', price), false);
    assert.equal(requiresAnswerKind('How much does the service charge per user?'), true);
  });

  test('"how long" wants a span of time or a length, not any number', () => {
    const siege = 'How long did the siege last?';
    assert.equal(holdsAnswerKind('duration', 'The siege lasted eleven weeks.', siege), true);
    assert.equal(holdsAnswerKind('duration', 'It was lifted about 4 years later.', siege), true);
    assert.equal(holdsAnswerKind('duration', 'The cargo build finished in 49.93s.', siege), true);
    assert.equal(holdsAnswerKind('duration', 'The siege went on for more than a decade.', siege), true);
    assert.equal(holdsAnswerKind('duration', 'Het beleg duurde vijf maanden.', 'Hoe lang duurde het beleg?'), true);
    assert.equal(holdsAnswerKind('duration', 'Two full-time engineers ran the siege camp.', siege), false);
    assert.equal(holdsAnswerKind('duration', 'The siege ended in 2017.', siege), false);
  });

  test('a numeral that names (a chapter, a version, a section) is no count', () => {
    const members = 'Hoeveel leden heeft Open Nederland?';
    assert.equal(holdsAnswerKind('number', 'Open Nederland staat achter hoofdstuk 1a van de wet.', members), false);
    assert.equal(holdsAnswerKind('number', 'This is the announcement of Rust 1.15.1.', 'How many users does Rust have?'), false);
    assert.equal(holdsAnswerKind('number', 'As section 3 explains, the fee applies.', 'How much is the fee?'), false);
    assert.equal(holdsAnswerKind('number', 'Open Nederland heeft 1.200 leden.', members), true);
  });

  test('dates: years, months, weekdays and relative dates; "may" as a verb is not a month', () => {
    const when = 'When was the deal struck?';
    assert.equal(holdsAnswerKind('date', 'The deal was struck on 4 November.', when), true);
    assert.equal(holdsAnswerKind('date', 'It was struck last week in Cairo.', when), true);
    assert.equal(holdsAnswerKind('date', 'Het akkoord werd vorige maand gesloten.', when), true);
    assert.equal(holdsAnswerKind('date', 'The talks ended in May after a long delay.', when), true);
    assert.equal(holdsAnswerKind('date', 'The deal may be struck in secret.', when), false);
    assert.equal(holdsAnswerKind('date', 'In 2018 the talks resumed.', 'What happened in 2018?'), false);
  });

  test('persons: a full name, a titled name or an acronym that the question does not name', () => {
    const who = 'Who ordered the strike on the prison?';
    assert.equal(holdsAnswerKind('person', 'The order came from Gen. Mattis himself.', who), true);
    assert.equal(holdsAnswerKind('person', 'The strike was ordered by Ryan Dillon.', who), true);
    assert.equal(holdsAnswerKind('person', 'The report was issued by OCCRP and BIRN.', who), true);
    assert.equal(holdsAnswerKind('person', 'The prison was destroyed by the strike.', who), false);
    assert.equal(holdsAnswerKind('person', 'Ryan Dillon ordered the strike.', 'What did Ryan Dillon order?'), false);
  });

  test('places: a capitalised word after a preposition of place', () => {
    const where = 'Where were the prisoners taken?';
    assert.equal(holdsAnswerKind('place', 'The prisoners were taken to Hasaka.', where), true);
    assert.equal(holdsAnswerKind('place', 'The prisoners were taken away at night.', where), false);
  });

  test('places: a building or room, unless the question already names it', () => {
    assert.equal(holdsAnswerKind('place', 'The venue is a library meeting room that costs nothing.', 'Where does the meetup take place?'), true);
    assert.equal(holdsAnswerKind('place', 'We meet in the library every month.', 'Where in the library do we meet?'), false);
  });

  test('speech: words in quotation marks or a reporting verb', () => {
    const said = 'What did the spokesman say about the raid?';
    assert.equal(holdsAnswerKind('speech', 'He insisted the raid was "meticulously planned and carried out."', said), true);
    assert.equal(holdsAnswerKind('speech', 'The raid, he said, was lawful.', said), true);
    assert.equal(holdsAnswerKind('speech', 'The raid took place at dawn.', said), false);
  });

  test('reasons: a causal or purpose connective', () => {
    const why = 'Why did the navy withdraw its ships?';
    assert.equal(holdsAnswerKind('reason', 'The ships were withdrawn in order to confront China.', why), true);
    assert.equal(holdsAnswerKind('reason', 'De schepen vertrokken omdat de dreiging afnam.', why), true);
    assert.equal(holdsAnswerKind('reason', 'The ships were withdrawn in June.', why), false);
    assert.equal(holdsAnswerKind('reason', 'The warm August is the likely reason, but the new compost bays helped too.', 'Why was the harvest so big?'), true);
    assert.equal(holdsAnswerKind('reason', 'The harvest was big thanks to the warm August.', 'Why was the harvest so big?'), true);
  });

  test('an open question accepts any sentence', () => {
    assert.equal(holdsAnswerKind('open', 'Anything at all.', 'Describe the deal.'), true);
  });
});

describe('requiresAnswerKind', () => {
  test('a count, an amount or a calendar date asked outright must be in the quote', () => {
    for (const question of ['How many subscribers does the feed have?', 'What is the population of Tokyo?', 'Hoeveel leden heeft de vereniging?', 'In what year did the author die?', 'On what date was the treaty signed?', 'According to Bolton, how much did the war cost?']) {
      assert.equal(requiresAnswerKind(question), true, question);
    }
  });

  test('looser wordings may be answered in words, and other kinds are never required', () => {
    for (const question of ['How long will the troops stay?', 'Hoe lang wil de VS blijven?', 'When did the talks resume?', 'Who ordered the strike?', 'Why did the navy withdraw?', 'Describe the deal.']) {
      assert.equal(requiresAnswerKind(question), false, question);
    }
  });
});
