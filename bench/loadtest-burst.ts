/**
 * The burst phase of `npm run loadtest`: 1,000 interactions from 200 users within 10 s (60% `/ask`,
 * 25% DMs, the rest `/help`, `/sources` and autocomplete), sent without waiting for answers, by a
 * fake Discord in a process of its own (loadtest-discord.ts) so its cost does not blur the bot's
 * figures. The bot runs in this process on the engine it is given; its resident memory is sampled
 * throughout. Every interaction must get an answer (verbatim quotes, "found nothing", the help, the
 * list, the suggestions) or a polite "busy"/"slow down, try again"; every `/ask` must be
 * acknowledged within Discord's 3 s.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { createBot } from '../src/discord/bot.js';
import { loadConfig, type Article, type ReindexSummary, type SwappableEngine } from '../src/index.js';
import { openSqliteState } from '../src/state/sqlite-store.js';
import { GENERIC_FAILURE, isVerbatim, quotesOf } from '../test/support/bot-messages.js';
import type { BurstPlan, BurstRun, DiscordProcessMessage, DiscordProcessRequest, RawSample } from './loadtest-discord.js';
import { summarize, type Percentiles } from './loadtest-users.js';

/** The bot's answer settings the load tests take from the environment, to compare tunings on one machine. */
export function answerTuning(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(['ANSWER_CONCURRENCY', 'ANSWER_QUEUE_LIMIT'].flatMap((name) => (env[name] ? [[name, env[name]!]] : [])));
}

/** Discord drops an interaction not acknowledged within this. */
const DEFERRAL_LIMIT_MS = 3_000;
/** The bot's resident memory during the burst must stay under this (model workers and index included). */
const RSS_LIMIT_MB = 1_536;

export type BurstOptions = Omit<BurstPlan, 'replyTimeoutMs' | 'seed'>;
export const DEFAULT_BURST: BurstOptions = { users: 200, interactions: 1_000, seconds: 10 };

type Outcome = 'quoted' | 'nothing-found' | 'looked-up' | 'busy' | 'slowed' | 'failed' | 'wrong-quote' | 'other' | 'no-reply';

export interface BurstResult {
  sent: number;
  answered: number;
  /** Told the bot is busy, or to slow down: try again. */
  busy: number;
  lost: number;
  outcomes: Record<Outcome, number>;
  lateDeferrals: number;
  deferralMs: Percentiles | null;
  latencyMs: Percentiles | null;
  rssPeakMb: number;
  /** How late the bot's event loop ran what was due: p99 and max, ms. */
  loopDelayMs: { p99: number; max: number };
  /** The same for the fake Discord's process, which timestamps sending and receipt. */
  discordLoopDelayMs: { p99: number; max: number };
  wallSeconds: number;
  /** The bot's ANSWER_CONCURRENCY and ANSWER_QUEUE_LIMIT. */
  settings: { concurrency: number; queueLimit: number };
  /** Lost interactions, one line each; empty when none was lost. */
  problems: string[];
  /** Speed and memory limits missed (deferrals after 3 s, acknowledgement p99 over 1 s, memory). */
  limitsMissed: string[];
}

type ReplyBody = { content?: string; embeds?: { title?: string; description?: string }[]; choices?: unknown[] } | undefined;

/** What a final reply is, as the person reads it. */
function classify(sample: RawSample, articles: readonly Article[]): Outcome {
  if (sample.replyMs === null) return 'no-reply';
  const body = sample.reply as ReplyBody;
  if (sample.kind === 'autocomplete') return Array.isArray(body?.choices) ? 'looked-up' : 'other';
  const content = body?.content ?? '';
  if (/\bbusy\b.*try again/i.test(content)) return 'busy';
  if (/Slow down/.test(content)) return 'slowed';
  if (content === GENERIC_FAILURE) return 'failed';
  if (sample.kind === 'help' || sample.kind === 'sources') return (body?.embeds?.length ?? 0) > 0 ? 'looked-up' : 'other';
  const quotes = quotesOf(body);
  if (quotes.length > 0) {
    const faithful = quotes.every((quote) => articles.some((article) => quote.attribution.includes(`*${article.title}*`) && isVerbatim(quote.text, article.text)));
    return faithful ? 'quoted' : 'wrong-quote';
  }
  return content.startsWith('I found nothing') ? 'nothing-found' : 'other';
}

