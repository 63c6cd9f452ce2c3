import type { ArticleSummary } from '../domain.js';
import { foldText } from '../text/normalize.js';
import { contentWords } from '../text/tokenize.js';

/**
 * What a question says about the corpus itself: the known authors and titles it names, the
 * years or months of publication it asks about, and whether it asks the catalogue ("who wrote
 * ...", "when was ... published", "which articles ... in 2018", "what did X write"). These narrow
 * the search like the author and document filters, and a writer or title the corpus does not
 * have is reported as such instead of being searched for.
 */

/** A question about the catalogue: who wrote it, when it was published, or which articles there are. */
export type CatalogueAsk = 'author' | 'date' | 'list';

export interface QuestionScope {
  /** Null for a question about what the articles say. */
  ask: CatalogueAsk | null;
  /** Known authors the question names, as the corpus writes them. */
  authors: string[];
  /**
   * The question asks for the words of the author it names ("what did X write about ...",
   * "according to X"), not merely about them: "Why does 18F use HTTPS?" names 18F as its topic.
   */
  authorIsSource: boolean;
  /** Ids of the articles whose title the question names. */
  articleIds: string[];
  /** Inclusive publication-date bounds (`2018`, `2023-06`, ISO prefixes) when the question asks about writing or publishing. */
  dateFrom: string | null;
  dateTo: string | null;
  /** A writer the question names ("articles by Noam Chomsky") whom no article has. */
  unknownAuthor: string | null;
  /** A title the question quotes that no article has. */
  unknownTitle: string | null;
  /** The language of the articles the question names as its source ("the Dutch blog"), when the corpus mixes languages. */
  language: string | null;
  /** The question to search with: without the words that named the source's language, which no passage needs to use. */
  searchText: string;
  /** The question has words beyond the catalogue's (names, titles, dates, "articles", "published"): a topic to search for. */
  hasTopic: boolean;
}

const ASKS: readonly (readonly [CatalogueAsk, RegExp])[] = [
  [
    'author',
    /\bwho (?:wrote|writes|has written|had written|authored|penned|is the author of|was the author of|are the authors of|signed)\b|\bby whom\b|\bwie (?:schreef|schreven|heeft .{1,60} geschreven|is de (?:auteur|schrijver) van)\b/,
  ],
  [
    'date',
    /\b(?:when|what date|which date|in what year|in which year|what year|which year|on what date|on which date) (?:was|were|did|is|has|had)\b.{0,120}\b(?:published|written|posted|released|appear|appeared|come out|came out|dated)\b|\b(?:when|on what date|on which date) (?:was|were) (?:the|this|that) (?:article|post|blog post|paper|pep|rfc|document|proposal|memo|essay|report|newsletter|letter)\b.{0,120}\b(?:created|drafted|issued|filed|submitted|sent)\b|\bwanneer (?:is|werd|werden|zijn|verscheen|verschenen)\b.{0,120}\b(?:gepubliceerd|geschreven|gepost|verschenen)\b/,
  ],
  [
    'list',
    /\b(?:which|what|list(?: all)?(?: the)?|show(?: me)?(?: the)?) (?:articles|posts|documents|pieces|papers|texts|stories|blog posts|essays)\b|\bwhat (?:did|has|have|does) [^?]{1,60}\b(?:write|written|publish|published|post|posted)\s*(?:(?:in|during|since|before|after|from) [^?]{1,30})?\??$|\bwelke (?:artikelen|stukken|berichten|teksten|documenten)\b|\bwat (?:schreef|schreven|heeft .{1,60} geschreven|publiceerde)\b/,
  ],
];

/**
 * A language named as the source's: "the Dutch blog", "according to the English article",
 * "het Nederlandse artikel". A language alone ("in Dutch") may be the one the reader wants, not the source's.
 */
const SOURCE_LANGUAGE =
  /\b(dutch|nederlandse?|nederlandstalige?|english|engelse?|engelstalige?) (?:[\p{L}-]+ )?(?:blogs?|bloggers?|blogposts?|articles?|posts?|pieces?|texts?|sites?|websites?|authors?|writers?|documentation|docs|versions?|sources?|artikel|artikelen|stuk|stukken|tekst|teksten|auteurs?|schrijvers?|bron)\b/iu;
