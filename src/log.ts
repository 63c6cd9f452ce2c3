import pino, { type Logger } from 'pino';

/**
 * One JSON line per event. Secrets are redacted by key, and any string that contains the
 * Discord token is scrubbed, so the token never reaches a log even inside an error message.
 */
export function createLogger(level: string, secrets: readonly (string | undefined)[] = []): Logger {
  const hidden = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 8);
  return pino({
    level,
    base: undefined,
    redact: { paths: ['token', '*.token', 'config.DISCORD_TOKEN', 'headers.authorization'], censor: '[redacted]' },
    hooks: {
      streamWrite(line) {
        return hidden.reduce((text, secret) => text.split(secret).join('[redacted]'), line);
      },
    },
  });
}

export type { Logger };
