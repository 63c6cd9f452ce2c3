/**
 * The written answer end to end: the real engine on the seed corpus, the real LangChain Ollama
 * client loaded by initChatModel, and a fake Ollama server on 127.0.0.1 whose scripted replies
 * stand in for a model that is right, invents, miscites, fails or hangs.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Answer } from '../src/domain.js';
import { FAKE_OLLAMA_MODEL, promptQuotes, startFakeOllama, type ChatRequest, type FakeOllama, type ScriptedReply } from './support/fake-ollama.js';
import { openRealEngine, type RealEngine } from './support/real-index.js';

const QUESTION = 'How many civilians were said to have died in the prison strike near Mayadin?';
const TIMEOUT_MS = 4_000;

/** Five words in a row of the quote with no quotation marks or brackets, to quote verbatim. */
function verbatimWords(text: string): string {
  const words = text.split(/\s+/);
  for (let i = 0; i + 5 <= words.length; i++) {
    const window = words.slice(i, i + 5);
    if (window.every((word) => /^[\p{L}\p{N},-]+$/u.test(word))) return window.join(' ').replace(/,$/, '');
  }
  throw new Error(`no five plain words in a row in: ${text}`);
}

/** Who the prompt says wrote quote n, as a model that follows the rules would name them. */
function writerOf(request: ChatRequest, number: number): string {
  const attribution = promptQuotes(request).find((quote) => quote.number === number)!.attribution;
  const author = attribution.slice(0, attribution.indexOf(', “'));
  return author === 'Unknown author' ? 'One article' : author;
}

const goodSentence = (request: ChatRequest) => {
  const [first] = promptQuotes(request);
  return `${writerOf(request, 1)} reports that "${verbatimWords(first!.text)}" [1].`;
};

const SCRIPTS: Record<string, (request: ChatRequest) => ScriptedReply> = {
  'an invented quotation': (request) => ({ text: `${writerOf(request, 1)} reports that "no civilian was ever harmed there" [1].` }),
  'a citation to a quote that does not exist': () => ({ text: 'The strike killed dozens of people [9].' }),
  'a name found in no quote': () => ({ text: 'Marguerite Oyelaran-Whitcombe counted the dead [1].' }),
  'no citations at all': () => ({ text: 'Many civilians died in the strike. The numbers are disputed.' }),
  'a 500': () => ({ status: 500, error: 'llama runner process has terminated' }),
  'a timeout': (request) => ({ text: goodSentence(request), delayMs: TIMEOUT_MS * 3 }),
};

describe('the fake Ollama speaks /api/chat as Ollama does', () => {
  let ollama: FakeOllama;
  before(async () => {
    ollama = await startFakeOllama(() => ({ text: 'Bridges stand [1].', chunkSize: 5 }));
  });
  after(async () => {
    await ollama?.close();
  });
  const chat = (body: Record<string, unknown>) =>
    fetch(`${ollama.baseUrl}/api/chat`, { method: 'POST', body: JSON.stringify({ model: FAKE_OLLAMA_MODEL, messages: [{ role: 'user', content: 'Hi' }], ...body }) });

  test('non-streaming: one JSON object, done, with the whole reply', async () => {
    const response = await chat({ stream: false });
    const body = await response.json();
    assert.equal(body.done, true);
    assert.deepEqual(body.message, { role: 'assistant', content: 'Bridges stand [1].' });
  });

  test('streaming (the default): NDJSON pieces, then a final done object', async () => {
    const lines = (await (await chat({})).text()).trim().split('\n').map((line) => JSON.parse(line));
    assert.equal(lines.map((line) => line.message.content).join(''), 'Bridges stand [1].');
    assert.ok(lines.length > 2);
    assert.deepEqual(lines.map((line) => line.done), [...lines.slice(1).map(() => false), true]);
  });

  test('an unknown model is a 404 with an error, as from Ollama', async () => {
    const response = await chat({ model: 'mistral' });
    assert.equal(response.status, 404);
    assert.match((await response.json()).error, /not found/);
  });
});

describe('written answers through a fake Ollama', () => {
  let ollama: FakeOllama;
  let real: RealEngine;
  let quotesAlone: Answer;

  before(async () => {
    ollama = await startFakeOllama(() => ({ text: 'NONE' }));
    real = await openRealEngine({
      env: {
        ANSWER_MODE: 'summary',
        CHAT_MODEL: `ollama:${FAKE_OLLAMA_MODEL}`,
        OLLAMA_BASE_URL: ollama.baseUrl,
        SUMMARY_TIMEOUT_MS: String(TIMEOUT_MS),
      },
    });
    // "NONE" passes no check: the answer is what the default mode gives.
    quotesAlone = await real.opened.engine.answer(QUESTION);
  });
  after(async () => {
    await real?.close();
    await ollama?.close();
  });

  test('without a written part the answer is the quotes, as in the default mode', () => {
    assert.equal(quotesAlone.answered, true);
    assert.ok(quotesAlone.quotes.length >= 2);
    assert.equal(quotesAlone.summary, undefined);
  });

  test('a good answer is shown before the same quotes, citing them', async () => {
    ollama.setScript((request) => ({ text: goodSentence(request) }));
    const answer = await real.opened.engine.answer(QUESTION);
    assert.deepEqual(answer.quotes, quotesAlone.quotes);
    const words = verbatimWords(answer.quotes[0]!.text);
    assert.ok(answer.summary, 'a summary');
    assert.ok(answer.summary.text.includes(`"${words}" [1]`), answer.summary.text);
    assert.deepEqual(answer.summary.citations, [1]);
    assert.equal(answer.summary.model, `ollama:${FAKE_OLLAMA_MODEL}`);
    // The model saw the question and the numbered quotes, streamed, at temperature 0.
    const request = ollama.requests.at(-1)!;
    assert.equal(request.stream, true);
    assert.equal(request.options?.temperature, 0);
    assert.deepEqual(promptQuotes(request).map((quote) => quote.text), answer.quotes.map((quote) => quote.text.trim()));
    assert.ok(request.messages.some((message) => message.content.includes(`Question: ${QUESTION}`)));
  });

  test('a good sentence beside bad ones survives alone', async () => {
    ollama.setScript((request) => ({ text: `${goodSentence(request)} Marguerite Oyelaran-Whitcombe disagrees [2]. It was a war crime.` }));
    const answer = await real.opened.engine.answer(QUESTION);
    assert.equal(answer.summary?.text, goodSentence(ollama.requests.at(-1)!));
  });

  for (const [scenario, script] of Object.entries(SCRIPTS)) {
    test(`${scenario}: the quotes alone`, async () => {
      ollama.setScript(script);
      const before = ollama.requests.length;
      const answer = await real.opened.engine.answer(QUESTION);
      assert.equal(ollama.requests.length, before + 1, 'the model was asked');
      assert.deepEqual(answer, quotesAlone);
    });
  }

  test('after a timeout the connection to the slow server is closed, not left open', async () => {
    ollama.setScript(SCRIPTS['a timeout']!);
    await real.opened.engine.answer(QUESTION);
    // Both timed-out requests (this one and the scenario's) were abandoned by the client.
    const deadline = Date.now() + TIMEOUT_MS;
    while (ollama.disconnects < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(ollama.disconnects, 2);
  });
});
