/**
 * `npm run loadtest`: many simulated users asking the real bot at once, over a fake Discord on
 * 127.0.0.1 (nothing leaves the machine). Bounded in count (`--interactions`) and time
 * (`--deadline`, seconds). Builds an index of the corpus (`--corpus`, default `corpus/`) in a temp
 * folder, starts the real engine and bot, asks `--warm-up` questions one at a time (as a bot that
 * has been up a while has), then:
 *
 * - `--users` users send `--interactions` `/ask` commands and DMs in all (40% DMs): all users at
 *   once to start, then each asks again 1-5 s after its previous answer;
 * - an owner runs `/reindex` part way through, after a new article was added to the corpus, so
 *   answers keep flowing while the new index is built and swapped in;
 * - one extra user floods the bot with more `/ask` than RATE_LIMIT_PER_MINUTE allows at once;
 * - then (without `--shards`, unless `--no-burst`) a burst: 1,000 interactions from 200 users
 *   within 10 s, with the fake Discord in a process of its own (loadtest-burst.ts), reported as
 *   `loadtest: burst: sent N answered N busy N lost 0 late-deferrals 0 defer-p99 X ms rss-peak Y MB`
 *   just before the last line.
 *
 * It checks that every `/ask` is deferred within Discord's 3 s and every interaction gets an answer
 * (quotes verbatim from the cited article, or a plain "found nothing"), and prints the latency from
 * the moment the interaction is sent to the moment its answer reaches Discord. The last line is
 * `loadtest: sent N answered N lost N p50 X ms p95 Y ms p99 Z ms`; "lost" counts every interaction
 * without a good answer (no reply within 30 s, an error, a "slow down", a wrong quote). It exits
 * non-zero when any is lost or a check fails.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig, openEngine, type Article, type ReindexSummary, type SwappableEngine } from '../src/index.js';
import { startBotAgainstFake } from '../test/support/bot-harness.js';
import { GENERIC_FAILURE, isReplyTo, isVerbatim, quotesOf } from '../test/support/bot-messages.js';
import type { FakeDiscord, FakeUser, RecordedRequest } from '../test/support/fake-discord.js';
import { answerTuning, DEFAULT_BURST, formatBurst, runBurst, type BurstResult } from './loadtest-burst.js';
import { startShardedTarget } from './loadtest-shards.js';
import { questionFor, random, summarize, user, warmUpQuestions, type Percentiles } from './loadtest-users.js';

/** Discord drops an interaction not acknowledged within this. */
const DEFERRAL_LIMIT_MS = 3_000;

export interface LoadTestOptions {
  users: number;
  interactions: number;
  /** Share of the interactions sent as DMs (the rest are `/ask`). */
  dmShare: number;
  /** Per-user questions a minute; set so the simulated users stay under it. */
  rateLimitPerMinute: number;
  /** A user's pause between receiving an answer and asking again, ms (uniform in [min, max]). */
  thinkMs: [number, number];
  /**
   * Questions asked one at a time before the timed run (not counted), as a bot that has been up
   * a while has answered: the engine caches sentence vectors, so a cold start is slower.
   */
  warmUp: number;
  /** Run `/reindex` once this many interactions were sent (null: no reindex). */
  reindexAfter: number | null;
  /** Called just before the reindex (e.g. to add a file to the corpus). */
  beforeReindex?: () => Promise<void>;
  /** After this many interactions, one user sends rateLimitPerMinute + `extra` `/ask` at once (null: no flood). */
  flood: { after: number; extra: number } | null;
  /** An interaction without a final reply after this long is lost. */
  replyTimeoutMs: number;
  /** The whole run stops after this long; what is unanswered then is lost. */
  deadlineMs: number;
  seed: number;
}

export const DEFAULT_OPTIONS: LoadTestOptions = {
  users: 50,
  interactions: 500,
  dmShare: 0.4,
  rateLimitPerMinute: 30,
  thinkMs: [1_000, 5_000],
  warmUp: 50,
  reindexAfter: 200,
  flood: { after: 100, extra: 10 },
  replyTimeoutMs: 30_000,
  deadlineMs: 5 * 60_000,
  seed: 2025,
};

type Outcome = 'quoted' | 'nothing-found' | 'failed' | 'slowed' | 'wrong-quote' | 'other' | 'no-reply';

