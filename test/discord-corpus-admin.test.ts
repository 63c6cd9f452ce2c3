import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openSqliteState } from '../src/state/sqlite-store.js';
import type { StateStore } from '../src/state/state-store.js';
import { startBotAgainstFake, type BotHarness } from './support/bot-harness.js';
import { quotesOf, unescapeMarkdown } from './support/bot-messages.js';
import { FAKE_USERS, type RecordedRequest } from './support/fake-discord.js';
import { openRealEngine, PROJECT_ROOT, type RealEngine } from './support/real-index.js';

/**
 * Growing the corpus from Discord, end to end: the real discord.js client, the fake Discord serving
 * the attachments on loopback, the real engine over a private copy of the seed corpus and index.
 */

const REAL = path.join(PROJECT_ROOT, 'test/fixtures/real');
const OWNER = FAKE_USERS.alice;
const REBUILD_MS = 180_000;

/** One document of each kind, with what its reader should detect and a question only it answers. */
const DOCUMENTS = [
  {
    file: 'pep-0020.txt',
    type: 'text/plain',
    title: 'The Zen of Python',
    author: 'Tim Peters',
    date: '2004-08-19',
    question: 'What does the Zen of Python say about errors?',
  },
  {
    file: 'kubernetes-say-hello-to-discuss-kubernetes.md',
    type: 'text/markdown',
    title: 'Say Hello to Discuss Kubernetes',
    author: 'Jorge Castro',
    date: '2018-05-30',
    question: 'Which other open source projects built communities on Discourse?',
  },
  {
    file: 'rust-blog-announcing-rust-1.15.1.html',
    type: 'text/html',
    title: 'Announcing Rust 1.15.1',
    author: 'The Rust Core Team',
    date: '2017-02-09',
    question: 'Which method had the soundness bug fixed in Rust 1.15.1?',
  },
  {
    file: 'pep-3099.pdf',
    type: 'application/pdf',
    title: 'Things that will Not Change in Python 3000',
    author: 'Georg Brandl',
    date: '2006-04-04',
    question: 'Will Python 3000 be case-insensitive?',
  },
] as const;

interface ButtonJson {
  custom_id?: string;
  label?: string;
}

