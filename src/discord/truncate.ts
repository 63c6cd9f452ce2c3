/** Fitting text into a length limit without cutting words in half. */

const ELLIPSIS = '…';

/**
 * Shortens text to at most `max` characters, cutting at the last word boundary and adding an
 * ellipsis, so a reader sees that words are missing rather than a word cut in half. Only when the
 * last boundary would throw away more than half of the room (one enormous "word") is it cut inside.
 */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, max);
  const room = text.slice(0, max - ELLIPSIS.length + 1);
  const boundary = room.search(/\s\S*$/);
  const kept = boundary >= room.length / 2 ? room.slice(0, boundary) : room.slice(0, max - ELLIPSIS.length);
  // Never keep half of a surrogate pair (an emoji cut in two).
  return `${kept.trimEnd().replace(/[\uD800-\uDBFF]$/, '')}${ELLIPSIS}`;
}

/** Renders text, shortening it (at word boundaries, with an ellipsis) until the rendered form fits. */
export function shrinkUntilFits(text: string, max: number, render: (text: string) => string): string {
  let current = text;
  let rendered = render(current);
  // Escaping adds characters, so shorten the raw text until the rendered form fits.
  while (rendered.length > max && current.length > 0) {
    current = truncateAtWord(current, Math.max(0, current.length - Math.max(rendered.length - max, 1) - 1));
    rendered = render(current);
  }
  return rendered;
}
