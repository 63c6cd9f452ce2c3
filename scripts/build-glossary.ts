/**
 * Regenerates resources/glossary/nl-en.tsv from Debian's FreeDict Dutch-English dictionary
 * (package dict-freedict-nld-eng, GPL-2+). Run once by a maintainer, never at install or run time:
 *   apt-get install dict-freedict-nld-eng   (or: apt-get download + dpkg-deb -x)
 *   npx tsx scripts/build-glossary.ts [/usr/share/dictd/freedict-nld-eng.dict.dz]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const source = process.argv[2] ?? '/usr/share/dictd/freedict-nld-eng.dict.dz';
const target = new URL('../resources/glossary/nl-en.tsv', import.meta.url);

/** A headword line is `word /pronunciation/`; the lines under it are numbered or plain translations. */
const HEADWORD = /^(\S[^/]*?)\s+\/[^/]*\/\s*$/u;
const SINGLE_WORD = /^\p{L}[\p{L}'-]*$/u;

const text = gunzipSync(readFileSync(source)).toString('utf8').normalize('NFKC');
const glossary = new Map<string, Set<string>>();
let headword: string | null = null;
for (const line of text.split('\n')) {
  const head = HEADWORD.exec(line);
  if (head) {
    const word = head[1]!.trim().toLowerCase();
    headword = SINGLE_WORD.test(word) ? word : null;
    continue;
  }
  if (!headword || line.trim() === '') continue;
  for (const part of line.replace(/^\s*\d+\.\s*/u, '').split(/,\s*/u)) {
    const translation = part.trim().toLowerCase();
    if (!SINGLE_WORD.test(translation) || translation === headword) continue;
    if (!glossary.has(headword)) glossary.set(headword, new Set());
    glossary.get(headword)!.add(translation);
  }
}

const lines = [...glossary.entries()]
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([dutch, english]) => `${dutch}\t${[...english].join('|')}`);
writeFileSync(
  target,
  `# Dutch<TAB>English translations (|-separated), from FreeDict nld-eng (GPL-2+), see README.md in this folder.\n${lines.join('\n')}\n`,
);
console.log(`wrote ${lines.length} entries to ${target.pathname}`);
