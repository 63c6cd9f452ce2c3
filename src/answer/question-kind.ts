import { foldText } from '../text/normalize.js';

/**
 * What kind of answer a question asks for, read from its wording (English and Dutch), and
 * whether a sentence holds an answer of that kind. "How many" wants a count (not a share: "71%"),
 * "how much" a number, a price a sum of money, "how long" a number with a unit of time or length
 * ("eleven weeks", "49.93s"), "when" a date, "who" a name, "where" a place, "why" a reason, "what
 * did X say" someone's words. A sentence that shares the question's words but holds no such
 * answer is near the answer, not the answer.
 */

export type AnswerKind = 'money' | 'duration' | 'count' | 'number' | 'date' | 'person' | 'place' | 'speech' | 'reason' | 'open';

/** "What is the population of ...": an amount asked for by name, in both the kind and the required-kind patterns. */
const NAMED_AMOUNT = String.raw`what (?:is|was|are|were) the (?:population|price|cost|number|percentage|total)`;

/** Question patterns per kind, tried in this order on the folded question: the first match wins. */
const KIND_PATTERNS: readonly (readonly [AnswerKind, RegExp])[] = [
  [
    'money',
    /\bhow much (?:money\b|.{0,60}?\b(?:cost|costs|charge|charges|charged|pay|pays|paid|spend|spent|earn|earned|raise|raised|budgeted|sell|sold|money|grant|grants|funding|donated|subsidy|rent)\b)|\bwhat (?:is|was|are|were) the (?:price|prices|cost|costs|fee|fees|fare|salary|budget)\b|\bwhat price\b|\bhoeveel (?:geld\b|.{0,60}?\b(?:kost|kostte|kosten|betaalde|betaalt|betalen|verdiende|verdient)\b)|\bwat (?:kost|kostte|kosten)\b|\bwat (?:is|was) de prijs\b/,
  ],
  [
    'duration',
    /\bhow long\b|\bhow many (?:years|months|weeks|days|hours|minutes|seconds)\b|\bhoe lang\b|\bhoeveel (?:jaar|jaren|maanden|weken|dagen|uur|uren|minuten|seconden)\b/,
  ],
  [
    'count',
    /\bhow many\b|\bhoeveel\b(?! (?:procent|geld|tijd)\b)/,
  ],
  [
    'number',
    new RegExp(
      String.raw`\bhow (?:much|far|often|old|large|big|high|heavy|fast)\b|\bwhat (?:number|percentage|proportion|share|amount|sum|toll|range|size)\b|\b${NAMED_AMOUNT}\b|\bhoeveel\b|\bhoe (?:vaak|ver|groot|oud|hoog|zwaar|snel)\b|\bwelk (?:aantal|percentage|bedrag)\b`,
    ),
  ],
  [
    'date',
    /\bwhen\b|\b(?:what|which|in which|in what|on which|on what) (?:year|date|day|month|time|weekend|week|season)\b|\bsince when\b|\bwanneer\b|\b(?:welk|in welk) (?:jaar|weekend)\b|\bwelke (?:datum|dag|maand|week)\b|\bsinds wanneer\b/,
  ],
  [
    'reason',
    /\bwhy\b|\bwhat (?:is|was|were|are) the (?:reason|purpose|aim|goal|motive)s?\b|\bfor what (?:reason|purpose)\b|\bwhat for\b|\bwaarom\b|\bmet welk doel\b|\bwat (?:is|was) de (?:reden|bedoeling)\b/,
  ],
  [
    'speech',
    /\bwhat (?:did|does|do|had|has|have|would) .{1,80}?\b(?:say|said|tell|told|write|wrote|claim|state|warn|call|declare|announce|promise|threaten|predict|report|argue|reply|answer|admit|deny|insist)\b|\bhow (?:did|does|do|has|have) .{1,80}?\b(?:respond|react|reply|answer|defend|justify|describe|explain|comment|call|characteri[sz]e)\b|\bwat (?:zei|zegt|zeggen|zeiden|schreef|schrijft|schrijven|beweert|beweerde|verklaarde|stelt|stelde)\b|\bhoe (?:reageerde|reageert|verdedigde|verklaarde|beschrijft|beschreef)\b/,
  ],
  [
    'person',
    /\bwho\b|\bwhom\b|\bwhose\b|\bwhich (?:person|people|official|officials|leader|leaders|minister|president|journalist|spokesman|spokesperson|commander|general|group|organi[sz]ation|newspaper|agency|author|analyst|expert)\b|\bwie\b|\bwelke (?:persoon|minister|president|journalist|woordvoerder|groep|organisatie|krant)\b/,
  ],
  [
    'place',
    /\bwhere\b|\b(?:which|what|in which|in what) (?:city|town|country|countries|province|region|place|village|base|area|port|border)\b|\bwaar(?!om)\b|\b(?:welke|in welke|uit welke|vanuit welke) (?:stad|plaats|land|provincie|regio|streek|basis|grensstad)\b|\b(?:welk|in welk|uit welk) land\b/,
  ],
];

