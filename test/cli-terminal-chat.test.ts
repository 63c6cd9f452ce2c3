import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHAT_HELP, createChatSession } from '../src/cli/terminal-chat.js';
import { createFixtureEngine } from './support/fixture-engine.js';

describe('terminal chat', () => {
  test('a question is answered with verbatim quotes and who wrote them; a blank line does not end the chat', async () => {
    const chat = createChatSession(createFixtureEngine(), 2);
    const reply = await chat.handle('Why do bridges stand?');
    assert.match(reply!, /Bridges stand because arches carry their weight down into the ground\./);
    assert.match(reply!, /— Jane Doe, "On Bridges" \(2021-03-04\) \[bridges\.txt\]/);
    assert.equal(await chat.handle('   '), '');
    assert.equal(await chat.handle(''), '');
  });

  test('/quit and /exit end the chat; /help lists the commands; an unknown command says so', async () => {
    const chat = createChatSession(createFixtureEngine(), 2);
    assert.equal(await chat.handle('/quit'), null);
    assert.equal(await chat.handle('/EXIT'), null);
    assert.equal(await chat.handle('/help'), CHAT_HELP);
    for (const command of ['/more', '/author', '/document', '/sources', '/quit']) assert.match(CHAT_HELP, new RegExp(command));
    assert.match((await chat.handle('/frobnicate'))!, /^There is no \/frobnicate\./);
  });

  test('/sources lists every document with its author and date', async () => {
    const reply = (await createChatSession(createFixtureEngine(), 2).handle('/sources'))!;
    assert.match(reply, /2021-03-04 {2}On Bridges — Jane Doe \[bridges\.txt\]/);
    assert.match(reply, /undated {2}Notes on \*markup\* — Unknown author \[markdown\.txt\]/);
  });

  test('/author narrows the following questions to that author, resolved like --author; /author alone undoes it', async () => {
    const engine = createFixtureEngine();
    const chat = createChatSession(engine, 3);
    assert.match((await chat.handle('/author amelie'))!, /only quotes by Amélie Dupont/);
    await chat.handle('What about rivers and bridges?');
    assert.deepEqual(engine.calls.at(-1)?.options?.filter, { author: 'Amélie Dupont' });
    assert.match((await chat.handle('/author Dupond'))!, /No article by Dupond here.*\n {2}Amélie Dupont/s);
    assert.match((await chat.handle('/author'))!, /any author/);
    await chat.handle('What about rivers?');
    assert.equal(engine.calls.at(-1)?.options?.filter, undefined);
  });

  test('/document narrows to one document by its title', async () => {
    const engine = createFixtureEngine();
    const chat = createChatSession(engine, 3);
    assert.match((await chat.handle('/document rivers and floods'))!, /only quotes from "Rivers and Floods"/);
    await chat.handle('What slows the water?');
    assert.deepEqual(engine.calls.at(-1)?.options?.filter, { document: 'floods.txt#0' });
    assert.match((await chat.handle('/document bridges'))!, /matches several documents/);
  });

  test('/more shows the next quotes of the last question, then says when there are none', async () => {
    const engine = createFixtureEngine();
    const chat = createChatSession(engine, 1);
    assert.match((await chat.handle('/more'))!, /Ask a question first/);
    const first = (await chat.handle('bridges'))!;
    const second = (await chat.handle('/more'))!;
    assert.equal(engine.calls.at(-1)?.options?.offset, 1);
    assert.notEqual(first, second);
    let reply = second;
    for (let n = 0; n < 10 && !/No more quotes/.test(reply); n++) reply = (await chat.handle('/more'))!;
    assert.match(reply, /No more quotes for that question\./);
  });
});
