/**
 * Files that hold secrets rather than articles: never indexed, whatever their extension, so a
 * key dropped into the corpus folder cannot end up quoted. Judged by name first (nothing is read),
 * then by content for what names miss.
 */

/** `.env`, `.env.local`, `.npmrc`, `.netrc`, `.pgpass`, `.git-credentials`, `credentials`, SSH keys. */
const SECRET_BASENAME = /^(?:\.env(?:\..*)?|\.npmrc(?:\..*)?|\.netrc(?:\..*)?|\.pgpass(?:\..*)?|\.git-credentials(?:\..*)?|credentials(?:\..*)?|id_(?:rsa|dsa|ecdsa|ed25519)(?:\..*)?)$/i;
/** Key and certificate-store extensions, anywhere after the first dot: `tls.key.md` is still a key. */
const SECRET_EXTENSION = /^(?:pem|key|p12|pfx|jks|keystore|kdbx|ppk|asc|gpg)$/i;
/** Folders whose files are credentials by convention. */
const SECRET_FOLDER = /^\.(?:ssh|gnupg|aws|azure|docker|kube)$/i;
const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;

/** Why a file or folder name marks it as a secret, or null for an ordinary name. */
export function secretNameReason(name: string, isFolder: boolean): string | null {
  if (isFolder) return SECRET_FOLDER.test(name) ? 'is a folder of credentials' : null;
  if (SECRET_BASENAME.test(name)) return 'looks like a secret (credentials or settings file)';
  const extensions = name.split('.').slice(1);
  if (extensions.some((extension) => SECRET_EXTENSION.test(extension))) return 'looks like a secret (a key or certificate file)';
  return null;
}

/** Why a file's text marks it as a secret, or null. */
export function secretContentReason(text: string): string | null {
  return PRIVATE_KEY.test(text) ? 'contains a private key' : null;
}