/** The question word that opens what is asked (after "According to X," or "In"). */
const QUESTION_WORD = /\b(?:what|which|who|whom|whose|when|where|why|how|wat|welk|welke|wie|wanneer|waar|waarom|hoe|hoeveel)\b/;

/**
 * The kind of answer the question asks for, from its first question word: in "What status code
 * does a server return when a page is missing?" the "when" belongs to a clause of the question,
 * not to what is asked. 'open' when the wording does not say.
 */
export function answerKindOf(question: string): AnswerKind {
  const asked = askedPart(question);
  if (asked === null) return 'open';
  for (const [kind, pattern] of KIND_PATTERNS) if (pattern.exec(asked)?.index === 0) return kind;
  return 'open';
}

/** The folded question from its first question word on; null when it has none. */
function askedPart(question: string): string | null {
  const folded = foldText(question).replace(/\s+/g, ' ');
  const at = QUESTION_WORD.exec(folded)?.index;
  return at === undefined ? null : folded.slice(at);
}

/**
 * Wordings that name the answer outright: a count or an amount ("how many", "hoeveel") or a
 * calendar date ("in what year", "welke datum"). Looser wordings ("how long", "when") may be
 * answered in words ("as long as the troops stay", "after the vote").
 */
const REQUIRED_KIND = new RegExp(
  String.raw`^(?:how (?:many|much)|what (?:number|percentage|proportion|amount|sum)|${NAMED_AMOUNT}|hoeveel|welk (?:aantal|percentage|bedrag)|(?:what|which) (?:year|date|day|month)|welk jaar|welke (?:datum|dag|maand))\b`,
);

/**
 * Whether the question names the kind of answer outright, so that a quote without a number or
 * a date is no answer at all (silence beats "the RSS feed link has not changed" for "how many
 * subscribers"), rather than a weaker one.
 */
export function requiresAnswerKind(question: string): boolean {
  const asked = askedPart(question);
  return asked !== null && REQUIRED_KIND.test(asked);
}

const NUMBER_WORDS = new Set([
  'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen',
  'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty',
  'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred', 'hundreds', 'thousand', 'thousands',
  'million', 'millions', 'billion', 'billions', 'dozen', 'dozens', 'scores', 'percent', 'half', 'twice',
  'double', 'triple', 'decade', 'decades', 'century', 'centuries', 'twee', 'drie', 'vier', 'vijf', 'zes',
  'zeven', 'acht', 'negen', 'tien', 'elf', 'twaalf', 'twintig', 'dertig', 'veertig', 'vijftig', 'zestig',
  'zeventig', 'tachtig', 'negentig', 'honderd', 'honderden', 'duizend', 'duizenden', 'miljoen', 'miljoenen',
  'miljard', 'tientallen', 'dozijn', 'procent', 'helft', 'dubbel', 'decennium', 'decennia', 'eeuw', 'eeuwen',
]);

const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'januari', 'februari', 'maart', 'mei', 'juni', 'juli', 'augustus', 'oktober',
]);
const WEEKDAYS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'maandag', 'dinsdag',
  'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag',
]);
const RELATIVE_DATE =
  /\b(?:yesterday|today|tonight|(?:last|next|this|earlier this|later this|the previous|the following) (?:week|month|year|night|morning|spring|summer|autumn|fall|winter|weekend)|\d+ (?:days|weeks|months|years) (?:ago|later|earlier)|gisteren|vandaag|eergisteren|(?:vorige|volgende|deze|afgelopen) (?:week|maand|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)|(?:vorig|volgend|dit|afgelopen) jaar|geleden)\b/;
const YEAR = /^(?:1[89]|20)\d\d(?:s)?$/;
/**
 * Units of time, and of length for "how long is ...": an amount followed by one of these (within
 * two words: "about 4 years", "eleven long weeks") or written on it ("49.93s", "500ms") is a duration.
 */
