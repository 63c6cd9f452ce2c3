import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isStopword } from './language.js';
import { foldText } from './normalize.js';

/**
 * The Dutch-English glossary (`resources/glossary/nl-en.tsv`, from FreeDict): word-for-word
 * translations in both directions and the splitting of Dutch compounds into known words. It lets
 * a question in one language reach passages in the other, which the English-only embedder cannot.
 *
 * Lookups take folded words (lowercase, no accents). Inflected forms are found by undoing the
 * regular endings (`luchtaanvallen` -> `luchtaanval`, `gesteund` -> `steunen`, `deliveries` ->
 * `delivery`) rather than by stemming every headword, which would take the Snowball stemmers
 * about a second at load.
 */

/** Word handling shared with the tokenizer, so the glossary and the index agree. */
export interface WordForms {
  fold(text: string): string;
  /** Function words: never a compound part nor a translation worth searching for. */
  isStopword(word: string): boolean;
}

export interface Glossary {
  /** English translations of a Dutch word, in the dictionary's order; a compound gets its parts'. */
  toEnglish(word: string): readonly string[];
  /** Dutch words that translate an English word, best match first. */
  toDutch(word: string): readonly string[];
  /**
   * The one English word that glosses a Dutch word: of its senses, the English word the glossary
   * uses most often (a common word rather than a rare synonym or a run-together phrase).
   */
  glossEnglish(word: string): string | null;
  /**
   * The two known Dutch words a compound the glossary lacks is made of (`wapenleveringen` ->
   * wapen, leveringen), or null.
   */
  splitCompound(word: string): readonly [string, string] | null;
  /** Number of Dutch headwords. */
  readonly size: number;
}

const GLOSSARY_FILE = fileURLToPath(new URL('../../resources/glossary/nl-en.tsv', import.meta.url));

/** Shortest part of a compound: shorter glossary words (`aal`, `aak`) split ordinary words by accident. */
const MIN_COMPOUND_PART = 4;
/** A compound's last part, when found only through an inflection, must be at least this long. */
const MIN_INFLECTED_PART = 5;
/** Linking sounds between the parts of a Dutch compound (`personeel-s-leden`). */
const LINKERS = ['', 's', 'e', 'en'];
/** Dutch headwords kept per English word: common English words translate dozens of Dutch ones. */
const MAX_DUTCH_PER_ENGLISH = 6;
/** Bounds the memo of compound splits for a long-running bot fed arbitrary questions. */
const MAX_MEMO_WORDS = 100_000;

const DUTCH_ENDINGS = ['eren', 'en', 'es', 's', 'e', 'n', 'ten', 'den', 'te', 'de', 't', 'd'];
const ENGLISH_IRREGULAR: Readonly<Record<string, string>> = {
  children: 'child',
  men: 'man',
  women: 'woman',
  people: 'person',
  feet: 'foot',
  teeth: 'tooth',
  mice: 'mouse',
  lives: 'life',
  wives: 'wife',
  knives: 'knife',
  went: 'go',
  gone: 'go',
  taken: 'take',
  took: 'take',
  gave: 'give',
  given: 'give',
  made: 'make',
  said: 'say',
  told: 'tell',
  fought: 'fight',
  brought: 'bring',
  bought: 'buy',
  sent: 'send',
  held: 'hold',
  left: 'leave',
  met: 'meet',
  shot: 'shoot',
  struck: 'strike',
  hid: 'hide',
  hidden: 'hide',
  began: 'begin',
  begun: 'begin',
  fled: 'flee',
  won: 'win',
  lost: 'lose',
};

const VOWELS = 'aeiou';
const isVowel = (letter: string | undefined): boolean => letter !== undefined && VOWELS.includes(letter);
const endsInDoubleConsonant = (word: string): boolean =>
  word.length > 2 && word.at(-1) === word.at(-2) && !isVowel(word.at(-1));

/**
 * Dictionary forms a Dutch word may come from, itself first: plural and verb endings undone, with
 * the spelling changes they bring (`aanvallen` -> `aanval`, `voorraden` -> `voorraad`,
 * `brieven` -> `brief`), and past participles (`gesteund` -> `steunen`, `omgekomen` -> `omkomen`).
 */
