/** What an evidence file may be before it is sent, and how files and their sizes are named. The server decides in the end. */

import { khmerDigits, type Language } from './format.js';

/** The server's default cap (PRACHUM_MAX_UPLOAD_MB); it does not announce its own, so its refusal is shown too. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/** The kinds of file the server accepts as evidence, by content type, with the extensions a picker offers. */
export const EVIDENCE_TYPES = {
  'application/pdf': { kind: 'pdf', extensions: ['pdf'] },
  'image/png': { kind: 'image', extensions: ['png'] },
  'image/jpeg': { kind: 'image', extensions: ['jpg', 'jpeg'] },
  'image/webp': { kind: 'image', extensions: ['webp'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { kind: 'word', extensions: ['docx'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { kind: 'excel', extensions: ['xlsx'] },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    kind: 'powerpoint',
    extensions: ['pptx'],
  },
  'application/vnd.oasis.opendocument.text': { kind: 'odt', extensions: ['odt'] },
  'text/csv': { kind: 'csv', extensions: ['csv'] },
  'text/plain': { kind: 'text', extensions: ['txt'] },
} as const;

export type FileKind = (typeof EVIDENCE_TYPES)[keyof typeof EVIDENCE_TYPES]['kind'] | 'other';

/** The `accept` attribute of a file picker for evidence. */
export const EVIDENCE_ACCEPT = [
  ...Object.keys(EVIDENCE_TYPES),
  ...Object.values(EVIDENCE_TYPES).flatMap((type) => type.extensions.map((extension) => `.${extension}`)),
].join(',');

const extensionOf = (name: string) => (/\.([^.]+)$/.exec(name)?.[1] ?? '').toLowerCase();

/** Why a file is refused before it is sent, or null when it may be sent. */
export type FileRefusal = 'EMPTY' | 'TOO_LARGE' | 'WRONG_TYPE';

/**
 * Checks a picked file the way the server will: not empty, at most `maxBytes`, and one of the allowed types by
 * its browser-given type or, when the browser gives none (CSV on some systems), by its extension.
 */
export function checkFile(
  file: { name: string; size: number; type: string },
  maxBytes = MAX_UPLOAD_BYTES,
): FileRefusal | null {
  if (file.size === 0) return 'EMPTY';
  if (file.size > maxBytes) return 'TOO_LARGE';
  const type = file.type.split(';')[0]!.trim().toLowerCase();
  const extension = extensionOf(file.name);
  const byType = type in EVIDENCE_TYPES;
  const byExtension = Object.values(EVIDENCE_TYPES).some((t) =>
    (t.extensions as readonly string[]).includes(extension),
  );
  // Spreadsheets and text are often given a generic or vendor type (application/vnd.ms-excel for .csv).
  if (
    byType ||
    (byExtension && (type === '' || type === 'application/octet-stream' || type.startsWith('application/vnd.ms-excel')))
  )
    return null;
  return 'WRONG_TYPE';
}

/** The kind of a stored file by its content type, to name it in words ("PDF", "Word document"). */
export function fileKind(contentType: string | null | undefined): FileKind {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type in EVIDENCE_TYPES ? EVIDENCE_TYPES[type as keyof typeof EVIDENCE_TYPES].kind : 'other';
}

/** Whether a content type is an image the browser can show (thumbnails and previews). */
export function isImage(contentType: string | null | undefined): boolean {
  return fileKind(contentType) === 'image';
}

/** A size in bytes as people read it: "840 B", "12 KB", "3.4 MB" (1024-based, as file managers show); Khmer digits in Khmer. */
export function formatSize(bytes: number, language: Language): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const rounded = value.toFixed(digits).replace(/\.0$/, '');
  const text = `${rounded} ${units[unit]}`;
  return language === 'km' ? khmerDigits(text) : text;
}

/** The cap in whole megabytes, for messages ("at most 25 MB"). */
export function megabytes(bytes: number): number {
  return Math.round(bytes / (1024 * 1024));
}
