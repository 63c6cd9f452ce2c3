import { z } from 'zod';
import type { EvalQuestion } from './evaluate.js';

/**
 * The real-document dev set (`test/fixtures/real/`): documents in many layouts and formats, the
 * metadata a careful reader finds in each (`expected.json`) and questions about them
 * (`questions.json`), read into the same labels as the seed questions.
 */

const ExpectedArticleSchema = z.object({
  title: z.string().min(1),
  authors: z.array(z.string()),
  accept: z
    .object({ titles: z.array(z.string().min(1)).optional(), authors: z.array(z.array(z.string())).optional() })
    .passthrough()
    .optional(),
});

const ExpectedSchema = z.object({
  files: z.array(z.object({ file: z.string().min(1), articles: z.array(ExpectedArticleSchema).min(1) })).min(1),
});

const DevQuestionSchema = z.object({
  id: z.string().min(1),
  question: z.string().min(1),
  answerable: z.boolean(),
  kind: z.string().min(1),
  paraphrased: z.boolean().optional(),
  file: z.string().min(1).optional(),
  title: z.string().min(1).optional(),
  files: z.array(z.string().min(1)).optional(),
  titles: z.array(z.string().min(1)).optional(),
  evidence: z.array(z.string().min(1)).optional(),
});

const DevQuestionsSchema = z.object({ questions: z.array(DevQuestionSchema).min(1) });

/** Questions of the dev set whose kind asks about the catalogue rather than the text. */
const CATALOGUE_KIND = 'catalogue';

export interface DevQuestions {
  /** The document files, as `expected.json` lists them (the folder also holds its own notes). */
  documents: string[];
  questions: EvalQuestion[];
}

export function readDevQuestions(questionsJson: unknown, expectedJson: unknown): DevQuestions {
  const expected = ExpectedSchema.parse(expectedJson);
  const label = (file: string, title: string) => {
    const article =
      expected.files.find((entry) => entry.file === file)?.articles.find((candidate) => candidate.title === title) ?? null;
    return {
      source: file,
      title,
      otherTitles: article?.accept?.titles ?? [],
      authors: article ? [article.authors, ...(article.accept?.authors ?? [])] : undefined,
    };
  };
  const questions = DevQuestionsSchema.parse(questionsJson).questions.map((question): EvalQuestion => {
    const kinds = [question.kind, ...(question.paraphrased ? ['paraphrase'] : [])];
    if (!question.answerable) return { id: question.id, question: question.question, kinds, expect: null };
    if (!question.file || !question.title || !question.evidence?.length) {
      throw new Error(`dev-set question ${question.id}: an answerable question needs a file, a title and evidence`);
    }
    const expected = label(question.file, question.title);
    const catalogue = question.kind === CATALOGUE_KIND;
    const listed = (question.files ?? [question.file]).map((file, i) => {
      const { source, title, otherTitles } = label(file, question.titles?.[i] ?? question.title!);
      return { source, title, otherTitles };
    });
    return {
      id: question.id,
      question: question.question,
      kinds,
      expect: {
        ...expected,
        author: expected.authors?.[0]?.join(', ') || null,
        phrase: question.evidence[0]!,
        otherPhrases: question.evidence.slice(1),
        ...(catalogue ? { listed } : {}),
      },
    };
  });
  return { documents: expected.files.map((entry) => entry.file), questions };
}