export function dutchBaseForms(word: string): string[] {
  const forms = new Set([word]);
  const addStem = (stem: string) => {
    if (stem.length < 3) return;
    forms.add(stem);
    if (endsInDoubleConsonant(stem)) forms.add(stem.slice(0, -1));
    const last = stem.at(-1)!;
    // An open syllable spells a long vowel once: raden <- raad.
    if (!isVowel(last) && isVowel(stem.at(-2)) && !isVowel(stem.at(-3))) forms.add(`${stem.slice(0, -1)}${stem.at(-2)}${last}`);
    if (last === 'v') forms.add(`${stem.slice(0, -1)}f`);
    if (last === 'z') forms.add(`${stem.slice(0, -1)}s`);
    // A verb stem takes -en for its infinitive, doubling a final consonant after a short vowel.
    forms.add(`${stem}en`);
    if (!isVowel(last) && isVowel(stem.at(-2)) && !isVowel(stem.at(-3))) forms.add(`${stem}${last}en`);
  };
  const undoEndings = (base: string) => {
    // The word may itself be a verb stem (`vermoord` <- vermoorden).
    addStem(base);
    for (const ending of DUTCH_ENDINGS) {
      if (base.endsWith(ending)) addStem(base.slice(0, -ending.length));
    }
  };
  undoEndings(word);
  // Past participles: ge- at the start or after a separable particle (om-ge-komen).
  for (let at = word.indexOf('ge'); at >= 0 && at <= 5; at = word.indexOf('ge', at + 1)) {
    const rest = word.slice(0, at) + word.slice(at + 2);
    if (rest.length < 3) continue;
    forms.add(rest);
    undoEndings(rest);
  }
  return [...forms];
}

/** Dictionary forms an English word may come from, itself first (`deliveries` -> `delivery`, `planning` -> `plan`). */
export function englishBaseForms(word: string): string[] {
  const forms = new Set([word]);
  const irregular = ENGLISH_IRREGULAR[word];
  if (irregular) forms.add(irregular);
  const addStem = (stem: string) => {
    if (stem.length < 2) return;
    forms.add(stem);
    forms.add(`${stem}e`);
    if (endsInDoubleConsonant(stem)) forms.add(stem.slice(0, -1));
  };
  if (word.endsWith("'s")) forms.add(word.slice(0, -2));
  if (word.endsWith('ies') || word.endsWith('ied')) forms.add(`${word.slice(0, -3)}y`);
  if (word.endsWith('ves')) forms.add(`${word.slice(0, -3)}f`);
  for (const ending of ['es', 's', 'ed', 'd', 'ing']) {
    if (word.endsWith(ending) && !word.endsWith('ss')) addStem(word.slice(0, -ending.length));
  }
  return [...forms];
}

/** Reads the glossary file shipped in the repository (resolved from this module, not the cwd). */
export function readGlossaryFile(): string {
  return readFileSync(GLOSSARY_FILE, 'utf8');
}

