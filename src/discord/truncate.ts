const ELLIPSIS = '…';

/**
 * Shortens text to at most `max` characters, cutting at the last word boundary and adding an
 * ellipsis, so a reader sees that words are missing rather than a word cut in half.
 */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, max);
  const room = text.slice(0, max - ELLIPSIS.length + 1);
  const boundary = room.search(/\s\S*$/);
  // A single word longer than the room has no boundary to cut at: cut it.
  const kept = boundary > 0 ? room.slice(0, boundary) : room.slice(0, max - ELLIPSIS.length);
  return `${kept.trimEnd()}${ELLIPSIS}`;
}
