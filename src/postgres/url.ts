/** A database URL as messages and logs may show it: without its password. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return 'DATABASE_URL (not a valid URL)';
  }
}
