import { createHash } from 'node:crypto';
import { findSecret, type NamedSecret } from '../config/secrets.js';
import type { IngestProblem } from '../domain.js';
import { DOCUMENT_FILE } from './formats/detect.js';
import { decodeText } from './formats/text.js';
import { DEFAULT_LIMITS, readCorpusFile, type CorpusFileLimits, type CorpusRead } from './corpus-files.js';
import { secretContentReason } from './secret-files.js';

/** Which corpus files are articles and sidecars, and an article's bytes (with its sidecar's text), checked for secrets. */

const SIDECAR_SUFFIX = '.meta.json';

export interface LoadedFile {
  source: string;
  bytes: Uint8Array;
  /** sha256 of the file's bytes followed by its sidecar's bytes. */
  hash: string;
  sidecar: { name: string; text: string } | null;
}

export interface LoadOptions {
  limits?: CorpusFileLimits;
  /** Configured secrets: a file containing one is skipped (named by setting, never by value). */
  secrets?: readonly NamedSecret[];
}

export function isArticleFile(name: string): boolean {
  return DOCUMENT_FILE.test(name) && !name.endsWith(SIDECAR_SUFFIX);
}

export function isSidecarFile(name: string): boolean {
  return name.endsWith(SIDECAR_SUFFIX);
}

/** The sidecar name that belongs to an article file: `a/NAME.txt` -> `a/NAME.meta.json`. */
export function sidecarNameFor(source: string): string {
  return source.replace(DOCUMENT_FILE, SIDECAR_SUFFIX);
}

/** Why text must never be indexed (it holds a configured secret or a private key), or null. */
export function secretInText(text: string, secrets: readonly NamedSecret[]): string | null {
  const secret = findSecret(text, secrets);
  if (secret) return `contains the value of ${secret}, a configured secret; remove it from the file (it is never indexed)`;
  const reason = secretContentReason(text);
  return reason ? `${reason}; it is never indexed` : null;
}

/**
 * The bytes of a read file, or why it cannot be indexed. The raw bytes are searched for secrets
 * here (text, markdown, HTML); what a PDF hides in compressed streams is checked on its extracted
 * text by the caller.
 */
function checkedBytes(read: CorpusRead, secrets: readonly NamedSecret[]): { ok: true; bytes: Uint8Array } | { ok: false; message: string } {
  if ('skipped' in read) return { ok: false, message: read.skipped };
  // latin1 maps each byte to one character: a byte-exact search whatever the file's encoding.
  const reason = secretInText(Buffer.from(read.bytes).toString('latin1'), secrets.map((secret) => ({ ...secret, value: Buffer.from(secret.value).toString('latin1') })));
  return reason ? { ok: false, message: reason } : { ok: true, bytes: read.bytes };
}

/** Turns an article already read (and its sidecar, when it has one) into checked bytes, or the problem that makes it unusable. */
export async function loadCorpusFile(dir: string, read: CorpusRead, sidecars: ReadonlySet<string>, options: LoadOptions = {}): Promise<LoadedFile | IngestProblem> {
  const source = read.path;
  const secrets = options.secrets ?? [];
  const checked = checkedBytes(read, secrets);
  if (!checked.ok) return { source, message: checked.message };
  const hash = createHash('sha256').update(checked.bytes);
  const sidecarName = sidecarNameFor(source);
  let sidecar: LoadedFile['sidecar'] = null;
  if (sidecars.has(sidecarName)) {
    const sidecarRead = await readCorpusFile(dir, sidecarName, options.limits ?? DEFAULT_LIMITS);
    const sidecarBytes = checkedBytes(sidecarRead, secrets);
    if (!sidecarBytes.ok) return { source, message: `sidecar ${sidecarName} ${sidecarBytes.message}` };
    const sidecarText = decodeText(sidecarBytes.bytes);
    if (!sidecarText.ok) return { source, message: `sidecar ${sidecarName} ${sidecarText.message}` };
    hash.update(sidecarBytes.bytes);
    sidecar = { name: sidecarName, text: sidecarText.text };
  }
  return { source, bytes: checked.bytes, hash: hash.digest('hex'), sidecar };
}
