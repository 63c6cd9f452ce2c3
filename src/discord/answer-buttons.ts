import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import { numbersQuotes } from './format-answer.js';
import { MAX_ACTION_ROWS, MAX_BUTTONS_PER_ROW } from './limits.js';

/**
 * Custom ids of the bot's buttons. State lives in the bot's memory under a short id, so ids stay
 * far below Discord's 100 characters: `more:<id>`, `context:<id>:<index>`, `sources:<page>`.
 */
export type ButtonAction =
  | { kind: 'more'; answerId: string }
  | { kind: 'context'; answerId: string; index: number }
  | { kind: 'sources'; page: number };

export function encodeButton(action: ButtonAction): string {
  switch (action.kind) {
    case 'more':
      return `more:${action.answerId}`;
    case 'context':
      return `context:${action.answerId}:${action.index}`;
    case 'sources':
      return `sources:${action.page}`;
  }
}

/** The action behind a custom id, or null for one this bot did not make. */
export function decodeButton(customId: string): ButtonAction | null {
  const [kind, first, second] = customId.split(':');
  if (kind === 'more' && first) return { kind, answerId: first };
  if (kind === 'context' && first && second !== undefined && /^\d+$/.test(second)) return { kind, answerId: first, index: Number(second) };
  if (kind === 'sources' && first !== undefined && /^\d+$/.test(first)) return { kind, page: Number(first) };
  return null;
}

/** Buttons under an answer: "More quotes" (when more may exist), then one "Context n" per quote. */
export function buildAnswerButtons(answerId: string, quoteCount: number, firstNumber: number, offerMore: boolean): ActionRowBuilder<ButtonBuilder>[] {
  const buttons: ButtonBuilder[] = [];
  if (offerMore) {
    buttons.push(new ButtonBuilder().setCustomId(encodeButton({ kind: 'more', answerId })).setLabel('More quotes').setStyle(ButtonStyle.Primary));
  }
  const numbered = numbersQuotes(quoteCount, firstNumber);
  const maxButtons = MAX_ACTION_ROWS * MAX_BUTTONS_PER_ROW;
  for (let index = 0; index < quoteCount && buttons.length < maxButtons; index += 1) {
    buttons.push(
      new ButtonBuilder()
        .setCustomId(encodeButton({ kind: 'context', answerId, index }))
        .setLabel(numbered ? `Context ${firstNumber + index}` : 'Context')
        .setStyle(ButtonStyle.Secondary),
    );
  }
  const rows: ActionRowBuilder<ButtonBuilder>[] = [];
  for (let start = 0; start < buttons.length; start += MAX_BUTTONS_PER_ROW) {
    rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(start, start + MAX_BUTTONS_PER_ROW)));
  }
  return rows;
}