interface Sample {
  kind: 'ask' | 'dm';
  sentAt: number;
  outcome: Outcome;
  /** Sent to final reply, ms; null when there was none. */
  latencyMs: number | null;
  /** `/ask` only: sent to deferral. */
  deferralMs: number | null;
}

export interface LoadTestResult {
  sent: number;
  answered: number;
  lost: number;
  asks: number;
  dms: number;
  outcomes: Record<Outcome, number>;
  latencyMs: Percentiles | null;
  deferral: { count: number; withinLimit: number; ms: Percentiles | null };
  maxInFlight: number;
  wallSeconds: number;
  reindex: {
    ok: boolean;
    seconds: number;
    report: string;
    sentDuring: number;
    answeredDuring: number;
    /** Per shard: seconds from the reindex report until `/sources` in one of its servers listed the new article count (null: never). */
    seenByShard: (number | null)[];
  } | null;
  flood: { sent: number; answered: number; slowedDown: number; othersSent: number; othersAnswered: number } | null;
  /** What went wrong, one line each; empty when the run passed. */
  problems: string[];
}

export const ADMIN: FakeUser = { id: '229999999999999999', username: 'loadadmin' };
const FLOODER: FakeUser = { id: '229999999999999998', username: 'flooder' };

/**
 * The bot under load, however it runs: in this process, or as shard processes. Users ask in
 * `guildIds` in turn, so every shard gets its share.
 */
export interface LoadTarget {
  fake: FakeDiscord;
  /** One server per shard (the first is where the admin reindexes). */
  guildIds: readonly string[];
  /** Asks the warm-up questions, one at a time, of every shard. */
  warmUp(questions: readonly string[]): Promise<void>;
  /** The articles a quote may come from now (read again after the reindex). */
  articles(): Promise<readonly Article[]>;
  stop(): Promise<void>;
}

/** The bot and engine in this process (what `npm run loadtest` runs without `--shards`). */
export async function inProcessTarget(deps: { engine: SwappableEngine; rebuild: () => Promise<ReindexSummary> }, rateLimitPerMinute: number): Promise<LoadTarget> {
  const h = await startBotAgainstFake({
    engine: deps.engine,
    rebuild: deps.rebuild,
    env: { RATE_LIMIT_PER_MINUTE: String(rateLimitPerMinute), OWNER_IDS: ADMIN.id, LOG_LEVEL: 'info', ...answerTuning() },
  });
  return {
    fake: h.fake,
    guildIds: h.fake.guildIds,
    async warmUp(questions) {
      for (const question of questions) await deps.engine.answer(question);
    },
    articles: async () => [...deps.engine.index.articles.values()],
    stop: () => h.stop(),
  };
}

/** What a final reply is, as the person reads it. */
function classify(body: { content?: string; embeds?: { description?: string }[] } | undefined, articles: readonly Article[]): Outcome {
  const quotes = quotesOf(body);
  if (quotes.length > 0) {
    const faithful = quotes.every((quote) => articles.some((article) => quote.attribution.includes(`*${article.title}*`) && isVerbatim(quote.text, article.text)));
    return faithful ? 'quoted' : 'wrong-quote';
  }
  const content = body?.content ?? '';
  if (content.startsWith('I found nothing')) return 'nothing-found';
  if (content === GENERIC_FAILURE) return 'failed';
  if (/Slow down/.test(content)) return 'slowed';
  return 'other';
}

const GOOD: ReadonlySet<Outcome> = new Set(['quoted', 'nothing-found']);

/** How long a shard may take to answer from the index another one rebuilt. */
const FOLLOW_TIMEOUT_MS = 30_000;

/** The document count `/sources` shows in a server, or null when it shows none. */
async function sourcesCount(fake: FakeDiscord, guildId: string): Promise<number | null> {
  const sent = await fake.sendSlashCommand('sources', {}, { user: ADMIN, guildId });
  const reply = await fake.waitForRequest((r) => r.method === 'POST' && r.path.endsWith(`/${sent.token}/callback`) && r.status < 300, 10_000);
  const title: string = reply.body?.data?.embeds?.[0]?.title ?? '';
  const match = /^Sources: (\d+) document/.exec(title);
  return match ? Number(match[1]) : null;
}

