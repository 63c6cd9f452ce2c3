/**
 * The two kinds of failure a person can meet. A UserError is expected (bad input, a limit, a
 * refusal): its message is shown as is, only to that person. Anything else is a bug or an outage:
 * the person gets a generic apology and the details go to the log.
 */

export type UserErrorKind = 'invalid' | 'rate_limited' | 'refused' | 'expired' | 'busy' | 'failed';

export class UserError extends Error {
  override name = 'UserError';
  constructor(
    message: string,
    readonly kind: UserErrorKind = 'invalid',
  ) {
    super(message);
  }
}

export const GENERIC_FAILURE = 'Something went wrong, try again in a moment.';

/**
 * The bot could not log in. Its message says what to fix and never holds the token; the stack is
 * left out because this is a configuration problem to report to a person, not a bug.
 */
export class DiscordLoginError extends Error {
  override name = 'DiscordLoginError';
  constructor(message: string) {
    super(message);
    this.stack = `${this.name}: ${message}`;
  }
}
