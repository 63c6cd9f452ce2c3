// pdf.js's worker module ships without types; quotebot only imports it for its side effect (see pdfjs.ts).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
