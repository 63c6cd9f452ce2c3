/** Reads the multipart bodies discord.js sends when a message has files: `payload_json` plus `files[n]`. */

export interface UploadedFile {
  field: string;
  filename: string;
  size: number;
}

export function parseMultipart(raw: Buffer, contentType: string): { body: unknown; files: UploadedFile[] } {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (!boundary) return { body: undefined, files: [] };
  const delimiter = Buffer.from(`--${boundary}`);
  const files: UploadedFile[] = [];
  let body: unknown;
  let start = raw.indexOf(delimiter);
  while (start !== -1) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = raw.subarray(start + delimiter.length + 2, next - 2); // skip CRLF after delimiter and before next
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const content = part.subarray(headerEnd + 4);
      const field = /name="([^"]*)"/.exec(headers)?.[1] ?? '';
      const filename = /filename="([^"]*)"/.exec(headers)?.[1];
      if (filename !== undefined) files.push({ field, filename, size: content.length });
      else if (field === 'payload_json') body = JSON.parse(content.toString('utf8'));
    }
    start = next;
  }
  return { body, files };
}
