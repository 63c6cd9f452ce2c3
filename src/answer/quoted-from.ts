import { foldText } from '../text/normalize.js';
import type { TextSpan } from '../text/sentences.js';
import { findNames, foldWord, fullName, STOPWORDS, TITLE_ABBREVIATIONS, type Name } from './speaker-names.js';
import { opensWithBackReference } from './standalone.js';

/**
 * Whose words a part of an article is. Articles quote others at length: a block introduced by a
 * lead-in ("According to the Times of Israel:", "The article goes on:", "Woods added:") and
 * statements in quotation marks whose sentence names the speaker ("“...,” Naryshkin said").
 * Plain-text layouts lose the indentation of a block quotation, so its end is judged from the
 * text: the author's voice returns with a first person, a question, a mention of the quoted
 * source, a new lead-in or a comment on a quoted phrase.
 */

/** A span of the article that is someone else's words; `speaker` as the text names them. */
export interface QuotedSpan extends TextSpan {
  speaker: string;
}

/** Shown when the text quotes a block without saying, in a way these rules can read, whose it is. */
export const UNNAMED_SOURCE = 'an unnamed source';

/** Share of a quote's characters that must lie in quoted material for the quote to be credited to its speaker. */
const MAJORITY = 0.5;
/** A block quotation runs over at most this many lines after its lead-in. */
const MAX_BLOCK_LINES = 4;
/** A lead-in longer than this (words) is a sentence that happens to contain a colon. */
const MAX_LEAD_IN_WORDS = 25;
/** A quotation shorter than this (words) is a phrase the author uses, not a statement. */
const MIN_STATEMENT_WORDS = 6;
/** How far back (characters) a pronoun or "the article" looks for whom it means. */
const LOOK_BACK = 1500;

const REPORTING_VERBS = [
  'said', 'says', 'told', 'tells', 'stated', 'states', 'wrote', 'writes', 'added', 'adds', 'declared', 'warned',
  'insisted', 'explained', 'explains', 'noted', 'notes', 'replied', 'claimed', 'claims', 'argued', 'argues',
  'announced', 'continued', 'continues', 'concluded', 'reported', 'reports', 'reads', 'put it', 'goes on',
  'went on', 'zei', 'zegt', 'schreef', 'schrijft', 'stelde', 'stelt', 'verklaarde', 'meldde', 'meldt', 'vervolgt',
  'aldus',
];
const REPORTING_VERB = `(?:${REPORTING_VERBS.join('|')})`;
const ANY_REPORTING_VERB = new RegExp(`\\b${REPORTING_VERB}\\b`, 'giu');
/** Every way of naming a speaker below needs a reporting verb: without one the slower patterns are not tried. */
const HAS_REPORTING_VERB = new RegExp(`\\b${REPORTING_VERB}\\b`, 'iu');
const VERB_FIRST = new RegExp(`^[\\s,.]*${REPORTING_VERB}\\s+`, 'iu');
const NAME_THEN_VERB = new RegExp(`^[\\s,.]*((?:\\S+\\s+){1,8}?)${REPORTING_VERB}\\b`, 'iu');
const SPEAKER_BEFORE = new RegExp(`([^.!?"”]*?)\\b${REPORTING_VERB}\\b[^.!?"”]{0,60}?[:,]?\\s*$`, 'iu');
const SAID_AFTER_PHRASE = new RegExp(`^[,.]?\\s*(?:\\S+\\s+){0,6}?${REPORTING_VERB}\\b`, 'iu');
/** A lead-in names where the words come from, or says that words follow. */
const LEAD_IN_CUE = new RegExp(
  `\\b(?:according to|back to|from|in the words of|as follows|the following|volgens|citaat|${REPORTING_VERBS.join('|')})\\b`,
  'iu',
);
/** Words for a source already named: "The article goes on:" means the source quoted before. */
const SOURCE_REFERENCE =
  /\b(?:the|this|that|het|dit|dat|de|deze) (?:article|report|statement|piece|document|paper|newspaper|story|post|op-ed|artikel|rapport|verklaring|stuk|bericht|krant)\b/iu;