/** Seconds until `/sources` in each server lists `count` documents, or null for a server that never did. */
async function waitUntilListed(fake: FakeDiscord, guildIds: readonly string[], count: number): Promise<(number | null)[]> {
  const from = performance.now();
  return Promise.all(
    guildIds.map(async (guildId) => {
      while (performance.now() - from < FOLLOW_TIMEOUT_MS) {
        if ((await sourcesCount(fake, guildId).catch(() => null)) === count) return (performance.now() - from) / 1000;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return null;
    }),
  );
}

/**
 * Runs the load against a bot (`target`) and returns what happened. Never throws for a lost
 * interaction: it is counted. Stops the target at the end.
 */
export async function runLoadTest(target: LoadTarget, options: LoadTestOptions): Promise<LoadTestResult> {
  const h = { fake: target.fake };
  const next = random(options.seed);
  await target.warmUp(warmUpQuestions(options.warmUp));
  const articlesBefore = await target.articles();
  const started = performance.now();
  const deadline = started + options.deadlineMs;
  const samples: Sample[] = [];
  const problems: string[] = [];
  let sent = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let reindexWindow: { from: number; to: number } | null = null;
  let reindexResult: LoadTestResult['reindex'] = null;
  let floodWindow: { from: number; to: number } | null = null;
  let floodSamples: Sample[] | null = null;
  const background: Promise<void>[] = [];

  const timeLeft = () => Math.max(1, Math.min(options.replyTimeoutMs, deadline - performance.now()));
  const waitFor = (predicate: (request: RecordedRequest) => boolean): Promise<{ request: RecordedRequest; at: number } | null> =>
    h.fake.waitForRequest(predicate, timeLeft()).then(
      (request) => ({ request, at: performance.now() }),
      () => null,
    );

  /** Final replies, judged once the run is over against every article the bot could quote (before and after the reindex). */
  const replies: { sample: Sample; body: Parameters<typeof classify>[0] }[] = [];
  const judged = (sample: Sample, body: Parameters<typeof classify>[0]): Sample => {
    replies.push({ sample, body });
    return sample;
  };

  /** One `/ask` or DM, from sending to its final reply. */
  async function askOnce(asker: FakeUser, kind: 'ask' | 'dm', question: string, guildId?: string): Promise<Sample> {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const sentAt = performance.now();
    try {
      if (kind === 'dm') {
        const dm = await h.fake.sendDirectMessage(question, { author: asker });
        const reply = await waitFor((r) => isReplyTo(dm.id)(r) && r.status === 200);
        if (!reply) return { kind, sentAt, outcome: 'no-reply', latencyMs: null, deferralMs: null };
        return judged({ kind, sentAt, outcome: 'other', latencyMs: reply.at - sentAt, deferralMs: null }, reply.request.body);
      }
      const ask = await h.fake.sendSlashCommand('ask', { question }, { user: asker, ...(guildId ? { guildId } : {}) });
      const isCallback = (r: RecordedRequest) => r.method === 'POST' && r.path.endsWith(`/${ask.token}/callback`) && r.status < 300;
      const callback = await waitFor(isCallback);
      if (!callback) return { kind, sentAt, outcome: 'no-reply', latencyMs: null, deferralMs: null };
      const deferralMs = callback.at - sentAt;
      if (callback.request.body?.type === 4) {
        return judged({ kind, sentAt, outcome: 'other', latencyMs: deferralMs, deferralMs: null }, callback.request.body.data);
      }
      const edit = await waitFor((r) => r.method === 'PATCH' && r.path.endsWith(`/${ask.token}/messages/@original`) && r.status === 200);
      if (!edit) return { kind, sentAt, outcome: 'no-reply', latencyMs: null, deferralMs };
      return judged({ kind, sentAt, outcome: 'other', latencyMs: edit.at - sentAt, deferralMs }, edit.request.body);
    } finally {
      inFlight -= 1;
    }
  }

  async function runReindex(): Promise<void> {
    await options.beforeReindex?.();
    const from = performance.now();
    const run = await h.fake.sendSlashCommand('reindex', {}, { user: ADMIN, guildId: target.guildIds[0] });
    const report = await waitFor((r) => r.method === 'PATCH' && r.path.endsWith(`/${run.token}/messages/@original`) && r.status === 200);
    const to = performance.now();
    reindexWindow = { from, to };
    const content: string = report?.request.body?.content ?? '(no reply)';
    const ok = content.startsWith('Reindex done');
    const seenByShard = ok ? await waitUntilListed(h.fake, target.guildIds, (await target.articles()).length) : target.guildIds.map(() => null);
    reindexResult = { ok, seconds: (to - from) / 1000, report: content.split('\n')[0]!, sentDuring: 0, answeredDuring: 0, seenByShard };
  }

  async function runFlood(extra: number): Promise<void> {
    const from = performance.now();
    const count = options.rateLimitPerMinute + extra;
    const results = await Promise.all(Array.from({ length: count }, () => askOnce(FLOODER, 'ask', questionFor(next))));
    floodWindow = { from, to: performance.now() };
    floodSamples = results;
  }

  /** Called before each interaction is sent: starts the reindex and the flood at their turn. */
  function onSend(): void {
    sent += 1;
    if (options.reindexAfter !== null && sent === options.reindexAfter) background.push(runReindex());
    if (options.flood && sent === options.flood.after) background.push(runFlood(options.flood.extra));
  }

  // Each user asks, waits for the answer, thinks, asks again; all users start at the same moment.
  const perUser = Array.from({ length: options.users }, (_, i) =>
    Math.floor(options.interactions / options.users) + (i < options.interactions % options.users ? 1 : 0),
  );
  await Promise.all(
    perUser.map(async (count, i) => {
      for (let n = 0; n < count && performance.now() < deadline; n += 1) {
        if (n > 0) {
          const [min, max] = options.thinkMs;
          await new Promise((resolve) => setTimeout(resolve, min + next() * (max - min)));
        }
        onSend();
        const kind = next() < options.dmShare ? 'dm' : 'ask';
        samples.push(await askOnce(user(i), kind, questionFor(next), target.guildIds[i % target.guildIds.length]));
      }
    }),
  );
  await Promise.all(background);
  const wallSeconds = (performance.now() - started) / 1000;
  const quotable = [...articlesBefore, ...(await target.articles())];
  for (const { sample, body } of replies) sample.outcome = classify(body, quotable);
  await target.stop();

  const outcomes = { quoted: 0, 'nothing-found': 0, failed: 0, slowed: 0, 'wrong-quote': 0, other: 0, 'no-reply': 0 } satisfies Record<Outcome, number>;
  for (const sample of samples) outcomes[sample.outcome] += 1;
  // Interactions never sent before the deadline are lost too.
  outcomes['no-reply'] += options.interactions - samples.length;
  const answered = samples.filter((sample) => GOOD.has(sample.outcome)).length;
  const deferrals = samples.flatMap((sample) => (sample.deferralMs === null ? [] : [sample.deferralMs]));
  const asks = samples.filter((sample) => sample.kind === 'ask').length;

  const within = (window: { from: number; to: number } | null) => (sample: Sample) => window !== null && sample.sentAt >= window.from && sample.sentAt <= window.to;
  const finalReindex = reindexResult as LoadTestResult['reindex'];
  if (finalReindex) {
    const during = samples.filter(within(reindexWindow));
    finalReindex.sentDuring = during.length;
    finalReindex.answeredDuring = during.filter((sample) => GOOD.has(sample.outcome)).length;
    if (!finalReindex.ok) problems.push(`the reindex did not succeed: ${finalReindex.report}`);
    if (finalReindex.answeredDuring < finalReindex.sentDuring) problems.push('questions sent during the reindex were not all answered');
    finalReindex.seenByShard.forEach((seconds, shard) => {
      if (seconds === null) problems.push(`shard ${shard} did not list the new article within ${FOLLOW_TIMEOUT_MS / 1000} s of the reindex`);
    });
  } else if (options.reindexAfter !== null && options.reindexAfter <= options.interactions) {
    problems.push('the reindex did not run');
  }
  const flooded = floodSamples as Sample[] | null;
  const finalFlood: LoadTestResult['flood'] = flooded && {
    sent: flooded.length,
    answered: flooded.filter((sample) => GOOD.has(sample.outcome)).length,
    slowedDown: flooded.filter((sample) => sample.outcome === 'slowed').length,
    othersSent: 0,
    othersAnswered: 0,
  };
  if (finalFlood) {
    const others = samples.filter(within(floodWindow));
    finalFlood.othersSent = others.length;
    finalFlood.othersAnswered = others.filter((sample) => GOOD.has(sample.outcome)).length;
    if (finalFlood.slowedDown !== finalFlood.sent - options.rateLimitPerMinute) {
      problems.push(`the flooding user was told to slow down ${finalFlood.slowedDown} times, expected ${finalFlood.sent - options.rateLimitPerMinute}`);
    }
    if (finalFlood.answered !== options.rateLimitPerMinute) problems.push(`the flooding user got ${finalFlood.answered} answers, expected ${options.rateLimitPerMinute}`);
    if (finalFlood.othersAnswered < finalFlood.othersSent) problems.push('other users were not all answered during the flood');
  }
  const late = deferrals.filter((ms) => ms > DEFERRAL_LIMIT_MS).length;
  if (late > 0) problems.push(`${late} /ask deferrals took longer than Discord's ${DEFERRAL_LIMIT_MS / 1000} s`);
  const lost = options.interactions - answered;
  if (lost > 0) problems.push(`${lost} interactions lost: ${JSON.stringify(outcomes)}`);

  return {
    sent: options.interactions,
    answered,
    lost,
    asks,
    dms: samples.length - asks,
    outcomes,
    latencyMs: summarize(samples.flatMap((sample) => (GOOD.has(sample.outcome) && sample.latencyMs !== null ? [sample.latencyMs] : []))),
    deferral: { count: deferrals.length, withinLimit: deferrals.length - late, ms: summarize(deferrals) },
    maxInFlight,
    wallSeconds,
    reindex: finalReindex,
    flood: finalFlood,
    problems,
  };
}

const ms = (value: number | undefined) => `${Math.round(value ?? 0)} ms`;

/** The report, one fact per line; the last line is the summary `npm run loadtest` is read by. */
export function formatLoadTest(result: LoadTestResult, options: LoadTestOptions): string[] {
  const lines = [
    `loadtest: ${options.users} users sent ${result.sent} interactions (${result.asks} /ask, ${result.dms} DMs), all users at once to start, then ` +
      `each again ${options.thinkMs[0] / 1000}-${options.thinkMs[1] / 1000} s after its answer; up to ${result.maxInFlight} in flight at once; ` +
      `${result.wallSeconds.toFixed(1)} s after ${options.warmUp} warm-up questions; RATE_LIMIT_PER_MINUTE=${options.rateLimitPerMinute}`,
    `loadtest: /ask deferrals: ${result.deferral.withinLimit}/${result.deferral.count} within 3 s (p50 ${ms(result.deferral.ms?.p50)}, p95 ${ms(result.deferral.ms?.p95)}, max ${ms(result.deferral.ms?.max)})`,
    `loadtest: outcomes: ${Object.entries(result.outcomes).map(([name, count]) => `${name} ${count}`).join(', ')}; slowest answer ${ms(result.latencyMs?.max)}`,
  ];
  if (result.reindex) {
    lines.push(
      `loadtest: /reindex during the load: ${result.reindex.ok ? 'done' : 'FAILED'} in ${result.reindex.seconds.toFixed(1)} s; ` +
        `${result.reindex.sentDuring} interactions sent meanwhile, ${result.reindex.answeredDuring} answered (${result.reindex.report}); ` +
        `new article listed by ${result.reindex.seenByShard.map((seconds, shard) => `shard ${shard} ${seconds === null ? 'NEVER' : `after ${seconds.toFixed(1)} s`}`).join(', ')}`,
    );
  }
  if (result.flood) {
    lines.push(
      `loadtest: flood: one user sent ${result.flood.sent} /ask at once: ${result.flood.answered} answered, ${result.flood.slowedDown} told to slow down; ` +
        `other users sent ${result.flood.othersSent} meanwhile, ${result.flood.othersAnswered} answered`,
    );
  }
  for (const problem of result.problems) lines.push(`loadtest: PROBLEM: ${problem}`);
  const latency = result.latencyMs;
  lines.push(`loadtest: sent ${result.sent} answered ${result.answered} lost ${result.lost} p50 ${ms(latency?.p50)} p95 ${ms(latency?.p95)} p99 ${ms(latency?.p99)}`);
  return lines;
}

/** A new article for the reindex to embed while the bot serves: another file's paragraphs, reordered. */
async function addArticle(corpusDir: string): Promise<void> {
  const files = (await readdir(corpusDir)).filter((name) => /\.(txt|md)$/i.test(name)).sort();
  const donor = await readFile(path.join(corpusDir, files[files.length - 1]!), 'utf8');
  const paragraphs = donor.split(/\n\s*\n/).filter((paragraph) => paragraph.trim().split(/\s+/).length > 12);
  const body = paragraphs.reverse().join('\n\n');
  await writeFile(path.join(corpusDir, 'loadtest-added.txt'), `Paragraphs in Reverse\n\nBy Load Tester\n\n1 January 2020\n\n${body}\n`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      users: { type: 'string' },
      interactions: { type: 'string' },
      corpus: { type: 'string' },
      seed: { type: 'string' },
      deadline: { type: 'string' },
      'warm-up': { type: 'string' },
      shards: { type: 'string' },
      burst: { type: 'boolean', default: true },
    },
    allowNegative: true,
  });
  const number = (value: string | undefined, fallback: number, name: string, min = 1) => {
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min) throw new Error(`--${name} must be a whole number of at least ${min}, got ${value}`);
    return parsed;
  };
  const options: LoadTestOptions = {
    ...DEFAULT_OPTIONS,
    users: number(values.users, DEFAULT_OPTIONS.users, 'users'),
    interactions: number(values.interactions, DEFAULT_OPTIONS.interactions, 'interactions'),
    seed: number(values.seed, DEFAULT_OPTIONS.seed, 'seed'),
    deadlineMs: number(values.deadline, DEFAULT_OPTIONS.deadlineMs / 1000, 'deadline') * 1000,
    warmUp: number(values['warm-up'], DEFAULT_OPTIONS.warmUp, 'warm-up', 0),
  };
  options.reindexAfter = Math.max(1, Math.floor(options.interactions * 0.4));
  options.flood = { after: Math.max(1, Math.floor(options.interactions * 0.2)), extra: 10 };
  const shards = values.shards === undefined ? null : number(values.shards, 1, 'shards');

  const projectRoot = fileURLToPath(new URL('..', import.meta.url));
  const root = await mkdtemp(path.join(tmpdir(), 'quotebot-loadtest-'));
  try {
    const corpusDir = path.join(root, 'corpus');
    await cp(path.resolve(projectRoot, values.corpus ?? 'corpus'), corpusDir, { recursive: true });
    const config = loadConfig({ ...process.env, CORPUS_DIR: corpusDir, INDEX_DIR: path.join(root, 'index'), STATE_DIR: path.join(root, 'state'), LOG_LEVEL: 'silent' });
    console.log(`loadtest: indexing ${corpusDir} into a temp folder first (not timed)…`);
    const opened = await openEngine(config, pino({ level: 'silent' }), { buildIfMissing: true });
    const withArticle = { ...options, beforeReindex: () => addArticle(corpusDir) };
    let result: LoadTestResult;
    let burst: BurstResult | null = null;
    try {
      if (shards === null) {
        result = await runLoadTest(await inProcessTarget(opened, options.rateLimitPerMinute), withArticle);
        if (values.burst) burst = await runBurst(opened, DEFAULT_BURST, { ...options, seed: options.seed + 1 });
      } else {
        // The shards are processes of their own: this one only drives the fake Discord.
        await opened.close();
        console.log(`loadtest: starting ${shards} shard processes (SHARD_COUNT=${shards}, not timed)…`);
        result = await runLoadTest(await startShardedTarget({ config, shards, rateLimitPerMinute: options.rateLimitPerMinute, admin: ADMIN }), withArticle);
      }
    } finally {
      await opened.close();
    }
    const lines = formatLoadTest(result, options);
    // The everyday load's summary stays the last line.
    if (burst) lines.splice(-1, 0, ...formatBurst(burst, DEFAULT_BURST));
    for (const line of lines) console.log(line);
    const burstFailed = burst !== null && burst.problems.length + burst.limitsMissed.length > 0;
    return result.problems.length === 0 && !burstFailed ? 0 : 1;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`loadtest: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
