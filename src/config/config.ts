import { z } from 'zod';
import { ExplainedError } from '../errors.js';

/**
 * Configuration comes from the environment (and `.env`, loaded by the entry points), is parsed
 * once at start into one typed object, and fails with a message that names what to fix.
 * Every variable here is listed in `.env.example` and in the README.
 */

/** `.env` files leave unset values as empty strings: treat those as unset so defaults apply. */
const blankAsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const integer = (min: number, max: number, fallback: number) =>
  z.preprocess(blankAsUnset, z.coerce.number().int().min(min).max(max).default(fallback));
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();
const snowflake = z.string().regex(/^\d{15,21}$/, 'must be a Discord id (15 to 21 digits)');
const snowflakeList = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((id) => id.trim()).filter(Boolean))
  .pipe(z.array(snowflake));
/** `true`/`false` (also `1`/`0`, `yes`/`no`, `on`/`off`). */
const flag = (fallback: boolean) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? (blankAsUnset(value) as string | undefined)?.trim().toLowerCase() : value),
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' })
      .optional()
      .transform((value) => (value === undefined ? fallback : ['true', '1', 'yes', 'on'].includes(value))),
  );
/** A folder inside another one: relative, never climbing out with `..`. */
const innerFolder = (fallback: string) =>
  z.preprocess(
    blankAsUnset,
    z
      .string()
      .trim()
      .default(fallback)
      .refine((value) => !value.startsWith('/') && !/^[A-Za-z]:/.test(value) && !value.split(/[\\/]/).includes('..'), 'must be a folder inside CORPUS_DIR (a relative path without "..")'),
  );

const ConfigSchema = z.object({
  CORPUS_DIR: z.preprocess(blankAsUnset, z.string().trim().default('corpus')),
  INDEX_DIR: z.preprocess(blankAsUnset, z.string().trim().default('data/index')),
  DATABASE_URL: optionalText.pipe(
    z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL URL (postgres://user:password@host:port/database)').optional(),
  ),
  EMBEDDINGS_PROVIDER: z.preprocess(blankAsUnset, z.enum(['local', 'openai', 'ollama']).default('local')),
  EMBEDDINGS_MODEL: optionalText,
  OPENAI_API_KEY: optionalText,
  OLLAMA_BASE_URL: optionalText,
  EMBED_WORKERS: integer(1, 16, 2),
  CHUNK_SIZE: integer(200, 4000, 900),
  CHUNK_OVERLAP: integer(0, 1000, 150),
  HNSW_EF: integer(10, 2000, 200),
  ANSWER_QUOTES: integer(1, 10, 3),
  MIN_RELEVANCE: z.preprocess(blankAsUnset, z.coerce.number().min(0).max(1).optional()),
  ANSWER_MODE: z.preprocess(blankAsUnset, z.enum(['quotes', 'summary']).default('quotes')),
  CHAT_MODEL: optionalText,
  SUMMARY_TIMEOUT_MS: integer(1000, 600_000, 30_000),
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.pipe(snowflake.optional()),
  DISCORD_GUILD_ID: optionalText.pipe(snowflake.optional()),
  DISCORD_API_URL: optionalText.pipe(z.url().optional()),
  OWNER_IDS: snowflakeList,
  ADMIN_GUILD_IDS: snowflakeList,
  ASK_REPLY_IN: z.preprocess(blankAsUnset, z.enum(['thread', 'channel']).default('thread')),
  MESSAGE_CONTENT_INTENT: flag(true),
  STATE_DIR: z.preprocess(blankAsUnset, z.string().trim().default('data/state')),
  BUTTON_TTL_HOURS: integer(1, 24 * 366, 24 * 30),
  UPLOADS_DIR: innerFolder('uploads'),
  UPLOAD_MAX_MB: integer(1, 100, 10),
  UPLOAD_TIMEOUT_SECONDS: integer(1, 300, 20),
  UPLOAD_MAX_REDIRECTS: integer(0, 10, 3),
  UPLOAD_ALLOW_PRIVATE_URLS: flag(false),
  RATE_LIMIT_PER_MINUTE: integer(1, 1000, 6),
  RATE_LIMIT_LOOKUPS_PER_MINUTE: integer(1, 1000, 60),
  ANSWER_CONCURRENCY: integer(1, 64, 4),
  ANSWER_QUEUE_LIMIT: integer(0, 10_000, 200),
  /** Unset: one process. `auto`: as many shards as Discord recommends; N: exactly N. */
  SHARD_COUNT: z.preprocess(
    blankAsUnset,
    z
      .union([z.literal('auto'), z.coerce.number().int().min(1).max(10_000)], { error: 'must be auto or a whole number from 1 to 10000' })
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(
    blankAsUnset,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

export type Config = z.output<typeof ConfigSchema>;

export class ConfigError extends ExplainedError {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError listing every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) {
    const config = result.data;
    if (config.CHUNK_OVERLAP >= config.CHUNK_SIZE) {
      throw new ConfigError('Invalid configuration:\n- CHUNK_OVERLAP must be smaller than CHUNK_SIZE');
    }
    if (config.ANSWER_MODE === 'summary' && !config.CHAT_MODEL) {
      throw new ConfigError('Invalid configuration:\n- ANSWER_MODE=summary needs CHAT_MODEL (e.g. ollama:llama3.1)');
    }
    return config;
  }
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    // Never echo the value: it may be a secret.
    return `- ${name}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid configuration (check your environment or .env):\n${lines.join('\n')}`);
}
