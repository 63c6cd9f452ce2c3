/**
 * Reads a direct message as a question, with optional filters written before it:
 *
 *     author: Jane Doe
 *     document: On Bridges; what holds them up?
 *
 * Each `author:` / `document:` (or `doc:`) prefix ends at a line break or a semicolon; what is left
 * is the question. Pure: returns a result instead of throwing.
 */

export interface DirectQuestion {
  question: string;
  author?: string;
  document?: string;
}

export type ParseResult =
  | { ok: true; value: DirectQuestion }
  | { ok: false; reason: 'empty' | 'no-question'; message: string };

const FILTER_PREFIX = /^\s*(author|by|document|doc)\s*:[ \t]*([^\n;]*?)[ \t]*(?:[\n;]|$)/i;

const FILTER_KEYS: Record<string, 'author' | 'document'> = { author: 'author', by: 'author', document: 'document', doc: 'document' };

export const DM_USAGE =
  'Send me a question, for example `What do the documents say about bridges?`.\n' +
  'To narrow it down, start with `author: Name` or `document: Title` and end each filter with a new line or `;`, ' +
  'e.g. `author: Jane Doe; what does she say about bridges?`';

export function parseDirectMessage(content: string): ParseResult {
  let rest = content;
  const filters: Partial<Record<'author' | 'document', string>> = {};
  for (let match = FILTER_PREFIX.exec(rest); match; match = FILTER_PREFIX.exec(rest)) {
    const key = FILTER_KEYS[match[1]!.toLowerCase()]!;
    const value = match[2]!.trim();
    if (value !== '') filters[key] = value;
    rest = rest.slice(match[0].length);
  }
  const question = rest.replace(/\s+/g, ' ').trim();
  if (question === '') {
    const hadFilters = Object.keys(filters).length > 0;
    return {
      ok: false,
      reason: hadFilters ? 'no-question' : 'empty',
      message: hadFilters ? `I see the filter but no question after it.\n${DM_USAGE}` : DM_USAGE,
    };
  }
  return { ok: true, value: { question, ...filters } };
}
