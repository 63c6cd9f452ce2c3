import path from 'node:path';
import type { CorpusChanges, IngestResult, ReindexSummary, SourceFile } from '../domain.js';
import { ExplainedError } from '../errors.js';
import { readVerifiedManifest, type IndexManifest } from './generation-format.js';
import { currentGeneration, generationsDir, listGenerations } from './generations.js';

/**
 * What a reindex is checked against before anything is built: the index now published. An emptied
 * corpus (a folder unmounted, files moved away) or one that lost more than half of its articles
 * would replace a good index with a useless one, so it is refused unless forced.
 */

export class IndexShrinkError extends ExplainedError {
  override name = 'IndexShrinkError';
}

/**
 * The manifest of the good index now published in a folder: the current generation's, or that of
 * the one a damaged current falls back to; null when there is none (before the first build, or
 * when every generation is damaged: then there is nothing good left to protect).
 */
export async function readPublishedManifest(indexDir: string): Promise<IndexManifest | null> {
  const current = await currentGeneration(indexDir).catch(() => null);
  const candidates = [...(current ? [current] : []), ...(await listGenerations(indexDir)).map((name) => path.join(generationsDir(indexDir), name))];
  for (const dir of new Set(candidates)) {
    try {
      return await readVerifiedManifest(dir, indexDir);
    } catch {
      // Damaged or of another version: look at the one before.
    }
  }
  return null;
}

function describeSkipped(ingest: IngestResult): string {
  const count = ingest.problems.length;
  if (count === 0) return '';
  const first = ingest.problems.slice(0, 3).map((problem) => `${problem.source}: ${problem.message}`).join('; ');
  return ` (${count} file${count === 1 ? ' was' : 's were'} skipped: ${first}${count > 3 ? '; …' : ''})`;
}

/**
 * Why this ingest must not replace an index of `published` articles (null: there is none yet), or
 * null when it may. Forcing (`--allow-shrink`) lifts the refusal where an index exists.
 */
export function checkShrink(published: number | null, ingest: IngestResult, allowShrink: boolean): string | null {
  const next = ingest.articles.length;
  const force = 'if that is intended, run `npm run reindex -- --allow-shrink`';
  if (next === 0) {
    if (published === null) return `The corpus folder (CORPUS_DIR) has no articles to index${describeSkipped(ingest)}; add articles (.txt, .md, .html, .mhtml, .pdf) and try again.`;
    if (!allowShrink) return `The corpus folder (CORPUS_DIR) has no articles to index${describeSkipped(ingest)}, so the index in use (${published} articles) was kept; ${force}.`;
  } else if (published !== null && next < published / 2 && !allowShrink) {
    return `The new index would go from ${published} to ${next} articles (more than half fewer)${describeSkipped(ingest)}, so the index in use was kept; ${force}.`;
  }
  return null;
}

/** Throws IndexShrinkError when this ingest must not replace the `published` index (see checkShrink). */
export function refuseShrink(published: Pick<IndexManifest, 'counts'> | null, ingest: IngestResult, allowShrink: boolean): void {
  const refusal = checkShrink(published?.counts.articles ?? null, ingest, allowShrink);
  if (refusal) throw new IndexShrinkError(refusal);
}

/** The build's summary with the corpus files added, removed and changed since the `published` index. */
export function withChanges(summary: ReindexSummary, published: Pick<IndexManifest, 'files'> | null, ingest: IngestResult): ReindexSummary {
  return published ? { ...summary, changes: corpusChanges(published.files, ingest.files) } : summary;
}

/** Corpus files added, removed and changed (by content hash) between two builds. */
export function corpusChanges(before: readonly SourceFile[], after: readonly SourceFile[]): CorpusChanges {
  const old = new Map(before.map((file) => [file.source, file.hash]));
  const now = new Map(after.map((file) => [file.source, file.hash]));
  return {
    added: [...now.keys()].filter((source) => !old.has(source)),
    removed: [...old.keys()].filter((source) => !now.has(source)),
    changed: [...now].filter(([source, hash]) => old.has(source) && old.get(source) !== hash).map(([source]) => source),
  };
}
