import { foldText } from '../text/normalize.js';
import { parseDateLine } from '../ingest/dates.js';

/**
 * Whether a span of an article can be quoted on its own: not a heading, title, byline, date or
 * caption; not a list fragment without a verb; no quotation mark left open or closed without its
 * pair; and not opening with a word that points back to a sentence the reader has not seen.
 * Pure text rules, so they hold for layouts the seed corpus does not have.
 */

/** What an article says about itself: a sentence made of these alone is metadata, not text. */
export interface ArticleLabels {
  title: string;
  authors: readonly string[];
  publisher: string | null;
}

/** How a sentence serves its article: only 'text' is quoted on its own. */
export type SentenceRole = 'text' | 'heading' | 'metadata' | 'fragment';

/** A sentence that ends like one: a full stop, question or exclamation mark, ellipsis, maybe inside quotes or brackets. */
const TERMINAL = /[.!?…](?:[\s"'”’»)\]*]*)$/u;
/** A paragraph this long is prose that lost its full stop, not a heading. */
const MIN_UNPUNCTUATED_PROSE_WORDS = 25;
/**
 * A header field ("Date: Wed, Feb 6, 2008", "Status: Final", "Van: Jan Jansen"): one capitalised
 * key, a colon, a short value and no full stop. Email, PEP and RFC headers are laid out so.
 */
const FIELD_LINE = /^\p{Lu}[\p{L}-]{1,24}:\s+\S/u;
const MAX_FIELD_WORDS = 15;
/** An entry of a reference list, opened by its citation label: "[PLUMB] B. Metcalfe, ...", "[12] J. Doe, ...". */
const REFERENCE_ENTRY = /^\[[\p{Lu}\p{N}][\p{Lu}\p{N}.-]{0,15}\]\s+\S/u;
/**
 * A paragraph that is one question this short is a heading put as a question ("Why was v2 in
 * alpha for so long?") or an interviewer's question: it asks, and the answer follows it.
 */
const MAX_QUESTION_HEADING_WORDS = 15;
/** A sentence that asks: it ends with a question mark, maybe inside quotes or brackets. */
const ASKS = /\?["'”’»)\]*]*$/u;
/** A line this short without a full stop is a heading or caption even inside a paragraph (a hard-wrapped line is longer). */
const MAX_HEADING_LINE_WORDS = 7;
/** Openers of captions, credits and pointers that are about the page, not the story. */
const LABEL_LINE =
  /^(?:\(?(?:photo|image|picture|foto|afbeelding|beeld|video|source|bron|credit|credits|caption|illustration|file photo|screenshot)\b[^:]{0,30}:|(?:figure|fig\.|table|chart|figuur|tabel|grafiek)\s*\d+[a-z]?\s*[:.]\s|read more|lees (?:meer|verder|ook)|click here|klik hier|watch\b|bekijk\b|listen\b|see also|zie ook|related\b|posted (?:by|on|in)\b|published (?:by|on|in)\b|updated\b|geplaatst (?:door|op)\b|gepubliceerd (?:door|op)\b)/iu;
/**
 * A byline as a line of its own: "By" and a capitalised name, a few words in all. Case matters
 * (under the `i` flag `\p{Lu}` matches any letter): "By moving the body of a hot function, ..." is prose.
 */
const BYLINE_LABEL = /^(?:[Bb]y|BY|[Dd]oor)\s+\p{Lu}/u;
const MAX_BYLINE_WORDS = 8;
/** A list item this long is a clause even when its verb is not a common one. */
const MIN_LIST_CLAUSE_WORDS = 12;
const LIST_MARKER = /^(?:[-*•·▪◦–]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+/u;
/** Finite verbs and auxiliaries common enough to tell a clause from a list item (English and Dutch). */
const COMMON_VERBS = new Set([
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'do', 'does', 'did', 'will', 'would',
  'can', 'could', 'shall', 'should', 'may', 'might', 'must', 'says', 'said', 'made', 'took', 'gave', 'went',
  'came', 'got', 'left', 'told', 'saw', 'knew', 'found', 'became', 'began', 'held', 'kept', 'met', 'ran', 'set',
  'zijn', 'waren', 'heeft', 'hebben', 'wordt', 'worden', 'werd', 'werden', 'kan', 'kunnen', 'zal', 'zullen',
  'zou', 'zouden', 'moet', 'moeten', 'wil', 'willen', 'gaat', 'gaan', 'ging', 'zegt', 'zei', 'blijkt', 'staat',
]);
/** Words of dates and times, which say when, not what. */
const DATE_WORDS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'januari',
  'februari', 'maart', 'mei', 'juni', 'juli', 'augustus', 'oktober', 'monday', 'tuesday', 'wednesday',
  'thursday', 'friday', 'saturday', 'sunday', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag',
  'zaterdag', 'zondag', 'am', 'pm', 'at', 'om', 'uur', 'on', 'op', 'by', 'door', 'and', 'en',
]);

const wordsOf = (text: string): string[] => foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];

function hasVerb(words: readonly string[]): boolean {
  return words.some((word) => COMMON_VERBS.has(word) || (word.length > 4 && /(?:ed|ing)$/.test(word)));
}

/** True when the sentence is (a run of dots or punctuation aside) the article's title. */
function isTitle(words: readonly string[], title: string): boolean {
  return words.length > 0 && words.join(' ') === wordsOf(title).join(' ');
}

/** The words of each article's labels, made once per article object. */
const labelWords = new WeakMap<ArticleLabels, ReadonlySet<string>>();

/** True when nothing but the article's own labels (authors, publisher) and dates is left, give or take a word. */
function isLabelsOnly(words: readonly string[], labels: ArticleLabels): boolean {
  let known = labelWords.get(labels);
  if (!known) labelWords.set(labels, (known = new Set([...labels.authors, labels.publisher ?? ''].flatMap(wordsOf))));
  const rest = words.filter((word) => !known!.has(word) && !DATE_WORDS.has(word) && !/^\d+$/.test(word));
  return rest.length === 0 || (rest.length === 1 && rest.length < words.length);
}

/**
 * What a sentence is to its article; only 'text' may be quoted on its own. `wholeParagraph`
 * says the sentence is a paragraph by itself: a line without a full stop is then a heading or
 * caption, while inside a paragraph it may be a hard-wrapped line of prose.
 */
export function sentenceRole(sentence: string, labels: ArticleLabels, wholeParagraph: boolean): SentenceRole {
  const trimmed = sentence.trim();
  const words = wordsOf(trimmed);
  if (isTitle(words, labels.title)) return 'heading';
  if (parseDateLine(trimmed) !== null || LABEL_LINE.test(trimmed) || isLabelsOnly(words, labels)) return 'metadata';
  if (BYLINE_LABEL.test(trimmed) && words.length <= MAX_BYLINE_WORDS) return 'metadata';
  if (FIELD_LINE.test(trimmed) && !TERMINAL.test(trimmed) && words.length <= MAX_FIELD_WORDS) return 'metadata';
  if (REFERENCE_ENTRY.test(trimmed)) return 'metadata';
  if (LIST_MARKER.test(trimmed)) return hasVerb(words) || words.length >= MIN_LIST_CLAUSE_WORDS ? 'text' : 'fragment';
  if (wholeParagraph && asksQuestion(trimmed) && words.length <= MAX_QUESTION_HEADING_WORDS) return 'heading';
  if (TERMINAL.test(trimmed)) return 'text';
  const short = wholeParagraph ? words.length < MIN_UNPUNCTUATED_PROSE_WORDS : words.length <= MAX_HEADING_LINE_WORDS;
  return short ? 'heading' : 'text';
}

/** True when a sentence is a question (it asks rather than states). */
export function asksQuestion(sentence: string): boolean {
  return ASKS.test(sentence.trim());
}

/** Quotation marks a span opens without closing, and closes without opening, with their offsets. */
export interface QuoteMarkBalance {
  unclosed: number[];
  unopened: number[];
}

const OPENERS: Readonly<Record<string, string>> = { '“': '”', '„': '”', '«': '»', '‘': '’' };
const CLOSERS = new Set(['”', '»']);
const QUOTE_MARK = /["“”„«»‘’]/g;

/**
 * Pairs the quotation marks of a text. Straight double quotes pair with each other; `’` closes
 * a `‘` only when no letter follows it (otherwise it is an apostrophe: "Syria’s"), and is never
 * counted as a stray closer, for the same reason. `„` may close with `“` as well (Dutch, German).
 */
export function balanceQuoteMarks(text: string): QuoteMarkBalance {
  const open: { mark: string; at: number }[] = [];
  const unopened: number[] = [];
  // Only the marks matter: skipping from one to the next keeps this cheap on long spans.
  for (const found of text.matchAll(QUOTE_MARK)) {
    const mark = found[0];
    const i = found.index;
    const top = open[open.length - 1];
    if (mark === '"') {
      if (top?.mark === '"') open.pop();
      else open.push({ mark, at: i });
    } else if (mark === '“' && top?.mark === '„') {
      open.pop();
    } else if (OPENERS[mark]) {
      open.push({ mark, at: i });
    } else if (mark === '’') {
      if (top?.mark === '‘' && !/\p{L}/u.test(text[i + 1] ?? '')) open.pop();
    } else if (CLOSERS.has(mark)) {
      const index = open.map((entry) => OPENERS[entry.mark]).lastIndexOf(mark);
      if (index >= 0) open.splice(index);
      else unopened.push(i);
    }
  }
  return { unclosed: open.map((entry) => entry.at), unopened };
}

export function isBalanced(text: string): boolean {
  const balance = balanceQuoteMarks(text);
  return balance.unclosed.length === 0 && balance.unopened.length === 0;
}

/** First words that point back to an earlier sentence (English and Dutch). */
const BACK_POINTERS = new Set([
  'this', 'that', 'these', 'those', 'he', 'she', 'it', 'its', 'they', 'them', 'their', 'his', 'her',
  'but', 'however', 'and', 'so', 'also', 'such', 'then', 'thus', 'yet', 'moreover', 'meanwhile',
  'instead', 'nevertheless', 'still', 'furthermore', 'besides', 'likewise', 'similarly',
  'dit', 'dat', 'deze', 'die', 'hij', 'zij', 'ze', 'het', 'hun', 'haar', 'maar', 'echter', 'ook',
  'daarom', 'dus', 'toen', 'daar', 'en', 'bovendien', 'daarnaast', 'zo', 'evenwel',
]);
/** A short opening phrase, then a pronoun subject: "In preparation, it began ...". */
const PRONOUN_AFTER_OPENING = /^[^,.;:"“”]{1,40},\s+(?:it|he|she|they|this|these|those|hij|zij|ze|het|dit|deze)\b/iu;
/**
 * An opening phrase that refers to what came before: a demonstrative in it ("For this purpose,",
 * "In that case,", "Daarvoor", "Na die tijd,") or a connective of several words ("As a result,", "In other words,").
 */
const BACK_REFERRING_OPENING =
  /^[\s"“‘'(\[]*(?:[^,.;:"“”]{0,30}\b(?:this|that|these|those|such|dit|dat|deze|die|zo'n)\b[^,.;:"“”]{0,20},|(?:as a result|in addition|for example|for instance|in other words|on the other hand|in turn|even so|by contrast|in contrast|daardoor|daarvoor|daarna|bijvoorbeeld|met andere woorden|aan de andere kant)\b)/iu;
/** A speaker known only as a pronoun: "he added:", "“...,” she said", "zei hij". */
const PRONOUN_SPEAKER =
  /\b(?:(?:he|she|they)\s+(?:\w+ly\s+)?(?:added|said|says|continued|went on|noted|told|stated|declared|warned|explained|insisted|replied|wrote)|(?:said|says|added|wrote)\s+(?:he|she|they)|(?:hij|zij|ze)\s+(?:voegde|zei|zegt|stelde|verklaarde|schreef)|(?:zei|zegt|stelde|aldus|schreef)\s+(?:hij|zij|ze))\b/iu;

/** The noun a sentence opens with after a definite article: "The volunteer ...", "De vrijwilliger ...". */
const DEFINITE_OPENING = /^[\s"“‘'(\[]*(?:the|de|het)\s+([\p{L}]{3,})\b/iu;

/** True when `sentence` names again, as "the X", what `before` brought in as "a X" ("a volunteer ... The volunteer ..."). */
function namesAgain(sentence: string, before: string): boolean {
  const noun = DEFINITE_OPENING.exec(sentence)?.[1]?.toLowerCase();
  if (!noun) return false;
  const introduced = new RegExp(String.raw`\b(?:a|an|een)\s+(?:[\p{L}-]+\s+)?${noun}\b`, 'iu');
  return introduced.test(before);
}

/**
 * True when a sentence leans on the one before it: it opens with a pronoun or connective ("It",
 * "However", "This"), in lower case, with a short phrase then a pronoun subject, with a phrase
 * that refers back ("For this purpose,", "As a result,"), its speaker is only a pronoun ("he
 * added:"), or it names again what that sentence brought in ("a volunteer ... The volunteer ...").
 */
export function pointsBack(sentence: string, before = ''): boolean {
  const trimmed = sentence.trim();
  return (
    opensWithBackReference(trimmed) ||
    PRONOUN_AFTER_OPENING.test(trimmed) ||
    BACK_REFERRING_OPENING.test(trimmed) ||
    PRONOUN_SPEAKER.test(trimmed) ||
    namesAgain(trimmed, before)
  );
}

/** True when the first word is a pronoun or connective pointing back, or the text starts in lower case. */
export function opensWithBackReference(text: string): boolean {
  const first = /^[\s"“‘'(\[]*([\p{L}]+)/u.exec(text)?.[1];
  return first !== undefined && (BACK_POINTERS.has(first.toLowerCase()) || /^\p{Ll}/u.test(first));
}
