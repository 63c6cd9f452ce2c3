import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { startBotAgainstFake } from './support/bot-harness.js';
import { citedArticles, quotesOf } from './support/bot-messages.js';
import { FAKE_USERS } from './support/fake-discord.js';
import { openRealEngine } from './support/real-index.js';

/** Writes `bytes` of plain text without holding it all in memory. */
async function writeLargeText(file: string, bytes: number): Promise<void> {
  const line = 'A very long file of perfectly ordinary text about nothing in particular, line after line.\n';
  const out = createWriteStream(file);
  const block = line.repeat(Math.floor(1_048_576 / line.length));
  for (let written = 0; written < bytes; written += block.length) {
    if (!out.write(block.slice(0, bytes - written))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

test('bad corpus files are reported by /reindex and skipped, one in an old encoding is read with a note; the good ones, old and new, are indexed and quoted', async () => {
  const real = await openRealEngine({ ownCorpus: true });
  const h = await startBotAgainstFake({ engine: real.opened.engine, rebuild: real.opened.rebuild, env: { OWNER_IDS: FAKE_USERS.alice.id } });
  try {
    const corpus = real.config.CORPUS_DIR;
    const { engine } = real.opened;
    const seedFiles = engine.index.manifest.counts.files;
    const seedArticles = engine.index.manifest.counts.articles;
    await writeFile(path.join(corpus, 'empty.txt'), '');
    await writeFile(path.join(corpus, 'blank.md'), ' \n\n\t\n');
    await writeFile(path.join(corpus, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    await writeFile(path.join(corpus, 'latin1.txt'), Buffer.from('Un caf\xe9 cr\xe8me \xe0 la fran\xe7aise, \xe9crit en Latin-1.\n', 'latin1'));
    await writeLargeText(path.join(corpus, 'huge.txt'), 50 * 1_048_576);
    await writeFile(path.join(corpus, 'typed-wrong.txt'), 'Typed Wrong\n\nBy Some Writer\n\nThis article has a sidecar whose fields have the wrong types.\n');
    await writeFile(path.join(corpus, 'typed-wrong.meta.json'), JSON.stringify({ authors: 'Jane Roe', date: 20170101, url: 42 }));
    await writeFile(path.join(corpus, 'orphan.meta.json'), JSON.stringify({ author: 'Nobody' }));
    const fresh = 'The lighthouse keeper of Vlieland counted eleven hundred gulls on the morning of the storm.';
    await writeFile(path.join(corpus, 'lighthouse.txt'), `The Lighthouse Log\n\nBy Maren Visser\n\n4 March 2019\n\n${fresh} ${fresh.replace('eleven hundred', 'nine hundred').replace('morning', 'evening')}\n`);

    const run = await h.fake.sendSlashCommand('reindex', {}, { user: FAKE_USERS.alice });
    const report: string = (await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith(`/${run.token}/messages/@original`), 120_000)).body.content;
    assert.match(report, new RegExp(`^Reindex done in [\\d.]+ s: ${seedFiles + 2} files, ${seedArticles + 2} articles`));
    assert.match(report, /6 files were skipped/);
    assert.match(report, /1 file was indexed with a note:\n• latin1\.txt: is not UTF-8; read as Windows-1252/);
    for (const pattern of [
      /• empty\.txt: is empty \(no text to index\); add text or remove the file/,
      /• blank\.md: is empty/,
      /• image\.txt: is a binary file \(a PNG image\)/,
      /• huge\.txt: is 50\.0 MiB, over the 20\.0 MiB limit per file; split it into smaller files/,
      /• typed-wrong\.txt: skipped: .*typed-wrong\.meta\.json/,
      /• orphan\.meta\.json: sidecar has no article file next to it/,
    ]) {
      assert.match(report, pattern);
    }

    const sources = new Set(engine.listArticles().map((article) => article.source));
    for (const skipped of ['empty.txt', 'blank.md', 'image.txt', 'huge.txt', 'typed-wrong.txt']) assert.ok(!sources.has(skipped), skipped);
    assert.ok(sources.has('lighthouse.txt'));
    assert.match(engine.listArticles().find((article) => article.source === 'latin1.txt')?.title ?? '', /Un café crème à la française/);

    const ask = await h.fake.sendSlashCommand('ask', { question: 'How many gulls did the lighthouse keeper of Vlieland count?' });
    const edit = await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.endsWith(`/${ask.token}/messages/@original`), 60_000);
    const quotes = quotesOf(edit.body);
    const cited = citedArticles(quotes, engine.index.articles.values());
    assert.ok(cited.every(Boolean), JSON.stringify(quotes));
    assert.ok(
      quotes.some((quote, i) => cited[i]?.source === 'lighthouse.txt' && quote.attribution.startsWith('— Maren Visser, ')),
      `the new article is not quoted: ${JSON.stringify(quotes)}`,
    );
  } finally {
    await h.stop();
    await real.close();
  }
});
