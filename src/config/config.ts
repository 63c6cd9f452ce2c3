import { z } from 'zod';

/**
 * Configuration comes from the environment (and `.env`, loaded by the entry points), is parsed
 * once at start into one typed object, and fails with a message that names what to fix.
 * Every variable here is listed in `.env.example` and in the README.
 */

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();
const snowflake = z.string().regex(/^\d{15,21}$/, 'must be a Discord id (15 to 21 digits)');

const ConfigSchema = z.object({
  CORPUS_DIR: z.string().trim().min(1).default('corpus'),
  INDEX_DIR: z.string().trim().min(1).default('data/index'),
  EMBEDDINGS_PROVIDER: z.enum(['local', 'openai', 'ollama']).default('local'),
  EMBEDDINGS_MODEL: optionalText,
  OPENAI_API_KEY: optionalText,
  OLLAMA_BASE_URL: optionalText,
  EMBED_WORKERS: z.coerce.number().int().min(1).max(16).default(2),
  CHUNK_SIZE: z.coerce.number().int().min(200).max(4000).default(900),
  CHUNK_OVERLAP: z.coerce.number().int().min(0).max(1000).default(150),
  HNSW_EF: z.coerce.number().int().min(10).max(2000).default(100),
  ANSWER_QUOTES: z.coerce.number().int().min(1).max(10).default(3),
  MIN_RELEVANCE: z.coerce.number().min(0).max(1).optional(),
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.pipe(snowflake.optional()),
  DISCORD_GUILD_ID: optionalText.pipe(snowflake.optional()),
  DISCORD_API_URL: optionalText.pipe(z.url().optional()),
  OWNER_IDS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((id) => id.trim()).filter(Boolean))
    .pipe(z.array(snowflake)),
  RATE_LIMIT_PER_MINUTE: positiveInt(6),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.output<typeof ConfigSchema>;

export class ConfigError extends Error {
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
    return config;
  }
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    // Never echo the value: it may be a secret.
    return `- ${name}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid configuration (check your environment or .env):\n${lines.join('\n')}`);
}
