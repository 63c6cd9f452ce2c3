import { resolveFilter, type QuoteEngine, type SearchFilter } from '../index.js';
import { formatAnswerText, formatFilterMismatch, formatSourceLine } from './format-answer.js';

/**
 * The terminal chat of `npm start` without a Discord token: a question per line, answered with
 * quotes, and a few commands. Kept apart from the terminal itself (readline), so a session is one
 * line in, text out.
 */

export const CHAT_HELP = [
  'Type a question and press Enter. Commands:',
  '  /more             the next quotes for the last question',
  '  /author NAME      only quote this author (/author alone: any author)',
  '  /document TITLE   only quote this document (/document alone: any document)',
  '  /sources          list the documents',
  '  /help             this list',
  '  /quit             leave (so does Ctrl+D)',
].join('\n');

export interface ChatSession {
  /** The reply to one line typed: text to print (empty for nothing), or null when the person asked to leave. */
  handle(line: string): Promise<string | null>;
}

/** What narrows the questions of a session, as the person chose it. */
interface Narrowing {
  author?: string;
  document?: { id: string; title: string };
}

function filterOf(narrowing: Narrowing): SearchFilter | undefined {
  if (!narrowing.author && !narrowing.document) return undefined;
  return { ...(narrowing.author ? { author: narrowing.author } : {}), ...(narrowing.document ? { document: narrowing.document.id } : {}) };
}

/** A chat over `engine`, `quotes` quotes per answer. */
export function createChatSession(engine: QuoteEngine, quotes: number): ChatSession {
  const narrowing: Narrowing = {};
  let last: { question: string; shown: number } | null = null;

  async function ask(question: string, offset: number): Promise<string> {
    const answer = await engine.answer(question, { limit: quotes, offset, filter: filterOf(narrowing) });
    if (offset > 0 && answer.quotes.length === 0) return 'No more quotes for that question.';
    last = { question, shown: offset + answer.quotes.length };
    return formatAnswerText(answer, '/sources');
  }

  function narrow(field: 'author' | 'document', typed: string): string {
    if (typed === '') {
      delete narrowing[field];
      return field === 'author' ? 'Quoting any author again.' : 'Quoting any document again.';
    }
    const resolved = resolveFilter(engine.listArticles(), { [field]: typed });
    if (!resolved.ok) return formatFilterMismatch(resolved, `/${field}`, '/sources');
    if (field === 'author') narrowing.author = resolved.filter!.author!;
    else narrowing.document = { id: resolved.filter!.document!, title: resolved.documentTitle ?? typed };
    const what = field === 'author' ? `by ${narrowing.author}` : `from "${narrowing.document!.title}"`;
    return `From now on only quotes ${what} (/${field} alone undoes it).`;
  }

  return {
    async handle(line) {
      const text = line.trim();
      if (text === '') return '';
      const command = /^\/(\w+)\s*(.*)$/s.exec(text);
      if (!command) return ask(text, 0);
      const [, name = '', argument = ''] = command;
      switch (name.toLowerCase()) {
        case 'quit':
        case 'exit':
          return null;
        case 'help':
          return CHAT_HELP;
        case 'sources':
          return engine.listArticles().map(formatSourceLine).join('\n') || 'No documents are indexed.';
        case 'author':
        case 'document':
          return narrow(name.toLowerCase() as 'author' | 'document', argument.trim());
        case 'more':
          return last ? ask(last.question, last.shown) : 'Ask a question first; /more then shows its next quotes.';
        default:
          return `There is no /${name}. ${CHAT_HELP}`;
      }
    },
  };
}
