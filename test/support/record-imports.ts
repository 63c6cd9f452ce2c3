/**
 * Loaded with `node --import tsx --import ./test/support/record-imports.ts ...`: appends the URL of
 * every module the process (and its worker threads) resolves to the file named by RECORD_IMPORTS,
 * so a test can tell which packages a command really loaded.
 */
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (process.env.RECORD_IMPORTS) appendFileSync(process.env.RECORD_IMPORTS, result.url + '\\n');
  return result;
}`;

register(`data:text/javascript,${encodeURIComponent(hooks)}`);
