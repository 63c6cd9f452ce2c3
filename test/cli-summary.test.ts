/**
 * `npm run ask` with and without a written answer, as separate processes on a copy of the seed
 * index: what the person reads, the `--json` shape, and which packages the process loaded.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { formatAnswerText, toAnswerJson } from '../src/cli/format-answer.js';
import type { Answer } from '../src/domain.js';
import { FAKE_OLLAMA_MODEL, promptQuotes, startFakeOllama, type FakeOllama } from './support/fake-ollama.js';
import { copySeedIndex, PROJECT_ROOT, SEED_CORPUS } from './support/real-index.js';

const run = promisify(execFile);
const QUESTION = 'How many civilians were said to have died in the prison strike near Mayadin?';
/** Packages, and modules of ours, that only summary mode may load. */
const SUMMARY_ONLY = /\/node_modules\/(?:langchain|@langchain\/ollama|@langchain\/openai|ollama)\/|\/src\/answer\/summary/;

interface AskRun {
  stdout: string;
  stderr: string;
  code: number;
  imports: string[];
}

describe('npm run ask with a written answer', () => {
  let root: string;
  let indexDir: string;
  let ollama: FakeOllama;
  let count = 0;
  /** `ask --json QUESTION` in the default mode. */
  let plain: AskRun;

  async function ask(args: string[], env: Record<string, string> = {}): Promise<AskRun> {
    const record = path.join(root, `imports-${count++}.txt`);
    const options = {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        CORPUS_DIR: SEED_CORPUS,
        INDEX_DIR: indexDir,
        EMBED_WORKERS: '1',
        LOG_LEVEL: 'silent',
        ANSWER_MODE: '',
        CHAT_MODEL: '',
        RECORD_IMPORTS: record,
        ...env,
      },
    };
    const argv = ['--import', 'tsx', '--import', './test/support/record-imports.ts', path.join('src', 'cli', 'ask.ts'), ...args];
    const result = await run(process.execPath, argv, options).then(
      ({ stdout, stderr }) => ({ stdout, stderr, code: 0 }),
      (error: { stdout: string; stderr: string; code: number }) => ({ stdout: error.stdout, stderr: error.stderr, code: error.code }),
    );
    const imports = (await readFile(record, 'utf8').catch(() => '')).split('\n').filter(Boolean);
    return { ...result, imports };
  }

  const summaryEnv = () => ({ ANSWER_MODE: 'summary', CHAT_MODEL: `ollama:${FAKE_OLLAMA_MODEL}`, OLLAMA_BASE_URL: ollama.baseUrl });

  before(async () => {
    ({ root, indexDir } = await copySeedIndex());
    ollama = await startFakeOllama((request) => {
      const first = promptQuotes(request)[0]!;
      return { text: `The first quote answers it [1]. "${first.text.split(/\s+/).slice(0, 4).join(' ')}" [1]. Invented "words here" [2].` };
    });
    plain = await ask(['--json', QUESTION]);
  });
  after(async () => {
    await ollama?.close();
    await rm(root, { recursive: true, force: true });
  });

  test('the default mode prints the quotes alone and loads no chat model package', async () => {
    assert.equal(plain.code, 0, plain.stderr);
    const answer = JSON.parse(plain.stdout);
    assert.deepEqual(Object.keys(answer), ['question', 'answered', 'quotes']);
    assert.equal(answer.answered, true);
    // The recorder works (it saw the engine and the index library), and saw no model package or summary code.
    assert.ok(plain.imports.some((url) => url.endsWith('/src/open-engine.ts')));
    assert.ok(plain.imports.some((url) => url.includes('/node_modules/hnswlib-node/')));
    assert.deepEqual(plain.imports.filter((url) => SUMMARY_ONLY.test(url)), []);
    assert.equal(ollama.requests.length, 0);
  });

  test('summary mode adds "summary": {text, citations} beside the unchanged fields', async () => {
    const result = await ask(['--json', QUESTION], summaryEnv());
    assert.equal(result.code, 0, result.stderr);
    const answer = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(answer), ['question', 'answered', 'quotes', 'summary']);
    assert.deepEqual(answer.quotes, JSON.parse(plain.stdout).quotes);
    assert.deepEqual(Object.keys(answer.summary), ['text', 'citations']);
    assert.match(answer.summary.text, /^The first quote answers it \[1\]\. "[^"]+" \[1\]\.$/);
    assert.deepEqual(answer.summary.citations, [1]);
    assert.ok(result.imports.some((url) => url.includes('/node_modules/@langchain/ollama/')));
    assert.ok(result.imports.some((url) => url.endsWith('/src/answer/summary-check.ts')));
  });

  test('the terminal shows the labelled written part, then the numbered quotes it cites', async () => {
    const result = await ask([QUESTION], summaryEnv());
    assert.equal(result.code, 0, result.stderr);
    const [label, written, blank, firstQuote] = result.stdout.split('\n');
    assert.match(label!, /^Written by a language model \(ollama:llama3\.1\) from the quotes below.*only the quotes are verbatim\.$/);
    assert.match(written!, /^ {2}The first quote answers it \[1\]\./);
    assert.equal(blank, '');
    assert.match(firstQuote!, /^ {2}\[1\] \S/);
    assert.match(result.stdout, /\n {2}\[2\] \S/);
  });

  test('a chat model whose package is missing stops the command with one line naming the package', async () => {
    const result = await ask(['--json', QUESTION], { ANSWER_MODE: 'summary', CHAT_MODEL: 'anthropic:claude-3-5-haiku-latest' });
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr.trim(), /^quotebot: CHAT_MODEL=anthropic:claude-3-5-haiku-latest needs the @langchain\/anthropic package.*npm install @langchain\/anthropic/);
    assert.equal(result.stderr.trim().split('\n').length, 1);
  });
});

describe('terminal formatting of a written answer', () => {
  const quote = { text: 'Bridges stand.\nThey last.', articleId: 'a#0', source: 'a.txt', title: 'On Bridges', authors: ['Jane Doe'], date: '2021-03-04', start: 0, end: 1, score: 0.91234, quotedFrom: null };
  const plain: Answer = { question: 'Why?', answered: true, quotes: [quote], notes: [], articles: [] };

  test('without a summary, output and JSON are as before', () => {
    assert.equal(formatAnswerText(plain, '--sources'), '  Bridges stand.\n  They last.\n  — Jane Doe, "On Bridges" (2021-03-04) [a.txt]');
    assert.equal(Object.hasOwn(toAnswerJson(plain), 'summary'), false);
  });

  test('with a summary, even a single quote is numbered so that [1] points somewhere', () => {
    const answer: Answer = { ...plain, summary: { text: 'They stand [1].', citations: [1], model: 'ollama:llama3.1' } };
    assert.equal(
      formatAnswerText(answer, '--sources'),
      'Written by a language model (ollama:llama3.1) from the quotes below, which it cites as [n]; only the quotes are verbatim.\n' +
        '  They stand [1].\n\n  [1] Bridges stand.\n  They last.\n  — Jane Doe, "On Bridges" (2021-03-04) [a.txt]',
    );
    assert.deepEqual(toAnswerJson(answer).summary, { text: 'They stand [1].', citations: [1] });
  });
});
