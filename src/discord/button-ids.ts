import type { Vote } from '../index.js';

/**
 * Custom ids of the bot's buttons (under answers, under `/sources` and under an added document).
 * State lives in the state store under a short id, so ids stay far below Discord's 100 characters:
 * `more:<id>`, `context:<id>:<index>`, `vote:<id>:up|down`, `sources:<page>`, `fix:<document key>`.
 */
export type ButtonAction =
  | { kind: 'more'; answerId: string }
  | { kind: 'context'; answerId: string; index: number }
  | { kind: 'vote'; answerId: string; vote: Vote }
  | { kind: 'sources'; page: number }
  | { kind: 'fix'; documentKey: string };

export function encodeButton(action: ButtonAction): string {
  switch (action.kind) {
    case 'more':
      return `more:${action.answerId}`;
    case 'context':
      return `context:${action.answerId}:${action.index}`;
    case 'vote':
      return `vote:${action.answerId}:${action.vote}`;
    case 'sources':
      return `sources:${action.page}`;
    case 'fix':
      return `fix:${action.documentKey}`;
  }
}

/** The action behind a custom id, or null for one this bot did not make. */
export function decodeButton(customId: string): ButtonAction | null {
  const [kind, first, second] = customId.split(':');
  if (kind === 'more' && first) return { kind, answerId: first };
  if (kind === 'context' && first && second !== undefined && /^\d+$/.test(second)) return { kind, answerId: first, index: Number(second) };
  if (kind === 'vote' && first && (second === 'up' || second === 'down')) return { kind, answerId: first, vote: second };
  if (kind === 'sources' && first !== undefined && /^\d+$/.test(first)) return { kind, page: Number(first) };
  if (kind === 'fix' && first) return { kind, documentKey: first };
  return null;
}

/** The id of the form behind "Correct details" (a modal, not a button). */
export const CORRECTION_FORM_PREFIX = 'fixform:';
