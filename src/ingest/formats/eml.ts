/**
 * An e-mail saved as a file (`.eml`, as mail programs save or drag out a message): a MIME message
 * that postal-mime decodes (quoted-printable, base64, charsets, encoded headers). Its plain text
 * is read like a mail kept as text, under its own `Subject:`, `From:` and `Date:` lines, so the
 * subject is the title (without `Re:`/`Fwd:`), the sender the author and the day written in the
 * `Date:` header the date; quoted replies and the signature are left out as in any saved mail. A
 * message with only an HTML body is read as a page, titled, signed and dated by its headers.
 */

/** Whether a corpus file is a saved e-mail, by its name. */
export function isMailFile(source: string): boolean {
  return /\.eml$/i.test(source);
}

export interface SavedMail {
  /** The header lines a mail kept as text opens with, then a blank line. */
  header: string;
  /** The plain-text body, or null when the message has only HTML. */
  text: string | null;
  html: string | null;
  subject: string | null;
  from: string | null;
  /** The `Date:` header as written, in the sender's own zone. */
  date: string | null;
}

export type MailResult = { ok: true; mail: SavedMail } | { ok: false; message: string };

/** The parts of a saved e-mail quotebot reads. */
export async function readMailFile(bytes: Uint8Array): Promise<MailResult> {
  let parsed;
  try {
    // Loaded on the first e-mail file: a command that only answers never reads one.
    const { default: PostalMime } = await import('postal-mime');
    parsed = await PostalMime.parse(bytes);
  } catch (error) {
    return { ok: false, message: `is an e-mail (.eml) whose parts cannot be read (${(error as Error).message}); save the message again` };
  }
  const text = parsed.text?.trim() ? parsed.text : null;
  const html = parsed.html?.trim() ? parsed.html : null;
  if (text === null && html === null) return { ok: false, message: 'is an e-mail (.eml) without a text or HTML body; nothing to index' };
  const subject = parsed.subject?.trim() || null;
  const from = parsed.from ? [parsed.from.name, parsed.from.address ? `<${parsed.from.address}>` : ''].filter(Boolean).join(' ').trim() || null : null;
  const date = parsed.headers.find((header) => header.key === 'date')?.value.trim() || null;
  const header = [subject && `Subject: ${subject}`, from && `From: ${from}`, date && `Date: ${date}`].filter(Boolean).join('\n');
  return { ok: true, mail: { header: `${header}\n\n`, text, html, subject, from, date } };
}
