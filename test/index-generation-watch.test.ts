import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { watchGeneration } from '../src/index/generation-watch.js';

/** What a process following an index folder sees when another process publishes a generation. */

const roots: string[] = [];
after(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

async function indexFolder(): Promise<{ indexDir: string; publish(name: string): Promise<string> }> {
  const indexDir = await mkdtemp(path.join(tmpdir(), 'quotebot-watch-'));
  roots.push(indexDir);
  return {
    indexDir,
    async publish(name) {
      await mkdir(path.join(indexDir, 'generations', name), { recursive: true });
      // As a build publishes: written beside, then renamed over the pointer.
      await writeFile(path.join(indexDir, 'current.tmp'), `${name}\n`);
      await rename(path.join(indexDir, 'current.tmp'), path.join(indexDir, 'current'));
      return path.join(indexDir, 'generations', name);
    },
  };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

test('a generation another process publishes is loaded once; the one this process loaded is not loaded again', async () => {
  const folder = await indexFolder();
  const first = await folder.publish('gen-1');
  const loaded: string[] = [];
  // A slow poll, so the check cannot fall between publishing gen-3 and saying it is loaded.
  const watch = watchGeneration(folder.indexDir, { loaded: first, intervalMs: 300, onChange: async (g) => void loaded.push(g), onError: (_generation, error) => assert.fail(String(error)) });
  try {
    const second = await folder.publish('gen-2');
    await until(() => loaded.length > 0);
    assert.deepEqual(loaded, [second]);
    // This process rebuilt gen-3 itself and says so as soon as it is published: nothing to follow.
    watch.markLoaded(await folder.publish('gen-3'));
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.deepEqual(loaded, [second]);
  } finally {
    watch.stop();
  }
});

test('a generation that fails to load is reported once and not retried until another is published', async () => {
  const folder = await indexFolder();
  const first = await folder.publish('gen-1');
  const attempts: string[] = [];
  const errors: (string | null)[] = [];
  const watch = watchGeneration(folder.indexDir, {
    loaded: first,
    intervalMs: 10,
    async onChange(generation) {
      attempts.push(generation);
      if (generation.endsWith('broken')) throw new Error('damaged');
    },
    onError: (generation) => void errors.push(generation),
  });
  try {
    const broken = await folder.publish('gen-broken');
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.deepEqual(attempts, [broken]);
    assert.deepEqual(errors, [broken]);
    const fixed = await folder.publish('gen-fixed');
    await until(() => attempts.length > 1);
    assert.deepEqual(attempts, [broken, fixed]);
  } finally {
    watch.stop();
  }
});