const PRONOUN = /^(?:he|she|they|hij|zij|ze)$/iu;
const FIRST_PERSON = /(?:^|[^\p{L}])(?:I|we|We|our|Our|us|my|My|ik|Ik|wij|Wij|ons|Ons|onze|Onze|mijn|Mijn)(?![\p{L}])/u;
const COMMENTARY_OPENING = /^(?:however|but|of course|yet|nevertheless|clearly|obviously|in other words|echter|maar|natuurlijk|uiteraard)\b/iu;
const QUOTE_OPENERS = '"“„«‘';
const CLOSER_OF: Readonly<Record<string, string>> = { '"': '"', '“': '”', '„': '”“', '«': '»', '‘': '’' };

/** The source a lead-in names: after "according to", "from" or "back to", else the subject of its reporting verb, else its first name. */
function leadInName(clause: string, offset: number): Name | null {
  const names = findNames(clause, offset);
  const pointed = /\b(?:according to|back to|from|in the words of|volgens|aldus)\s+(?:the\s+)?$/iu;
  const verbs = [...clause.matchAll(ANY_REPORTING_VERB)];
  const verbAt = offset + (verbs.pop()?.index ?? -Infinity);
  return (
    names.find((name) => pointed.test(clause.slice(0, name.start - offset))) ??
    names.filter((name) => name.end <= verbAt).pop() ??
    names[0] ??
    null
  );
}

/** The first name of two or more words in the line before `at`: whom "he" most likely means. */
function antecedent(text: string, line: Line, at: number): string | null {
  const name = findNames(text.slice(line.start, at), line.start).find(
    (candidate) => /\s/.test(candidate.text) && !/^[\p{Lu}\s.]+$/u.test(candidate.text),
  );
  return name?.text ?? null;
}

/** The speaker of the last block quotation that ended shortly before `at`: what "the article" means. */
function previousSource(found: readonly QuotedSpan[], at: number): string | null {
  const last = found.filter((span) => span.end <= at && at - span.end <= LOOK_BACK).pop();
  return last && last.speaker !== UNNAMED_SOURCE ? last.speaker : null;
}

/** The article's names, for a short name's full form: read on first need, since most articles quote no one. */
type KnownNames = () => readonly Name[];

function namesOnce(text: string): KnownNames {
  let names: readonly Name[] | undefined;
  return () => (names ??= findNames(text));
}

interface Line extends TextSpan {
  text: string;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  for (const match of text.matchAll(/[^\n]+/g)) {
    if (match[0].trim() !== '') lines.push({ start: match.index, end: match.index + match[0].length, text: match[0] });
  }
  return lines;
}

