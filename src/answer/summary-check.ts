import { splitSentences } from '../text/sentences.js';
import { containsName, findNames, lowercaseWords, wordsOf, type Span } from './summary-names.js';

/**
 * Checks what a language model wrote over numbered quotes, sentence by sentence, and keeps only
 * sentences that (1) cite at least one quote and only quotes that exist, (2) put in quotation
 * marks only words found verbatim in a quote they cite (or its title), (3) name only people and
 * outlets found in the quotes they cite or in those quotes' attributions, and (4) write only
 * numbers (in digits) found there too. Pure functions: the model's reply in, the sentences a
 * reader may see out.
 */

/** One numbered quote as the model saw it: number n is `sources[n - 1]`. */
export interface SummarySource {
  text: string;
  authors: readonly string[];
  title: string;
  date?: string | null;
}

export interface CheckedSentence {
  text: string;
  /** The quote numbers the sentence cites, ascending. */
  citations: number[];
}

export type DropReason =
  | 'no-citation'
  | 'unknown-citation'
  | 'unverified-quotation'
  | 'unknown-name'
  | 'unknown-number'
  | 'too-long'
  | 'too-many';

export interface DroppedSentence {
  text: string;
  reason: DropReason;
  /** The citation, quoted words, name or number that failed, when there is one. */
  detail?: string;
}

export interface SummaryCheck {
  kept: CheckedSentence[];
  dropped: DroppedSentence[];
}

/** Sentences a summary may have: a bridge between quotes, not an essay. */
export const MAX_SUMMARY_SENTENCES = 3;
/** Longer "sentences" are run-ons or lists; they are dropped rather than shown. */
export const MAX_SENTENCE_LENGTH = 500;
/** Only the start of a runaway reply is read: what could pass fits many times over. */
const MAX_REPLY_LENGTH = 4 * MAX_SUMMARY_SENTENCES * MAX_SENTENCE_LENGTH;

/** `[1]`, `[1, 2]`, `[1;3]`: the citation forms the prompt asks for and models write. */
const CITATION = /\[\s*(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\s*\]/g;
const LEADING_CITATIONS = /^(?:\s*\[\s*\d{1,3}(?:\s*[,;]\s*\d{1,3})*\s*\])+/;
/** Reasoning models may prefix their answer with their thoughts. */
const THINKING = /<think>[\s\S]*?<\/think>/gi;
/** Markdown bold and list bullets carry no words; they would only show as literal stars. */
const MARKDOWN_NOISE = /\*\*|__|^\s*(?:[-*•]|\d+[.)])\s+/gm;

const DOUBLE_QUOTE_MARKS = /[“”„‟«»〝〞＂]/g;
const SINGLE_QUOTE_MARKS = /[‘’‚‛‹›]/g;
/** A single-quoted span: the marks stand outside words, so apostrophes (`Doe's`, `don't`) never pair. */
const SINGLE_QUOTED = /(?<![\p{L}\p{N}])'(?=\S)((?:[^']|(?<=\p{L})'(?=\p{L}))*?\S)'(?![\p{L}\p{N}])/gu;
const NUMBER = /\d+(?:[.,]\d+)*/g;
const THOUSANDS_SEPARATOR = /(?<=\d)[,.](?=\d{3}(?!\d))/g;

/** Curly and angled quotation marks as straight ones, runs of whitespace as one space: nothing else changes. */
export function normalizeMarks(text: string): string {
  return text.replace(DOUBLE_QUOTE_MARKS, '"').replace(SINGLE_QUOTE_MARKS, "'").replace(/\s+/g, ' ').trim();
}

/** The model's reply without thinking blocks or markdown decoration, whitespace kept for sentence breaks. */
function cleanReply(reply: string): string {
  return reply.replace(THINKING, ' ').replace(MARKDOWN_NOISE, '').slice(0, MAX_REPLY_LENGTH);
}

/** Sentences of the reply; a citation written after a sentence's full stop stays with that sentence. */
export function splitSummarySentences(reply: string): string[] {
  const text = cleanReply(reply);
  const sentences: string[] = [];
  for (const span of splitSentences(text)) {
    let sentence = text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
    const leading = LEADING_CITATIONS.exec(sentence)?.[0];
    if (leading && sentences.length > 0) {
      sentences[sentences.length - 1] += ` ${leading.trim()}`;
      sentence = sentence.slice(leading.length).trim();
    }
    if (sentence === '') continue;
    // A quotation may span sentences of its quote: the sentence goes on until its marks are closed.
    const previous = sentences[sentences.length - 1];
    if (previous !== undefined && hasOpenQuotation(previous)) sentences[sentences.length - 1] = `${previous} ${sentence}`;
    else sentences.push(sentence);
  }
  return sentences;
}