/** Builds the lookups from the TSV text: `dutch<TAB>english|english...`; `#` lines are comments. */
export function parseGlossary(tsv: string, forms: WordForms): Glossary {
  const exact = new Map<string, string[]>();
  /** How many Dutch headwords list each English word. */
  const englishUse = new Map<string, number>();
  /** English word -> Dutch headwords, with the position of the English word in their list and its length. */
  const reverse = new Map<string, { dutch: string; rank: number; senses: number }[]>();
  const fold = (text: string) => (/^[a-z'-]*$/.test(text) ? text : forms.fold(text));

  for (const line of tsv.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    const dutch = fold(line.slice(0, tab).trim());
    const english = [...new Set(line.slice(tab + 1).split('|').map((word) => fold(word.trim())).filter(Boolean))];
    if (dutch === '' || english.length === 0) continue;
    const known = exact.get(dutch);
    exact.set(dutch, known ? [...new Set([...known, ...english])] : english);
    english.forEach((word, rank) => {
      englishUse.set(word, (englishUse.get(word) ?? 0) + 1);
      const entries = reverse.get(word);
      const entry = { dutch, rank, senses: english.length };
      if (entries) entries.push(entry);
      else reverse.set(word, [entry]);
    });
  }

  const dutchFor = new Map<string, readonly string[]>();
  /** Ranked lazily: sorting every English word's entries at load would waste most of the work. */
  const rankedDutch = (english: string): readonly string[] => {
    let ranked = dutchFor.get(english);
    if (!ranked) {
      // A Dutch word whose first sense is this English word, and which has few senses, translates it best.
      const entries = [...(reverse.get(english) ?? [])].sort(
        (a, b) => a.rank - b.rank || a.senses - b.senses || (a.dutch < b.dutch ? -1 : 1),
      );
      ranked = [...new Set(entries.map((entry) => entry.dutch))];
      dutchFor.set(english, ranked);
    }
    return ranked;
  };

  /** The headword a Dutch word is a form of, or null. */
  const headwordOf = (word: string): string | null => {
    if (exact.has(word)) return word;
    for (const form of dutchBaseForms(word)) if (exact.has(form)) return form;
    return null;
  };

  const compounds = new Map<string, readonly [string, string] | null>();
  const remember = (word: string, split: readonly [string, string] | null) => {
    if (compounds.size >= MAX_MEMO_WORDS) compounds.clear();
    compounds.set(word, split);
    return split;
  };
  function splitCompound(word: string): readonly [string, string] | null {
    if (word.length < 2 * MIN_COMPOUND_PART || /\P{L}/u.test(word)) return null;
    const memo = compounds.get(word);
    if (memo !== undefined) return memo;
    // A word the glossary knows is not split: `kinderen` is the plural of kind, not kind + eren.
    if (headwordOf(word)) return remember(word, null);
    let best: readonly [string, string] | null = null;
    let bestScore = -Infinity;
    for (let cut = MIN_COMPOUND_PART; cut <= word.length - MIN_COMPOUND_PART; cut++) {
      // The first part does not inflect, so it must be a headword as written.
      const head = word.slice(0, cut);
      if (!exact.has(head) || forms.isStopword(head)) continue;
      for (const linker of LINKERS) {
        if (!word.startsWith(linker, cut)) continue;
        const tail = word.slice(cut + linker.length);
        if (tail.length < MIN_COMPOUND_PART || forms.isStopword(tail)) continue;
        const tailHeadword = headwordOf(tail);
        if (!tailHeadword || (tailHeadword !== tail && tail.length < MIN_INFLECTED_PART)) continue;
        // A tail found as written beats an inflected one, a bare join beats a linker, then the more even split.
        const score = (tailHeadword === tail ? 1.5 : 0) + (linker ? 0 : 1) + Math.min(head.length, tail.length) / 100;
        if (score > bestScore) {
          bestScore = score;
          best = [head, tail];
        }
      }
    }
    return remember(word, best);
  }

  const sensesOf = (word: string): readonly string[] | null => {
    const headword = headwordOf(word);
    return headword ? exact.get(headword)! : null;
  };

  const mostUsed = (senses: readonly string[]): string | null => {
    let best: string | null = null;
    for (const sense of senses) {
      if (forms.isStopword(sense)) continue;
      if (best === null || (englishUse.get(sense) ?? 0) > (englishUse.get(best) ?? 0)) best = sense;
    }
    return best;
  };

  return {
    size: exact.size,
    toEnglish(word) {
      const direct = sensesOf(word);
      if (direct) return direct;
      const parts = splitCompound(word);
      if (!parts) return [];
      // The last part names the thing (`wapen-leveringen` are deliveries), so its senses come first.
      const [head, tail] = parts;
      return [...new Set([...(sensesOf(tail) ?? []), ...(sensesOf(head) ?? [])])];
    },
    toDutch(word) {
      const found: string[] = [];
      for (const form of englishBaseForms(word)) {
        for (const dutch of rankedDutch(form)) if (!found.includes(dutch)) found.push(dutch);
        if (found.length >= MAX_DUTCH_PER_ENGLISH) break;
      }
      return found.slice(0, MAX_DUTCH_PER_ENGLISH);
    },
    glossEnglish(word) {
      const direct = sensesOf(word);
      if (direct) return mostUsed(direct);
      const parts = splitCompound(word);
      if (!parts) return null;
      const glosses = parts.map((part) => mostUsed(sensesOf(part) ?? [])).filter((gloss) => gloss !== null);
      return glosses.length > 0 ? glosses.join(' ') : null;
    },
    splitCompound,
  };
}

let shared: Glossary | null = null;

/** The glossary shipped in the repository, read on first use and shared (tens of ms, once per process). */
export function sharedGlossary(): Glossary {
  shared ??= parseGlossary(readGlossaryFile(), { fold: foldText, isStopword });
  return shared;
}
