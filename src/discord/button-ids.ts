/**
 * Custom ids of the bot's buttons (under answers and under `/sources`). State lives in the bot's memory under a short id, so ids stay
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
