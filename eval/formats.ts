/**
 * `npm run eval:formats`: reads the real-document dev set and prints, per format and overall,
 * how many articles got their title, authors and date right, then every miss.
 */
import { isAuthorRight, isDateRight, isTitleRight, quotedMetadataLines, readDevSet, unverifiableSentences } from './dev-set.js';

const files = await readDevSet();
const rows = new Map<string, { articles: number; title: number; author: number; date: number }>();
const misses: string[] = [];
let unverified = 0;
let metadataLines = 0;
for (const file of files) {
  for (const format of [file.format, 'all']) {
    const row = rows.get(format) ?? { articles: 0, title: 0, author: 0, date: 0 };
    file.expected.forEach((expected, n) => {
      const article = file.articles[n];
      row.articles += 1;
      row.title += Number(isTitleRight(article, expected));
      row.author += Number(isAuthorRight(article, expected));
      row.date += Number(isDateRight(article, expected));
      if (format === 'all' && !(isTitleRight(article, expected) && isAuthorRight(article, expected) && isDateRight(article, expected))) {
        misses.push(`${file.file}#${n}: got ${JSON.stringify([article?.title, article?.authors, article?.date])}, want ${JSON.stringify([expected.title, expected.authors, expected.date])}`);
      }
    });
    rows.set(format, row);
  }
  if (file.articles.length !== file.expected.length) misses.push(`${file.file}: ${file.articles.length} articles read, ${file.expected.length} expected`);
  const sentences = unverifiableSentences(file);
  const lines = quotedMetadataLines(file);
  unverified += sentences.length;
  metadataLines += lines.length;
  for (const sentence of sentences.slice(0, 3)) misses.push(`${file.file}: not verbatim: ${sentence.slice(0, 120)}`);
  for (const line of lines.slice(0, 3)) misses.push(`${file.file}: metadata line in the text: ${line.slice(0, 120)}`);
}
const share = (hits: number, total: number): string => `${(hits / total).toFixed(2)} (${hits}/${total})`;
console.log(['format'.padEnd(10), 'articles', 'title'.padEnd(12), 'author'.padEnd(12), 'date'].join('  '));
for (const [format, row] of [...rows].sort(([a], [b]) => (a === 'all' ? 1 : b === 'all' ? -1 : a.localeCompare(b)))) {
  console.log([format.padEnd(10), String(row.articles).padEnd(8), share(row.title, row.articles).padEnd(12), share(row.author, row.articles).padEnd(12), share(row.date, row.articles)].join('  '));
}
console.log(`sentences not verbatim: ${unverified}; metadata lines in article text: ${metadataLines}`);
for (const miss of misses) console.log(`  ${miss}`);
