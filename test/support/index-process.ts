/**
 * Another process working on the same INDEX_DIR, for the cross-process tests of the index lock and
 * of generations in use. Run as `node --import tsx test/support/index-process.ts MODE` with
 * CORPUS_DIR and INDEX_DIR in the environment; it uses the fake embedder (no model to load).
 *
 * - `build`: a reindex that prints `embedding` once the build has started embedding (the corpus
 *   must hold a text the current index lacks), then waits for a line on stdin before it goes on
 *   (so the test can act while it is mid-build), then prints `done`.
 * - `serve`: loads the current index as the bot does, prints `serving`, and stays up until stdin closes.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { loadConfig } from '../../src/config/config.js';
import { loadIndex } from '../../src/index/load.js';
import { expectedIndex, reindexCorpus } from '../../src/open-engine.js';
import { FakeEmbedder } from './fake-embedder.js';

const mode = process.argv[2];
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const lines = createInterface({ input: process.stdin });
// Listened for from the start, so a line sent early is not missed.
const firstLine = once(lines, 'line');
const closed = once(lines, 'close');

class HeldEmbedder extends FakeEmbedder {
  private held = false;
  override async embedDocuments(texts: string[]): Promise<number[][]> {
    if (!this.held) {
      this.held = true;
      console.log('embedding');
      await firstLine;
    }
    return super.embedDocuments(texts);
  }
}

if (mode === 'build') {
  await reindexCorpus(config, new HeldEmbedder());
  console.log('done');
  lines.close();
} else if (mode === 'serve') {
  const embedder = new FakeEmbedder();
  await loadIndex(config.INDEX_DIR, expectedIndex(config, embedder));
  console.log('serving');
  await closed;
} else {
  throw new Error(`unknown mode ${mode}`);
}
