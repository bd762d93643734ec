/** Requests to the REST routes beside /graphql (files, imports): their JSON errors, and uploads with progress. */

import {
  type ErrorCode,
  fieldLabel,
  formField,
  PROBLEM_CODES,
  type ProblemCode,
  problemText,
  type Translate,
} from './errors.js';
import i18next from 'i18next';

/** A refusal from a REST route: its code, the server's own message (English) and each field's problem. */
export interface RestError {
  status: number;
  code: ErrorCode;
  message: string | null;
  fields: { field: string; message: string; code: string | null; params?: Record<string, unknown> }[];
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
          ...(f.params && typeof f.params === 'object' && !Array.isArray(f.params)
            ? { params: f.params as Record<string, unknown> }
            : {}),
        }))
    : [];
  const message = fields.length
    ? fields.map((f) => f.message).join('; ')
    : typeof error?.message === 'string'
      ? error.message
      : null;
  return { status, code, message, fields };
}

const current: Translate = (key, options) => i18next.t(key, options ?? {}) as string;

/** The problems of the uploaded file itself that have a sentence of their own (`files.problem.*`). */
const FILE_PROBLEMS: readonly string[] = ['TOO_LONG', 'REQUIRED', 'INVALID_FORMAT'];

/**
 * A REST refusal in the reader's language, from the client catalogues only (never the server's English):
 * each field problem by its code (`problems.*`; the uploaded file's own by `files.problem.*`), named by its
 * field's label when it is not the file; otherwise the error code's general sentence (`errors.*.body`).
 */
export function restErrorText(error: RestError, t: Translate = current): string[] {
  if (error.code === 'BAD_USER_INPUT' && error.fields.length > 0) {
    const sentences: string[] = [];
    for (const problem of error.fields) {
      const field = formField(problem.field);
      const code: ProblemCode = (PROBLEM_CODES as readonly string[]).includes(problem.code ?? '')
        ? (problem.code as ProblemCode)
        : 'INVALID';
      let text: string;
      if (field === 'file') {
        text = FILE_PROBLEMS.includes(code)
          ? t(`files.problem.${code}`)
          : problemText({ code, params: problem.params ?? {} }, t);
      } else {
        const label = fieldLabel(field, t);
        const sentence = problemText({ code, params: problem.params ?? {} }, t);
        text = label ? `${label}: ${sentence}` : sentence;
      }
      if (!sentences.includes(text)) sentences.push(text);
    }
    return sentences;
  }
  return [t(`errors.${error.code}.body`)];
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
