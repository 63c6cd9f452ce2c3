import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { loadConfig } from '../src/config/config.js';
import { createEmbedder, EmbedderError, LOCAL_DIMENSIONS, LOCAL_MODEL } from '../src/index/embeddings.js';

function cosine(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, value, i) => sum + value * b[i]!, 0);
}

function isInstalled(specifier: string): boolean {
  try {
    import.meta.resolve(specifier);
    return true;
  } catch {
    return false;
  }
}

/** This process's main thread's nice value, and how many of its threads run at a lower priority (Linux). */
function threadNiceValues(): { main: number; lowered: number } {
  const niceOf = (task: string) => Number(readFileSync(`/proc/self/task/${task}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
  const others = readdirSync('/proc/self/task').filter((task) => task !== String(process.pid));
  return { main: niceOf(String(process.pid)), lowered: others.filter((task) => niceOf(task) > 0).length };
}

describe('createEmbedder', () => {
  test('the local model runs offline in workers: 512-dim unit vectors, a paraphrase is closest', async () => {
    const embedder = await createEmbedder(loadConfig({ EMBED_WORKERS: '2' }));
    try {
      assert.equal(embedder.provider, 'local');
      assert.equal(embedder.model, LOCAL_MODEL);
      assert.equal(embedder.dimensions, LOCAL_DIMENSIONS);
      const [strike, paraphrase, unrelated] = await embedder.embedDocuments([
        'A US air strike killed dozens of civilians held in a prison in Syria.',
        'Dozens of prisoners died when American warplanes bombed a jail in Syria.',
        'The recipe needs two cups of flour and a pinch of salt.',
      ]);
      for (const vector of [strike!, paraphrase!, unrelated!]) {
        assert.equal(vector.length, 512);
        assert.ok(Math.abs(Math.hypot(...vector) - 1) < 1e-3, 'unit length');
      }
      assert.ok(cosine(strike!, paraphrase!) > cosine(strike!, unrelated!) + 0.2);

      const query = await embedder.embedQuery('civilian deaths from air strikes');
      assert.equal(query.length, 512);
      assert.deepEqual(await embedder.embedQuery('civilian deaths from air strikes'), query);
      // Many texts are spread over the workers and come back in order.
      const many = Array.from({ length: 40 }, (_, n) => `Sentence ${n} about ${n % 2 ? 'bombs' : 'bread'}.`);
      const vectors = await embedder.embedDocuments(many);
      assert.equal(vectors.length, 40);
      assert.ok(cosine(vectors[3]!, (await embedder.embedDocuments([many[3]!]))[0]!) > 0.9999);

      // A question asked during a reindex is answered before the queued batch work.
      const order: string[] = [];
      const reindex = embedder.embedDocuments(Array.from({ length: 120 }, (_, n) => `Passage ${n} of a reindex.`)).then(() => order.push('reindex'));
      const question = embedder.embedQuery('a question asked meanwhile').then(() => order.push('question'));
      await Promise.all([reindex, question]);
      assert.deepEqual(order, ['question', 'reindex']);

      // On Linux the model threads run below the main thread's priority, which acknowledges Discord.
      if (process.platform === 'linux') assert.deepEqual(threadNiceValues(), { main: 0, lowered: 2 });
    } finally {
      await embedder.close();
    }
    await assert.rejects(embedder.embedQuery('after close'), /closed/);
  });

  test('openai without a key says what to set', async () => {
    await assert.rejects(createEmbedder(loadConfig({ EMBEDDINGS_PROVIDER: 'openai' })), (error: unknown) => {
      assert.ok(error instanceof EmbedderError);
      assert.match(error.message, /OPENAI_API_KEY/);
      return true;
    });
  });

  test('a provider whose package is not installed says how to install it', { skip: isInstalled('@langchain/ollama') }, async () => {
    await assert.rejects(createEmbedder(loadConfig({ EMBEDDINGS_PROVIDER: 'ollama' })), (error: unknown) => {
      assert.ok(error instanceof EmbedderError);
      assert.match(error.message, /npm install @langchain\/ollama/);
      return true;
    });
  });
});
