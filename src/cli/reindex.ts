import 'dotenv/config';
import { loadConfig } from '../config/config.js';
import type { ReindexSummary } from '../domain.js';
import { createEmbedder } from '../index/embeddings.js';
import { describeReindex, reindexWithProgress } from '../open-engine.js';
import { exitWithMessage, isExplainedError } from './exit.js';

/** `npm run reindex`: reads CORPUS_DIR and writes a new index generation into INDEX_DIR. */

/** Without a terminal (CI, logs), progress is a plain line every tenth of the way. */
function progressLines(): (done: number, total: number) => void {
  let lastTenth = -1;
  return (done, total) => {
    const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    console.log(`indexed ${done}/${total} passages and sentences`);
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const embedder = await createEmbedder(config);
  let summary: ReindexSummary;
  try {
    summary = await reindexWithProgress(config, embedder, progressLines());
  } catch (error) {
    if (error instanceof Error && !isExplainedError(error)) {
      // A failed build (disk full, model error) leaves the old index in use: say so in one paragraph.
      console.error(
        `quotebot: the reindex failed: ${error.message}. The previous index in ${config.INDEX_DIR} (if any) is still in use; fix the cause and run \`npm run reindex\` again.`,
      );
      process.exit(1);
    }
    throw error;
  } finally {
    await embedder.close();
  }
  for (const line of describeReindex(summary, config.INDEX_DIR)) console.log(line);
}

main().catch(exitWithMessage);
