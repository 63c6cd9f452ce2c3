/**
 * A fake Ollama server for tests: node:http on 127.0.0.1 with an ephemeral port, speaking the
 * parts of Ollama's REST API a chat client uses: `POST /api/chat` streaming (NDJSON, one object per
 * token group, the last with `done: true` and the counts) and non-streaming (one JSON object), an
 * `{"error": ...}` body with the status on failure, `GET /api/tags` and `GET /api/version`.
 *
 * ```ts
 * const ollama = await startFakeOllama((request) => ({ text: 'Bridges stand [1].' }));
 * new ChatOllama({ model: 'llama3.1', baseUrl: ollama.baseUrl });
 * ollama.requests;          // every chat request, parsed
 * await ollama.close();     // closes every socket
 * ```
 *
 * A script returns, per request: `{ text }` (streamed in pieces of `chunkSize` characters when the
 * client asks for a stream), `{ status, error }`, or either after `delayMs` (a slow model; a client
 * that gives up first is counted in `disconnects`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatMessage {
  role: string;
  content: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  options?: Record<string, unknown>;
}

export type ScriptedReply = ({ text: string; chunkSize?: number } | { status: number; error: string }) & { delayMs?: number };

export interface FakeOllama {
  baseUrl: string;
  requests: ChatRequest[];
  /** Chat requests whose client closed the connection before the reply was sent. */
  readonly disconnects: number;
  /** Replaces the script for the requests that follow. */
  setScript(script: (request: ChatRequest) => ScriptedReply): void;
  close(): Promise<void>;
}

export const FAKE_OLLAMA_MODEL = 'llama3.1';

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

/** Ollama's message object for a piece of the reply; the last one carries the counts. */
function chatChunk(model: string, content: string, done: boolean): Record<string, unknown> {
  return {
    model,
    created_at: new Date().toISOString(),
    message: { role: 'assistant', content },
    done,
    ...(done
      ? { done_reason: 'stop', total_duration: 1_000_000, load_duration: 1_000, prompt_eval_count: 100, prompt_eval_duration: 1_000, eval_count: 20, eval_duration: 1_000 }
      : {}),
  };
}

function sendChat(response: ServerResponse, request: ChatRequest, text: string, chunkSize: number): void {
  if (!request.stream) {
    sendJson(response, 200, chatChunk(request.model, text, true));
    return;
  }
  response.writeHead(200, { 'content-type': 'application/x-ndjson' });
  for (let at = 0; at < text.length; at += chunkSize) {
    response.write(`${JSON.stringify(chatChunk(request.model, text.slice(at, at + chunkSize), false))}\n`);
  }
  response.end(`${JSON.stringify(chatChunk(request.model, '', true))}\n`);
}

function parseChatRequest(body: unknown): ChatRequest | string {
  if (typeof body !== 'object' || body === null) return 'invalid request body';
  const { model, messages, stream, options } = body as Record<string, unknown>;
  if (typeof model !== 'string' || model === '') return 'model is required';
  if (!Array.isArray(messages)) return 'messages is required';
  return {
    model,
    messages: messages as ChatMessage[],
    // Ollama streams unless told not to.
    stream: stream !== false,
    ...(options && typeof options === 'object' ? { options: options as Record<string, unknown> } : {}),
  };
}

export async function startFakeOllama(script: (request: ChatRequest) => ScriptedReply): Promise<FakeOllama> {
  let current = script;
  const requests: ChatRequest[] = [];
  let disconnects = 0;

  async function handleChat(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const parsed = parseChatRequest(await readJson(request));
    if (typeof parsed === 'string') return sendJson(response, 400, { error: parsed });
    requests.push(parsed);
    if (parsed.model.replace(/:latest$/, '') !== FAKE_OLLAMA_MODEL) {
      return sendJson(response, 404, { error: `model "${parsed.model}" not found, try pulling it first` });
    }
    const reply = current(parsed);
    if (reply.delayMs) {
      const gone = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), reply.delayMs);
        response.once('close', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      if (gone || response.destroyed) {
        disconnects += 1;
        return;
      }
    }
    if ('status' in reply) return sendJson(response, reply.status, { error: reply.error });
    sendChat(response, parsed, reply.text, reply.chunkSize ?? 8);
  }

  const server = createServer((request, response) => {
    const route = `${request.method} ${new URL(request.url ?? '/', 'http://fake').pathname}`;
    const handled =
      route === 'POST /api/chat'
        ? handleChat(request, response)
        : route === 'GET /api/tags'
          ? Promise.resolve(sendJson(response, 200, { models: [{ name: `${FAKE_OLLAMA_MODEL}:latest`, model: `${FAKE_OLLAMA_MODEL}:latest` }] }))
          : route === 'GET /api/version'
            ? Promise.resolve(sendJson(response, 200, { version: '0.6.0' }))
            : Promise.resolve(response.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found'));
    handled.catch(() => {
      if (!response.headersSent) sendJson(response, 400, { error: 'invalid request body' });
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    get disconnects() {
      return disconnects;
    },
    setScript(next) {
      current = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** One numbered quote as the prompt gives it: `[n] attribution:` then its text. */
export interface PromptQuote {
  number: number;
  attribution: string;
  text: string;
}

/** The numbered quotes of the last user message, for scripts that answer from what they were given. */
export function promptQuotes(request: ChatRequest): PromptQuote[] {
  const user = [...request.messages].reverse().find((message) => message.role === 'user');
  if (!user) return [];
  const blocks = user.content.split(/\n\n(?=\[\d+\] )/);
  return blocks.flatMap((block) => {
    const match = /^\[(\d+)\] (.*):\n([\s\S]*)$/.exec(block);
    return match ? [{ number: Number(match[1]), attribution: match[2]!, text: match[3]!.trim() }] : [];
  });
}
