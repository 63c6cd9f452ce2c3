import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import fc from 'fast-check';
import { GENERIC_FAILURE } from '../src/discord/errors.js';
import { startBotAgainstFake, type BotHarness } from './support/bot-harness.js';
import { botMessageBodies, citedArticles, isReplyTo, quotesOf, visibleText } from './support/bot-messages.js';
import type { FakeUser, RecordedRequest, SentInteraction } from './support/fake-discord.js';
import { openRealEngine, type RealEngine } from './support/real-index.js';

/**
 * Questions nobody should send, through the bot with the real engine: each gets a sensible reply,
 * nothing crashes, nothing pings, no stack trace is shown, and every quote is verbatim.
 */

const WAIT = 60_000;
const STACK_LINE = /\n\s+at /;

const BAD_QUESTIONS: Record<string, string> = {
  empty: '',
  'whitespace only': ' \n\t   \u00A0 ',
  '6,000 characters': 'What do the documents say about the oil fields of Deir ez-Zor and who controls them? '.repeat(71).slice(0, 6_000),
  'only emoji': '🤔🔥💣🇸🇾👍🏽',
  'zero-width and right-to-left controls': 'oil\u200B fields\u200D in \u202ESyria\u202C\u2067 and Raqqa\u2069?\uFEFF\u200F',
  'mass and role mentions': '@everyone @here <@200000000000000002> <@!200000000000000002> <@&300000000000000001> who bombed Raqqa?',
  'only mentions': '@everyone <@&300000000000000001>',
  'markdown and code blocks': '**Who** _bombed_ ~~the~~ ||prison|| `near` Mayadin?\n```js\nconsole.log("@everyone")\n```\n> # heading [link](https://example.com)',
  'invalid UTF-16 surrogates': 'oil \uD800 fields \uDFFF of Syria \uDBFF',
  'only a lone surrogate': '\uDC00',
  '1,500 emoji, no spaces': '🤔'.repeat(1_500),
};

/** JSON.stringify writes well-formed pairs as characters: an escaped surrogate is a lone one. */
const LONE_SURROGATE_IN_JSON = /(?<!\\)\\ud[89a-f][0-9a-f]{2}/i;

let real: RealEngine;
let h: BotHarness;
let users = 0;

before(async () => {
  real = await openRealEngine();
  h = await startBotAgainstFake({ engine: real.opened.engine, rebuild: real.opened.rebuild, env: { RATE_LIMIT_PER_MINUTE: '1000' } });
});
after(async () => {
  await h?.stop();
  await real?.close();
});

/** A new user per question, so no test depends on another's rate limit. */
function nextUser(): FakeUser {
  users += 1;
  return { id: `21000000000000${String(users).padStart(4, '0')}`, username: `asker${users}` };
}

/** The message an /ask ends with: the edit of a deferred reply, or an immediate (private) reply. */
/** The message the person ends up with: a reply, the edit of a deferred reply, or a private follow-up replacing it. */
async function finalReplyOf(ask: SentInteraction): Promise<RecordedRequest> {
  const callback = await h.fake.waitForRequest((r) => r.method === 'POST' && r.path.endsWith(`/${ask.token}/callback`) && r.status < 300, WAIT);
  if (callback.body.type !== 5) return { ...callback, body: callback.body.data };
  return h.fake.waitForRequest(
    (r) => (r.method === 'PATCH' && r.path.endsWith(`/${ask.token}/messages/@original`)) || (r.method === 'POST' && r.path.endsWith(`/${ask.token}`)),
    WAIT,
  );
}

/** A reply a person can use: delivered, no failure, no stack, quotes verbatim from the article they cite. */
function assertSensible(reply: RecordedRequest, label: string): void {
  assert.ok(reply.status < 300, `${label}: Discord refused the reply (${reply.status}): ${JSON.stringify(reply.error)}`);
  const text = visibleText(reply.body);
  assert.ok(text.trim().length > 0, `${label}: empty reply`);
  assert.notEqual(reply.body.content, GENERIC_FAILURE, `${label}: the bot failed`);
  assert.doesNotMatch(text, STACK_LINE, `${label}: stack trace shown`);
  const quotes = quotesOf(reply.body);
  const cited = citedArticles(quotes, real.opened.engine.index.articles.values());
  assert.ok(cited.every(Boolean), `${label}: a quote is not verbatim from its cited article: ${JSON.stringify(quotes)}`);
  if (quotes.length === 0) assert.match(text, /found nothing|question|Send me a question/, `${label}: neither quotes nor an explanation: ${text}`);
}

function assertNothingPingsOrFails(): void {
  for (const { request, body } of botMessageBodies(h.fake)) {
    assert.deepEqual(body.allowed_mentions?.parse, [], `a message could ping: ${request.method} ${request.path}`);
    assert.ok(request.status < 300, `Discord refused a message: ${request.status} ${JSON.stringify(request.error)}`);
    assert.doesNotMatch(JSON.stringify(body), LONE_SURROGATE_IN_JSON, `a message holds broken UTF-16: ${JSON.stringify(body).slice(0, 300)}`);
  }
  assert.deepEqual(h.logs.filter((line) => line.event === 'handler_error'), [], 'a handler failed');
}

