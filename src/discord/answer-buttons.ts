import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import type { Quote } from '../index.js';
import { encodeButton } from './button-ids.js';
import { numbersQuotes, quoteLink } from './format-answer.js';
import { MAX_ACTION_ROWS, MAX_BUTTONS_PER_ROW } from './limits.js';

export interface AnswerButtons {
  answerId: string;
  quotes: readonly Pick<Quote, 'url' | 'text'>[];
  /** The number shown next to the first quote. */
  firstNumber: number;
  /** Whether "More quotes" is offered (the engine may have more). */
  offerMore: boolean;
  /** Whether a written summary cites the quotes by number. */
  cited?: boolean;
}

/**
 * Buttons under an answer: "More quotes" (when more may exist), 👍 and 👎, then for each quote
 * "Context n" with, when the article has a web address, a "Source n" link beside it. A quote's
 * buttons are never split across rows; quotes past Discord's five rows get none.
 */
export function buildAnswerButtons({ answerId, quotes, firstNumber, offerMore, cited = false }: AnswerButtons): ActionRowBuilder<ButtonBuilder>[] {
  const first: ButtonBuilder[] = [];
  if (offerMore) first.push(new ButtonBuilder().setCustomId(encodeButton({ kind: 'more', answerId })).setLabel('More quotes').setStyle(ButtonStyle.Primary));
  first.push(
    new ButtonBuilder().setCustomId(encodeButton({ kind: 'vote', answerId, vote: 'up' })).setEmoji('👍').setStyle(ButtonStyle.Secondary),
    new ButtonBuilder().setCustomId(encodeButton({ kind: 'vote', answerId, vote: 'down' })).setEmoji('👎').setStyle(ButtonStyle.Secondary),
  );
  const rows: ButtonBuilder[][] = [first];
  const numbered = numbersQuotes(quotes.length, firstNumber, cited);
  quotes.forEach((quote, index) => {
    const suffix = numbered ? ` ${firstNumber + index}` : '';
    const group = [new ButtonBuilder().setCustomId(encodeButton({ kind: 'context', answerId, index })).setLabel(`Context${suffix}`).setStyle(ButtonStyle.Secondary)];
    const link = quoteLink(quote);
    if (link) group.push(new ButtonBuilder().setURL(link).setLabel(`Source${suffix}`).setStyle(ButtonStyle.Link));
    const last = rows[rows.length - 1]!;
    if (last !== first && last.length + group.length <= MAX_BUTTONS_PER_ROW) last.push(...group);
    else if (rows.length < MAX_ACTION_ROWS) rows.push(group);
  });
  return rows.map((buttons) => new ActionRowBuilder<ButtonBuilder>().addComponents(buttons));
}