const TIME_UNITS = new Set([
  'second', 'seconds', 'sec', 'secs', 's', 'ms', 'minute', 'minutes', 'min', 'mins', 'hour', 'hours', 'h', 'hrs', 'day', 'days',
  'week', 'weeks', 'month', 'months', 'year', 'years', 'decade', 'decades', 'century', 'centuries', 'seconde', 'seconden',
  'minuut', 'minuten', 'uur', 'uren', 'dag', 'dagen', 'weken', 'maand', 'maanden', 'jaar', 'jaren', 'eeuw', 'eeuwen',
]);
const DURATION_UNITS = new Set([
  ...TIME_UNITS,
  'meter', 'meters', 'metre', 'metres', 'm', 'km', 'kilometre', 'kilometres', 'kilometer', 'kilometers', 'mile', 'miles',
  'feet', 'foot', 'ft', 'inches', 'characters', 'lines', 'pages', 'words',
]);
const UNIT_SUFFIX = /^\d+(?:[.,]\d+)?(?:ms|s|sec|min|h|hrs?|d|km|m)$/;
/** A sum of money: a currency sign before a number, or a number (digits or words) before a currency. */
const MONEY = new RegExp(
  String.raw`[$€£¥]\s?\d|\b(?:\d[\d.,]*|${[...NUMBER_WORDS].join('|')}|one|a)(?:[\s-]+(?:and|\d[\d.,]*|million|billion|thousand|hundred|[a-z]+ty|[a-z]+teen|one|two|three|four|five|six|seven|eight|nine))*\s*(?:dollars?|cents?|euros?|eurocents?|pounds?|usd|eur|gbp|yen|francs?|rubles?|roubles?|gulden|guilders?)\b`,
);
/** Number words that are a span of time on their own ("for more than a decade"). */
const SPAN_WORDS = new Set(['decade', 'decades', 'century', 'centuries', 'decennium', 'decennia', 'eeuw', 'eeuwen']);

/** Words before a numeral that make it a label, not an amount: "hoofdstuk 1a", "section 3", "RFC 2324". */
const NUMBER_LABELS = new Set([
  'chapter', 'section', 'article', 'page', 'version', 'release', 'rfc', 'pep', 'no', 'nr', 'hoofdstuk', 'artikel',
  'pagina', 'versie', 'paragraaf', 'lid',
]);
/** Numerals that name rather than count: "1a", "1.15.1". */
const LABEL_NUMERAL = /^\d+\p{L}+$|^\d+(?:\.\d+){2,}$/u;

