import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Config } from '../config/config.js';
import { ExplainedError } from '../errors.js';
import { EmbeddingPool } from './embedding-pool.js';
import type { QueryEmbedder } from './search-index.js';

/**
 * The embedding model, as LangChain's `EmbeddingsInterface` (for the vector store) and as our `QueryEmbedder`
 * (for the answer engine). The default runs Universal Sentence Encoder lite locally in worker
 * threads; OpenAI and Ollama are optional and loaded only when configured.
 */
export interface Embedder extends EmbeddingsInterface, QueryEmbedder {
  readonly provider: Config['EMBEDDINGS_PROVIDER'];
  /** Stops worker threads or connections so the process can exit. */
  close(): Promise<void>;
}

/** Names the local model and the package version that produced its vectors. */
export const LOCAL_MODEL = 'use-lite-512@energetic-ai-0.2.0';
export const LOCAL_DIMENSIONS = 512;
const QUERY_CACHE_SIZE = 500;
/** Texts per worker task: large enough to amortise messaging, small enough to spread over workers. */
const WORKER_BATCH = 16;

/** What names an embedding model's vectors: an index is only searched with the model that built it. */
export type EmbeddingIdentity = Pick<Embedder, 'provider' | 'model' | 'dimensions'>;

/**
 * The model the configuration will load, when that is known without loading it (the local model);
 * null for remote models, whose dimensions only a first call tells.
 */
export function plannedEmbedding(config: Config): EmbeddingIdentity | null {
  return config.EMBEDDINGS_PROVIDER === 'local'
    ? { provider: 'local', model: LOCAL_MODEL, dimensions: LOCAL_DIMENSIONS }
    : null;
}

/** A setup problem the user fixes in configuration or by installing a package. */
export class EmbedderError extends ExplainedError {
  override name = 'EmbedderError';
}

interface EmbeddingBackend {
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
  close(): Promise<void>;
}

/** Wraps a backend with the LangChain interface and a small LRU cache of query vectors. */
class CachedEmbedder implements Embedder {
  private readonly queries = new Map<string, Promise<number[]>>();

  constructor(
    readonly provider: Embedder['provider'],
    readonly model: string,
    readonly dimensions: number,
    private readonly backend: EmbeddingBackend,
  ) {}

  embedDocuments(texts: string[]): Promise<number[][]> {
    return this.backend.embedDocuments(texts);
  }

  embedQuery(text: string): Promise<number[]> {
    const cached = this.queries.get(text);
    if (cached) {
      // Re-insert so the Map's order stays least- to most-recently used.
      this.queries.delete(text);
      this.queries.set(text, cached);
      return cached;
    }
    const vector = this.backend.embedQuery(text);
    this.queries.set(text, vector);
    // A failure is not cached; the guard keeps a newer entry for the text if this one was evicted meanwhile.
    vector.catch(() => {
      if (this.queries.get(text) === vector) this.queries.delete(text);
    });
    if (this.queries.size > QUERY_CACHE_SIZE) this.queries.delete(this.queries.keys().next().value!);
    return vector;
  }

  close(): Promise<void> {
    this.queries.clear();
    return this.backend.close();
  }
}

function localBackend(pool: EmbeddingPool): EmbeddingBackend {
  return {
    async embedDocuments(texts) {
      const batches: string[][] = [];
      for (let i = 0; i < texts.length; i += WORKER_BATCH) batches.push(texts.slice(i, i + WORKER_BATCH));
      return (await Promise.all(batches.map((batch) => pool.embed(batch, 'batch')))).flat();
    },
    async embedQuery(text) {
      const [vector] = await pool.embed([text], 'query');
      return vector!;
    },
    close: () => pool.close(),
  };
}

export interface EmbedderOptions {
  /** Called once if the local model stops working for good (its workers keep dying); see EmbeddingPool. */
  onDead?: (error: Error) => void;
}

/** The local model in `workers` worker threads (at least one). */
export async function createLocalEmbedder(workers: number, options: EmbedderOptions = {}): Promise<Embedder> {
  let pool: EmbeddingPool;
  try {
    pool = await EmbeddingPool.start(Math.max(1, workers), undefined, { ...(options.onDead ? { onDead: options.onDead } : {}) });
  } catch (error) {
    throw new EmbedderError(
      `${(error as Error).message}. Check that \`npm install\` completed and the machine has free memory, ` +
        'then start again; EMBED_WORKERS=1 uses less memory.',
    );
  }
  return new CachedEmbedder('local', LOCAL_MODEL, LOCAL_DIMENSIONS, localBackend(pool));
}

type RemoteEmbeddingsClass = new (fields: Record<string, unknown>) => EmbeddingsInterface;

/** Imports an optional LangChain integration, saying how to install it when it is missing. */
async function importOptional(packageName: string, exportName: string): Promise<RemoteEmbeddingsClass> {
  try {
    const module = (await import(packageName)) as Record<string, unknown>;
    return module[exportName] as RemoteEmbeddingsClass;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new EmbedderError(`The ${packageName} package is not installed: run \`npm install ${packageName}\`.`);
    }
    throw error;
  }
}

async function createRemoteEmbedder(
  provider: 'openai' | 'ollama',
  model: string,
  client: EmbeddingsInterface,
): Promise<Embedder> {
  let probe: number[];
  try {
    probe = await client.embedQuery('dimension probe');
  } catch (error) {
    throw new EmbedderError(
      `Could not reach the ${provider} embedding model "${model}": ${(error as Error).message}. Check the ${provider} settings in .env.`,
    );
  }
  return new CachedEmbedder(provider, model, probe.length, {
    embedDocuments: (texts) => client.embedDocuments(texts),
    embedQuery: (text) => client.embedQuery(text),
    close: async () => {},
  });
}

/** The embedder the configuration asks for (EMBEDDINGS_PROVIDER, EMBEDDINGS_MODEL, EMBED_WORKERS, ...). */
export async function createEmbedder(config: Config, options: EmbedderOptions = {}): Promise<Embedder> {
  switch (config.EMBEDDINGS_PROVIDER) {
    case 'local':
      // The local provider has one bundled model; EMBEDDINGS_MODEL names models of the others.
      return createLocalEmbedder(config.EMBED_WORKERS, options);
    case 'openai': {
      if (!config.OPENAI_API_KEY) {
        throw new EmbedderError('EMBEDDINGS_PROVIDER=openai needs OPENAI_API_KEY: set it in .env.');
      }
      const OpenAIEmbeddings = await importOptional('@langchain/openai', 'OpenAIEmbeddings');
      const model = config.EMBEDDINGS_MODEL ?? 'text-embedding-3-small';
      return createRemoteEmbedder('openai', model, new OpenAIEmbeddings({ model, apiKey: config.OPENAI_API_KEY }));
    }
    case 'ollama': {
      const OllamaEmbeddings = await importOptional('@langchain/ollama', 'OllamaEmbeddings');
      const model = config.EMBEDDINGS_MODEL ?? 'nomic-embed-text';
      const baseUrl = config.OLLAMA_BASE_URL ?? 'http://localhost:11434';
      return createRemoteEmbedder('ollama', model, new OllamaEmbeddings({ model, baseUrl }));
    }
  }
}
