import type { Quote, SearchFilter } from '../domain.js';
import { foldText } from '../text/normalize.js';
import { contentWords } from '../text/tokenize.js';

/**
 * Reads a follow-up ("what else did he say?", "and in 2018?", "more", "who is he quoting?") in the
 * light of the answer it follows: a person it points at becomes the author filter, a document it
 * points at the document filter, a year a date range; with no topic words of its own it asks the
 * earlier question again. A message that points at nothing earlier is a new question. Pure.
 */

/** What a follow-up needs to know of the conversation so far. */
export interface Conversation {
  question: string;
  filter: SearchFilter | undefined;
  /** The quotes of the answer being followed up, best first. */
  quotes: readonly Pick<Quote, 'articleId' | 'authors'>[];
}

export interface FollowUpPlan {
  /** False: a new topic, answered as a new question (no filters, nothing skipped). */
  continues: boolean;
  question: string;
  filter: SearchFilter | undefined;
}

/**
 * Words that point back at the one person already quoted (English and Dutch). Plural pronouns are
 * left out: "their" in a new question more often means the people it asks about.
 */
const PERSON_WORDS = new Set(['he', 'she', 'him', 'her', 'his', 'hers', 'hij', 'hem', 'haar']);
/** Phrases that point back at the document already quoted. */
const DOCUMENT_REFERENCE =
  /\b(?:it|its|(?:this|that|the|same)\s+(?:article|document|piece|post|text|essay|story|report|book|author|writer))\b|\b(?:dit|dat|het|hetzelfde)\s+(?:artikel|stuk|bericht|document|verhaal)\b/u;
/** `the author` / `de auteur`: the person, by way of the document. */
const AUTHOR_REFERENCE = /\b(?:the|this|that)\s+(?:author|writer)\b|\bde\s+(?:auteur|schrijver)\b/u;
/** Words that ask for more of the same. */
const MORE_WORDS = new Set(['more', 'else', 'also', 'too', 'again', 'other', 'another', 'further', 'meer', 'nog', 'ook', 'verder', 'anders', 'andere']);
/** A message opening with one of these carries on the last one ("and in 2018?", "what about…"). */
const CARRY_ON_OPENING = /^(?:and|but|so|then|what about|how about|en|maar|dus|en wat|hoe zit het)\b/u;
const YEAR = /\b(1[89]\d\d|20\d\d)\b/u;

/** Topic words this short or shorter leave the earlier question as the topic ("who is he quoting?"). */
const VAGUE_TOPIC_WORDS = 1;

function personFilter(previous: Conversation): SearchFilter {
  if (previous.filter?.author) return { author: previous.filter.author };
  const first = previous.quotes[0];
  if (!first) return {};
  const author = first.authors.length === 1 ? first.authors[0] : undefined;
  // An unnamed or shared byline: the person is whoever wrote that document.
  return author ? { author } : { document: first.articleId };
}

function documentFilter(previous: Conversation): SearchFilter {
  const document = previous.filter?.document ?? previous.quotes[0]?.articleId;
  return document ? { document } : {};
}

export function planFollowUp(message: string, previous: Conversation): FollowUpPlan {
  const text = foldText(message.replace(/\s+/gu, ' ').trim());
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  const year = YEAR.exec(text)?.[1];
  const pointsAtPerson = words.some((word) => PERSON_WORDS.has(word)) || AUTHOR_REFERENCE.test(text);
  const pointsAtDocument = !pointsAtPerson && DOCUMENT_REFERENCE.test(text);
  const carriesOn = CARRY_ON_OPENING.test(text);
  const asksForMore = carriesOn || words.some((word) => MORE_WORDS.has(word));
  const topicWords = contentWords(message).filter((word) => !MORE_WORDS.has(word) && word !== year);
  const continues = pointsAtPerson || pointsAtDocument || asksForMore || year !== undefined || topicWords.length === 0;
  if (!continues) return { continues: false, question: message, filter: undefined };

  const filter: SearchFilter = {
    ...previous.filter,
    ...(pointsAtPerson ? personFilter(previous) : {}),
    ...(pointsAtDocument ? documentFilter(previous) : {}),
    ...(year ? { dateFrom: `${year}-01-01`, dateTo: `${year}-12-31` } : {}),
  };
  // "what about floods?" names the new topic; "who is he quoting?" keeps the old one and adds a word.
  const ownTopic = topicWords.length > VAGUE_TOPIC_WORDS || (carriesOn && topicWords.length > 0);
  const question = ownTopic ? message : `${previous.question} ${topicWords.join(' ')}`.trim();
  return { continues: true, question, filter: Object.keys(filter).length > 0 ? filter : undefined };
}