/** Text outside quotation marks, so "we" inside a quoted statement is not the author's voice. */
function outsideQuotes(text: string): string {
  return text.replace(/["“„«‘][^"”“»’]*["”“»’]/gu, ' ');
}

/** True when a line after a block's first one sounds like the author again (see the module comment). */
function authorResumes(line: string, sourceNames: readonly string[]): boolean {
  const trimmed = line.trim();
  const own = outsideQuotes(trimmed);
  if (/:$/.test(trimmed) || FIRST_PERSON.test(own) || own.includes('?')) return true;
  if (COMMENTARY_OPENING.test(trimmed) || SOURCE_REFERENCE.test(own)) return true;
  const mentions = sourceNames.flatMap((name) => foldText(name).split(/\s+/)).filter((word) => word.length > 2 && !STOPWORDS.has(word));
  const ownWords = new Set(foldText(own).split(/[^\p{L}\p{N}]+/u));
  if (mentions.some((word) => ownWords.has(word))) return true;
  // A line that opens on a quoted phrase and goes on without saying who spoke comments on that phrase.
  const opening = /^["“„«‘][^"”“»’]*["”“»’]\s*(.{0,60})/u.exec(trimmed);
  return opening !== null && !SAID_AFTER_PHRASE.test(opening[1]!);
}

/** Who a lead-in clause says is quoted: a name, or whom its pronoun or "the article" points to. */
function leadInSource(
  text: string,
  clause: string,
  clauseStart: number,
  line: Line,
  found: readonly QuotedSpan[],
  known: KnownNames,
): string {
  const named = leadInName(clause, clauseStart);
  if (named) return fullName(named.text, text, named.start, known());
  const subject = /^\s*(\S+)/u.exec(clause)?.[1] ?? '';
  const resolved = PRONOUN.test(subject) ? antecedent(text, line, clauseStart) : previousSource(found, clauseStart);
  return resolved ?? UNNAMED_SOURCE;
}

/** A clause before a colon that introduces quoted words: short, not inside brackets, with a cue. */
function isLeadIn(clause: string): boolean {
  const unclosedBracket = (clause.match(/[([]/g)?.length ?? 0) > (clause.match(/[)\]]/g)?.length ?? 0);
  return !unclosedBracket && clause.trim().split(/\s+/).length <= MAX_LEAD_IN_WORDS && LEAD_IN_CUE.test(clause);
}

/** The first colon of a line that ends a lead-in clause, with the clause and what follows the colon (undefined at the line's end). */
function leadInColon(line: string): { clause: string; clauseStart: number; rest: string | undefined } | null {
  for (let colon = line.indexOf(':'); colon >= 0; colon = line.indexOf(':', colon + 1)) {
    const before = line.slice(0, colon);
    const clauseStart = Math.max(before.lastIndexOf('. '), before.lastIndexOf('! '), before.lastIndexOf('? '), before.lastIndexOf(':')) + 1;
    const clause = before.slice(clauseStart);
    if (!isLeadIn(clause)) continue;
    const rest = line.slice(colon + 1).trim();
    return { clause, clauseStart, rest: rest === '' ? undefined : rest };
  }
  return null;
}

/**
 * Block quotations: the lines after a lead-in that ends a line with a colon and names a source or
 * a reporting verb, and the rest of a line after an inline lead-in ("He stated: As a result ...").
 */
export function findBlockQuotations(text: string, known: KnownNames = namesOnce(text)): QuotedSpan[] {
  const lines = linesOf(text);
  const found: QuotedSpan[] = [];
  lines.forEach((line, i) => {
    const colon = leadInColon(line.text);
    if (!colon) return;
    const { clause, clauseStart, rest } = colon;
    const speaker = leadInSource(text, clause, line.start + clauseStart, line, found, known);
    if (rest !== undefined) {
      // A quotation after the colon is a statement, credited by its own sentence.
      if (!/^["“„«‘]/u.test(rest) && rest.split(/\s+/).length >= MIN_STATEMENT_WORDS) found.push({ start: line.end - rest.length, end: line.end, speaker });
      return;
    }
    const sourceNames = [speaker, ...findNames(clause).map((name) => name.text)];
    for (let j = i + 1; j < lines.length && j <= i + MAX_BLOCK_LINES; j++) {
      const next = lines[j]!;
      const opensOnQuote = /^\s*["“„«‘]/u.test(next.text);
      if (j > i + 1 && (authorResumes(next.text, sourceNames) || (!opensOnQuote && opensWithBackReference(next.text)))) break;
      found.push({ start: next.start, end: next.end, speaker });
    }
  });
  return found;
}

/** The text up to the end of its first sentence; a full stop after a title or an initial ("Col.", "J.") does not end it. */
function sentenceHead(text: string): string {
  for (const end of text.matchAll(/[.!?]+(?=\s+\p{Lu}|\s*$)/gu)) {
    const before = /(\p{L}+)$/u.exec(text.slice(0, end.index))?.[1] ?? '';
    if (end[0] === '.' && (TITLE_ABBREVIATIONS.has(foldText(before)) || /^\p{Lu}$/u.test(before))) continue;
    return text.slice(0, end.index + end[0].length);
  }
  return text;
}

/**
 * The speaker a sentence names for the quotation at [open, close]: `“...,” said X`, `“...,” X
 * said`, `X said: “...”`; a pronoun ("he added:") means the first full name earlier in the line.
 */
function attributionOf(text: string, open: number, close: number, line: Line, known: KnownNames): string | null {
  const afterStart = Math.min(close + 1, line.end);
  const after = sentenceHead(text.slice(afterStart, Math.min(line.end, afterStart + 160)));
  const saidAfter = HAS_REPORTING_VERB.test(after);
  const verbFirst = saidAfter ? VERB_FIRST.exec(after) : null;
  let named: Name | null | undefined;
  if (verbFirst) {
    named = findNames(after.slice(verbFirst[0].length), afterStart + verbFirst[0].length)[0];
  } else {
    const nameFirst = saidAfter ? NAME_THEN_VERB.exec(after) : null;
    const subject = nameFirst?.[1];
    if (subject !== undefined) {
      if (PRONOUN.test(subject.trim())) return antecedent(text, line, open);
      named = findNames(subject, afterStart + after.indexOf(subject)).pop();
    } else {
      // Only the sentence the quotation opens in (a lazy search over the whole line would be quadratic).
      const sentenceStart = Math.max(line.start, open - 240, ...[...text.slice(line.start, open).matchAll(/[.!?]\s/g)].map((m) => line.start + m.index + 1));
      const before = text.slice(sentenceStart, open);
      const lead = HAS_REPORTING_VERB.test(before) ? SPEAKER_BEFORE.exec(before) : null;
      const clause = lead?.[1];
      if (clause === undefined) return null;
      if (PRONOUN.test(clause.trim().split(/\s+/).pop() ?? '')) return antecedent(text, line, sentenceStart + lead!.index);
      named = findNames(clause, sentenceStart + lead!.index).pop();
    }
  }
  return named ? fullName(named.text, text, named.start, known()) : null;
}

/** Statements in quotation marks whose sentence names the speaker. */
export function findQuotedStatements(text: string, known: KnownNames = namesOnce(text)): QuotedSpan[] {
  const found: QuotedSpan[] = [];
  // Jumps from one opening mark to the next rather than reading every character.
  const opener = new RegExp(`[${QUOTE_OPENERS}]`, 'g');
  for (const line of linesOf(text)) {
    opener.lastIndex = line.start;
    for (let match = opener.exec(text); match && match.index < line.end; match = opener.exec(text)) {
      const i = match.index;
      const mark = match[0];
      if (/\p{L}/u.test(text[i - 1] ?? '')) continue;
      let close = i + 1;
      while (close < line.end && !(CLOSER_OF[mark]!.includes(text[close]!) && !/\p{L}/u.test(text[close + 1] ?? ''))) close++;
      const words = text.slice(i + 1, close).split(/\s+/).filter(Boolean).length;
      const speaker = words >= MIN_STATEMENT_WORDS ? attributionOf(text, i, close, line, known) : null;
      if (speaker) found.push({ start: i, end: Math.min(close + 1, line.end), speaker });
      opener.lastIndex = close + 1;
    }
  }
  return found;
}

/** All of an article's quoted material: statements (innermost) first, then block quotations. */
export function findQuotedMaterial(text: string): QuotedSpan[] {
  const known = namesOnce(text);
  return [...findQuotedStatements(text, known), ...findBlockQuotations(text, known)];
}

/**
 * Who is quoted in `span`, when most of it lies in quoted material: the speaker of the material
 * covering most of it (a statement inside a block quotation wins over the block); null when the
 * span is mostly the author's own words.
 */
export function quotedFrom(text: string, span: TextSpan, material: readonly QuotedSpan[]): string | null {
  const countable = (from: number, to: number) => text.slice(from, to).replace(/\s+/g, '').length;
  const total = countable(span.start, span.end);
  if (total === 0) return null;
  for (const candidate of material) {
    const start = Math.max(span.start, candidate.start);
    const end = Math.min(span.end, candidate.end);
    if (end > start && countable(start, end) / total > MAJORITY) return candidate.speaker;
  }
  return null;
}
