import type { Message } from 'discord.js';
import { admitQuestion, answerInTurn, checkLookupRate, checkQuestionRate } from './admission.js';
import { composeAnswer, linkAnswerMessages } from './answer-flow.js';
import { buildHelpEmbed } from './commands/help.js';
import type { BotContext } from './context.js';
import { resolveTypedFilter } from './corpus-filter.js';
import { parseDirectMessage } from './direct-message-parser.js';
import { UserError } from './errors.js';
import { sendMessageReply } from './reply.js';

/** Discord shows "typing…" for about 10 s per call: renew it while the engine works. */
const TYPING_RENEW_MS = 8_000;

/** Whether a message comes from a person, not from a bot or the bot itself. */
export function isFromPerson(message: Message): boolean {
  return !message.author.bot && message.author.id !== message.client.user.id;
}

/** Shows "typing…" in the message's channel while `work` runs. */
export async function keepTyping<T>(message: Message, work: () => Promise<T>): Promise<T> {
  const channel = message.channel;
  if (!('sendTyping' in channel)) return work();
  const type = () => channel.sendTyping().catch(() => undefined);
  await type();
  const timer = setInterval(() => void type(), TYPING_RENEW_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** Answers a DM with quotes, as replies to it. Throws UserError for what the sender should fix. */
export async function answerDirectMessage(message: Message, ctx: BotContext): Promise<void> {
  const sender = message.author.id;
  if (/^\s*\/?help\s*[?!.]?\s*$/i.test(message.content)) {
    await checkLookupRate(ctx, sender, { silentWhenRepeated: true });
    await sendMessageReply(message, [{ embeds: [buildHelpEmbed()] }]);
    return;
  }
  const parsed = parseDirectMessage(message.content);
  if (!parsed.ok) {
    await checkLookupRate(ctx, message.author.id, { silentWhenRepeated: true });
    throw new UserError(parsed.message, 'invalid');
  }
  await checkQuestionRate(ctx, message.author.id, { silentWhenRepeated: true });
  const place = admitQuestion(ctx);
  try {
    const { question, author, document } = parsed.value;
    const resolved = resolveTypedFilter(ctx.engine.listArticles(), { author: author ?? null, document: document ?? null });
    const composed = await keepTyping(message, () =>
      answerInTurn(place, () => composeAnswer(ctx, { question, resolved, shown: [], askerId: message.author.id, channelId: message.channelId, kind: 'dm', firstNumber: 1 })),
    );
    await linkAnswerMessages(ctx, composed.answerId, await sendMessageReply(message, composed.parts));
  } finally {
    place.release();
  }
}
