import { ExplainedError } from '../errors.js';

/**
 * The two kinds of failure a person can meet. A UserError is expected (bad input, a limit, a
 * refusal): its message is shown as is, only to that person. Anything else is a bug or an outage:
 * the person gets a generic apology and the details go to the log.
 */

/** `ignored`: nothing is sent back (a DM flood past its one notice); the run is only logged. */
export type UserErrorKind = 'invalid' | 'rate_limited' | 'refused' | 'expired' | 'busy' | 'failed' | 'ignored';

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
export class DiscordLoginError extends ExplainedError {
  override name = 'DiscordLoginError';
  constructor(message: string) {
    super(message);
    this.stack = `${this.name}: ${message}`;
  }
}

export const TOKEN_REJECTED =
  'Discord rejected DISCORD_TOKEN: the token is invalid or was reset. Copy a fresh token from ' +
  'https://discord.com/developers/applications (your application > Bot > Reset Token) into .env.';

/** Gateway close codes after which Discord will not take the bot back without a fix (see discord.js). */
const FATAL_CLOSE_ADVICE: Record<number, string> = {
  4004:
    'Discord closed the connection because DISCORD_TOKEN is no longer valid (it was reset or revoked). Copy a fresh token from ' +
    'https://discord.com/developers/applications (your application > Bot > Reset Token) into .env and start the bot again.',
  4013: 'Discord closed the connection because the bot asked for invalid gateway intents; this is a bug in this version of quotebot.',
  4014:
    'Discord closed the connection because the bot asked for a privileged intent it is not allowed: enable it under your ' +
    'application > Bot > Privileged Gateway Intents, then start the bot again.',
};

/** What to tell the person running the bot when the gateway closes for good with `code`. */
export function describeFatalClose(code: number): string {
  return (
    FATAL_CLOSE_ADVICE[code] ??
    `Discord closed the connection for good (close code ${code}); start the bot again, and check DISCORD_TOKEN if it happens again.`
  );
}
