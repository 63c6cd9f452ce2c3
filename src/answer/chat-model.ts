import type { Config } from '../config/config.js';
import { ExplainedError } from '../errors.js';
import type { ChatModel } from './summary.js';

/**
 * The chat model of ANSWER_MODE=summary, created the LangChain way (`initChatModel("ollama:llama3.1")`).
 * `langchain` and the provider's package are imported only here, only in summary mode, so the
 * default mode loads no model code at all; provider packages are installed by whoever wants one.
 */

/** A setup problem the user fixes in configuration or by installing a package. */
export class ChatModelError extends ExplainedError {
  override name = 'ChatModelError';
}

/** LangChain's message when a provider package is missing: "Unable to import @langchain/x. Please install ...". */
const MISSING_PACKAGE = /Unable to import (\S+?)\.? Please install/;

/** A fetch that gives up after `ms`, so a hung server's connection is closed, not just ignored. */
function fetchWithin(ms: number): typeof fetch {
  return (input, init) => {
    const limit = AbortSignal.timeout(ms);
    return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, limit]) : limit });
  };
}

/** Settings passed through initChatModel to the provider's class, by the provider prefix of CHAT_MODEL. */
function providerFields(provider: string, config: Config): Record<string, unknown> {
  switch (provider) {
    case 'ollama':
      return {
        temperature: 0,
        fetch: fetchWithin(config.SUMMARY_TIMEOUT_MS),
        ...(config.OLLAMA_BASE_URL ? { baseUrl: config.OLLAMA_BASE_URL } : {}),
      };
    case 'openai':
      return { timeout: config.SUMMARY_TIMEOUT_MS, ...(config.OPENAI_API_KEY ? { apiKey: config.OPENAI_API_KEY } : {}) };
    default:
      return {};
  }
}

/** The configured chat model, or null in the default mode (nothing is imported then). */
export async function loadChatModel(config: Config): Promise<ChatModel | null> {
  if (config.ANSWER_MODE !== 'summary' || !config.CHAT_MODEL) return null;
  const name = config.CHAT_MODEL;
  const provider = name.includes(':') ? name.slice(0, name.indexOf(':')) : '';
  const { initChatModel } = await import('langchain');
  try {
    // No retries: a failed call costs the written part of one answer, never the quotes.
    return await initChatModel(name, { maxRetries: 0, ...providerFields(provider, config) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const missing = MISSING_PACKAGE.exec(message)?.[1];
    if (missing) {
      throw new ChatModelError(`CHAT_MODEL=${name} needs the ${missing} package, which is not installed: run \`npm install ${missing}\`.`);
    }
    throw new ChatModelError(
      `CHAT_MODEL=${name} cannot be loaded (${message}). Write it as provider:model, e.g. ollama:llama3.1 or openai:gpt-4o-mini.`,
    );
  }
}
