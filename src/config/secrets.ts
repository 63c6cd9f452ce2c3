import type { Config } from './config.js';

/**
 * The secrets this process was configured with, by the name of their setting, so they can be kept
 * out of everything it writes or posts: the Discord token, API keys, a database password, and any
 * environment variable whose name says it holds a secret.
 */
export interface NamedSecret {
  name: string;
  value: string;
}

/** Names of environment variables that hold secrets by convention. */
const SECRET_NAME = /(?:_TOKEN|_KEY|_SECRET)$|PASSWORD|PASSWD/i;
/** Shorter values are too likely to occur in ordinary text ("true", "8080") to be hunted for. */
const MIN_SECRET_LENGTH = 8;
export const REDACTED = '[redacted]';

function passwordOf(url: string): string | null {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password === '' ? null : password;
  } catch {
    return null;
  }
}

/** Every configured secret, longest first (so a secret containing another is redacted whole). */
export function collectSecrets(config: Partial<Config>, env: NodeJS.ProcessEnv = process.env): NamedSecret[] {
  const found = new Map<string, string>();
  const add = (name: string, value: string | null | undefined) => {
    const trimmed = value?.trim();
    if (trimmed && trimmed.length >= MIN_SECRET_LENGTH && !found.has(trimmed)) found.set(trimmed, name);
  };
  add('DISCORD_TOKEN', config.DISCORD_TOKEN);
  add('OPENAI_API_KEY', config.OPENAI_API_KEY);
  if (config.DATABASE_URL) add('DATABASE_URL password', passwordOf(config.DATABASE_URL));
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (SECRET_NAME.test(name)) add(name, value);
    if (/_URL$/.test(name)) add(`${name} password`, passwordOf(value));
  }
  return [...found].map(([value, name]) => ({ name, value })).sort((a, b) => b.value.length - a.value.length);
}

/** The name of the first configured secret the text contains, or null. */
export function findSecret(text: string, secrets: readonly NamedSecret[]): string | null {
  return secrets.find((secret) => text.includes(secret.value))?.name ?? null;
}

/** The text with every configured secret replaced by `[redacted]`. */
export function redactSecrets(text: string, secrets: readonly NamedSecret[]): string {
  let redacted = text;
  for (const secret of secrets) if (redacted.includes(secret.value)) redacted = redacted.split(secret.value).join(REDACTED);
  return redacted;
}

/** The values of every configured secret, for the logger to scrub. */
export function secretsOf(config: Partial<Config>): string[] {
  return collectSecrets(config).map((secret) => secret.value);
}
