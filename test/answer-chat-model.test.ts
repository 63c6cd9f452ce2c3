import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatModelError, loadChatModel } from '../src/answer/chat-model.js';
import { ConfigError, loadConfig } from '../src/config/config.js';

describe('summary mode configuration', () => {
  test('the default is quotes alone, with no chat model loaded', async () => {
    const config = loadConfig({ ANSWER_MODE: '', CHAT_MODEL: '', SUMMARY_TIMEOUT_MS: '' });
    assert.equal(config.ANSWER_MODE, 'quotes');
    assert.equal(config.SUMMARY_TIMEOUT_MS, 30_000);
    assert.equal(await loadChatModel(config), null);
    // A model named without the mode is not loaded either.
    assert.equal(await loadChatModel(loadConfig({ CHAT_MODEL: 'ollama:llama3.1' })), null);
  });

  test('summary mode without a chat model, or an unknown mode, is refused with the variable named', () => {
    assert.throws(() => loadConfig({ ANSWER_MODE: 'summary' }), (error) => error instanceof ConfigError && /CHAT_MODEL/.test(error.message));
    assert.throws(() => loadConfig({ ANSWER_MODE: 'essay' }), /ANSWER_MODE/);
    assert.throws(() => loadConfig({ SUMMARY_TIMEOUT_MS: '10' }), /SUMMARY_TIMEOUT_MS/);
  });
});

describe('loading the chat model', () => {
  test('an installed provider loads through initChatModel', async () => {
    const model = await loadChatModel(loadConfig({ ANSWER_MODE: 'summary', CHAT_MODEL: 'ollama:llama3.1', OLLAMA_BASE_URL: 'http://127.0.0.1:9' }));
    assert.equal(typeof model?.invoke, 'function');
  });

  test('a provider whose package is not installed names the package and the command to install it', async () => {
    await assert.rejects(
      loadChatModel(loadConfig({ ANSWER_MODE: 'summary', CHAT_MODEL: 'anthropic:claude-3-5-haiku-latest' })),
      (error) =>
        error instanceof ChatModelError &&
        error.message.includes('@langchain/anthropic') &&
        error.message.includes('npm install @langchain/anthropic'),
    );
  });

  test('a model LangChain cannot place says how to write it', async () => {
    await assert.rejects(
      loadChatModel(loadConfig({ ANSWER_MODE: 'summary', CHAT_MODEL: 'my-model' })),
      (error) => error instanceof ChatModelError && /provider:model/.test(error.message),
    );
  });
});
