import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { describeAuthors, type Answer, type AnswerOptions, type Quote, type QuoteEngine, type WrittenSummary } from '../domain.js';
import type { Logger } from '../log.js';
import { checkSummary, MAX_SUMMARY_SENTENCES, type DroppedSentence } from './summary-check.js';

/**
 * The optional written answer (ANSWER_MODE=summary): a chat model sees only the question and the
 * verified quotes, numbered with their attributions, and writes a few sentences citing them; the
 * sentences that pass `checkSummary` are shown before the quotes. Any failure leaves the quotes alone.
 */

/** The one call the writer makes of a LangChain chat model. */
export type ChatModel = Pick<BaseChatModel, 'invoke'>;

export const SUMMARY_INSTRUCTIONS = `You connect quotes from a collection of articles into a short answer to a question.
Rules:
- Use only the numbered quotes you are given. Add no fact, name, number or opinion they do not contain.
- Write at most ${MAX_SUMMARY_SENTENCES} sentences, in the language of the question, as plain text.
- End every sentence with the numbers of the quotes it rests on, in square brackets: [1] or [1][2].
- Use quotation marks only around words copied exactly from a quote that the sentence cites.
- Name a person or an outlet only as the quotes or their attributions write it.
- If the quotes do not answer the question, reply NONE.`;

/** `[1] Jane Doe, “On Bridges” (2021-03-04):` then the quote on its own lines. */
function formatSource(quote: Quote, number: number): string {
  const author = describeAuthors(quote.authors);
  const date = quote.date ? ` (${quote.date})` : '';
  return `[${number}] ${author}, “${quote.title}”${date}:\n${quote.text.trim()}`;
}

/** The messages the model receives: the rules, then the question and the numbered quotes, nothing else. */
export function buildSummaryPrompt(question: string, quotes: readonly Quote[]): [role: 'system' | 'human', content: string][] {
  const sources = quotes.map((quote, i) => formatSource(quote, i + 1)).join('\n\n');
  return [
    ['system', SUMMARY_INSTRUCTIONS],
    ['human', `Question: ${question}\n\nQuotes:\n\n${sources}`],
  ];
}

export type SummaryOutcome =
  | { status: 'written'; summary: WrittenSummary; dropped: DroppedSentence[] }
  | { status: 'nothing-verified'; dropped: DroppedSentence[] }
  | { status: 'failed'; error: string }
  | { status: 'timeout' };

export interface SummaryWriter {
  write(question: string, quotes: readonly Quote[]): Promise<SummaryOutcome>;
}

export interface SummaryWriterOptions {
  /** The model's name as configured, shown with what it wrote. */
  model: string;
  /** After this long the call is abandoned and the answer is the quotes alone. */
  timeoutMs: number;
}

class SummaryTimeout extends Error {}

/** Asks the model once, within the time limit, and keeps what the checks let through. */
export function createSummaryWriter(model: ChatModel, options: SummaryWriterOptions): SummaryWriter {
  return {
    async write(question, quotes) {
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new SummaryTimeout());
        }, options.timeoutMs);
      });
      try {
        // The race guards against a provider that ignores the abort signal.
        const reply = await Promise.race([model.invoke(buildSummaryPrompt(question, quotes), { signal: controller.signal }), timeout]);
        if (controller.signal.aborted) return { status: 'timeout' };
        const check = checkSummary(reply.text, quotes);
        if (check.kept.length === 0) return { status: 'nothing-verified', dropped: check.dropped };
        const citations = [...new Set(check.kept.flatMap((sentence) => sentence.citations))].sort((a, b) => a - b);
        const text = check.kept.map((sentence) => sentence.text).join(' ');
        return { status: 'written', summary: { text, citations, model: options.model }, dropped: check.dropped };
      } catch (error) {
        if (error instanceof SummaryTimeout || controller.signal.aborted) return { status: 'timeout' };
        return { status: 'failed', error: error instanceof Error ? error.message : String(error) };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

function logOutcome(logger: Logger, outcome: SummaryOutcome): void {
  switch (outcome.status) {
    case 'written':
    case 'nothing-verified':
      logger.info(
        { event: 'summary', status: outcome.status, dropped: outcome.dropped.map(({ reason, detail }) => ({ reason, detail })) },
        outcome.status === 'written' ? 'written answer checked' : 'no written sentence passed the checks: quotes alone',
      );
      break;
    case 'failed':
      logger.warn({ event: 'summary', status: 'failed', error: outcome.error }, 'the chat model failed: quotes alone');
      break;
    case 'timeout':
      logger.warn({ event: 'summary', status: 'timeout' }, 'the chat model was too slow: quotes alone');
      break;
  }
}

/**
 * The engine with a written answer added to first pages of answered questions. Other pages
 * ("More quotes") and unanswered questions never call the model.
 */
export function withSummaries<E extends QuoteEngine>(engine: E, writer: SummaryWriter, logger: Logger): E {
  const answer = async (question: string, options: AnswerOptions = {}): Promise<Answer> => {
    const result = await engine.answer(question, options);
    if (!result.answered || result.quotes.length === 0 || (options.offset ?? 0) > 0) return result;
    const outcome = await writer.write(result.question, result.quotes);
    logOutcome(logger, outcome);
    return outcome.status === 'written' ? { ...result, summary: outcome.summary } : result;
  };
  // A prototype link rather than a copy keeps the engine's getters (its current index) live.
  return Object.create(engine, { answer: { value: answer, enumerable: true } }) as E;
}
