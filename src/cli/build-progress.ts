import cliProgress from 'cli-progress';
import type { BuildReporter, ReindexSummary } from '../index.js';

/** How an index build looks in the terminal: a progress bar on a terminal, plain lines elsewhere, then a summary. */

/** The lines a person reads after a reindex: each skipped file (or file read in part), then what was indexed. */
export function describeReindex(summary: ReindexSummary, location: string): string[] {
  return [
    ...summary.problems.map((problem) => `${problem.indexed ? 'note on' : 'skipped'} ${problem.source}: ${problem.message}`),
    `indexed ${summary.files} files, ${summary.articles} articles, ${summary.passages} passages ` +
      `(${summary.reusedPassages} reused) in ${summary.seconds.toFixed(1)} s -> ${location}`,
    ...(summary.calibration
      ? [
          `relevance threshold ${summary.calibration.minRelevance.toFixed(3)}, calibrated on ${summary.calibration.questions} ` +
            `off-topic questions (the best of them scored ${summary.calibration.highest.toFixed(3)})`,
        ]
      : []),
  ];
}

/** Without a terminal (CI, logs), progress is a plain line every tenth of the way. */
export function progressLines(write: (line: string) => void): (done: number, total: number) => void {
  let lastTenth = -1;
  return (done, total) => {
    const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    write(`indexed ${done}/${total} passages and sentences`);
  };
}

export interface Progress {
  update(done: number, total: number): void;
  /** Removes the bar, if one was drawn; call once the build ends, however it ends. */
  stop(): void;
}

/** A progress bar on stderr when it is a terminal; elsewhere `withoutTerminal`, or nothing. */
export function startProgress(withoutTerminal?: (done: number, total: number) => void): Progress {
  if (!process.stderr.isTTY) return { update: (done, total) => withoutTerminal?.(done, total), stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: 'indexing [{bar}] {value}/{total} passages and sentences, {eta}s left', stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

/** What `npm start` shows while it builds a missing index: a line saying so, the progress, the summary (all on stderr). */
export function reportFirstBuild(): BuildReporter {
  let progress: Progress | null = null;
  let location = '';
  return {
    started(where, corpusDir) {
      location = where;
      console.error(`No index at ${where} yet: building it from ${corpusDir} (once).`);
      progress = startProgress();
    },
    progress: (done, total) => progress?.update(done, total),
    finished(summary) {
      progress?.stop();
      for (const line of describeReindex(summary, location)) console.error(line);
    },
    failed: () => progress?.stop(),
  };
}
