import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The Dutch-English glossary (`resources/glossary/nl-en.tsv`, from FreeDict): word-for-word
 * translations in both directions and the splitting of Dutch compounds into known words. It lets
 * a question in one language reach passages in the other, which the English-only embedder cannot.
 * Lookups take folded words (lowercase, no accents) and match inflected forms through their stems.
 */

/** How words are normalised: given by the tokenizer, so the glossary and the index agree. */
export interface WordForms {
  fold(text: string): string;
  stem(word: string, language: 'en' | 'nl'): string;
}

export interface Glossary {
  /** English translations of a Dutch word, most common sense first; a compound gets its parts'. */
  toEnglish(word: string): readonly string[];
  /** Dutch words an English word translates, best match first. */
  toDutch(word: string): readonly string[];
  /**
   * The one English word that glosses a Dutch word: of its first senses, the English word the
   * glossary uses most often (a common word rather than a rare synonym or a run-together phrase).
   */
  glossEnglish(word: string): string | null;
  /** The two known Dutch words a compound is made of (`wapenleveringen` -> wapen, leveringen), or null. */
  splitCompound(word: string): readonly [string, string] | null;
  /** Number of Dutch headwords. */
  readonly size: number;
}

const GLOSSARY_FILE = fileURLToPath(new URL('../../resources/glossary/nl-en.tsv', import.meta.url));

/** Shortest part of a compound: shorter glossary words (`aal`, `aak`) split ordinary words by accident. */
const MIN_COMPOUND_PART = 4;
/** Only words at least this long are tried as compounds. */
const MIN_COMPOUND_LENGTH = 2 * MIN_COMPOUND_PART;
/** Linking sounds between the parts of a Dutch compound (`personeel-s-leden`, `burger-s-...`). */
const LINKERS = ['', 's', 'e', 'en'];
/** Senses of a Dutch word considered for its gloss: later ones are rarer meanings. */
const GLOSS_SENSES = 3;
/** Dutch headwords kept per English word: common English words translate dozens of Dutch ones. */
const MAX_DUTCH_PER_ENGLISH = 6;

/** Reads the glossary file shipped in the repository (resolved from this module, not the cwd). */
export function readGlossaryFile(): string {
  return readFileSync(GLOSSARY_FILE, 'utf8');
}

/** Builds the lookups from the TSV text: `dutch<TAB>english|english...`, `#` lines are comments. */
export function parseGlossary(tsv: string, forms: WordForms): Glossary {
  const exact = new Map<string, string[]>();
  /** How many Dutch headwords list each English word. */
  const englishUse = new Map<string, number>();
  const byStem = new Map<string, string[]>();
  /** English stem -> Dutch headwords, with the position of the English word in their list and its length. */
  const reverse = new Map<string, { dutch: string; rank: number; senses: number }[]>();

  const addAll = (map: Map<string, string[]>, key: string, values: readonly string[]) => {
    const list = map.get(key);
    if (!list) map.set(key, [...values]);
    else for (const value of values) if (!list.includes(value)) list.push(value);
  };

  for (const line of tsv.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    const dutch = forms.fold(line.slice(0, tab).trim());
    const english = line
      .slice(tab + 1)
      .split('|')
      .map((word) => forms.fold(word.trim()))
      .filter(Boolean);
    if (dutch === '' || english.length === 0) continue;
    addAll(exact, dutch, english);
    for (const word of english) englishUse.set(word, (englishUse.get(word) ?? 0) + 1);
    addAll(byStem, forms.stem(dutch, 'nl'), english);
    english.forEach((word, rank) => {
      const key = forms.stem(word, 'en');
      const entries = reverse.get(key) ?? [];
      entries.push({ dutch, rank, senses: english.length });
      reverse.set(key, entries);
    });
  }

  const toDutch = new Map<string, string[]>();
  for (const [key, entries] of reverse) {
    // A Dutch word whose first sense is this English word, and which has few senses, translates it best.
    entries.sort((a, b) => a.rank - b.rank || a.senses - b.senses || (a.dutch < b.dutch ? -1 : 1));
    toDutch.set(key, [...new Set(entries.map((entry) => entry.dutch))].slice(0, MAX_DUTCH_PER_ENGLISH));
  }

  const lookup = (word: string): string[] | undefined => exact.get(word) ?? byStem.get(forms.stem(word, 'nl'));

  const compounds = new Map<string, readonly [string, string] | null>();
  function splitCompound(word: string): readonly [string, string] | null {
    if (word.length < MIN_COMPOUND_LENGTH || /\P{L}/u.test(word)) return null;
    const memo = compounds.get(word);
    if (memo !== undefined) return memo;
    let best: readonly [string, string] | null = null;
    let bestScore = -Infinity;
    for (let cut = MIN_COMPOUND_PART; cut <= word.length - MIN_COMPOUND_PART; cut++) {
      const head = word.slice(0, cut);
      if (!lookup(head)) continue;
      for (const linker of LINKERS) {
        if (!word.startsWith(linker, cut)) continue;
        const tail = word.slice(cut + linker.length);
        if (tail.length < MIN_COMPOUND_PART || !lookup(tail)) continue;
        // Whole headwords beat stem matches, a bare join beats a linker, then the more even split.
        const score =
          (exact.has(head) ? 2 : 0) + (exact.has(tail) ? 2 : 0) - (linker ? 1 : 0) + Math.min(head.length, tail.length) / 100;
        if (score > bestScore) {
          bestScore = score;
          best = [head, tail];
        }
      }
    }
    compounds.set(word, best);
    return best;
  }

  function toEnglish(word: string): readonly string[] {
    const direct = lookup(word);
    if (direct) return direct;
    const parts = splitCompound(word);
    if (!parts) return [];
    // The last part names the thing (`wapen-leveringen` are deliveries), so its senses come first.
    const [head, tail] = parts;
    return [...new Set([...(lookup(tail) ?? []), ...(lookup(head) ?? [])])];
  }

  const mostUsed = (senses: readonly string[]): string | null => {
    let best: string | null = null;
    for (const sense of senses.slice(0, GLOSS_SENSES)) {
      if (best === null || (englishUse.get(sense) ?? 0) > (englishUse.get(best) ?? 0)) best = sense;
    }
    return best;
  };

  return {
    size: exact.size,
    toEnglish,
    glossEnglish(word) {
      const direct = lookup(word);
      if (direct) return mostUsed(direct);
      const parts = splitCompound(word);
      if (!parts) return null;
      const [head, tail] = parts;
      const glosses = [mostUsed(lookup(head) ?? []), mostUsed(lookup(tail) ?? [])].filter(Boolean);
      return glosses.length > 0 ? glosses.join(' ') : null;
    },
    toDutch(word) {
      return toDutch.get(forms.stem(word, 'en')) ?? toDutch.get(word) ?? [];
    },
    splitCompound,
  };
}
