/**
 * A Discord channel exported as a web page by DiscordChatExporter (its default format): the
 * preamble's entries (the server, then `Category / #channel`) and each message group's author
 * over its messages, each with its time stamp and text. Readability would take the chat log for
 * a page's clutter; it is turned into the export's plain text instead, which the chat reader reads
 * (see chat-export).
 */

interface ChatlogElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): ChatlogElement | null;
  querySelectorAll(selector: string): Iterable<ChatlogElement>;
}

const shown = (element: ChatlogElement | null): string => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The chat log of an exported channel as the export's plain text, or null for other pages. */
export function chatlogAsText(document: Pick<ChatlogElement, 'querySelector' | 'querySelectorAll'>): string | null {
  if (!document.querySelector('.chatlog .chatlog__message-container')) return null;
  const [server, channel] = [...document.querySelectorAll('.preamble__entry')].map(shown);
  const lines = [`Guild: ${server ?? ''}`, `Channel: ${channel ?? server ?? ''}`, ''];
  for (const group of document.querySelectorAll('.chatlog__message-group')) {
    const author = shown(group.querySelector('.chatlog__author'));
    for (const message of group.querySelectorAll('.chatlog__message-container')) {
      // A group's later messages show the time alone; their full time stamp is in its title.
      const stamp = shown(message.querySelector('.chatlog__timestamp')) || (message.querySelector('.chatlog__short-timestamp')?.getAttribute('title') ?? '').trim();
      const text = shown(message.querySelector('.chatlog__content'));
      if (author !== '' && stamp !== '' && text !== '') lines.push(`[${stamp}] ${author}`, text, '');
    }
  }
  return lines.join('\n');
}
