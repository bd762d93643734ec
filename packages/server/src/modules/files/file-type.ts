import { fileTypeFromBuffer } from 'file-type';

/** The types an evidence file may have, by what its content is (never by its name), with their usual extension. */
export const ALLOWED_TYPES = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'text/csv': 'csv',
  'text/plain': 'txt',
} as const;

export type AllowedType = keyof typeof ALLOWED_TYPES;

export const IMAGE_TYPES: readonly AllowedType[] = ['image/png', 'image/jpeg', 'image/webp'];

/** The Content-Type a stored file is served with: its own, with the character set for text. */
export function servedContentType(type: string): string {
  if (type === 'text/csv' || type === 'text/plain') return `${type}; charset=utf-8`;
  return type in ALLOWED_TYPES ? type : 'application/octet-stream';
}

/** Whether bytes are UTF-8 text: valid UTF-8, no NUL, no control characters but tab, line breaks and form feed. */
function isText(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
}

/** CSV when the first lines (at least two) all have the same, non-zero number of one separator. */
function looksLikeCsv(bytes: Buffer): boolean {
  const lines = bytes
    .subarray(0, 64 * 1024)
    .toString('utf8')
    .split(/\r?\n/)
    .slice(0, 20)
    .filter((line, index, all) => line.trim() !== '' && (index < all.length - 1 || all.length === 1));
  if (lines.length < 2) return false;
  return [',', ';', '\t'].some((separator) => {
    // Separators inside quotes do not count.
    const counts = lines.map((line) => line.replace(/"[^"]*"/g, '').split(separator).length - 1);
    return counts[0]! > 0 && counts.every((count) => count === counts[0]);
  });
}

/** The allowed type of some bytes, decided by their content; undefined when it is none of them. */
export async function detectType(bytes: Buffer): Promise<AllowedType | undefined> {
  if (bytes.length === 0) return undefined;
  const found = await fileTypeFromBuffer(bytes);
  if (found) return found.mime in ALLOWED_TYPES ? (found.mime as AllowedType) : undefined;
  if (!isText(bytes)) return undefined;
  return looksLikeCsv(bytes) ? 'text/csv' : 'text/plain';
}

/** A file name fit to store and to send back: no folders, no control characters, at most 200 characters. */
export function cleanFileName(raw: string | undefined, type: AllowedType): string {
  const base = (raw ?? '')
    .split(/[\\/]/)
    .pop()!
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
    .replace(/[\u0000-\u001F\u007F"]/g, '')
    .normalize('NFC')
    .trim();
  const name = base === '' || base === '.' || base === '..' ? `file.${ALLOWED_TYPES[type]}` : base;
  return [...name].slice(0, 200).join('');
}

/** A Content-Disposition header that always makes the browser download: an ASCII name and the UTF-8 one (RFC 6266). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7E]/g, '_').replace(/[\\"]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
