import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isPublicAddress } from '../src/uploads/address-policy.js';
import { DocumentFetchError, fetchDocument, type FetchLimits } from '../src/uploads/fetch-document.js';

let server: Server;
let base: string;
const open = new Set<import('node:net').Socket>();

before(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/page') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body><p>Bridges stand.</p></body></html>');
    } else if (path.startsWith('/hop/')) {
      const left = Number(path.slice('/hop/'.length));
      res.writeHead(302, { location: left > 0 ? `/hop/${left - 1}` : '/page' });
      res.end();
    } else if (path === '/to-file') {
      res.writeHead(301, { location: 'file:///etc/passwd' });
      res.end();
    } else if (path === '/big-stated') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(10_000) });
      res.end('x'.repeat(10_000));
    } else if (path === '/big-streamed') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 10; i += 1) res.write('x'.repeat(1_000));
      res.end();
    } else if (path === '/slow') {
      // Never answers: the time limit must end the download.
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  server.on('connection', (socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const socket of open) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const local: FetchLimits = { maxBytes: 5_000, timeoutMs: 2_000, maxRedirects: 3, allowPrivateAddresses: true };
const publicOnly: FetchLimits = { ...local, allowPrivateAddresses: false };

async function refusal(url: string, limits: FetchLimits): Promise<string> {
  try {
    await fetchDocument(url, limits);
  } catch (error) {
    assert.ok(error instanceof DocumentFetchError, `expected a DocumentFetchError, got ${String(error)}`);
    return error.message;
  }
  assert.fail(`${url} was fetched`);
}

test('a page is fetched with its media type and final address', async () => {
  const page = await fetchDocument(`${base}/hop/2`, local);
  assert.equal(page.bytes.toString('utf8'), '<html><body><p>Bridges stand.</p></body></html>');
  assert.equal(page.contentType, 'text/html');
  assert.equal(page.url, `${base}/page`);
});

test('private, loopback and link-local addresses are refused, by literal or by name', async () => {
  const port = new URL(base).port;
  for (const url of [`${base}/page`, `http://localhost:${port}/page`, `http://[::1]:${port}/page`, 'http://10.1.2.3/', 'http://169.254.169.254/latest/meta-data/', 'http://[::ffff:192.168.0.1]/']) {
    assert.match(await refusal(url, publicOnly), /public internet addresses/, url);
  }
});

test('only http(s) URLs without credentials, also after a redirect', async () => {
  assert.match(await refusal('ftp://example.org/a.txt', publicOnly), /http/);
  assert.match(await refusal('file:///etc/passwd', publicOnly), /http/);
  assert.match(await refusal('not a url', publicOnly), /valid URL/);
  assert.match(await refusal('https://user:secret@example.org/', publicOnly), /password/);
  assert.match(await refusal(`${base}/to-file`, local), /http/);
});

test('redirects are bounded', async () => {
  assert.match(await refusal(`${base}/hop/5`, local), /redirected more than 3 times/);
});

test('the size limit holds whether or not the server states the length', async () => {
  assert.match(await refusal(`${base}/big-stated`, local), /larger than/);
  assert.match(await refusal(`${base}/big-streamed`, local), /larger than/);
});

test('a server that never answers is given up on at the time limit', async () => {
  const started = Date.now();
  assert.match(await refusal(`${base}/slow`, { ...local, timeoutMs: 300 }), /did not send the document within 1 s/);
  assert.ok(Date.now() - started < 2_000);
});

test('an error status is reported', async () => {
  assert.match(await refusal(`${base}/missing`, local), /answered 404/);
});

test('address policy: public addresses pass, every special range is refused', () => {
  for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111']) assert.ok(isPublicAddress(address), address);
  for (const address of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '64:ff9b::7f00:1', 'not-an-ip']) {
    assert.ok(!isPublicAddress(address), address);
  }
});
