/**
 * pdf.js, loaded on the first PDF. Its Node build (and the worker module it loads on the first
 * document) brings core-js polyfills, one of which replaces the native `Array.prototype.push` of the
 * whole process with a script function about three times slower: at 100,000 articles it was 8% of
 * every answer's time in a bot that had read no PDF at all. Both modules are loaded together here
 * (the worker then runs in this thread, as it would anyway in Node) and the native `push` is put
 * back; the polyfill only corrects a corner of the spec (arrays whose length is read-only) that
 * pdf.js does not use. Loading on demand also keeps pdf.js out of the bot's start.
 */
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | undefined;

export function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const push = Object.getOwnPropertyDescriptor(Array.prototype, 'push')!;
    try {
      const [pdfjs] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('pdfjs-dist/legacy/build/pdf.worker.mjs')]);
      return pdfjs;
    } finally {
      Object.defineProperty(Array.prototype, 'push', push);
    }
  })();
  return loading;
}
