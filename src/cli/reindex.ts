import 'dotenv/config';
import { parseArgs } from 'node:util';
import { auditLogOf, createEmbedder, createLogger, indexLocation, loadConfig, openStateStore, secretsOf, type ReindexSummary } from '../index.js';
import { reindexWithAudit } from './audited-reindex.js';
import { describeReindex, progressLines, startProgress } from './build-progress.js';
import { exitWithMessage, isExplainedError, UsageError } from './exit.js';

/**
 * `npm run reindex [-- --allow-shrink]`: reads CORPUS_DIR and writes a new index generation into
 * INDEX_DIR (or DATABASE_URL). `--allow-shrink` publishes it even when it has no articles or less
 * than half of the current index's. Written to the audit log (STATE_DIR, or DATABASE_URL) as `/reindex` is.
 */

function readOptions(): { allowShrink: boolean } {
  try {
    const { values } = parseArgs({ options: { 'allow-shrink': { type: 'boolean', default: false } } });
    return { allowShrink: values['allow-shrink'] ?? false };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Usage: npm run reindex [-- --allow-shrink]`);
  }
}

async function main(): Promise<void> {
  const options = readOptions();
  const config = loadConfig();
  const state = await openStateStore(config, createLogger(config.LOG_LEVEL, secretsOf(config)));
  const embedder = await createEmbedder(config).catch(async (error: unknown) => {
    await state.close();
    throw error;
  });
  const progress = startProgress(progressLines((line) => console.log(line)));
  let summary: ReindexSummary;
  try {
    summary = await reindexWithAudit(config, embedder, {
      audit: auditLogOf(state),
      allowShrink: options.allowShrink,
      onProgress: (done, total) => progress.update(done, total),
      warn: (line) => console.error(line),
    });
  } catch (error) {
    progress.stop();
    if (error instanceof Error && !isExplainedError(error)) {
      // A failed build (model error) leaves the old index in use: say so in one paragraph.
      console.error(
        `quotebot: the reindex failed: ${error.message}. The previous index in ${indexLocation(config)} (if any) is still in use; fix the cause and run \`npm run reindex\` again.`,
      );
      process.exit(1);
    }
    throw error;
  } finally {
    await embedder.close();
    await state.close();
  }
  progress.stop();
  for (const line of describeReindex(summary, indexLocation(config))) console.log(line);
}

main().catch(exitWithMessage);
