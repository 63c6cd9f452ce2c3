import type { Article } from '../domain.js';
import { passageId } from '../index/chunk.js';
import type { LexicalIndex } from '../index/lexical.js';
import { tokenize } from '../text/tokenize.js';
import type { QueryTerms } from './question.js';

/**
 * Names a question uses that the corpus never mentions: not in any passage, nor in any title,
 * author, publisher, year or month of publication, nor as the name of an article's language.
 * A corpus that never says "France" cannot tell the capital of France, however many of the
 * question's other words it shares; such a question is answered only on much stronger evidence.
 */

/** Names of the languages articles are written in, as a question may call them ("the Dutch blog"). */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  en: 'English Engels Engelse Engelstalig',
  nl: 'Dutch Nederlands Nederlandse Nederlandstalig',
};
const MONTH_NAMES = [
  'January januari', 'February februari', 'March maart', 'April', 'May mei', 'June juni', 'July juli',
  'August augustus', 'September', 'October oktober', 'November', 'December',
];

/** The languages a question names as an article's ("the Dutch blog", "het Engelse artikel"). */
export function languagesNamed(question: string): string[] {
  const words = new Set(question.toLowerCase().split(/[^\p{L}]+/u));
  return Object.entries(LANGUAGE_NAMES)
    .filter(([, names]) => names.toLowerCase().split(' ').some((name) => words.has(name)))
    .map(([language]) => language);
}

/** The terms the catalogue offers beyond the article texts, in both languages' stems. */
export function catalogueTerms(articles: Iterable<Article>): Set<string> {
  const terms = new Set<string>();
  for (const article of articles) {
    const month = article.date ? MONTH_NAMES[Number(article.date.slice(5, 7)) - 1] ?? '' : '';
    const labels = [article.title, ...article.authors, article.publisher ?? '', article.date?.slice(0, 4) ?? '', month, LANGUAGE_NAMES[article.language] ?? ''];
    for (const language of ['en', 'nl']) for (const term of tokenize(labels.join(' '), language)) terms.add(term);
  }
  return terms;
}

/** How many of the question's names (see `QueryTerms.names`) the corpus and its catalogue never use, in any form. */
export function countUnknownNames(
  query: Pick<QueryTerms, 'groups' | 'names'>,
  lexical: Pick<LexicalIndex, 'documentFrequency'>,
  catalogue: ReadonlySet<string>,
): number {
  return query.names.filter((position) =>
    (query.groups[position] ?? []).every((term) => lexical.documentFrequency(term) === 0 && !catalogue.has(term)),
  ).length;
}

/** A year as a question names it (`the 2018 championship`). */
const YEAR = /^(?:1[5-9]|20)\d\d$/;

/** Names of a question an article lacks: `years` of them are years, `names` the others. */
export interface AbsentNames {
  names: number;
  years: number;
}

/**
 * How many of the question's names the corpus uses but an article does not, in its passages, its
 * authors or its catalogue entry: "When was Rust 1.0 released?" quoted from the Rust 1.15.1
 * announcement, "What is the population of Tokyo?" from a survey that never names Tokyo, "Who won
 * the club championship in 2018?" from a club history that never mentions 2018. A quote from an
 * article about something else shares the question's other words by chance.
 */
export function countNamesAbsentFrom(
  query: Pick<QueryTerms, 'groups' | 'names'>,
  article: Article,
  passages: number,
  lexical: Pick<LexicalIndex, 'documentFrequency' | 'termsOf' | 'authorTermsOf'>,
  catalogue: ReadonlySet<string>,
): AbsentNames {
  const known = (term: string) => lexical.documentFrequency(term) > 0 || catalogue.has(term);
  const labels = catalogueTerms([article]);
  const authors = lexical.authorTermsOf(article.id);
  const inArticle = (term: string) => {
    if (labels.has(term) || authors.has(term)) return true;
    for (let position = 0; position < passages; position++) if (lexical.termsOf(passageId(article.id, position)).has(term)) return true;
    return false;
  };
  const absent = query.names.map((position) => query.groups[position] ?? []).filter((group) => group.some(known) && !group.some(inArticle));
  const years = absent.filter((group) => group.some((term) => YEAR.test(term))).length;
  return { names: absent.length - years, years };
}
