import { ExplainedError } from '../index.js';

/** A mistake in how a command was called; its message says how to call it. */
export class UsageError extends ExplainedError {
  override name = 'UsageError';
}

/** True for an error whose message already tells the person what to do (no stack needed). */
export function isExplainedError(error: unknown): boolean {
  return error instanceof ExplainedError;
}

/**
 * Ends a command-line process on an error with a message a person can act on. Errors that
 * explain themselves (usage, configuration, index, corpus) are printed alone; anything else also
 * gets its stack, since it is a bug worth reporting.
 */
export function exitWithMessage(error: unknown): never {
  if (error instanceof ExplainedError) {
    console.error(`quotebot: ${error.message}`);
  } else {
    console.error('quotebot: unexpected error:', error);
  }
  // 2 for a command called wrongly, as command-line tools do; 1 for everything else.
  process.exit(error instanceof UsageError ? 2 : 1);
}
