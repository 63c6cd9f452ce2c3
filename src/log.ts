import pino, { type Logger } from 'pino';

/**
 * One JSON line per event, on stderr so that stdout carries only what a command prints for a
 * person (answers, the terminal chat). Secrets are redacted by key, and any string that contains
 * the Discord token is scrubbed, so the token never reaches a log even inside an error message.
 */
export function createLogger(level: string, secrets: readonly (string | undefined)[] = []): Logger {
  const hidden = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 8);
  const options: pino.LoggerOptions = {
    level,
    base: undefined,
    redact: { paths: ['token', '*.token', 'config.DISCORD_TOKEN', 'headers.authorization'], censor: '[redacted]' },
    hooks: {
      streamWrite(line) {
        return hidden.reduce((text, secret) => text.split(secret).join('[redacted]'), line);
      },
    },
  };
  return pino(options, pino.destination({ fd: 2, sync: true }));
}

export type { Logger };
