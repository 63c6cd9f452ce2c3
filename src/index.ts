/**
 * The library's front door: what the terminal and Discord adapters, the evaluation and the
 * benchmarks use, so none of them reaches into a stage's modules. Nothing here prints.
 */
import { MAX_QUOTES_PER_ANSWER } from './answer/engine.js';
import { MAX_QUESTION_LENGTH } from './answer/question.js';
import { RANKING_DEPTH } from './answer/retrieve.js';
import { MAX_QUOTE_LENGTH } from './answer/grow-quote.js';

export { loadConfig, ConfigError, type Config } from './config/config.js';
export { collectSecrets, redactSecrets, secretsOf, type NamedSecret } from './config/secrets.js';
export type { Answer, AnswerOptions, Article, ArticleSummary, IngestResult, Passage, Quote, QuoteEngine, ReindexSummary, SearchFilter, WrittenSummary } from './domain.js';
export { articlesToList, describeAuthors, describeDocument, describeSpeaker, formatAuthors, formatSummaryLabel } from './domain.js';
export { ExplainedError } from './errors.js';
export { createEngine, type EngineSettings, type SwappableEngine } from './answer/engine.js';
export { calibrateIndex, type Calibration } from './answer/calibration.js';
export { ChatModelError, loadChatModel } from './answer/chat-model.js';
export { describeNotFound, resolveFilter, type FilterMismatch, type FilterResolution, type TypedFilter } from './answer/filter-resolver.js';
export type { SearchMode } from './answer/relevance.js';
export { buildIndex } from './index/build.js';
export { chunkArticle } from './index/chunk.js';
export { createEmbedder, createLocalEmbedder, EmbedderError, LOCAL_MODEL, type Embedder } from './index/embeddings.js';
export { IndexError } from './index/generation-format.js';
export { loadIndex } from './index/load.js';
export { IndexBusyError } from './index/lock.js';
export { IndexShrinkError } from './index/reindex-guard.js';
export { IndexWriteError } from './index/build.js';
export { fileIndexStore } from './index/file-store.js';
export type { ExpectedIndex, IndexStore } from './index/index-store.js';
export type { SearchIndex } from './index/search-index.js';
export { ingestCorpus, parseArticles } from './ingest/corpus.js';
export { CorpusFolderError } from './ingest/corpus-files.js';
export { createLogger, quieterLevel, type Logger } from './log.js';
export { normalizeForComparison } from './text/normalize.js';
export { planFollowUp, type Conversation, type FollowUpPlan } from './answer/follow-up.js';
export { hideSources, type HidingEngine } from './answer/hidden-sources.js';
export { answerWithoutRepeats, overlaps, type QuoteSpan } from './answer/without-repeats.js';
export { describeStats, voteToJsonLine } from './state/feedback-report.js';
export { openStateStore } from './state/open-state.js';
export { describeReindexForAudit, type AuditEntry, type AuditLog } from './state/audit-log.js';
export {
  auditLogOf,
  quoteRef,
  StateStoreError,
  type AnswerRecord,
  type FeedbackStats,
  type QuestionKind,
  type QuoteRef,
  type StateStore,
  type Vote,
} from './state/state-store.js';
export { linkToQuote, MAX_LINK_LENGTH, webUrl } from './text/text-fragment.js';
export {
  removeDocumentFiles,
  saveUpload,
  UPLOAD_KINDS,
  uploadExtension,
  writeSidecar,
  type DocumentCorrection,
  type UploadExtension,
} from './uploads/document-files.js';
export { DocumentFetchError, fetchDocument, type FetchLimits } from './uploads/fetch-document.js';
export { parseSidecar } from './ingest/sidecar.js';
export {
  expectedIndex,
  indexLocation,
  openEngine,
  openIndexStore,
  reindexCorpus,
  type BuildReporter,
  type OpenedEngine,
  type OpenOptions,
  type ReindexOptions,
} from './open-engine.js';

/** The engine's fixed limits, for adapters that check input and benchmarks that describe the engine. */
export const ENGINE_LIMITS = {
  /** Most quotes one answer may hold (`--limit`, the "More quotes" pages). */
  maxQuotesPerAnswer: MAX_QUOTES_PER_ANSWER,
  /** Longest question searched; longer ones are cut at a word. */
  maxQuestionLength: MAX_QUESTION_LENGTH,
  /** Longest quote, in characters. */
  maxQuoteLength: MAX_QUOTE_LENGTH,
  /** Passages each search (dense and BM25) ranks before the two rankings are fused. */
  rankingDepth: RANKING_DEPTH,
} as const;
