import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { createEngine } from '../src/answer/engine.js';
import { loadConfig } from '../src/config/config.js';
import type { IngestResult, SearchFilter } from '../src/domain.js';
import { compileFilter } from './support/filter-oracle.js';
import { IndexError } from '../src/index/generation-format.js';
import { IndexBusyError } from '../src/index/lock.js';
import type { ExpectedIndex, IndexStore } from '../src/index/index-store.js';
import { filterCondition } from '../src/index/postgres/filter-sql.js';
import type { PostgresSearchIndex } from '../src/index/postgres/postgres-index.js';
import { postgresIndexStore } from '../src/index/postgres/postgres-store.js';
import { generationSchema, REINDEX_BUILD_LOCK } from '../src/index/postgres/schema.js';
import type { SearchIndex } from '../src/index/search-index.js';
import { fileIndexStore } from '../src/index/file-store.js';
import { analyzeQuery } from '../src/answer/question.js';
import { ingestCorpus } from '../src/ingest/corpus.js';
import { openIndexStore } from '../src/open-engine.js';
import { openDatabase, type Database } from '../src/postgres/database.js';
import { makeArticle } from './support/articles.js';
import { FakeEmbedder } from './support/fake-embedder.js';
import { POSTGRES_SKIP, openTestServer, type TestServer } from './support/postgres.js';
import { SEED_CORPUS } from './support/real-index.js';
import { smallCorpus } from './support/small-corpus.js';

const silent = pino({ level: 'silent' });
const chunking = { size: 300, overlap: 60 };
const embedder = new FakeEmbedder();
const expected: ExpectedIndex = { provider: embedder.provider, model: embedder.model, dimensions: embedder.dimensions, chunking, ef: 100 };

/** Questions over the seed corpus: English, Dutch, names, numbers, a word in no article. */
const QUESTIONS = [
  'What did Beeley say about the White Helmets?',
  'bombardementen op Syrië',
  'Welke oorlog?',
  'chemical weapons Douma',
  'how many people died',
  'Israel Gaza genocide',
  'Wie schreef over de brug?',
  'zzzunknownword',
];

function storeOn(url: string): IndexStore {
  return postgresIndexStore(openDatabase(url, { hnswEf: 100 }, silent), silent);
}

/** A store on a new empty database, and that database's pool for looking inside. */
async function freshStore(server: TestServer): Promise<{ store: IndexStore; database: Database }> {
  const database = openDatabase(await server.newDatabase(), { hnswEf: 100 }, silent);
  return { store: postgresIndexStore(database, silent), database };
}

async function seedIngest(): Promise<IngestResult> {
  return ingestCorpus(SEED_CORPUS);
}

/** Filters of every kind, chosen from the corpus so each selects something, plus some that select nothing. */
function filtersFor(index: SearchIndex): SearchFilter[] {
  const articles = [...index.articles.values()];
  const withAuthor = articles.find((article) => article.authors.length > 0)!;
  const lastName = withAuthor.authors[0]!.split(' ').at(-1)!;
  const dated = articles.filter((article) => article.date).map((article) => article.date!).sort();
  const titled = articles[1]!;
  return [
    { author: lastName.toUpperCase() },
    { author: withAuthor.authors[0]! },
    { author: '!!!' },
    { author: 'nobody at all' },
    { document: titled.source },
    { document: titled.source.replace(/\.[^.]+$/, '') },
    { document: titled.title },
    { document: titled.title.split(/\s+/).slice(1, 3).join(' ') },
    { dateFrom: dated[1]!.slice(0, 4) },
    { dateTo: dated.at(-2)!.slice(0, 7) },
    { dateFrom: dated[0]!, dateTo: dated.at(-1)! },
  ];
}

const close = (a: number, b: number) => Math.abs(a - b) < 1e-5 * Math.max(1, Math.abs(a));

/**
 * Same scores in the same order, and the same passages at each score: passages tied on a score
 * (the fake embedder makes many) may come in any order, and a tie at the cut-off may be cut either way.
 */
function assertSameRanking(got: { id: string; score: number }[], want: { id: string; score: number }[], label: string): void {
  assert.equal(got.length, want.length, label);
  assert.ok(got.every((hit, i) => close(hit.score, want[i]!.score)), `${label}: scores`);
  const last = want.at(-1)?.score;
  const above = (hits: { id: string; score: number }[]) =>
    hits.filter((hit) => last === undefined || !close(hit.score, last)).map((hit) => hit.id).sort();
  assert.deepEqual(above(got), above(want), `${label}: passages`);
}