function hasOpenQuotation(sentence: string): boolean {
  return (normalizeMarks(sentence).match(/"/g) ?? []).length % 2 === 1;
}

/** Every number cited in the sentence, in order of appearance. */
export function citedNumbers(sentence: string): number[] {
  return [...sentence.matchAll(CITATION)].flatMap((match) => match[1]!.split(/[,;]/).map((n) => Number(n.trim())));
}

interface Quotations {
  /** The words between the marks, as written (normalised). */
  texts: string[];
  /** Where the quotations and their marks are, so the name check can skip them. */
  spans: Span[];
  /** A double quotation mark without its partner: what it encloses cannot be told. */
  unbalanced: boolean;
}

/** The quotations of a normalised sentence: double-quoted spans, then single-quoted ones outside them. */
export function findQuotations(sentence: string): Quotations {
  const marks = [...sentence.matchAll(/"/g)].map((match) => match.index);
  const spans: Span[] = [];
  const texts: string[] = [];
  for (let i = 0; i + 1 < marks.length; i += 2) {
    spans.push({ start: marks[i]!, end: marks[i + 1]! + 1 });
    texts.push(sentence.slice(marks[i]! + 1, marks[i + 1]!).trim());
  }
  const outside = sentence.replace(/"[^"]*"/g, (match) => ' '.repeat(match.length));
  for (const match of outside.matchAll(SINGLE_QUOTED)) {
    spans.push({ start: match.index, end: match.index + match[0].length });
    texts.push(match[1]!.trim());
  }
  return { texts: texts.filter((text) => /[\p{L}\p{N}]/u.test(text)), spans, unbalanced: marks.length % 2 === 1 };
}

const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/** True when `part` occurs in `text` without starting or ending inside a word. */
function containsWords(text: string, part: string): boolean {
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + 1)) {
    const startsClean = !isWordChar(part[0]) || !isWordChar(text[at - 1]);
    const endsClean = !isWordChar(part[part.length - 1]) || !isWordChar(text[at + part.length]);
    if (startsClean && endsClean) return true;
  }
  return false;
}

/** A quotation is verbatim when it, or it without the sentence's punctuation the model put inside the marks, is in a cited text. */
function isVerbatim(quotation: string, cited: readonly string[]): boolean {
  const forms = [quotation, quotation.replace(/[.,;:!?]+$/u, '').trim()].filter((form) => form !== '');
  return forms.some((form) => cited.some((text) => containsWords(text, form)));
}

/** `5,775`, `5.775` and `5775` are one number; `2,5` is `2.5`; leading zeros (`03`) do not count. */
function numbersOf(text: string): string[] {
  return [...text.matchAll(NUMBER)].map((match) =>
    match[0].replace(THOUSANDS_SEPARATOR, '').replace(',', '.').replace(/^0+(?=\d)/, ''),
  );
}

/** The text with the spans replaced by spaces, so what they contain is not checked twice. */
function blank(text: string, spans: readonly Span[]): string {
  let result = text;
  for (const { start, end } of spans) result = result.slice(0, start) + ' '.repeat(end - start) + result.slice(end);
  return result;
}

/** What the checks compare a sentence with, worked out once per quote. */
interface PreparedSource {
  /** Quote text and title with marks and whitespace normalised: where quotations must be found. */
  verbatim: string[];
  /** The words of the text, the title and each author: where names must be found. */
  named: string[][];
  numbers: Set<string>;
}

function prepareSource(source: SummarySource): PreparedSource {
  return {
    verbatim: [normalizeMarks(source.text), normalizeMarks(source.title)],
    named: [source.text, source.title, ...source.authors].map((text) => wordsOf(normalizeMarks(text))),
    numbers: new Set(numbersOf(`${source.text} ${source.title} ${source.date ?? ''}`)),
  };
}

function judgeSentence(
  sentence: string,
  sources: readonly PreparedSource[],
  commonWords: ReadonlySet<string>,
): { citations: number[] } | { reason: DropReason; detail?: string } {
  if (sentence.length > MAX_SENTENCE_LENGTH) return { reason: 'too-long' };
  const numbers = citedNumbers(sentence);
  if (numbers.length === 0) return { reason: 'no-citation' };
  const unknown = numbers.find((n) => !(n >= 1 && n <= sources.length));
  if (unknown !== undefined) return { reason: 'unknown-citation', detail: `[${unknown}]` };
  const citations = [...new Set(numbers)].sort((a, b) => a - b);
  const cited = citations.map((n) => sources[n - 1]!);

  const normalized = normalizeMarks(sentence);
  const quotations = findQuotations(normalized);
  if (quotations.unbalanced) return { reason: 'unverified-quotation', detail: 'an unclosed quotation mark' };
  const citedTexts = cited.flatMap((source) => source.verbatim);
  const invented = quotations.texts.find((quotation) => !isVerbatim(quotation, citedTexts));
  if (invented !== undefined) return { reason: 'unverified-quotation', detail: invented };

  const citationSpans = [...normalized.matchAll(CITATION)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
  const checked = [...quotations.spans, ...citationSpans];
  const named = cited.flatMap((source) => source.named);
  const unknownName = findNames(normalized, checked, commonWords).find((name) => !named.some((words) => containsName(words, name)));
  if (unknownName) return { reason: 'unknown-name', detail: unknownName.join(' ') };

  const unknownNumber = numbersOf(blank(normalized, checked)).find((n) => !cited.some((source) => source.numbers.has(n)));
  if (unknownNumber !== undefined) return { reason: 'unknown-number', detail: unknownNumber };
  return { citations };
}

/**
 * Keeps the sentences of a model's reply that pass every check, at most MAX_SUMMARY_SENTENCES,
 * and says why each other sentence was dropped.
 */
export function checkSummary(reply: string, sources: readonly SummarySource[]): SummaryCheck {
  const commonWords = new Set(sources.flatMap((source) => lowercaseWords(normalizeMarks(source.text))));
  const prepared = sources.map(prepareSource);
  const kept: CheckedSentence[] = [];
  const dropped: DroppedSentence[] = [];
  for (const sentence of splitSummarySentences(reply)) {
    const verdict = judgeSentence(sentence, prepared, commonWords);
    if ('reason' in verdict) dropped.push({ text: sentence, ...verdict });
    else if (kept.length >= MAX_SUMMARY_SENTENCES) dropped.push({ text: sentence, reason: 'too-many' });
    else kept.push({ text: sentence, citations: verdict.citations });
  }
  return { kept, dropped };
}
