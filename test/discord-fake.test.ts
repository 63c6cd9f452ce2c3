import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBotAgainstFake } from './support/bot-harness.js';
import { startFakeDiscord } from './support/fake-discord.js';

// The fake Discord itself: its limits and faults are what the other tests rely on.
describe('fake Discord', () => {
  test('rejects messages over Discord limits with 400 / 50035, like Discord', async () => {
    const fake = await startFakeDiscord();
    try {
      const post = (body: unknown) =>
        fetch(`${fake.apiUrl}/v10/channels/400000000000000001/messages`, {
          method: 'POST',
          headers: { authorization: `Bot ${fake.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      assert.equal((await post({ content: 'x'.repeat(2000) })).status, 200);
      const tooLong = await post({ content: 'x'.repeat(2001) });
      assert.equal(tooLong.status, 400);
      assert.equal(((await tooLong.json()) as { code: number }).code, 50035);
      assert.equal((await post({ embeds: [{ description: 'x'.repeat(4097) }] })).status, 400);
      assert.equal((await post({ embeds: Array.from({ length: 11 }, () => ({ description: 'x' })) })).status, 400);
      assert.equal((await post({ embeds: [{ description: 'x'.repeat(4000) }, { description: 'x'.repeat(2001) }] })).status, 400);
      assert.equal((await post({ content: '' })).status, 400);
      const unauthorized = await fetch(`${fake.apiUrl}/v10/gateway/bot`);
      assert.equal(unauthorized.status, 401);
      assert.ok(fake.requests.every((request) => !('authorization' in request.headers)));
    } finally {
      await fake.close();
    }
  });

  test('an injected 429 and 500 are retried by discord.js and the answer still arrives', async () => {
    const h = await startBotAgainstFake();
    try {
      const limited = h.fake.injectFault({ method: 'PATCH', path: /\/messages\/@original$/, status: 429, retryAfter: 0.1 });
      const ask = await h.fake.sendSlashCommand('ask', { question: 'Who built the oldest stone bridges?' });
      const edit = await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(ask.token) && r.status === 200, 10_000);
      assert.equal(limited.hits, 1);
      assert.match(edit.body.embeds[0].description, /Romans/);

      const failing = h.fake.injectFault({ method: 'PATCH', path: /\/messages\/@original$/, status: 500 });
      const again = await h.fake.sendSlashCommand('ask', { question: 'What do wetlands do?' });
      await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path.includes(again.token) && r.status === 200, 10_000);
      assert.equal(failing.hits, 1);
    } finally {
      await h.stop();
    }
  });

  test('after the gateway closes, the client resumes and gets the events it missed', async () => {
    const h = await startBotAgainstFake();
    try {
      h.fake.closeGateway(4000, 'test: unknown error');
      const ask = await h.fake.sendSlashCommand('ask', { question: 'Who built the oldest stone bridges?' });
      await h.fake.waitForGatewayPayload((payload) => payload.op === 6, 10_000);
      const edit = await h.waitForOriginalEdit(ask.token);
      assert.match(edit.body.embeds[0].description, /Romans/);
    } finally {
      await h.stop();
    }
  });
});