describe('/add, corrections and /remove against the real engine', () => {
  let real: RealEngine;
  let h: BotHarness;
  let state: StateStore;
  before(async () => {
    real = await openRealEngine({ ownCorpus: true });
    state = openSqliteState({ dir: ':memory:', answerTtlMs: 3_600_000 });
    h = await startBotAgainstFake({
      engine: real.opened.engine,
      rebuild: real.opened.rebuild,
      state,
      // Loopback URLs are allowed here only to serve a page for `/add url:`; the refusal is tested below without it.
      env: { CORPUS_DIR: real.config.CORPUS_DIR, OWNER_IDS: OWNER.id, UPLOAD_ALLOW_PRIVATE_URLS: 'true', ANSWER_QUOTES: '3' },
    });
  });
  after(async () => {
    await h?.stop();
    await state?.close();
    await real?.close();
  });

  async function add(options: Record<string, string | ReturnType<BotHarness['fake']['addAttachment']>>, user = OWNER): Promise<RecordedRequest> {
    const interaction = await h.fake.sendSlashCommand('add', options, { user });
    return h.waitForOriginalEdit(interaction.token, REBUILD_MS);
  }

  async function ask(question: string) {
    const interaction = await h.fake.sendSlashCommand('ask', { question });
    return quotesOf((await h.waitForOriginalEdit(interaction.token, 60_000)).body);
  }

  test('a member who is not an owner or admin may not add, and the refusal is audited', async () => {
    const file = h.fake.addAttachment({ filename: 'x.txt', contentType: 'text/plain', bytes: Buffer.from('Some text.') });
    const interaction = await h.fake.sendSlashCommand('add', { file }, { user: FAKE_USERS.bob });
    const reply = (await h.waitForCallback(interaction.token)).body;
    assert.equal(reply.data.flags, 64);
    assert.match(reply.data.content, /only the bot's owners/);
    const entries = await state.listAudit();
    assert.deepEqual(
      entries.map((entry) => [entry.action, entry.who.userId, entry.detail.outcome]),
      [['add', FAKE_USERS.bob.id, 'refused']],
    );
  });

  for (const doc of DOCUMENTS) {
    test(`/add of a ${path.extname(doc.file)} attachment: indexed at once, its title, author, date and passages shown, then quoted`, async () => {
      const file = h.fake.addAttachment({ filename: doc.file, contentType: doc.type, bytes: readFileSync(path.join(REAL, doc.file)) });
      const edit = await add({ file });
      assert.equal(edit.status, 200);
      const [embed] = edit.body.embeds;
      assert.equal(embed.title, `Added uploads/${doc.file.replace(/\.[^.]+$/, '').toLowerCase()}${path.extname(doc.file)}`);
      const description = unescapeMarkdown(embed.description);
      assert.ok(description.includes(`**${doc.title}** — ${doc.author}, ${doc.date}`), description);
      assert.match(description, /\n(\d+) passages indexed from/);
      assert.ok(Number(/\n(\d+) passages/.exec(description)![1]) > 0);
      const buttons = (edit.body.components as { components: ButtonJson[] }[]).flatMap((row) => row.components);
      assert.deepEqual(buttons.map((button) => button.label), ['Correct details']);
      assert.ok(existsSync(path.join(real.config.CORPUS_DIR, 'uploads', path.basename(embed.title.slice('Added uploads/'.length)))), 'kept in the corpus folder');

      // Searchable at once: a question only this document answers is answered from it, verbatim.
      const quotes = await ask(doc.question);
      const added = real.opened.engine.listArticles().find((article) => article.title === doc.title)!;
      const text = real.opened.engine.index.articles.get(added.id)!.text;
      const cited = quotes.filter((quote) => quote.attribution.includes(`*${doc.title}*`));
      assert.ok(cited.length > 0, `nothing quoted from ${doc.title}: ${JSON.stringify(quotes)}`);
      for (const quote of cited) assert.ok(text.includes(quote.text.replace(/…$/, '')), `not verbatim: ${quote.text}`);
    });
  }

  test('/add of a web page: fetched, its address kept in the sidecar, and its quotes link to their words there', async () => {
    const page = h.fake.addAttachment({ filename: 'fearless-concurrency.html', contentType: 'text/html', bytes: readFileSync(path.join(REAL, 'rust-blog-fearless-concurrency-firefox-quantum.html')) });
    const edit = await add({ url: page.url });
    const title = edit.body.embeds[0].title as string;
    assert.equal(title, 'Added uploads/fearless-concurrency.html');
    const sidecar = JSON.parse(readFileSync(path.join(real.config.CORPUS_DIR, 'uploads/fearless-concurrency.meta.json'), 'utf8'));
    assert.equal(sidecar.url, page.url);
    const quotes = await ask('How did Firefox Quantum use Rust for parallel styling?');
    const linked = quotes.find((quote) => quote.attribution.includes('Fearless Concurrency'));
    assert.ok(linked, JSON.stringify(quotes));
    assert.ok(linked.link?.startsWith(`${page.url}#:~:text=`), String(linked.link));
  });

  test('"Correct details" opens a form; what is sent goes into the sidecar, the index and the next answer', async () => {
    const doc = DOCUMENTS[0];
    const file = h.fake.addAttachment({ filename: 'zen-again.txt', contentType: 'text/plain', bytes: readFileSync(path.join(REAL, doc.file)) });
    const edit = await add({ file });
    const message = h.fake.messages.get(edit.response.id)!;
    const correct = (message.components as { components: ButtonJson[] }[])[0]!.components[0]!;
    const click = await h.fake.clickButton(edit.response.id, correct.custom_id!, { user: OWNER });
    const form = (await h.waitForCallback(click.token)).body;
    assert.equal(form.type, 9, 'a modal');
    const fields = JSON.stringify(form.data.components);
    assert.ok(fields.includes(doc.title) && fields.includes(doc.author) && fields.includes(doc.date), 'filled in with what was detected');

    const refused = await h.fake.submitModal(form.data.custom_id, { title: 'x', authors: '', date: 'yesterday', url: '' }, { user: OWNER });
    assert.match((await h.waitForCallback(refused.token)).body.data.content, /Nothing was changed.*date/s);

    const submit = await h.fake.submitModal(form.data.custom_id, { title: 'The Zen, Again', authors: 'T. Peters', date: '2004-08-20', url: '' }, { user: OWNER });
    const done = await h.waitForOriginalEdit(submit.token, REBUILD_MS);
    assert.ok(unescapeMarkdown(done.body.embeds[0].description).includes('**The Zen, Again** — T. Peters, 2004-08-20'), done.body.embeds[0].description);
    const sidecar = JSON.parse(readFileSync(path.join(real.config.CORPUS_DIR, 'uploads/zen-again.meta.json'), 'utf8'));
    assert.deepEqual(sidecar, { title: 'The Zen, Again', authors: ['T. Peters'], date: '2004-08-20', url: null });
    assert.ok(real.opened.engine.listArticles().some((article) => article.title === 'The Zen, Again' && article.authors[0] === 'T. Peters'));
  });

  test('/remove takes the document out: the question it answered no longer quotes it, and the file is gone', async () => {
    const doc = DOCUMENTS[3];
    assert.ok((await ask(doc.question)).some((quote) => quote.attribution.includes(`*${doc.title}*`)), 'quoted before');
    const article = real.opened.engine.listArticles().find((candidate) => candidate.title === doc.title)!;
    const interaction = await h.fake.sendSlashCommand('remove', { document: article.id }, { user: OWNER });
    const edit = await h.waitForOriginalEdit(interaction.token, REBUILD_MS);
    assert.match(unescapeMarkdown(edit.body.content), new RegExp(`Removed \\*${doc.title}\\* \\(\`${article.source}\`\\)`));
    assert.ok(!existsSync(path.join(real.config.CORPUS_DIR, article.source)));
    const after = await ask(doc.question);
    assert.ok(after.every((quote) => !quote.attribution.includes(doc.title)), JSON.stringify(after));
    assert.ok(real.opened.engine.listArticles().every((candidate) => candidate.source !== article.source));
  });

  test('every change is in the audit log: who, where, when, what', async () => {
    const entries = await state.listAudit();
    const done = entries.filter((entry) => entry.detail.outcome === 'done');
    assert.deepEqual(
      [...new Set(done.map((entry) => entry.action))].sort(),
      ['add', 'correct', 'remove'],
    );
    for (const entry of done) {
      assert.equal(entry.who.userId, OWNER.id);
      assert.ok(entry.where.guildId && entry.where.channelId && entry.where.via === 'discord');
      assert.ok(!Number.isNaN(Date.parse(entry.when)));
    }
    assert.ok(done.some((entry) => entry.action === 'remove' && entry.detail.source === 'uploads/pep-3099.pdf'));
    assert.ok(entries.some((entry) => entry.action === 'add' && entry.detail.outcome === 'failed') === false, 'no add failed');
  });
});

describe('/add of a URL on a private address', () => {
  let h: BotHarness;
  before(async () => {
    h = await startBotAgainstFake({ env: { OWNER_IDS: OWNER.id } });
  });
  after(() => h.stop());

  for (const url of ['http://127.0.0.1:9/secret.txt', 'http://localhost/notes.md', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/a.html', 'http://10.0.0.7/report.pdf']) {
    test(`is refused before anything is fetched: ${url}`, async () => {
      const interaction = await h.fake.sendSlashCommand('add', { url }, { user: OWNER });
      const edit = await h.waitForOriginalEdit(interaction.token);
      assert.match(edit.body.content, /only fetch documents from public internet addresses/);
    });
  }

  test('and so is a scheme other than http(s)', async () => {
    const interaction = await h.fake.sendSlashCommand('add', { url: 'file:///etc/passwd' }, { user: OWNER });
    assert.match((await h.waitForOriginalEdit(interaction.token)).body.content, /only fetch http:\/\/ and https:\/\//);
  });
});
