import { eng, nld } from 'stopword';

/**
 * What counts as a name of a person or an outlet in a written sentence, and whether a quote or
 * its attribution has it. Texts given here have their quotation marks normalised already.
 */

/** A half-open range `[start, end)` of a sentence that the name check skips. */
export interface Span {
  start: number;
  end: number;
}

/** A word, with inner hyphens, apostrophes and dots (`al-Assad`, `O'Brien`, `U.S`). */
const WORD = /[\p{L}\p{N}]+(?:['.-][\p{L}\p{N}]+)*/gu;
/** A capital at the start of the word or of one of its parts (`al-Assad`, `d'Alembert`, `end.Smith`). */
const CAPITALISED = /(?:^|['.-])[\p{Lu}\p{Lt}]/u;
const ACRONYM = /^[\p{Lu}.]{2,}$/u;
/** Lowercase words that belong inside a name when they stand between two capitalised words. */
const NAME_PARTICLES = new Set([
  'van', 'von', 'de', 'der', 'den', 'du', 'da', 'di', 'del', 'della', 'la', 'le', 'ter', 'ten', 'bin',
  'ibn', 'al', 'el', 'y', 'dos', 'das', "'t",
]);
/**
 * Words that open English sentences capitalised without being names, beyond the stopword lists
 * (which lack connectives): only a sentence's first word is excused this way.
 */
const SENTENCE_OPENERS = [
  'according', 'although', 'however', 'meanwhile', 'moreover', 'furthermore', 'therefore', 'thus',
  'instead', 'overall', 'together', 'similarly', 'likewise', 'additionally', 'nevertheless',
  'nonetheless', 'still', 'yet', 'also', 'finally', 'first', 'second', 'third', 'others', 'another',
  'unlike', 'despite', 'whereas', 'hence', 'indeed', 'rather', 'even', 'only', 'one', 'two', 'several',
  'few', 'she', 'its', 'when', 'so', 'whose', 'why', 'until', 'unless', 'whether', 'neither', 'either',
  'not', 'no', 'volgens', 'echter', 'daarnaast', 'bovendien', 'ook', 'zij',
];
/** Capitalised in English, yet never the name of a person or an outlet. */
const CALENDAR_WORDS = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
];
const STOPWORDS: ReadonlySet<string> = new Set([...eng, ...nld, ...CALENDAR_WORDS].map((word) => word.toLowerCase()));
const OPENERS: ReadonlySet<string> = new Set(SENTENCE_OPENERS);

/** A name word without a possessive, so `Doe's` matches `Doe`. */
function nameWord(word: string): string {
  return word.replace(/'s$/u, '');
}

/** The words of a text, as name words, to look names up in. */
export function wordsOf(text: string): string[] {
  return [...text.matchAll(WORD)].map((match) => nameWord(match[0]));
}

/** The same name word in any case, allowing a plural `s` (`Roman` / `Romans`). */
function sameWord(a: string, b: string): boolean {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x === y || x === `${y}s` || y === `${x}s`;
}

/** True when the name's words occur in a row among `words`. */
export function containsName(words: readonly string[], run: readonly string[]): boolean {
  for (let i = 0; i + run.length <= words.length; i++) {
    if (run.every((word, j) => sameWord(words[i + j]!, word))) return true;
  }
  return false;
}

/**
 * The names a normalised sentence mentions outside its quotations and citations: runs of
 * capitalised words separated by spaces only (`Jane Doe`), joined by name particles (`Ludwig van
 * Beethoven`) and capitalised stopwords (`Bill Van Auken`). A capitalised stopword, month or
 * weekday does not start or end a name (`The Guardian` -> `Guardian`; acronyms are not
 * stopwords); the first word of the sentence is not a name word either when it is a common word:
 * a stopword, a usual sentence opener, or a word the quotes use in lowercase.
 */
export function findNames(sentence: string, skip: readonly Span[], commonWords: ReadonlySet<string>): string[][] {
  const inSkipped = (index: number) => skip.some((span) => index >= span.start && index < span.end);
  const runs: string[][] = [];
  let run: string[] = [];
  let pendingParticles: string[] = [];
  let lastEnd = -1;
  let first = true;
  const closeRun = () => {
    if (run.length > 0) runs.push(run);
    run = [];
    pendingParticles = [];
  };
  for (const match of sentence.matchAll(WORD)) {
    const word = match[0];
    const adjacent = lastEnd >= 0 && /^ +$/.test(sentence.slice(lastEnd, match.index));
    lastEnd = match.index + word.length;
    const isFirst = first;
    first = false;
    if (inSkipped(match.index)) {
      closeRun();
      continue;
    }
    if (!adjacent) closeRun();
    const lower = word.toLowerCase();
    const isAcronym = ACRONYM.test(word);
    const common = STOPWORDS.has(lower) || (isFirst && (OPENERS.has(lower) || commonWords.has(lower)));
    if (CAPITALISED.test(word) && (isAcronym || !common)) {
      run.push(...pendingParticles.map(nameWord), nameWord(word));
      pendingParticles = [];
    } else if (run.length > 0 && (NAME_PARTICLES.has(lower) || CAPITALISED.test(word))) {
      // A particle, or a capitalised stopword (`Bill Van Auken`), belongs to the name when a capitalised word follows.
      pendingParticles.push(word);
    } else {
      closeRun();
    }
  }
  closeRun();
  return runs;
}

/** Words a text uses in lowercase: capitalised at the start of a sentence, they are not names. */
export function lowercaseWords(text: string): string[] {
  return [...text.matchAll(WORD)].map((match) => match[0]).filter((word) => !CAPITALISED.test(word));
}