describe('the PostgreSQL index store', { skip: POSTGRES_SKIP }, () => {
  let server: TestServer;
  let store: IndexStore;
  let files: SearchIndex;
  let postgres: PostgresSearchIndex;
  let filesRoot: string;

  before(async () => {
    server = await openTestServer();
    store = storeOn(await server.newDatabase());
    const ingest = await seedIngest();
    filesRoot = await mkdtemp(path.join(tmpdir(), 'quotebot-pg-files-'));
    const fileStore = fileIndexStore(path.join(filesRoot, 'index'));
    await fileStore.build(ingest, embedder, { chunking });
    files = await fileStore.load(expected);
    await store.build(ingest, embedder, { chunking });
    postgres = (await store.load(expected)) as PostgresSearchIndex;
  });
  after(async () => {
    await store?.close();
    await server?.close();
    if (filesRoot) await rm(filesRoot, { recursive: true, force: true });
  });

  test('holds what the embedded store holds: articles, passages, sentences and their vectors', () => {
    assert.deepEqual([...postgres.articles.values()], [...files.articles.values()]);
    assert.deepEqual(postgres.passages, files.passages);
    assert.deepEqual(postgres.manifest.counts, files.manifest.counts);
    for (const article of files.articles.values()) {
      const want = files.sentencesOf(article.id)!;
      const got = postgres.sentencesOf(article.id)!;
      assert.deepEqual(got.spans, want.spans);
      assert.ok(got.vectors.every((value, i) => close(value, want.vectors[i]!)), `sentence vectors of ${article.id}`);
    }
    for (const passage of files.passages) {
      const want = files.passageVector(passage.id)!;
      assert.ok(Array.from(postgres.passageVector(passage.id)!).every((value, i) => close(value, want[i]!)), passage.id);
    }
  });

  test('both searches return what the embedded store returns, with and without filters', async () => {
    const filters: (SearchFilter | undefined)[] = [undefined, ...filtersFor(files)];
    let compared = 0;
    for (const question of QUESTIONS) {
      const query = analyzeQuery(question);
      const vector = await embedder.embedQuery(question);
      for (const filter of filters) {
        const label = `${question} ${JSON.stringify(filter)}`;
        const [denseWant, denseGot] = await Promise.all([files.searchDense(vector, 30, filter), postgres.searchDense(vector, 30, filter)]);
        assertSameRanking(
          denseGot.map((hit) => ({ id: hit.passage.id, score: hit.similarity })),
          denseWant.map((hit) => ({ id: hit.passage.id, score: hit.similarity })),
          `dense: ${label}`,
        );
        const terms = query.groups.flat();
        const [lexicalWant, lexicalGot] = await Promise.all([
          files.lexical.search(terms, 30, filter, query.weights),
          postgres.lexical.search(terms, 30, filter, query.weights),
        ]);
        assert.deepEqual(lexicalGot.map((hit) => hit.passage.id), lexicalWant.map((hit) => hit.passage.id), `lexical: ${label}`);
        assert.ok(lexicalGot.every((hit, i) => close(hit.score, lexicalWant[i]!.score)), `BM25 score: ${label}`);
        compared += lexicalWant.length;
        for (const term of terms) assert.ok(close(postgres.lexical.idf(term), files.lexical.idf(term)), `idf of ${term}`);
      }
    }
    assert.ok(compared > 100, 'the questions found passages to compare');
  });

  test('filters in SQL select exactly the articles the embedded store selects', async () => {
    const { store: small, database } = await freshStore(server);
    try {
      await small.build(smallCorpus(), embedder, { chunking });
      const index = (await small.load(expected)) as PostgresSearchIndex;
      const schema = generationSchema(index.generation);
      const articles = [...index.articles.values()];
      const filters: SearchFilter[] = [
        ...filtersFor(index),
        { author: 'van auken' },
        { author: 'van' },
        { author: 'VANESSA  beeley' },
        { document: articles[2]!.id },
        { document: '' },
        { dateFrom: '2017-03', dateTo: '2017-04' },
        { dateTo: '2017' },
      ];
      for (const filter of filters) {
        const condition = filterCondition(filter, schema, 1);
        const { rows } = await database.pool.query<{ id: string }>(
          `SELECT a.id FROM ${schema}.articles AS a WHERE ${condition.sql} ORDER BY a.ordinal`,
          condition.params,
        );
        const predicate = compileFilter(filter, articles);
        const want = articles.filter((article) => !predicate || predicate(article)).map((article) => article.id);
        assert.deepEqual(rows.map((row) => row.id), want, JSON.stringify(filter));
      }
    } finally {
      await small.close();
    }
  });

  test('an empty database says to run the reindex; an index of another model is a mismatch', async () => {
    const { store: fresh } = await freshStore(server);
    try {
      await assert.rejects(fresh.load(expected), (error: Error) => error instanceof IndexError && error.code === 'missing' && /npm run reindex/.test(error.message));
      await assert.rejects(store.load({ ...expected, model: 'another-model' }), (error: Error) => error instanceof IndexError && error.code === 'mismatch' && /another-model/.test(error.message));
    } finally {
      await fresh.close();
    }
  });

  test('an index written before the impact-ordered keyword postings is reported as needing a reindex', async () => {
    const { store: old, database } = await freshStore(server);
    try {
      await old.build(smallCorpus(), embedder, { chunking });
      await database.pool.query(`UPDATE quotebot.index_generations SET stats = stats - 'impactOrdered'`);
      await assert.rejects(old.load(expected), (error: Error) => error instanceof IndexError && error.code === 'mismatch' && /older version.*npm run reindex/.test(error.message));
    } finally {
      await old.close();
    }
  });

  test('a reindex reuses the vectors of unchanged texts and keeps only the current and the previous generation', async () => {
    const { store: own, database } = await freshStore(server);
    try {
      const counting = new FakeEmbedder();
      const first = await own.build(smallCorpus(), counting, { chunking });
      const embedded = counting.embeddedTexts;
      const second = await own.build(smallCorpus(), counting, { chunking });
      assert.equal(second.reusedPassages, first.passages);
      assert.equal(second.reusedSentences, second.sentences);
      assert.equal(counting.embeddedTexts, embedded, 'nothing was embedded again');
      await own.build(smallCorpus(), counting, { chunking });
      const { rows } = await database.pool.query<{ nspname: string }>(
        `SELECT nspname FROM pg_namespace WHERE nspname LIKE 'quotebot_index_%' ORDER BY nspname`,
      );
      const current = ((await own.load(expected)) as PostgresSearchIndex).generation;
      assert.deepEqual(rows.map((row) => row.nspname), [generationSchema(current - 1), generationSchema(current)]);
    } finally {
      await own.close();
    }
  });

  test('a reindex is published in one transaction: when it fails, the old index stays in use and nothing is left behind', async () => {
    const { store: own, database } = await freshStore(server);
    try {
      await own.build(smallCorpus(), embedder, { chunking });
      const before = (await own.load(expected)) as PostgresSearchIndex;
      const broken = smallCorpus();
      // Two articles with one id: the write fails on a unique key, after the first rows went in.
      broken.articles.push({ ...broken.articles[0]!, text: 'A different text under the same id.' });
      await assert.rejects(own.build(broken, embedder, { chunking }), /duplicate key/);
      const after = (await own.load(expected)) as PostgresSearchIndex;
      assert.equal(after.generation, before.generation);
      assert.deepEqual([...after.articles.keys()], [...before.articles.keys()]);
      const { rows } = await database.pool.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'quotebot_index_%'`);
      assert.equal(rows.length, 1, 'no half-written generation');
    } finally {
      await own.close();
    }
  });

  test('one reindex at a time per database: a second one meanwhile is refused, and a dead holder holds nothing', async () => {
    const url = await server.newDatabase();
    const first = storeOn(url);
    const second = storeOn(url);
    const holder = new pg.Client({ connectionString: url });
    try {
      await first.build(smallCorpus(), embedder, { chunking });
      const published = ((await first.load(expected)) as PostgresSearchIndex).generation;

      // The first store's reindex is held while embedding; the second one is refused meanwhile.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let embedding!: () => void;
      const started = new Promise<void>((resolve) => (embedding = resolve));
      const holding = new FakeEmbedder();
      holding.embedDocuments = async (texts) => {
        embedding();
        await held;
        return texts.map((text) => holding.embedText(text));
      };
      const grown = smallCorpus();
      grown.articles.push(makeArticle('harbour.txt#0', 'The harbour master counted the boats every morning at dawn.', { title: 'The harbour master' }));
      const running = first.build(grown, holding, { chunking });
      await started;
      await assert.rejects(second.build(smallCorpus(), embedder, { chunking }), (error: Error) => error instanceof IndexBusyError && /Another reindex/.test(error.message));
      release();
      assert.equal((await running).articles, grown.articles.length);
      assert.equal(((await second.load(expected)) as PostgresSearchIndex).generation, published + 1, 'only the first one published');

      // Released after a failed reindex too.
      await assert.rejects(first.build({ ...smallCorpus(), articles: [] }, embedder, { chunking }), /allow-shrink/);
      await second.build(grown, embedder, { chunking });

      // A process that died holding the lock: its connection ends, and so does the lock.
      await holder.connect();
      await holder.query('SELECT pg_advisory_lock($1)', [REINDEX_BUILD_LOCK]);
      await assert.rejects(second.build(grown, embedder, { chunking }), IndexBusyError);
      await holder.end();
      await second.build(grown, embedder, { chunking });
    } finally {
      await holder.end().catch(() => undefined);
      await Promise.all([first.close(), second.close()]);
    }
  });

  test('a reindex by one process is followed by another: it answers from the new index without a restart', async () => {
    const url = await server.newDatabase();
    const bot = storeOn(url);
    const reindexer = storeOn(url);
    let stopFollowing: (() => Promise<void>) | undefined;
    try {
      await reindexer.build(smallCorpus(), embedder, { chunking });
      const engine = createEngine({ index: await bot.load(expected), embedder, settings: { minRelevance: 0.05 } });
      const question = 'What about the lighthouse keeper and the marmalade?';
      const isAdded = (article: { title: string }) => article.title === 'The lighthouse keeper';
      assert.ok(!engine.listArticles().some(isAdded));
      let followed!: () => void;
      const switched = new Promise<void>((resolve) => (followed = resolve));
      stopFollowing = await bot.follow!(expected, (index) => {
        engine.swapIndex(index);
        followed();
      }, (error) => assert.fail(error));

      const grown = smallCorpus();
      const added = makeArticle('lighthouse.txt#0', 'The lighthouse keeper made marmalade every winter. His marmalade was famous along the coast.', { title: 'The lighthouse keeper' });
      grown.articles.push(added);
      await reindexer.build(grown, embedder, { chunking });
      await switched;

      const answer = await engine.answer(question);
      assert.equal(answer.quotes[0]?.articleId, added.id);
      assert.ok(engine.listArticles().some(isAdded));
    } finally {
      await stopFollowing?.();
      await Promise.all([bot.close(), reindexer.close()]);
    }
  });

  test('a dropped notification connection is reopened, and a reindex published meanwhile is still followed', async () => {
    const url = await server.newDatabase();
    const bot = storeOn(url);
    const reindexer = storeOn(url);
    let stopFollowing: (() => Promise<void>) | undefined;
    try {
      await reindexer.build(smallCorpus(), embedder, { chunking });
      const first = (await bot.load(expected)) as PostgresSearchIndex;
      const followed: number[] = [];
      stopFollowing = await bot.follow!(expected, (index) => followed.push((index as PostgresSearchIndex).generation), (error) => assert.fail(error));

      const admin = openDatabase(url, { hnswEf: 100 }, silent);
      try {
        const { rows } = await admin.pool.query(
          `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name = 'quotebot-listener' AND datname = current_database()`,
        );
        assert.equal(rows.length, 1, 'one listening connection was ended');
      } finally {
        await admin.close();
      }
      const grown = smallCorpus();
      grown.articles.push(makeArticle('late.txt#0', 'Published while the listener was away.', { title: 'Late' }));
      await reindexer.build(grown, embedder, { chunking });

      const deadline = Date.now() + 30_000;
      while (!followed.includes(first.generation + 1) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual(followed, [first.generation + 1]);
    } finally {
      await stopFollowing?.();
      await Promise.all([bot.close(), reindexer.close()]);
    }
  });
});

test('an unreachable DATABASE_URL is a clear error that names the server but not the password', async () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://quotebot:s3cret-password@127.0.0.1:1/quotebot', LOG_LEVEL: 'silent' });
  await assert.rejects(openIndexStore(config, silent), (error: Error) => {
    assert.equal(error.name, 'DatabaseError');
    assert.match(error.message, /Cannot reach PostgreSQL at postgres:\/\/quotebot:\*\*\*@127\.0\.0\.1:1\/quotebot/);
    assert.match(error.message, /check DATABASE_URL/);
    assert.doesNotMatch(error.message, /s3cret/);
    return true;
  });
});