const GOOD: ReadonlySet<Outcome> = new Set(['quoted', 'nothing-found', 'looked-up']);
const TOLD_TO_RETRY: ReadonlySet<Outcome> = new Set(['busy', 'slowed']);

/** The fake Discord and the simulated users, in a process of their own. */
async function startDiscordProcess() {
  const child: ChildProcess = fork(fileURLToPath(new URL('./loadtest-discord.ts', import.meta.url)), [], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<DiscordProcessMessage>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the fake Discord process exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (message: DiscordProcessMessage) => {
        child.off('exit', onExit);
        resolve(message);
      });
    });
  const ready = await next();
  if (ready.type !== 'ready') throw new Error(`the fake Discord process did not start: ${JSON.stringify(ready)}`);
  return {
    ...ready,
    async burst(plan: BurstPlan): Promise<BurstRun> {
      const answer = next();
      child.send({ type: 'burst', plan } satisfies DiscordProcessRequest);
      const message = await answer;
      if (message.type !== 'result') throw new Error(`the fake Discord process failed: ${'message' in message ? message.message : message.type}`);
      return message.result;
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.send({ type: 'close' } satisfies DiscordProcessRequest);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      child.kill('SIGKILL');
    },
  };
}

/** What the bot's process went through during the burst. */
interface ProcessLoad {
  rssPeakMb: number;
  /** How late the event loop ran what was due (what an acknowledgement waits for), ms. */
  loopDelayMs: { p99: number; max: number };
}

/** Samples this process's resident memory and event-loop delay until stopped. */
function watchProcess(): () => ProcessLoad {
  let peak = process.memoryUsage().rss;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  return () => {
    clearInterval(timer);
    delay.disable();
    return {
      rssPeakMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024),
      loopDelayMs: { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
    };
  };
}

function judge(run: BurstRun, { rssPeakMb, loopDelayMs }: ProcessLoad, articles: readonly Article[]): Omit<BurstResult, 'settings'> {
  const outcomes: Record<Outcome, number> = { quoted: 0, 'nothing-found': 0, 'looked-up': 0, busy: 0, slowed: 0, failed: 0, 'wrong-quote': 0, other: 0, 'no-reply': 0 };
  const judged = run.samples.map((sample) => ({ sample, outcome: classify(sample, articles) }));
  for (const { outcome } of judged) outcomes[outcome] += 1;
  const answered = judged.filter(({ outcome }) => GOOD.has(outcome)).length;
  const busy = judged.filter(({ outcome }) => TOLD_TO_RETRY.has(outcome)).length;
  const asks = run.samples.filter((sample) => sample.kind === 'ask');
  const deferralMs = summarize(asks.flatMap((sample) => (sample.ackMs === null ? [] : [sample.ackMs])));
  const lateDeferrals = asks.filter((sample) => sample.ackMs === null || sample.ackMs > DEFERRAL_LIMIT_MS).length;
  const lost = run.samples.length - answered - busy;
  const problems = lost > 0 ? [`burst: ${lost} interactions lost: ${JSON.stringify(outcomes)}`] : [];
  const limitsMissed = [
    ...(lateDeferrals > 0 ? [`burst: ${lateDeferrals} /ask acknowledged after Discord's ${DEFERRAL_LIMIT_MS / 1000} s`] : []),
    ...((deferralMs?.p99 ?? 0) >= 1_000 ? [`burst: /ask acknowledgement p99 ${Math.round(deferralMs!.p99)} ms, over 1 s`] : []),
    ...(rssPeakMb > RSS_LIMIT_MB ? [`burst: the bot's memory peaked at ${rssPeakMb} MB, over ${RSS_LIMIT_MB} MB`] : []),
  ];
  return {
    sent: run.samples.length,
    answered,
    busy,
    lost,
    outcomes,
    lateDeferrals,
    deferralMs,
    latencyMs: summarize(judged.flatMap(({ sample, outcome }) => (GOOD.has(outcome) && sample.replyMs !== null ? [sample.replyMs] : []))),
    rssPeakMb,
    loopDelayMs,
    discordLoopDelayMs: run.loopDelayMs,
    wallSeconds: run.wallSeconds,
    problems,
    limitsMissed,
  };
}

