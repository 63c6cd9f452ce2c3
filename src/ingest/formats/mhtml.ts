/**
 * A web page saved as one file ("Webpage, Single File" in Chrome and Edge: `.mhtml`, `.mht`): a
 * MIME message whose first part is the page and whose other parts are its images, styles and
 * frames. postal-mime decodes the MIME (quoted-printable, base64, charsets); the page's own HTML
 * is then read like any saved page. The message's Date and Subject are when and under what name
 * the page was saved, not the article's: they are left to the page itself.
 */

/** MIME headers opening the file, declaring a `multipart/related` message (how browsers write MHTML). */
export function looksLikeMhtml(text: string): boolean {
  const headers = text.slice(0, 4096).split(/\r?\n\r?\n/, 1)[0] ?? '';
  return /^mime-version:/im.test(headers) && /^content-type:\s*multipart\/related\b/im.test(headers);
}

export type UnwrappedPage = { ok: true; html: string } | { ok: false; message: string };

/** The HTML an MHTML file saved: the page, then the frames (ads, embeds) it showed. */
export async function unwrapMhtml(bytes: Uint8Array): Promise<UnwrappedPage> {
  let html: string | undefined;
  try {
    // Loaded on the first MHTML file: a command that only answers never reads one.
    const { default: PostalMime } = await import('postal-mime');
    html = (await PostalMime.parse(bytes)).html;
  } catch (error) {
    return { ok: false, message: `is a saved web page (MHTML) whose parts cannot be read (${(error as Error).message}); save the page again or as HTML` };
  }
  if (!html?.trim()) return { ok: false, message: 'is a saved web page (MHTML) without an HTML page in it; nothing to index' };
  // postal-mime joins every HTML part, the page first; the HTML parser reads one document, so the frames after its </html> are left out.
  return { ok: true, html };
}
