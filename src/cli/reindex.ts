import 'dotenv/config';
import { createEmbedder, indexLocation, loadConfig, reindexCorpus, type ReindexSummary } from '../index.js';
import { describeReindex, progressLines, startProgress } from './build-progress.js';
import { exitWithMessage, isExplainedError } from './exit.js';

/** `npm run reindex`: reads CORPUS_DIR and writes a new index generation into INDEX_DIR (or DATABASE_URL). */

async function main(): Promise<void> {
  const config = loadConfig();
  const embedder = await createEmbedder(config);
  const progress = startProgress(progressLines((line) => console.log(line)));
  let summary: ReindexSummary;
  try {
    summary = await reindexCorpus(config, embedder, (done, total) => progress.update(done, total));
  } catch (error) {
    progress.stop();
    if (error instanceof Error && !isExplainedError(error)) {
      // A failed build (disk full, model error) leaves the old index in use: say so in one paragraph.
      console.error(
        `quotebot: the reindex failed: ${error.message}. The previous index in ${indexLocation(config)} (if any) is still in use; fix the cause and run \`npm run reindex\` again.`,
      );
      process.exit(1);
    }
    throw error;
  } finally {
    await embedder.close();
  }
  progress.stop();
  for (const line of describeReindex(summary, indexLocation(config))) console.log(line);
}

main().catch(exitWithMessage);
