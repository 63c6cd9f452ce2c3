/**
 * An expected failure whose message is written for the person who has to act on it (a setting
 * to fix, a command to run): the terminal prints the message alone, without a stack. Anything
 * else that goes wrong is a bug, reported with its stack.
 */
export class ExplainedError extends Error {
  override name = 'ExplainedError';
}
