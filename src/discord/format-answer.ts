import type { APIEmbed } from 'discord.js';
import {
  articlesToList,
  describeDocument,
  describeSpeaker,
  formatSummaryLabel,
  linkToQuote,
  type Answer,
  type ArticleSummary,
  type Quote,
  type SearchFilter,
  type WrittenSummary,
} from '../index.js';
import {
  MAX_EMBED_DESCRIPTION_LENGTH,
  MAX_EMBED_TITLE_LENGTH,
  MAX_EMBEDS_PER_MESSAGE,
  MAX_EMBEDS_TOTAL_LENGTH,
  MAX_MESSAGE_LENGTH,
} from './limits.js';
import { escapeText } from './markdown.js';
import { shrinkUntilFits, truncateAtWord } from './truncate.js';
import { echoUserText } from './user-text.js';

/** Embed accent colour: a quiet blue, so quotes read as quotes rather than alerts. */
export const ANSWER_COLOR = 0x5865f2;
/** The written answer's colour: grey, so a model's words read apart from the verbatim quotes. */
export const SUMMARY_COLOR = 0x99aab5;

const QUOTE_SEPARATOR = '\n\n';
/** Context kept on each side of an over-long quote in the "Context" view. */
const CONTEXT_SIDE = 600;

/** The link to a quote's words on the article's page, safe inside markdown; null when the article has no http(s) address. */
export function quoteLink(quote: Partial<Pick<Quote, 'url' | 'text'>>): string | null {
  if (quote.text === undefined) return null;
  // A URL never holds a space once parsed; a `)` would end a markdown link early.
  return linkToQuote(quote.url, quote.text)?.replace(/[()]/g, (char) => (char === '(' ? '%28' : '%29')) ?? null;
}

/**
 * `— Author, *Title* (date)`, or `— Source, quoted by Author, *Title* (date)` for words the
 * author quotes, the title linking to the quoted words when the article has a web address;
 * unknown authors and dates are said, never guessed.
 */
export function formatAttribution(quote: Pick<Quote, 'authors' | 'title' | 'date'> & Partial<Pick<Quote, 'url' | 'text' | 'quotedFrom'>>): string {
  const author = escapeText(describeSpeaker({ authors: quote.authors, quotedFrom: quote.quotedFrom ?? null }));
  const date = quote.date ? ` (${quote.date})` : '';
  const link = quoteLink(quote);
  const title = escapeText(quote.title);
  return `— ${author}, *${link ? `[${title.replace(/(?<!\\)([[\]])/g, '\\$1')}](${link})` : title}*${date}`;
}

/** Every line of the text as a block quote line (`> `), markdown escaped. */
export function formatBlockQuote(text: string): string {
  return escapeText(text.trim())
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/**
 * One quote as shown: the block quote, then its attribution and its number (the number names the
 * "Context n" button). Only a quote that cannot fit in `max` characters on its own is shortened,
 * at a word boundary with an ellipsis; the attribution is always kept whole.
 */
export function formatQuoteBlock(quote: Quote, number: number | null, max = MAX_EMBED_DESCRIPTION_LENGTH): string {
  const footer = `\n${formatAttribution(quote)}${number === null ? '' : ` [${number}]`}`;
  return shrinkUntilFits(quote.text, max, (text) => `${formatBlockQuote(text)}${footer}`);
}

function embedLength(embed: APIEmbed): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
}

/** Greedily packs blocks into descriptions of at most `max` characters, never splitting a block. */
export function packBlocks(blocks: readonly string[], max = MAX_EMBED_DESCRIPTION_LENGTH): string[] {
  const descriptions: string[] = [];
  let current = '';
  for (const block of blocks) {
    const candidate = current === '' ? block : `${current}${QUOTE_SEPARATOR}${block}`;
    if (candidate.length <= max) {
      current = candidate;
    } else {
      if (current !== '') descriptions.push(current);
      current = block;
    }
  }
  if (current !== '') descriptions.push(current);
  return descriptions;
}

