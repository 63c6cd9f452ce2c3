// Type declarations for the two untyped text-processing packages the lexical search uses.

declare module 'snowball-stemmers' {
  export interface Stemmer {
    stem(word: string): string;
  }
  export function newStemmer(algorithm: string): Stemmer;
  export function algorithms(): string[];
}

declare module 'stopword' {
  /** English stopwords. */
  export const eng: string[];
  /** Dutch stopwords. */
  export const nld: string[];
}