describe('bad questions through /ask and DMs, real engine', () => {
  for (const [name, question] of Object.entries(BAD_QUESTIONS)) {
    test(name, async () => {
      const ask = await h.fake.sendSlashCommand('ask', { question }, { user: nextUser() });
      assertSensible(await finalReplyOf(ask), `/ask ${name}`);
      const dm = await h.fake.sendDirectMessage(question, { author: nextUser() });
      assertSensible(await h.fake.waitForRequest(isReplyTo(dm.id), WAIT), `DM ${name}`);
      assertNothingPingsOrFails();
    });
  }

  test('an author or document that does not exist gets a private “no such …”, in /ask and in a DM', async () => {
    const byAuthor = await h.fake.sendSlashCommand('ask', { question: 'oil fields', author: 'Nobody Atall' }, { user: nextUser() });
    const authorReply = await finalReplyOf(byAuthor);
    assert.equal(authorReply.body.flags, 64);
    assert.match(authorReply.body.content, /^No article by Nobody Atall here/);
    const byDocument = await h.fake.sendSlashCommand('ask', { question: 'oil fields', document: 'The Missing Report' }, { user: nextUser() });
    assert.match((await finalReplyOf(byDocument)).body.content, /^No article titled “The Missing Report” here/);
    const dm = await h.fake.sendDirectMessage('author: Nobody Atall; oil fields?', { author: nextUser() });
    assert.match((await h.fake.waitForRequest(isReplyTo(dm.id), WAIT)).body.content, /^No article by Nobody Atall here/);
    assertNothingPingsOrFails();
  });
});

describe('filters cannot reach outside the corpus', () => {
  /** Records every path the process opens, reads or stats while `work` runs. */
  async function recordFileAccess(work: () => Promise<void>): Promise<string[]> {
    const touched: string[] = [];
    const names = ['readFile', 'readFileSync', 'open', 'openSync', 'createReadStream', 'stat', 'statSync', 'lstat', 'existsSync', 'readdir', 'readdirSync'] as const;
    const promiseNames = ['readFile', 'open', 'stat', 'lstat', 'readdir'] as const;
    const original = new Map<string, unknown>();
    const spy = (target: Record<string, unknown>, name: string, key: string) => {
      const fn = target[name] as (...args: unknown[]) => unknown;
      original.set(key, fn);
      target[name] = function (this: unknown, file: unknown, ...rest: unknown[]) {
        touched.push(String(file));
        return fn.call(this, file, ...rest);
      };
    };
    for (const name of names) spy(fs as unknown as Record<string, unknown>, name, `fs.${name}`);
    for (const name of promiseNames) spy(fs.promises as unknown as Record<string, unknown>, name, `promises.${name}`);
    syncBuiltinESMExports();
    try {
      await work();
    } finally {
      for (const name of names) (fs as unknown as Record<string, unknown>)[name] = original.get(`fs.${name}`);
      for (const name of promiseNames) (fs.promises as unknown as Record<string, unknown>)[name] = original.get(`promises.${name}`);
      syncBuiltinESMExports();
    }
    return touched;
  }

  const OUTSIDE = ['../../etc/passwd', '/etc/passwd', '../corpus/../../../etc/hostname', 'file:///etc/passwd', '..\\..\\etc\\passwd'];

  test('document and author filters naming files outside the corpus read nothing and answer “no such document/author”', async () => {
    const touched = await recordFileAccess(async () => {
      for (const path of OUTSIDE) {
        const byDocument = await h.fake.sendSlashCommand('ask', { question: 'what is in it?', document: path }, { user: nextUser() });
        assert.match((await finalReplyOf(byDocument)).body.content, /^No article titled “/, path);
        const byAuthor = await h.fake.sendSlashCommand('ask', { question: 'what is in it?', author: path }, { user: nextUser() });
        assert.match((await finalReplyOf(byAuthor)).body.content, /^No article by /, path);
        const dm = await h.fake.sendDirectMessage(`document: ${path}\nwhat is in it?`, { author: nextUser() });
        assert.match((await h.fake.waitForRequest(isReplyTo(dm.id), WAIT)).body.content, /^No article titled “/, path);
        // The engine itself, as the terminal uses it: the filter matches no article, so nothing is quoted.
        for (const filter of [{ document: path }, { author: path }]) {
          const answer = await real.opened.engine.answer('what is in it?', { filter });
          assert.deepEqual([answer.answered, answer.quotes.length], [false, 0], `${JSON.stringify(filter)} quoted something`);
        }
      }
    });
    assert.deepEqual(touched.filter((file) => /etc|passwd|hostname/.test(file)), [], 'a file outside the corpus was touched');
    assertNothingPingsOrFails();
  });
});

describe('any DM at all (property-based, real engine)', () => {
  test('every DM gets one well-formed reply whose quotes are verbatim and attributed', async () => {
    const words = ['oil', 'Raqqa', 'Pentagon', 'civilians', 'Turkey', 'ISIS', 'Deir', 'author:', 'document:', ';', '\n', '@everyone', '<@&1>', '**', '`', '🤔', '\u200B', '\uD800'];
    const question = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.string({ unit: 'binary', maxLength: 120 }),
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 40 }),
      fc.array(fc.constantFrom(...words), { maxLength: 12 }).map((parts) => parts.join(' ')),
    );
    await fc.assert(
      fc.asyncProperty(question, async (content) => {
        const dm = await h.fake.sendDirectMessage(content, { author: nextUser() });
        const reply = await h.fake.waitForRequest(isReplyTo(dm.id), WAIT);
        assertSensible(reply, `DM ${JSON.stringify(content)}`);
        assert.deepEqual(reply.body.allowed_mentions, { parse: [], replied_user: false });
      }),
      { numRuns: 40, seed: 20_251_121 },
    );
    assertNothingPingsOrFails();
  });
});