/** Groups embeds into messages within the per-message limits (10 embeds, 6,000 characters). */
export function packEmbeds(embeds: readonly APIEmbed[]): APIEmbed[][] {
  const messages: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let length = 0;
  for (const embed of embeds) {
    const size = embedLength(embed);
    if (current.length > 0 && (current.length >= MAX_EMBEDS_PER_MESSAGE || length + size > MAX_EMBEDS_TOTAL_LENGTH)) {
      messages.push(current);
      current = [];
      length = 0;
    }
    current.push(embed);
    length += size;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

export interface AnswerLayout {
  /** The number shown next to the first quote (later pages of "More quotes" continue counting). */
  firstNumber?: number;
  /** Heading above the quotes; default the question. */
  heading?: string;
}

/** The question as an embed title: quoted, escaped, within the title limit. */
export function formatQuestionTitle(question: string, prefix = ''): string {
  return shrinkUntilFits(question, MAX_EMBED_TITLE_LENGTH, (text) => `${prefix}“${echoUserText(text, MAX_EMBED_TITLE_LENGTH)}”`);
}

/**
 * Whether quotes are numbered (and their buttons say "Context n"): several of them, a later page,
 * or a written summary that cites them by number.
 */
export function numbersQuotes(quoteCount: number, firstNumber: number, cited = false): boolean {
  return cited || quoteCount > 1 || firstNumber > 1;
}

/** The written answer: its label in italics, then its sentences as written, markdown escaped. */
export function formatSummary(summary: WrittenSummary): string {
  return `*${escapeText(formatSummaryLabel(summary))}*\n\n${escapeText(summary.text)}`;
}

/** One message's worth of an answer. */
export interface AnswerPart {
  embeds: APIEmbed[];
}

/** What the engine notes before its quotes, and the articles it lists, as one block (empty when it has neither). */
export function formatNotes(answer: Partial<Pick<Answer, 'notes' | 'articles'>>): string {
  const lines = [
    ...(answer.notes ?? []).map(escapeText),
    ...articlesToList({ notes: answer.notes ?? [], articles: answer.articles ?? [] }).map(
      (article: ArticleSummary) => `• ${escapeText(describeDocument(article))}`,
    ),
  ];
  return truncateAtWord(lines.join('\n'), MAX_EMBED_DESCRIPTION_LENGTH);
}

/**
 * Lays out an answer as messages of embeds, each within Discord's limits: the written summary
 * first when there is one, then the quotes, split only between quotes. The caller sends the first
 * part as the reply and the rest as follow-ups.
 */
export function formatAnswer(
  answer: Pick<Answer, 'question' | 'quotes' | 'summary'> & Partial<Pick<Answer, 'notes' | 'articles'>>,
  layout: AnswerLayout = {},
): AnswerPart[] {
  const firstNumber = layout.firstNumber ?? 1;
  const { summary } = answer;
  const numbered = numbersQuotes(answer.quotes.length, firstNumber, summary !== undefined);
  const notes = firstNumber === 1 ? formatNotes(answer) : '';
  const blocks = [
    ...(notes === '' ? [] : [notes]),
    ...answer.quotes.map((quote, i) => formatQuoteBlock(quote, numbered ? firstNumber + i : null)),
  ];
  const title = layout.heading ?? formatQuestionTitle(answer.question);
  const written: APIEmbed[] = summary ? [{ color: SUMMARY_COLOR, title, description: formatSummary(summary) }] : [];
  const quotes: APIEmbed[] = packBlocks(blocks).map((description, i) => ({
    color: ANSWER_COLOR,
    ...(i === 0 && !summary ? { title } : {}),
    description,
  }));
  return packEmbeds([...written, ...quotes]).map((group) => ({ embeds: group }));
}

function describeFilter(filter: SearchFilter | undefined, documentTitle: string | undefined): string {
  const parts: string[] = [];
  // Names come from the corpus, which may hold anything: shortened so the message always fits.
  if (filter?.author) parts.push(`by ${escapeText(truncateAtWord(filter.author, 100))}`);
  if (filter?.document) parts.push(`in *${escapeText(truncateAtWord(documentTitle ?? filter.document, 200))}*`);
  const from = filter?.dateFrom?.slice(0, 4);
  const to = filter?.dateTo?.slice(0, 4);
  if (from && from === to) parts.push(`from ${from}`);
  else if (from || to) parts.push(`dated ${filter?.dateFrom ?? '…'} to ${filter?.dateTo ?? '…'}`);
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

/** What the bot says to a follow-up or "More quotes" when every relevant quote was shown already. */
export function formatNothingMore(question: string, filter?: SearchFilter, documentTitle?: string): string {
  const asked = echoUserText(question, 300);
  return `I have no more quotes${describeFilter(filter, documentTitle)} on “${asked}” than the ones already shown. Ask about something else, or in other words.`.slice(
    0,
    MAX_MESSAGE_LENGTH,
  );
}

/**
 * What the bot says when nothing in the corpus answers the question: the engine's own reason when
 * it gives one ("No article by Noam Chomsky here."), else that nothing was found.
 */
export function formatNoAnswer(question: string, filter?: SearchFilter, documentTitle?: string, notes: readonly string[] = []): string {
  const asked = echoUserText(question, 300);
  const reason = notes.length > 0 ? notes.map(escapeText).join('\n') : `I found nothing${describeFilter(filter, documentTitle)} in the documents that answers “${asked}”.`;
  const text = `${reason}\nTry other words, or use \`/sources\` to see what I can quote from.`;
  return text.slice(0, MAX_MESSAGE_LENGTH);
}

/**
 * The paragraph around a quote, for the "Context" button: the quoted words in bold, the rest as
 * written, and the attribution under it. A paragraph too long for one embed loses its edges first.
 */
export function formatContext(quote: Quote, paragraph: string): APIEmbed {
  const attribution = `\n\n${formatAttribution(quote)}`;
  const room = MAX_EMBED_DESCRIPTION_LENGTH - attribution.length;
  const at = paragraph.indexOf(quote.text);
  let body: string;
  if (at === -1) {
    body = shrinkUntilFits(paragraph, room, escapeText);
  } else {
    const before = paragraph.slice(0, at);
    const after = paragraph.slice(at + quote.text.length);
    const bolded = (text: string) => `**${escapeText(text)}**`;
    // The quote keeps at least half the room, and leaves up to CONTEXT_SIDE characters on each side.
    const quoteRoom = Math.max(room - 2 * CONTEXT_SIDE, Math.floor(room / 2));
    const middle = shrinkUntilFits(quote.text, quoteRoom, bolded);
    const side = Math.floor((room - middle.length) / 2);
    const head = shrinkUntilFits(reverse(before), side, (text) => escapeText(reverse(text)));
    const tail = shrinkUntilFits(after, side, escapeText);
    body = `${head}${middle}${tail}`;
  }
  return {
    color: ANSWER_COLOR,
    title: shrinkUntilFits(`Context: ${quote.title}`, MAX_EMBED_TITLE_LENGTH, escapeText),
    description: `${body}${attribution}`,
  };
}

/** Reverses by code point, so the text before a quote can be shortened from its start. */
function reverse(text: string): string {
  return [...text].reverse().join('');
}
