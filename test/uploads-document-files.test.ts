import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sidecarNameFor } from '../src/ingest/load.js';
import { insideCorpus, removeDocumentFiles, safeBaseName, saveUpload, uploadExtension, writeSidecar } from '../src/uploads/document-files.js';

function corpus(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'quotebot-uploads-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('the file type comes from the name, else the media type; anything else is refused', () => {
  assert.equal(uploadExtension('Notes.MD', 'text/plain'), '.md');
  assert.equal(uploadExtension('page.htm', null), '.htm');
  assert.equal(uploadExtension('report', 'application/pdf'), '.pdf');
  assert.equal(uploadExtension(null, 'text/html'), '.html');
  assert.equal(uploadExtension('evil.exe', 'application/octet-stream'), null);
  assert.equal(uploadExtension('data.json', null), null);
});

test('file names are made safe: no folders, no odd characters, never empty', () => {
  assert.equal(safeBaseName('../../etc/passwd'), 'passwd');
  assert.equal(safeBaseName('C:\\Users\\me\\Évian Report (final).pdf'), 'evian-report-final');
  assert.equal(safeBaseName('...'), 'document');
  assert.equal(safeBaseName('announcing-rust-1.15.1.html'), 'announcing-rust-1.15.1');
  assert.equal(safeBaseName('.hidden.txt'), 'hidden');
  assert.equal(safeBaseName('?.txt'), 'document');
  assert.ok(safeBaseName('x'.repeat(500)).length <= 80);
});

test('uploads land inside the uploads folder under a fresh name, sidecar names included', async (t) => {
  const dir = corpus(t);
  const first = await saveUpload(dir, 'uploads', 'Notes.md', '.md', Buffer.from('# One'));
  const second = await saveUpload(dir, 'uploads', 'notes.txt', '.txt', Buffer.from('Two'));
  assert.equal(first, 'uploads/notes.md');
  assert.equal(second, 'uploads/notes-2.txt', 'notes.txt would share notes.meta.json with notes.md');
  assert.equal(readFileSync(join(dir, first), 'utf8'), '# One');
  writeFileSync(join(dir, 'uploads', 'report.meta.json'), '{}');
  assert.equal(await saveUpload(dir, 'uploads', 'report.pdf', '.pdf', Buffer.from('%PDF-')), 'uploads/report-2.pdf');
  assert.equal(await saveUpload(dir, '.', 'top.txt', '.txt', Buffer.from('x')), 'top.txt');
});

test('a correction merges into the sidecar; "authors" replaces "author"', async (t) => {
  const dir = corpus(t);
  const source = await saveUpload(dir, 'uploads', 'a.txt', '.txt', Buffer.from('text'));
  writeFileSync(join(dir, sidecarNameFor(source)), JSON.stringify({ author: 'Wrong Name', url: 'https://example.org/a', articles: [{ match: { index: 0 }, title: 'Kept' }] }));
  assert.equal(await writeSidecar(dir, source, { title: 'Right Title', authors: ['Jane Roe'], date: '2020-03-05' }), 'uploads/a.meta.json');
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'uploads/a.meta.json'), 'utf8')), {
    url: 'https://example.org/a',
    articles: [{ match: { index: 0 }, title: 'Kept' }],
    title: 'Right Title',
    authors: ['Jane Roe'],
    date: '2020-03-05',
  });
});

test('removing a document deletes it and its sidecar, and nothing outside the corpus', async (t) => {
  const dir = corpus(t);
  const source = await saveUpload(dir, 'uploads', 'a.txt', '.txt', Buffer.from('text'));
  await writeSidecar(dir, source, { title: 'A' });
  assert.deepEqual(await removeDocumentFiles(dir, source), ['uploads/a.txt', 'uploads/a.meta.json']);
  assert.ok(!existsSync(join(dir, source)));
  assert.deepEqual(await removeDocumentFiles(dir, source), []);
  await assert.rejects(removeDocumentFiles(dir, '../outside.txt'), /not a file inside the corpus/);
  assert.throws(() => insideCorpus(dir, '/etc/passwd'), /inside the corpus/);
  assert.throws(() => insideCorpus(dir, '.'), /inside the corpus/);
});
