/**
 * Local embedding throughput on the seed corpus: chunks per second with 1 worker and with
 * EMBED_WORKERS workers (default 2), and the longest event-loop stall meanwhile (queries must
 * stay responsive while a reindex runs). Usage: npx tsx bench/embedding-throughput.ts [rounds]
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { chunkArticle, createLocalEmbedder, ingestCorpus, loadConfig } from '../src/index.js';

const rounds = Number(process.argv[2] ?? 2);
const config = loadConfig();
const ingest = await ingestCorpus(config.CORPUS_DIR);
const chunking = { size: config.CHUNK_SIZE, overlap: config.CHUNK_OVERLAP };
const texts = (await Promise.all(ingest.articles.map((article) => chunkArticle(article, chunking)))).flat().map((p) => p.text);
const meanLength = texts.reduce((sum, text) => sum + text.length, 0) / texts.length;
console.log(`${texts.length} chunks of ${Math.round(meanLength)} characters on average, ${rounds} rounds each`);

const results = new Map<number, number>();
for (const workers of [1, config.EMBED_WORKERS]) {
  const embedder = await createLocalEmbedder(workers);
  await embedder.embedDocuments(texts.slice(0, 4)); // warm-up
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  // Two batches in flight, as buildIndex does.
  for (let round = 0; round < rounds; round++) {
    const batches: string[][] = [];
    for (let i = 0; i < texts.length; i += 32) batches.push(texts.slice(i, i + 32));
    let next = 0;
    const run = async () => {
      while (next < batches.length) await embedder.embedDocuments(batches[next++]!);
    };
    await Promise.all([run(), run()]);
  }
  const seconds = (performance.now() - started) / 1000;
  delay.disable();
  await embedder.close();
  const rate = (texts.length * rounds) / seconds;
  results.set(workers, rate);
  console.log(
    `${workers} worker(s): ${rate.toFixed(1)} chunks/s, longest event-loop stall ${(delay.max / 1e6).toFixed(1)} ms`,
  );
}
if (results.size === 2) {
  const [one, many] = [...results.values()];
  console.log(`speed-up: ${(many! / one!).toFixed(2)}x`);
}