const LANGUAGE_CODES: Readonly<Record<string, string>> = { dutch: 'nl', nederlands: 'nl', english: 'en', engels: 'en' };

/**
 * The source language the question names, when the catalogue has articles in it and in another,
 * and the question without the words that named it.
 */
function namedSourceLanguage(question: string, languages: ReadonlySet<string>): { language: string | null; searchText: string } {
  const match = SOURCE_LANGUAGE.exec(question);
  const code = match ? LANGUAGE_CODES[match[1]!.toLowerCase().replace(/(?:talig)?e?$/, '')] : undefined;
  const mixed = code !== undefined && languages.has(code) && [...languages].some((language) => language !== code);
  if (!match || !mixed) return { language: null, searchText: question };
  return { language: code, searchText: `${question.slice(0, match.index)}${question.slice(match.index + match[0].length)}`.replace(/\s+/g, ' ').replace(/ (?=[,.;:?!])/g, '').trim() };
}

/** A year or month tied to writing or publishing: "published in 2018", "write in June 2023", "2017 articles". */
const DATED_WRITING =
  /\b(?:published|written|wrote|write|writes|posted|appeared|articles?|posts?|pieces?|papers?|geschreven|gepubliceerd|schreef|verschenen|artikelen|stukken)\b[^?.!]{0,40}?\b(?:19|20)\d\d\b|\b(?:19|20)\d\d (?:articles?|posts?|pieces?|papers?|artikelen)\b/;

const NAME = '((?:\\p{Lu}[\\p{L}\\p{N}.\'’-]*\\s?){1,4})';
/** A writer named after a phrase about writing: "articles by X", "what did X write", "X's posts". */
const WRITER_PATTERNS: readonly RegExp[] = [
  `\\b(?:articles?|posts?|pieces?|papers?|texts?|essays?|stories|anything|something|written|work|works) (?:by|from) ${NAME}`,
  `\\b(?:did|has|have|does) ${NAME} (?:write|written|publish|published|post|posted|blog|blogged)\\b`,
  `${NAME}['’]s (?:articles?|posts?|pieces?|papers?|essays?|writing)\\b`,
  `\\b(?:artikelen|stukken|berichten|teksten) van ${NAME}`,
  `\\b(?:schreef|schreven|publiceerde) ${NAME}`,
  `\\bheeft ${NAME} .{0,40}geschreven\\b`,
  `\\bgeschreven door ${NAME}`,
].map((pattern) => new RegExp(pattern, 'u'));

const MONTHS: Readonly<Record<string, string>> = Object.fromEntries(
  [
    ['january januari jan', '01'], ['february februari feb', '02'], ['march maart mar', '03'], ['april apr', '04'],
    ['may mei', '05'], ['june juni jun', '06'], ['july juli jul', '07'], ['august augustus aug', '08'],
    ['september sep sept', '09'], ['october oktober oct okt', '10'], ['november nov', '11'], ['december dec', '12'],
  ].flatMap(([names, month]) => names!.split(' ').map((name) => [name, month!])),
);
const YEAR = '((?:19|20)\\d\\d)';
const MONTH = `(${Object.keys(MONTHS).join('|')})`;

/** Words that ask about the catalogue rather than a topic. */
const CATALOGUE_WORDS = new Set([
  'article', 'articles', 'post', 'posts', 'posted', 'blog', 'piece', 'pieces', 'paper', 'papers', 'document',
  'documents', 'text', 'texts', 'story', 'stories', 'essay', 'essays', 'published', 'publish', 'written', 'write',
  'wrote', 'writes', 'appeared', 'appear', 'author', 'authors', 'writer', 'list', 'show', 'corpus', 'anything',
  'artikel', 'artikelen', 'stuk', 'stukken', 'bericht', 'berichten', 'tekst', 'teksten', 'geschreven', 'schreef',
  'gepubliceerd', 'verschenen', 'auteur',
]);

