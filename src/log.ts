import pino, { type Logger } from 'pino';

/**
 * Logs go to stderr, so that stdout carries only what a command prints for a person (answers, the
 * terminal chat). Elsewhere (a service, CI, a file) one JSON line per event; on a terminal a line a
 * person reads. Secrets are redacted by key, and any string that contains the Discord token is
 * scrubbed, so the token never reaches a log even inside an error message.
 */
export function createLogger(
  level: string,
  secrets: readonly (string | undefined)[] = [],
  readable: boolean = process.stderr.isTTY === true,
): Logger {
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
  return pino(options, readable ? readableLines() : pino.destination({ fd: 2, sync: true }));
}

const LEVEL_NAMES: Readonly<Record<number, string>> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/** A JSON log line as a person reads it: `12:03:04 warn message (key=value, ...)`, an error's message included. */
export function formatLogLine(json: string): string {
  const { level, time, msg, err, ...fields } = JSON.parse(json) as Record<string, unknown>;
  const clock = typeof time === 'number' ? new Date(time).toTimeString().slice(0, 8) : '';
  const details = Object.entries(fields).map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const error = err && typeof err === 'object' && 'message' in err ? `: ${String(err.message)}` : '';
  const text = `${typeof msg === 'string' ? msg : ''}${error}`;
  const parts = [clock, LEVEL_NAMES[level as number] ?? String(level), text, details.length > 0 ? `(${details.join(', ')})` : ''];
  return parts.filter((part) => part !== '').join(' ');
}

function readableLines(): pino.DestinationStream {
  return { write: (line: string) => void process.stderr.write(`${formatLogLine(line)}\n`) };
}

/** The less verbose of two levels (`info` and `warn` give `warn`). */
export function quieterLevel(level: string, floor: string): string {
  const value = (name: string) => pino.levels.values[name] ?? Infinity;
  return value(level) >= value(floor) ? level : floor;
}

export type { Logger };
