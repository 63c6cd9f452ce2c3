import type { Article } from '../domain.js';
import { splitParagraphs, type TextSpan } from '../text/sentences.js';
import { answerFactsOf, type AnswerFacts } from './question-kind.js';
import { findQuotedMaterial, type QuotedSpan } from './quoted-from.js';
import { pointsBack, sentenceRole, type SentenceRole } from './standalone.js';

/**
 * How an article is laid out for quoting: what each sentence is (text, heading, metadata, list
 * fragment), which paragraph it belongs to, whether it leans on the sentence before, and which
 * stretches of the article are someone else's words. Worked out once per article and index.
 */
export interface ArticleLayout {
  roles: readonly SentenceRole[];
  /** Paragraph number of each sentence: a quote never runs across paragraphs. */
  paragraphs: readonly number[];
  /** Sentences that need the one before them to be understood. */
  pointsBack: readonly boolean[];
  quoted: readonly QuotedSpan[];
  /** What sentence `position` offers as an answer (numbers, dates, names...), read on first use. */
  factsOf(position: number): AnswerFacts;
}

function layOut(article: Article, sentences: readonly TextSpan[]): ArticleLayout {
  const paragraphSpans = splitParagraphs(article.text);
  let paragraph = 0;
  const paragraphs = sentences.map((sentence) => {
    while (paragraph < paragraphSpans.length - 1 && paragraphSpans[paragraph]!.end <= sentence.start) paragraph++;
    return paragraph;
  });
  const roles = sentences.map((sentence, i) => {
    const own = paragraphSpans[paragraphs[i]!];
    const wholeParagraph = own !== undefined && own.start === sentence.start && own.end === sentence.end;
    return sentenceRole(article.text.slice(sentence.start, sentence.end), article, wholeParagraph);
  });
  const facts: AnswerFacts[] = [];
  return {
    roles,
    paragraphs,
    pointsBack: sentences.map((sentence, i) => {
      const before = sentences[i - 1];
      return pointsBack(article.text.slice(sentence.start, sentence.end), before && paragraphs[i - 1] === paragraphs[i] ? article.text.slice(before.start, before.end) : '');
    }),
    quoted: findQuotedMaterial(article.text),
    factsOf(position) {
      const sentence = sentences[position];
      if (!sentence) return answerFactsOf('');
      facts[position] ??= answerFactsOf(article.text.slice(sentence.start, sentence.end));
      return facts[position];
    },
  };
}

/** Layouts remembered per article; give one per index (article ids and texts belong to it). */
export class ArticleLayoutCache {
  private readonly byArticle = new Map<string, ArticleLayout>();

  layoutOf(article: Article, sentences: readonly TextSpan[]): ArticleLayout {
    let layout = this.byArticle.get(article.id);
    if (!layout) {
      layout = layOut(article, sentences);
      this.byArticle.set(article.id, layout);
    }
    return layout;
  }
}