const words = (text: string): string[] => foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
const wordString = (text: string): string => ` ${words(text).join(' ')} `;
/**
 * Words as a title is matched on: a plural or third-person `-s` left off, so "what does the food
 * bank need" names "What the Food Bank Needs This Winter".
 */
const titleWords = (text: string): string[] => words(text).map(withoutFinalS);
const withoutFinalS = (word: string): string => (word.length > 3 && /[^s]s$/.test(word) ? word.slice(0, -1) : word);
const titleWordString = (text: string): string => ` ${titleWords(text).join(' ')} `;

/** Known authors the question names: a full name, or a surname only one author has, written with its capital. */
function namedAuthors(question: string, names: CatalogueNames): string[] {
  const asked = wordString(question);
  const capitalised = new Set([...question.matchAll(/\p{Lu}[\p{L}'’-]*/gu)].map((match) => foldText(match[0]).replace(/['’]s$/, '')));
  const { surnameOwners } = names;
  return names.authors.filter((author, i) => {
    const name = names.authorWords[i]!;
    if (name.length === 0) return false;
    if (asked.includes(` ${name.join(' ')} `)) return true;
    const last = name[name.length - 1]!;
    // Capitalised in the question, so "burns" the verb is not "Brendan Burns".
    return name.length >= 2 && last.length >= 3 && surnameOwners.get(last) === 1 && capitalised.has(last);
  });
}

