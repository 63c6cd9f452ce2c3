import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ingestCorpus } from '../src/ingest/corpus.js';

const ARTICLE = 'Why the river flooded\n\nWritten by Jane Roe\n\nMarch 5, 2020\n\nThe river rose two metres overnight, residents said.\n';
const isRoot = process.getuid?.() === 0;

const made: string[] = [];
after(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempCorpus(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'quotebot-ingest-'));
  made.push(dir);
  await writeFile(path.join(dir, 'good.txt'), ARTICLE);
  return dir;
}

/** Ingests a corpus holding one good file and `bad.txt`; the good file must still be indexed. */
async function problemFor(bytes: Uint8Array | string, maxFileBytes?: number): Promise<string> {
  const dir = await tempCorpus();
  await writeFile(path.join(dir, 'bad.txt'), bytes);
  const { articles, problems } = await ingestCorpus(dir, { maxFileBytes });
  assert.deepEqual(articles.map((article) => article.source), ['good.txt']);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]?.source, 'bad.txt');
  return problems[0]?.message ?? '';
}

describe('files that cannot be indexed are reported and skipped', () => {
  test('an empty file', async () => {
    assert.match(await problemFor(''), /empty/);
  });

  test('a whitespace-only file', async () => {
    assert.match(await problemFor(' \n\t\r\n\u00A0 \n'), /empty/);
  });

  test('a binary file', async () => {
    assert.match(await problemFor(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a])), /binary/);
  });

  test('a file over the size limit, with the limit in the message', async () => {
    assert.match(await problemFor('x'.repeat(3 * 1024 * 1024), 2 * 1024 * 1024), /3\.0 MiB, over the 2\.0 MiB limit/);
  });

  test('a file whose text is only boilerplate', async () => {
    assert.match(await problemFor('Share this article:\n\nTags: , , ,\n\nComments are closed.\n'), /no article text/);
  });

  test('a dangling link', async () => {
    const dir = await tempCorpus();
    await symlink(path.join(dir, 'missing-target.txt'), path.join(dir, 'bad.txt'));
    const { articles, problems } = await ingestCorpus(dir);
    assert.equal(articles.length, 1);
    assert.equal(problems[0]?.source, 'bad.txt');
    assert.match(problems[0]?.message ?? '', /cannot be read/);
  });

  test('a Word document or an e-book: named with what to export it as; images and scripts are passed over', async () => {
    const dir = await tempCorpus();
    await writeFile(path.join(dir, 'minutes.docx'), new Uint8Array([0x50, 0x4b, 0x03, 0x04]));
    await writeFile(path.join(dir, 'handbook.EPUB'), new Uint8Array([0x50, 0x4b, 0x03, 0x04]));
    await writeFile(path.join(dir, 'photo.jpg'), new Uint8Array([0xff, 0xd8]));
    const { articles, problems } = await ingestCorpus(dir);
    assert.deepEqual(articles.map((article) => article.source), ['good.txt']);
    assert.deepEqual(problems.map((problem) => problem.source).sort(), ['handbook.EPUB', 'minutes.docx']);
    assert.match(problems.find((problem) => problem.source === 'minutes.docx')?.message ?? '', /Word document.*PDF, HTML or plain text/);
  });

  test('a file without read permission', { skip: isRoot && 'root can read any file' }, async () => {
    const dir = await tempCorpus();
    await writeFile(path.join(dir, 'bad.txt'), ARTICLE);
    await chmod(path.join(dir, 'bad.txt'), 0o000);
    const { articles, problems } = await ingestCorpus(dir);
    assert.equal(articles.length, 1);
    assert.match(problems[0]?.message ?? '', /permission denied/);
  });
});

describe('files in other encodings than UTF-8 are read, letter for letter', () => {
  const encode = (text: string, encoding: 'latin1' | 'utf16le') => Buffer.from(text, encoding);
  const readOne = async (name: string, bytes: Uint8Array) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'quotebot-encoding-'));
    made.push(dir);
    await writeFile(path.join(dir, name), bytes);
    return ingestCorpus(dir);
  };

  test('a web page saved by Word in the windows-1252 it declares: curly quotes and accents as written, no note', async () => {
    const page = '<html><head><meta http-equiv=Content-Type content="text/html; charset=windows-1252"><title>The footbridge</title></head><body><h1>The footbridge</h1><p>Rosa Bianchi crossed first. \x93It took eleven months,\x94 said the caf\xe9 owner, who had watched the builders every morning from her window since January, and who now serves the first coffee of the day to the engineers who come to check the new span.</p></body></html>';
    const { articles, problems } = await readOne('footbridge.html', encode(page, 'latin1'));
    assert.match(articles[0]?.text ?? '', /“It took eleven months,” said the café owner/);
    assert.deepEqual(problems, []);
  });

  test('plain text that is not UTF-8 is read as Windows-1252, and the report says so', async () => {
    const { articles, problems } = await readOne('notes.txt', encode('Market day\n\nThe café on the square sold 40 crêpes before noon.\n', 'latin1'));
    assert.match(articles[0]?.text ?? '', /The café on the square sold 40 crêpes/);
    assert.match(problems[0]?.message ?? '', /not UTF-8; read as Windows-1252/);
    assert.equal(problems[0]?.indexed, true);
  });

  test("UTF-16 with its byte-order mark (Notepad's Unicode)", async () => {
    const { articles } = await readOne('unicode.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), encode('Market day\n\nThe café sold 40 crêpes before noon.\n', 'utf16le')]));
    assert.match(articles[0]?.text ?? '', /The café sold 40 crêpes/);
  });
});

