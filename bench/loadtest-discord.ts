/**
 * The fake Discord of the load test's burst phase, in a process of its own: forked by
 * loadtest-burst.ts, it serves the bot's REST and gateway on 127.0.0.1 and runs the simulated
 * users on request, so their cost lands on this process, not on the bot being measured.
 *
 * It first sends `{ type: 'ready', apiUrl, token, applicationId }`; then `{ type: 'burst', plan }`
 * is answered with `{ type: 'result', result }` (or `{ type: 'error' }`), and `{ type: 'close' }` ends it.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { isReplyTo } from '../test/support/bot-messages.js';
import { startFakeDiscord, type FakeDiscord, type FakeUser, type RecordedRequest } from '../test/support/fake-discord.js';
import { questionFor, random, user } from './loadtest-users.js';

export type InteractionKind = 'ask' | 'dm' | 'help' | 'sources' | 'autocomplete';

export interface BurstPlan {
  users: number;
  interactions: number;
  /** All interactions are sent within this many seconds, evenly spaced. */
  seconds: number;
  replyTimeoutMs: number;
  seed: number;
}

/** One interaction as the person lived it; times are this process's `performance.now()`. */
export interface RawSample {
  kind: InteractionKind;
  /** Sent to Discord's receipt of the first response (deferral or reply); null for a DM or when none came. */
  ackMs: number | null;
  /** Sent to the final reply; null when none came in time. */
  replyMs: number | null;
  /** The final reply as the person sees it (message body, or autocomplete choices). */
  reply: unknown;
}

export interface BurstRun {
  samples: RawSample[];
  wallSeconds: number;
  /** How late this process's event loop ran what was due (its sends and receipts wait for it): p99 and max, ms. */
  loopDelayMs: { p99: number; max: number };
}

export type DiscordProcessRequest = { type: 'burst'; plan: BurstPlan } | { type: 'close' };
export type DiscordProcessMessage =
  | { type: 'ready'; apiUrl: string; token: string; applicationId: string }
  | { type: 'result'; result: BurstRun }
  | { type: 'error'; message: string };

const isCallbackOf = (token: string) => (r: RecordedRequest) => r.method === 'POST' && r.path.endsWith(`/${token}/callback`) && r.status < 300;
const isOriginalEditOf = (token: string) => (r: RecordedRequest) => r.method === 'PATCH' && r.path.endsWith(`/${token}/messages/@original`) && r.status === 200;
/** A follow-up (e.g. the private message that replaces a deferral when the bot is busy). */
const isFollowUpOf = (token: string) => (r: RecordedRequest) => r.method === 'POST' && r.path.endsWith(`/${token}`) && r.status === 200;

/** Sends one interaction or DM and waits for what the person finally sees. */
async function sendOne(fake: FakeDiscord, kind: InteractionKind, asker: FakeUser, text: string, timeoutMs: number): Promise<RawSample> {
  const sentAt = performance.now();
  const sample: RawSample = { kind, ackMs: null, replyMs: null, reply: null };
  const wait = (predicate: (request: RecordedRequest) => boolean) =>
    fake.waitForRequest(predicate, Math.max(1, sentAt + timeoutMs - performance.now())).catch(() => null);
  const finish = (request: RecordedRequest | null, body: unknown) => {
    if (request) Object.assign(sample, { replyMs: request.receivedAt - sentAt, reply: body });
    return sample;
  };
  if (kind === 'dm') {
    const dm = await fake.sendDirectMessage(text, { author: asker });
    const reply = await wait((r) => isReplyTo(dm.id)(r) && r.status === 200);
    return finish(reply, reply?.body);
  }
  const sent =
    kind === 'autocomplete'
      ? await fake.sendAutocomplete('ask', { question: 'x', author: text }, 'author', { user: asker })
      : await fake.sendSlashCommand(kind, kind === 'ask' ? { question: text } : {}, { user: asker });
  const callback = await wait(isCallbackOf(sent.token));
  if (!callback) return sample;
  sample.ackMs = callback.receivedAt - sentAt;
  if (callback.body?.type !== 5) return finish(callback, callback.body?.data);
  const final = await wait((r) => isOriginalEditOf(sent.token)(r) || isFollowUpOf(sent.token)(r));
  return finish(final, final?.body);
}

/** What a burst interaction is: mostly questions, some lookups. */
function burstKind(next: () => number): InteractionKind {
  const roll = next();
  if (roll < 0.6) return 'ask';
  if (roll < 0.85) return 'dm';
  if (roll < 0.9) return 'help';
  if (roll < 0.95) return 'sources';
  return 'autocomplete';
}

/**
 * A burst: `interactions` from `users` people sent evenly within `seconds`, without waiting for
 * answers (as when a bot is mentioned somewhere busy), then every reply waited for.
 */
async function runBurstPhase(fake: FakeDiscord, plan: BurstPlan): Promise<BurstRun> {
  const next = random(plan.seed);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  const gapMs = (plan.seconds * 1000) / plan.interactions;
  const pending: Promise<RawSample>[] = [];
  for (let i = 0; i < plan.interactions; i += 1) {
    const wait = started + i * gapMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const kind = burstKind(next);
    pending.push(sendOne(fake, kind, user(1_000 + (i % plan.users)), kind === 'autocomplete' ? 'b' : questionFor(next), plan.replyTimeoutMs));
  }
  const samples = await Promise.all(pending);
  delay.disable();
  return { samples, wallSeconds: (performance.now() - started) / 1000, loopDelayMs: { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 } };
}

const send = (message: DiscordProcessMessage) => process.send!(message);

const fake = await startFakeDiscord();
process.on('message', (request: DiscordProcessRequest) => {
  const run = async () => {
    if (request.type === 'close') {
      await fake.close();
      process.disconnect();
      return;
    }
    send({ type: 'result', result: await runBurstPhase(fake, request.plan) });
  };
  run().catch((error: unknown) => send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
});
// The parent going away ends this process too.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready', apiUrl: fake.apiUrl, token: fake.token, applicationId: fake.applicationId });
