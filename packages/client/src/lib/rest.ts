/** Requests to the REST routes beside /graphql (files, imports): their JSON errors, and uploads with progress. */

import type { ErrorCode } from './errors.js';

/** A refusal from a REST route: its code, the server's own message (English) and each field's problem. */
export interface RestError {
  status: number;
  code: ErrorCode;
  message: string | null;
  fields: { field: string; message: string; code: string | null }[];
}

const KNOWN: readonly ErrorCode[] = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
];

const byStatus = (status: number): ErrorCode =>
  status === 0
    ? 'NETWORK'
    : status === 401
      ? 'UNAUTHENTICATED'
      : status === 403
        ? 'FORBIDDEN'
        : status === 404
          ? 'NOT_FOUND'
          : status === 409
            ? 'CONFLICT'
            : status === 429
              ? 'RATE_LIMITED'
              : status >= 400 && status < 500
                ? 'BAD_USER_INPUT'
                : 'INTERNAL_SERVER_ERROR';

/**
 * Reads a REST route's error answer, `{ errors: [{ message, extensions: { code, fields } }] }`, tolerating
 * anything else (a proxy's HTML page): the code then comes from the HTTP status.
 */
export function restError(status: number, body: string): RestError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = null;
  }
  const first = (parsed as { errors?: unknown } | null)?.errors;
  const error = Array.isArray(first) ? (first[0] as Record<string, unknown> | undefined) : undefined;
  const extensions = (error?.extensions ?? {}) as { code?: unknown; fields?: unknown };
  const code = KNOWN.includes(extensions.code as ErrorCode) ? (extensions.code as ErrorCode) : byStatus(status);
  const fields = Array.isArray(extensions.fields)
    ? extensions.fields
        .filter((f): f is Record<string, unknown> => !!f && typeof f === 'object')
        .map((f) => ({
          field: String(f.field ?? ''),
          message: String(f.message ?? ''),
          code: typeof f.code === 'string' ? f.code : null,
        }))
    : [];
  const message = fields.length
    ? fields.map((f) => f.message).join('; ')
    : typeof error?.message === 'string'
      ? error.message
      : null;
  return { status, code, message, fields };
}

/** Thrown by `sendFile` when the server refuses or cannot be reached. */
export class RestRequestError extends Error {
  constructor(readonly details: RestError) {
    super(details.message ?? details.code);
  }
}

/**
 * POSTs one file as multipart field `file` with the session cookie, reporting upload progress (0–1), and
 * resolves with the parsed JSON answer. XMLHttpRequest, because fetch cannot report upload progress.
 */
export function sendFile<T>(
  url: string,
  file: File,
  {
    onProgress,
    signal,
    language,
  }: { onProgress?: (fraction: number) => void; signal?: AbortSignal; language?: string } = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.withCredentials = true;
    request.setRequestHeader('Accept', 'application/json');
    if (language) request.setRequestHeader('Accept-Language', language);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        try {
          resolve(JSON.parse(request.responseText) as T);
        } catch {
          reject(new RestRequestError(restError(500, '')));
        }
      } else {
        reject(new RestRequestError(restError(request.status, request.responseText)));
      }
    };
    request.onerror = () => reject(new RestRequestError(restError(0, '')));
    request.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}