describe('the corpus folder', () => {
  test('is read recursively, .txt and .md only, sidecars not taken for articles', async () => {
    const dir = await tempCorpus();
    await mkdir(path.join(dir, 'more', 'deeper'), { recursive: true });
    await writeFile(path.join(dir, 'more', 'deeper', 'note.md'), '# A note\n\nBy Ann Lee\n\nThe keepers left the island in 1952.\n');
    await writeFile(path.join(dir, 'good.meta.json'), '{"publisher":"Valley Times"}');
    await writeFile(path.join(dir, 'picture.png'), new Uint8Array([0x89, 0x50, 0x00]));
    const { articles, files, problems } = await ingestCorpus(dir);
    assert.deepEqual(problems, []);
    assert.deepEqual(files.map((file) => file.source), ['good.txt', 'more/deeper/note.md']);
    assert.deepEqual(articles.map((article) => article.id), ['good.txt#0', 'more/deeper/note.md#0']);
    assert.equal(articles[1]?.title, 'A note');
    assert.deepEqual(articles[1]?.authors, ['Ann Lee']);
  });

  test('gives the same hash for the same bytes and another one when a file changes', async () => {
    const first = await ingestCorpus(await tempCorpus());
    const again = await ingestCorpus(await tempCorpus());
    const dir = await tempCorpus();
    await writeFile(path.join(dir, 'good.txt'), `${ARTICLE}\nOne more sentence.\n`);
    const changed = await ingestCorpus(dir);
    assert.equal(first.files[0]?.hash, again.files[0]?.hash);
    assert.notEqual(first.files[0]?.hash, changed.files[0]?.hash);
  });

  test("a post naming its author by key is credited by the name in its site's list of authors (Jekyll's _data/authors.yml, Docusaurus's authors.yml), and re-read when the list changes", async () => {
    const dir = await tempCorpus();
    await mkdir(path.join(dir, 'pantry', '_data'), { recursive: true });
    await mkdir(path.join(dir, 'pantry', '_posts'), { recursive: true });
    await mkdir(path.join(dir, 'docs', 'blog'), { recursive: true });
    await writeFile(path.join(dir, 'pantry', '_data', 'authors.yml'), 'jsmith:\n  name: Joanna Smithers\n  role: Volunteer Coordinator\n');
    await writeFile(path.join(dir, 'pantry', '_posts', '2021-09-18-harvest-supper.md'), '---\ntitle: Harvest Supper\nauthor: jsmith\n---\n\nNinety people came to the harvest supper in the village hall.\n');
    await writeFile(path.join(dir, 'docs', 'blog', 'authors.yml'), 'slorber:\n  name: Sébastien Lorber\n  title: Docusaurus maintainer\n');
    await writeFile(path.join(dir, 'docs', 'blog', 'beta.md'), '---\ntitle: Docusaurus 2 beta\nauthors: [slorber, jdoe]\n---\n\nDocusaurus 2 has reached feature parity with the first version.\n');
    await writeFile(path.join(dir, 'other.md'), '---\ntitle: Elsewhere\nauthor: jsmith\n---\n\nA post outside the pantry site keeps the key it names.\n');
    const first = await ingestCorpus(dir);
    assert.deepEqual(first.problems, []);
    const authorsOf = (result: typeof first, source: string) => result.articles.find((article) => article.source === source)?.authors;
    assert.deepEqual(authorsOf(first, 'pantry/_posts/2021-09-18-harvest-supper.md'), ['Joanna Smithers']);
    assert.deepEqual(authorsOf(first, 'docs/blog/beta.md'), ['Sébastien Lorber', 'jdoe']);
    assert.deepEqual(authorsOf(first, 'other.md'), ['jsmith']);
    await writeFile(path.join(dir, 'pantry', '_data', 'authors.yml'), 'jsmith:\n  name: Jo Smithers\n');
    const changed = await ingestCorpus(dir);
    assert.deepEqual(authorsOf(changed, 'pantry/_posts/2021-09-18-harvest-supper.md'), ['Jo Smithers']);
    const hashOf = (result: typeof first, source: string) => result.files.find((file) => file.source === source)?.hash;
    assert.notEqual(hashOf(first, 'pantry/_posts/2021-09-18-harvest-supper.md'), hashOf(changed, 'pantry/_posts/2021-09-18-harvest-supper.md'));
    assert.equal(hashOf(first, 'other.md'), hashOf(changed, 'other.md'));
  });

  test('that does not exist is an error that says what to set', async () => {
    const missing = path.join(os.tmpdir(), 'quotebot-no-such-corpus-folder');
    await assert.rejects(ingestCorpus(missing), (error: Error) => error.message.includes(missing) && /does not exist/.test(error.message) && /CORPUS_DIR/.test(error.message));
  });

  test('that is a file is an error', async () => {
    const dir = await tempCorpus();
    await assert.rejects(ingestCorpus(path.join(dir, 'good.txt')), /is not a folder/);
  });
});
