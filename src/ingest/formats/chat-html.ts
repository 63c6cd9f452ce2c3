import { shownText as shown } from './html-metadata.js';

/**
 * Chats exported as web pages, which Readability would take for a page's clutter: a Discord
 * channel by DiscordChatExporter (its default format: the preamble's entries, the server then
 * `Category / #channel`, and each message group's author over its messages with their time
 * stamps) and a Telegram chat by Telegram Desktop (`messages.html`: the chat's name in the page
 * header, each message's sender, its full time stamp in the title of its time, and its text; a
 * message that follows one of the same sender's shows no name). Either is turned into
 * DiscordChatExporter's plain text, which the chat reader reads (see chat-export).
 */

interface ChatElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
  matches(selector: string): boolean;
  querySelector(selector: string): ChatElement | null;
  querySelectorAll(selector: string): Iterable<ChatElement>;
}

type ChatDocument = Pick<ChatElement, 'querySelector' | 'querySelectorAll'>;


/** One message as the plain-text export writes it, or nothing when a part is missing. */
const messageLines = (stamp: string, author: string, text: string): string[] => (author !== '' && stamp !== '' && text !== '' ? [`[${stamp}] ${author}`, text, ''] : []);

function discordChatlog(document: ChatDocument): string[] | null {
  if (!document.querySelector('.chatlog .chatlog__message-container')) return null;
  const [server, channel] = [...document.querySelectorAll('.preamble__entry')].map(shown);
  const lines = [`Guild: ${server ?? ''}`, `Channel: ${channel ?? server ?? ''}`, ''];
  for (const group of document.querySelectorAll('.chatlog__message-group')) {
    const author = shown(group.querySelector('.chatlog__author'));
    for (const message of group.querySelectorAll('.chatlog__message-container')) {
      // A group's later messages show the time alone; their full time stamp is in its title.
      const stamp = shown(message.querySelector('.chatlog__timestamp')) || (message.querySelector('.chatlog__short-timestamp')?.getAttribute('title') ?? '').trim();
      lines.push(...messageLines(stamp, author, shown(message.querySelector('.chatlog__content'))));
    }
  }
  return lines;
}

function telegramHistory(document: ChatDocument): string[] | null {
  if (!document.querySelector('.history .message.default .from_name')) return null;
  const lines = [`Channel: ${shown(document.querySelector('.page_header .text'))}`, ''];
  let author = '';
  for (const message of document.querySelectorAll('.history .message.default')) {
    if (!message.matches('.joined')) author = shown(message.querySelector('.body > .from_name'));
    // `12.05.2023 19:02:41 UTC+01:00`: the day and time as the sender's app showed them.
    const stamp = (message.querySelector('.date.details')?.getAttribute('title') ?? '').replace(/\s+UTC.*$/, '').trim();
    lines.push(...messageLines(stamp, author, shown(message.querySelector('.body > .text'))));
  }
  return lines;
}

/** An exported chat page as DiscordChatExporter's plain text, or null for other pages. */
export function chatPageAsText(document: ChatDocument): string | null {
  return (discordChatlog(document) ?? telegramHistory(document))?.join('\n') ?? null;
}
