import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPublicAddress } from './address-policy.js';

/**
 * Downloads one document for `/add`: http(s) only, redirects followed a bounded number of times
 * (each hop checked again), a size limit enforced on the bytes received, one time limit for the
 * whole download, and, unless allowed, no address that is not on the public internet. The
 * address is checked when the connection is made, so a name that resolves differently the
 * second time (DNS rebinding) is caught too.
 */

export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  /** Only for tests and trusted sources (Discord's own attachment URLs). */
  allowPrivateAddresses: boolean;
}

export interface FetchedDocument {
  bytes: Buffer;
  /** The media type the server stated (`text/html`), lower case, without parameters; null when none. */
  contentType: string | null;
  /** Where the document was finally read from, after redirects. */
  url: string;
}

/** Why a download was refused or failed; the message is for the person who asked for it. */
export class DocumentFetchError extends Error {
  override name = 'DocumentFetchError';
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function refusedAddress(host: string): DocumentFetchError {
  return new DocumentFetchError(`I only fetch documents from public internet addresses, and ${host} is a private, local or reserved one.`);
}

/** A DNS lookup that fails when any address the name resolves to is not public. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      if (!allowPrivate && addresses.some((entry) => !isPublicAddress(entry.address))) return callback(refusedAddress(hostname), '', 0);
      const first = addresses[0];
      if (!first) return callback(new DocumentFetchError(`${hostname} has no address.`), '', 0);
      // Node asks for every address when it tries IPv4 and IPv6 in turn (autoSelectFamily).
      if ((options as { all?: boolean }).all) (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}

/** Parses and checks one URL of the chain (the first, or a redirect's target). */
function checkUrl(raw: string, base: URL | undefined, limits: FetchLimits): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new DocumentFetchError('That is not a valid URL; give a full address starting with https://.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DocumentFetchError('I only fetch http:// and https:// URLs.');
  if (url.username || url.password) throw new DocumentFetchError('I do not fetch URLs with a user name or password in them.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // A literal IP address is never looked up, so it is checked here.
  if (isIP(host) && !limits.allowPrivateAddresses && !isPublicAddress(host)) throw refusedAddress(host);
  return url;
}

function request(url: URL, limits: FetchLimits, signal: AbortSignal): Promise<IncomingMessage> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = client.get(url, {
      lookup: guardedLookup(limits.allowPrivateAddresses),
      signal,
      headers: { 'user-agent': 'quotebot (document for /add)', accept: 'text/html, application/pdf, text/markdown, text/plain;q=0.9, */*;q=0.1' },
    });
    outgoing.on('response', resolve);
    outgoing.on('error', reject);
  });
}

async function readBody(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const stated = Number(response.headers['content-length']);
  const tooLarge = () => new DocumentFetchError(`The document is larger than the ${formatMiB(maxBytes)} limit.`);
  if (Number.isFinite(stated) && stated > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of response) {
    received += (chunk as Buffer).length;
    if (received > maxBytes) {
      response.destroy();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function describeFailure(error: unknown, host: string, limits: FetchLimits): DocumentFetchError {
  if (error instanceof DocumentFetchError) return error;
  const name = (error as Error | null)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') return new DocumentFetchError(`${host} did not send the document within ${Math.max(1, Math.ceil(limits.timeoutMs / 1000))} s.`);
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause instanceof DocumentFetchError) return cause;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new DocumentFetchError(`I cannot find ${host}; check the address.`);
  return new DocumentFetchError(`I could not download from ${host} (${code ?? (error as Error | null)?.message ?? 'unknown error'}).`);
}

export async function fetchDocument(rawUrl: string, limits: FetchLimits): Promise<FetchedDocument> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let url = checkUrl(rawUrl.trim(), undefined, limits);
  for (let hop = 0; ; hop += 1) {
    let response: IncomingMessage;
    try {
      response = await request(url, limits, signal);
    } catch (error) {
      throw describeFailure(error, url.hostname, limits);
    }
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECTS.has(status) && location) {
      response.resume();
      if (hop >= limits.maxRedirects) throw new DocumentFetchError(`${url.hostname} redirected more than ${limits.maxRedirects} times; give the final address instead.`);
      url = checkUrl(location, url, limits);
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw new DocumentFetchError(`${url.hostname} answered ${status} ${response.statusMessage ?? ''}`.trim() + '; check the address.');
    }
    try {
      const bytes = await readBody(response, limits.maxBytes);
      const contentType = response.headers['content-type']?.split(';')[0]?.trim().toLowerCase() || null;
      return { bytes, contentType, url: url.href };
    } catch (error) {
      throw describeFailure(error, url.hostname, limits);
    }
  }
}
