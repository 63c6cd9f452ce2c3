import type { Article, Passage } from '../domain.js';
import { splitSentences, type TextSpan } from '../text/sentences.js';

/** How articles are cut into passages; part of the index manifest, so a change forces a reindex. */
export interface ChunkSettings {
  /** Largest passage, in characters (a single longer sentence is cut to fit). */
  size: number;
  /** About this many characters of whole trailing sentences are repeated at the start of the next passage. */
  overlap: number;
}

/** Named in the manifest so an index built by another splitter is rebuilt rather than mixed. */
export const CHUNK_SPLITTER = 'sentences-v1';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where a splitter piece sits in `text` at or after `from`; the splitter may change whitespace. */
function locatePiece(text: string, piece: string, from: number): TextSpan | null {
  const exact = text.indexOf(piece, from);
  if (exact >= 0) return { start: exact, end: exact + piece.length };
  const words = piece.split(/\s+/).filter(Boolean).map(escapeRegExp);
  if (words.length === 0) return null;
  const pattern = new RegExp(words.join('\\s+'), 'gu');
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}

/**
 * Cuts a sentence longer than `size` at the best breaks (line, space) the library finds. The
 * pieces' starts are used as cut points, so every character of the sentence stays covered.
 */
async function cutLongSentence(text: string, sentence: TextSpan, size: number): Promise<TextSpan[]> {
  // Imported here: only an index build with a sentence longer than a chunk needs it.
  const { RecursiveCharacterTextSplitter } = await import('@langchain/textsplitters');
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: size, chunkOverlap: 0 });
  const body = text.slice(sentence.start, sentence.end);
  const starts: number[] = [];
  let cursor = 0;
  for (const piece of await splitter.splitText(body)) {
    const found = locatePiece(body, piece, cursor);
    if (!found) continue;
    starts.push(sentence.start + found.start);
    cursor = found.end;
  }
  starts[0] = sentence.start;
  return starts.map((start, i) => {
    let end = starts[i + 1] ?? sentence.end;
    while (end > start && /\s/u.test(text[end - 1]!)) end--;
    return { start, end };
  });
}

/** Sentences, with over-long ones cut into pieces of at most `size` characters. */
async function splitUnits(article: Article, size: number): Promise<TextSpan[]> {
  const units: TextSpan[] = [];
  for (const sentence of splitSentences(article.text, article.language)) {
    if (sentence.end - sentence.start <= size) units.push(sentence);
    else units.push(...(await cutLongSentence(article.text, sentence, size)));
  }
  return units;
}

/**
 * Index of the first unit the next chunk repeats: the trailing units of this chunk that fit in
 * `overlap` characters and still leave room for one new unit within `size`.
 */
function overlapStart(units: readonly TextSpan[], first: number, last: number, settings: ChunkSettings): number {
  const next = last + 1;
  if (next >= units.length) return next;
  let start = next;
  for (let m = last; m > first; m--) {
    const unit = units[m]!;
    if (units[last]!.end - unit.start > settings.overlap) break;
    if (units[next]!.end - unit.start > settings.size) break;
    start = m;
  }
  return start;
}

/** The id of an article's passage at `position` (0 for its first): passages are numbered in order. */
export function passageId(articleId: string, position: number): string {
  return `${articleId}:${position}`;
}

/**
 * Sentence-aware passages of an article: whole sentences packed up to `size` characters
 * (paragraphs may share a passage), each passage repeating about `overlap` characters of whole
 * trailing sentences of the one before. Offsets are exact: `article.text.slice(p.start, p.end) === p.text`.
 */
export async function chunkArticle(article: Article, settings: ChunkSettings): Promise<Passage[]> {
  const units = await splitUnits(article, settings.size);
  const passages: Passage[] = [];
  let first = 0;
  while (first < units.length) {
    let last = first;
    while (last + 1 < units.length && units[last + 1]!.end - units[first]!.start <= settings.size) last++;
    const start = units[first]!.start;
    const end = units[last]!.end;
    passages.push({
      id: passageId(article.id, passages.length),
      articleId: article.id,
      start,
      end,
      text: article.text.slice(start, end),
    });
    first = overlapStart(units, first, last, settings);
  }
  return passages;
}