/** Runs the burst against a bot on `engine` started here, over a fake Discord in another process. */
export async function runBurst(
  deps: { engine: SwappableEngine; rebuild: () => Promise<ReindexSummary> },
  burst: BurstOptions,
  options: { rateLimitPerMinute: number; replyTimeoutMs: number; seed: number },
): Promise<BurstResult> {
  const discord = await startDiscordProcess();
  const config = loadConfig({
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_APPLICATION_ID: discord.applicationId,
    RATE_LIMIT_PER_MINUTE: String(options.rateLimitPerMinute),
    LOG_LEVEL: 'silent',
    ...answerTuning(),
  });
  const state = openSqliteState({ dir: ':memory:', answerTtlMs: 3_600_000 });
  const bot = createBot({ config, engine: deps.engine, rebuild: deps.rebuild, logger: pino({ level: 'silent' }), state });
  try {
    await bot.start();
    const stopWatching = watchProcess();
    const run = await discord.burst({ ...burst, replyTimeoutMs: options.replyTimeoutMs, seed: options.seed });
    const settings = { concurrency: config.ANSWER_CONCURRENCY, queueLimit: config.ANSWER_QUEUE_LIMIT };
    return { ...judge(run, stopWatching(), [...deps.engine.index.articles.values()]), settings };
  } finally {
    await bot.stop();
    await state.close();
    await discord.close();
  }
}

const ms = (value: number | undefined) => `${Math.round(value ?? 0)} ms`;

/** The burst's report: what happened, the problems, then the line the issue asks for. */
export function formatBurst(result: BurstResult, burst: BurstOptions): string[] {
  const outcomes = Object.entries(result.outcomes).map(([name, count]) => `${name} ${count}`).join(', ');
  return [
    `loadtest: burst of ${result.sent} interactions from ${burst.users} users within ${burst.seconds} s (all replies in ${result.wallSeconds.toFixed(1)} s): ` +
      `outcomes ${outcomes}; /ask acknowledged p50 ${ms(result.deferralMs?.p50)}, max ${ms(result.deferralMs?.max)}; ` +
      `answers p50 ${ms(result.latencyMs?.p50)}, p95 ${ms(result.latencyMs?.p95)}; ` +
      `the bot's event loop ran late by p99 ${ms(result.loopDelayMs.p99)}, max ${ms(result.loopDelayMs.max)} ` +
      `(the fake Discord's by p99 ${ms(result.discordLoopDelayMs.p99)}, max ${ms(result.discordLoopDelayMs.max)}); ` +
      `ANSWER_CONCURRENCY=${result.settings.concurrency} ANSWER_QUEUE_LIMIT=${result.settings.queueLimit}`,
    ...[...result.problems, ...result.limitsMissed].map((problem) => `loadtest: PROBLEM: ${problem}`),
    `loadtest: burst: sent ${result.sent} answered ${result.answered} busy ${result.busy} lost ${result.lost} ` +
      `late-deferrals ${result.lateDeferrals} defer-p99 ${ms(result.deferralMs?.p99)} rss-peak ${result.rssPeakMb} MB`,
  ];
}