const REASON =
  /\b(?:because|since|as a result|due to|owing to|in order to|so as to|so that|in a bid to|aimed at|aims? to|intended to|designed to|the (?:aim|goal|purpose|motive)|reasons?|thanks to|caused by|(?:is|was|that's|that is) why|in the hope|for the sake of|given that|the point is|omdat|doordat|want|vanwege|zodat|teneinde|om(?: \S+){1,12} te|met als doel|de reden|bedoeld om|ten behoeve van)\b/;

const REPORTING =
  /\b(?:said|says|say|told|tells|stated|states|declared|declares|insisted|insists|warned|warns|added|adds|claimed|claims|wrote|writes|announced|announces|vowed|argued|argues|threatened|denied|admitted|replied|responded|remarked|noted|explained|according to|in a statement|zei|zegt|zeggen|zeiden|verklaarde|verklaart|stelde|stelt|aldus|volgens|schreef|schrijft|beweerde|beweert|waarschuwde|meldde|meldt|liet weten)\b/;
/**
 * Someone's words in quotation marks: a quotation mark followed by at least a few words (the
 * closing mark may lie in a later sentence of the same quotation).
 */
const QUOTED_WORDS = /(?:^|[\s(\[:—–-])["“„«‘]\s*[^"“”„«»]{12,}/;

/** Lower-case words that may sit inside a name: "Bill Van Auken", "Bashar al-Assad", "Ibn Saud". */
const NAME_PARTICLES = new Set(['van', 'de', 'der', 'den', 'von', 'al', 'el', 'bin', 'ibn', 'la', 'le', 'da', 'di', 'du']);
/** Words before a name that make a single capitalised word a person: "Col. Dillon", "President Assad". */
const TITLES = new Set([
  'president', 'minister', 'col', 'colonel', 'gen', 'general', 'lt', 'sgt', 'capt', 'captain', 'maj', 'major',
  'adm', 'admiral', 'sen', 'senator', 'rep', 'gov', 'governor', 'secretary', 'spokesman', 'spokeswoman',
  'spokesperson', 'director', 'chief', 'king', 'prince', 'mr', 'mrs', 'ms', 'dr', 'prof', 'professor',
  'woordvoerder', 'premier', 'generaal', 'kolonel', 'koning',
]);
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'near', 'from', 'into', 'to', 'across', 'outside', 'inside', 'towards', 'toward', 'bij', 'nabij', 'naar', 'uit', 'rond', 'vanuit', 'richting']);
const PLACE_NOUNS = /\b(?:city|town|village|province|governorate|region|district|port|base|capital|border|strait|river|stad|dorp|provincie|regio|haven|basis|hoofdstad|grens|rivier|grensstad)\b/;
/** Buildings and rooms a "where" question is answered with when no place is named ("a library meeting room", "the church hall"). */
const VENUES = new Set([
  'room', 'hall', 'library', 'venue', 'office', 'offices', 'building', 'cafe', 'café', 'park', 'school', 'church', 'museum',
  'station', 'depot', 'garden', 'street', 'square', 'centre', 'center', 'campus', 'theatre', 'theater', 'warehouse', 'basement',
  'zaal', 'kantoor', 'gebouw', 'bibliotheek', 'kerk', 'straat', 'plein', 'buurthuis', 'kelder', 'loods',
]);

interface Word {
  text: string;
  folded: string;
  /** True for the first word of the sentence, whose capital says nothing. */
  initial: boolean;
  /** What follows the word in its sentence, up to the next word. */
  after: string;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.,-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

/** Folds a word (accents only when it has any: NFKD is the slow part of reading a sentence). */
const foldWord = (word: string): string =>
  (/[^\x00-\x7f]/.test(word) ? foldText(word) : word.toLowerCase()).replace(/[’']s$/, '').replace(/\.$/, '');

function wordsOf(text: string): Word[] {
  const matches = [...text.matchAll(WORD)];
  return matches.map((match, i) => ({
    text: match[0],
    folded: foldWord(match[0]),
    initial: i === 0,
    after: text.slice(match.index + match[0].length, matches[i + 1]?.index ?? text.length),
  }));
}

/** Words after a number that make it a share, not a count: "71%", "80 percent". */
const SHARE_WORDS = new Set(['percent', 'procent', 'pct']);
/** Number words that compare or span rather than count ("twice as fast", "for more than a decade"). */
const NOT_COUNTS = new Set(['half', 'twice', 'double', 'triple', 'helft', 'dubbel']);

const isCapitalised = (word: Word): boolean => /^\p{Lu}/u.test(word.text);
const isAcronym = (word: Word): boolean => /^\p{Lu}{2,}[\p{Lu}\p{N}]*$/u.test(word.text);
const isNumeral = (word: Word): boolean => /\p{N}/u.test(word.text);

/** A number written as a hyphenated pair of words: "forty-two", "twenty-one". */
const COMPOUND_NUMBER = /^(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)$/;

/** A number word, or a numeral that counts rather than names ("hoofdstuk 1a", "Rust 1.15.1" name). */
function isAmount(word: Word, before: Word | undefined): boolean {
  if (NUMBER_WORDS.has(word.folded) || COMPOUND_NUMBER.test(word.folded)) return true;
  return isNumeral(word) && !LABEL_NUMERAL.test(word.text) && !(before && NUMBER_LABELS.has(before.folded));
}

interface Name {
  parts: string[];
  /** A lone capitalised word only names someone after a title or as an acronym. */
  strong: boolean;
}

/** Runs of capitalised words (with name particles inside) that are not just the sentence's first word. */
function namesIn(words: readonly Word[]): Name[] {
  const names: Name[] = [];
  let run: Word[] = [];
  let titled = false;
  const flush = () => {
    while (run.length > 0 && !isCapitalised(run[run.length - 1]!)) run.pop();
    const lone = run.length === 1 ? run[0]! : null;
    if (run.length >= 2 || (lone && (!lone.initial || isAcronym(lone)))) {
      names.push({ parts: run.map((word) => word.folded), strong: !lone || titled || isAcronym(lone) });
    }
    run = [];
  };
  words.forEach((word, i) => {
    if (isCapitalised(word) && !isNumeral(word) && !TITLES.has(word.folded)) {
      if (run.length === 0) titled = i > 0 && TITLES.has(words[i - 1]!.folded);
      run.push(word);
    } else if (run.length > 0 && NAME_PARTICLES.has(word.folded)) {
      run.push(word);
    } else {
      flush();
    }
  });
  flush();
  return names;
}

/**
 * What a sentence offers as an answer, read once and kept (it does not depend on the question):
 * the numbers, dates, names and places it states, and whether it reports speech or gives a reason.
 */
export interface AnswerFacts {
  /** Numbers as folded words (digits and number words), years left out. */
  numbers: string[];
  /** Numbers that count rather than give a share ("71 respondents", not "71%"). */
  counts: string[];
  /** Amounts of time or length: a number with its unit ("eleven weeks", "49.93s"), as its folded number. */
  durations: string[];
  /** A sum of money ("$584 million", "Twenty dollars", "€ 12"). */
  statesMoney: boolean;
  /** Years, months and weekdays as folded words. */
  dates: string[];
  /** An ISO date or a relative one ("last week", "vorige maand"). */
  statedDate: boolean;
  names: Name[];
  /** Capitalised words right after a preposition of place ("in Hasaka", "naar Damascus"). */
  places: string[];
  placeNoun: boolean;
  /** Buildings and rooms it names ("meeting room", "hall"). */
  venues: string[];
  reportsSpeech: boolean;
  quotesWords: boolean;
  givesReason: boolean;
}

export function answerFactsOf(sentence: string): AnswerFacts {
  const words = wordsOf(sentence);
  const folded = foldText(sentence);
  const numbers: string[] = [];
  const counts: string[] = [];
  const durations: string[] = [];
  const dates: string[] = [];
  const places: string[] = [];
  const unitFollows = (i: number) => [1, 2].some((ahead) => DURATION_UNITS.has(words[i + ahead]?.folded ?? ''));
  words.forEach((word, i) => {
    if (YEAR.test(word.folded)) dates.push(word.folded);
    else {
      const amount = isAmount(word, words[i - 1]);
      if (amount) numbers.push(word.folded);
      const countable = amount && !SPAN_WORDS.has(word.folded) && !NOT_COUNTS.has(word.folded) && !SHARE_WORDS.has(word.folded);
      // "Ten years ago" is a span of time, not a count of anything a "how many" question asks for.
      const next = words[i + 1]?.folded ?? '';
      if (countable && !/^\s?%/.test(word.after) && !SHARE_WORDS.has(next) && !TIME_UNITS.has(next)) counts.push(word.folded);
      if (UNIT_SUFFIX.test(word.folded) || (amount && (SPAN_WORDS.has(word.folded) || unitFollows(i)))) durations.push(word.folded);
    }
    // "may" is a month only with its capital, and not as the first word.
    if (WEEKDAYS.has(word.folded) || MONTHS.has(word.folded) || (word.text === 'May' && !word.initial)) dates.push(word.folded);
    if (i > 0 && isCapitalised(word) && PLACE_PREPOSITIONS.has(words[i - 1]!.folded)) places.push(word.folded);
  });
  return {
    numbers,
    counts,
    durations,
    statesMoney: MONEY.test(folded),
    dates,
    statedDate: /\b\d{4}-\d{2}-\d{2}\b/.test(folded) || RELATIVE_DATE.test(folded),
    names: namesIn(words),
    places,
    placeNoun: PLACE_NOUNS.test(folded),
    venues: words.filter((word) => VENUES.has(word.folded)).map((word) => word.folded),
    reportsSpeech: REPORTING.test(folded),
    quotesWords: QUOTED_WORDS.test(sentence),
    givesReason: REASON.test(folded),
  };
}

/** The folded words of a question: an answer that only repeats them ("in 2018" for "what happened in 2018?") is no answer. */
export function askedWords(question: string): ReadonlySet<string> {
  return new Set(wordsOf(question).map((word) => word.folded));
}

/**
 * Whether a sentence with these facts holds an answer of the kind asked for: a number, date,
 * name or place the question does not already state, someone's words, or a stated reason.
 * Always true for an 'open' question.
 */
export function holdsAnswer(kind: AnswerKind, facts: AnswerFacts, asked: ReadonlySet<string>): boolean {
  const fresh = (word: string) => !asked.has(word);
  const freshName = (name: Name) => name.parts.some((part) => fresh(part) && !NAME_PARTICLES.has(part));
  switch (kind) {
    case 'open':
      return true;
    case 'money':
      return facts.statesMoney;
    case 'duration':
      return facts.durations.some(fresh);
    case 'count':
      return facts.counts.some(fresh);
    case 'number':
      return facts.numbers.some(fresh);
    case 'date':
      return facts.dates.some(fresh) || facts.statedDate;
    case 'person':
      return facts.names.some((name) => (name.strong || facts.reportsSpeech) && freshName(name));
    case 'place':
      return facts.places.some(fresh) || facts.venues.some(fresh) || (facts.placeNoun && facts.names.some(freshName));
    case 'speech':
      return facts.quotesWords || facts.reportsSpeech;
    case 'reason':
      return facts.givesReason;
  }
}

/** `holdsAnswer` for one sentence and question, read afresh. */
export function holdsAnswerKind(kind: AnswerKind, sentence: string, question: string): boolean {
  return holdsAnswer(kind, answerFactsOf(sentence), askedWords(question));
}