/** Quoted stretches of the question: a title asked about by name. */
function quotedPhrases(question: string): string[] {
  return [...question.matchAll(/(?:^|[\s(])["“‘'«]([^"”’'»]{3,200})["”’'»]/gu)].map((match) => match[1]!.trim());
}

/** The catalogue's authors, languages and titles by id, gathered once per catalogue rather than on every question. */
interface CatalogueNames {
  /** Every author once, in catalogue order, and the folded words of each. */
  authors: string[];
  authorWords: string[][];
  /** How many authors have each (folded) surname. */
  surnameOwners: Map<string, number>;
  languages: Set<string>;
  titleOf: Map<string, string>;
}

const namesByCatalogue = new WeakMap<readonly ArticleSummary[], CatalogueNames>();

function catalogueNamesOf(catalogue: readonly ArticleSummary[]): CatalogueNames {
  let names = namesByCatalogue.get(catalogue);
  if (names) return names;
  const authors = [...new Set(catalogue.flatMap((article) => article.authors))];
  const authorWords = authors.map(words);
  const surnameOwners = new Map<string, number>();
  for (const name of authorWords) {
    const last = name[name.length - 1];
    if (last) surnameOwners.set(last, (surnameOwners.get(last) ?? 0) + 1);
  }
  const titleOf = new Map<string, string>();
  for (const article of catalogue) if (!titleOf.has(article.id)) titleOf.set(article.id, article.title);
  names = { authors, authorWords, surnameOwners, languages: new Set(catalogue.map((article) => article.language)), titleOf };
  namesByCatalogue.set(catalogue, names);
  return names;
}

/** The catalogue's titles as words, made once per catalogue: a question is matched without reading every title. */
interface TitleIndex {
  /** Each title's folded words, spaced (" state of the container world "). */
  spaced: string[];
  /** Words in each title (with repeats): a title of fewer than three is never named without quotes. */
  lengths: number[];
  /** Distinct words and distinct content words of each title. */
  words: string[][];
  contentWords: string[][];
  /** The titles (by position) using each word. */
  byWord: Map<string, number[]>;
  /**
   * Each title under its rarest word, and under its rarest content word: a title is named only
   * when the question uses all its words or all its content words, so the rarest among them,
   * and a question's words lead to few titles even when every title says "report" or "and".
   */
  byRarestWord: Map<string, number[]>;
  byRarestContentWord: Map<string, number[]>;
}

const titleIndexes = new WeakMap<readonly ArticleSummary[], TitleIndex>();

function titleIndexOf(catalogue: readonly ArticleSummary[]): TitleIndex {
  let index = titleIndexes.get(catalogue);
  if (index) return index;
  index = { spaced: [], lengths: [], words: [], contentWords: [], byWord: new Map(), byRarestWord: new Map(), byRarestContentWord: new Map() };
  const post = (postings: Map<string, number[]>, word: string, position: number) => {
    const list = postings.get(word);
    if (list) list.push(position);
    else postings.set(word, [position]);
  };
  const contentTitles = new Map<string, number>();
  for (const [position, article] of catalogue.entries()) {
    const title = titleWords(article.title);
    const distinct = [...new Set(title)];
    const content = [...new Set(contentWords(article.title).map(withoutFinalS))];
    index.spaced.push(` ${title.join(' ')} `);
    index.lengths.push(title.length);
    index.words.push(distinct);
    index.contentWords.push(content);
    for (const word of distinct) post(index.byWord, word, position);
    for (const word of content) contentTitles.set(word, (contentTitles.get(word) ?? 0) + 1);
  }
  const rarest = (candidates: readonly string[], titlesUsing: (word: string) => number): string | undefined =>
    candidates.reduce<string | undefined>((best, word) => (best === undefined || titlesUsing(word) < titlesUsing(best) ? word : best), undefined);
  index.words.forEach((distinct, position) => {
    const word = rarest(distinct, (w) => index!.byWord.get(w)!.length);
    if (word !== undefined) post(index!.byRarestWord, word, position);
    const contentWord = rarest(index!.contentWords[position]!, (w) => contentTitles.get(w)!);
    if (contentWord !== undefined) post(index!.byRarestContentWord, contentWord, position);
  });
  titleIndexes.set(catalogue, index);
  return index;
}

/** Articles whose title the question quotes or contains whole, or whose title's words it all uses, in any order. */
function namedTitles(question: string, catalogue: readonly ArticleSummary[]): { ids: string[]; unknown: string | null } {
  const titles = titleIndexOf(catalogue);
  const ids = new Set<string>();
  let unknown: string | null = null;
  for (const phrase of quotedPhrases(question)) {
    const wanted = titleWordString(phrase);
    // Only titles holding every word of the phrase can hold the phrase.
    const phraseWords = [...new Set(titleWords(phrase))];
    const holding = phraseWords.length === 0 ? [...catalogue.keys()] : phraseWords.map((word) => titles.byWord.get(word) ?? []).sort((a, b) => a.length - b.length)[0]!;
    const matches = holding.filter((position) => titles.spaced[position]!.includes(wanted)).map((position) => catalogue[position]!);
    if (matches.length === 0) unknown ??= phrase;
    for (const article of matches) ids.add(article.id);
  }
  const asked = titleWordString(question);
  const askedWords = new Set(titleWords(question));
  const candidates = new Set<number>();
  for (const word of askedWords) {
    for (const position of titles.byRarestWord.get(word) ?? []) candidates.add(position);
    for (const position of titles.byRarestContentWord.get(word) ?? []) candidates.add(position);
  }
  const usesAll = (titleWords: readonly string[]) => titleWords.every((word) => askedWords.has(word));
  for (const position of [...candidates].sort((a, b) => a - b)) {
    if (titles.lengths[position]! < 3) continue;
    // "the February 2016 state of the container world post" names "State of the Container World, February 2016".
    const content = titles.contentWords[position]!;
    const everyWord = content.length >= 3 && usesAll(content);
    const whole = usesAll(titles.words[position]!) && asked.includes(titles.spaced[position]!);
    if (everyWord || whole) ids.add(catalogue[position]!.id);
  }
  return { ids: [...ids], unknown: ids.size > 0 ? null : unknown };
}

/** Publication-date bounds the question states: a year, a month and year, "since", "before", "between". */
function namedDates(question: string): { dateFrom: string | null; dateTo: string | null } {
  const folded = foldText(question);
  const between = new RegExp(`\\b(?:between|tussen) ${YEAR} (?:and|en) ${YEAR}\\b`).exec(folded);
  if (between) return { dateFrom: between[1]!, dateTo: between[2]! };
  const since = new RegExp(`\\b(?:since|after|sinds|na) ${YEAR}\\b`).exec(folded);
  if (since) return { dateFrom: String(Number(since[1]) + (/after|na/.test(since[0]) ? 1 : 0)), dateTo: null };
  const before = new RegExp(`\\b(?:before|voor|vóór) ${YEAR}\\b`).exec(folded);
  if (before) return { dateFrom: null, dateTo: String(Number(before[1]) - 1) };
  const month = new RegExp(`\\b${MONTH} ${YEAR}\\b`).exec(folded);
  if (month) {
    const value = `${month[2]}-${MONTHS[month[1]!]}`;
    return { dateFrom: value, dateTo: value };
  }
  const year = new RegExp(`\\b${YEAR}\\b`).exec(folded);
  return year ? { dateFrom: year[1]!, dateTo: year[1]! } : { dateFrom: null, dateTo: null };
}

/**
 * The writer a question names after a phrase about writing, resolved against the known authors:
 * a known author (also by part of the name, when only one author has it), or the name as asked.
 */
function namedWriter(question: string, authors: readonly string[]): { known: string | null; unknown: string | null } {
  for (const pattern of WRITER_PATTERNS) {
    const name = pattern.exec(question)?.[1]?.trim().replace(/['’]s$/, '');
    if (!name) continue;
    const wanted = wordString(name);
    const owners = authors.filter((author) => wordString(author).includes(wanted));
    if (owners.length === 1) return { known: owners[0]!, unknown: null };
    return { known: null, unknown: owners.length === 0 ? name : null };
  }
  return { known: null, unknown: null };
}

/** Phrases that give the name after them as the source of the words asked for. */
const SOURCE_PHRASES = [' according to ', ' in the words of ', ' volgens '];

/** Whether one of `authors` is named within a few words after "according to" (or its like). */
function attributesTo(question: string, authors: readonly string[]): boolean {
  const asked = wordString(question);
  return SOURCE_PHRASES.some((phrase) => {
    const at = asked.indexOf(phrase);
    if (at < 0) return false;
    const following = new Set(asked.slice(at + phrase.length).split(' ').slice(0, 4));
    return authors.some((author) => words(author).some((word) => following.has(word)));
  });
}

/** Reads what a question says about the catalogue (see the module comment). */
export function readQuestionScope(question: string, catalogue: readonly ArticleSummary[]): QuestionScope {
  const folded = foldText(question).replace(/\s+/g, ' ');
  const ask = ASKS.find(([, pattern]) => pattern.test(folded))?.[0] ?? null;
  const names = catalogueNamesOf(catalogue);
  const authors = namedAuthors(question, names);
  const writer = namedWriter(question, names.authors);
  if (writer.known && !authors.includes(writer.known)) authors.push(writer.known);
  // A one-word name ("Iran") is only taken for a writer when the question asks for what they wrote.
  const unknownAuthor =
    authors.length === 0 && writer.unknown && (ask === 'list' || /\s/.test(writer.unknown)) ? writer.unknown : null;
  const titles = namedTitles(question, catalogue);
  // A year in "who wrote the February 2016 survey post?" may date what the article is about, not the article.
  const dated = ask === 'list' || DATED_WRITING.test(folded);
  const named = new Set([...authors, ...(writer.unknown ? [writer.unknown] : []), ...titles.ids.map((id) => names.titleOf.get(id) ?? '')].flatMap(words));
  const hasTopic = contentWords(question).some(
    (word) => !CATALOGUE_WORDS.has(word) && !named.has(word) && !(word in MONTHS) && !/^(?:19|20)\d\d$/.test(word),
  );
  return {
    ask,
    authors,
    authorIsSource: writer.known !== null || attributesTo(question, authors),
    articleIds: titles.ids,
    ...(dated ? namedDates(question) : { dateFrom: null, dateTo: null }),
    unknownAuthor,
    unknownTitle: ask !== null ? titles.unknown : null,
    ...namedSourceLanguage(question, names.languages),
    hasTopic,
  };
}
