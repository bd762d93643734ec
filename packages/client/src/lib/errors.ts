import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

/** What went wrong with a request, by the server's `extensions.code` (never by message text). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'QUERY_TOO_COMPLEX'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR'
  | 'NETWORK';

interface Extensions {
  code?: unknown;
  fields?: unknown;
  currentVersion?: unknown;
}

function extensionsOf(error: unknown): Extensions[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => (e.extensions ?? {}) as Extensions);
  return [];
}

/** The most telling code of an error from Apollo Client. */
export function errorCode(error: unknown): ErrorCode | undefined {
  if (!error) return undefined;
  const codes = extensionsOf(error).map((e) => e.code);
  for (const code of [
    'UNAUTHENTICATED',
    'FORBIDDEN',
    'CONFLICT',
    'BAD_USER_INPUT',
    'NOT_FOUND',
    'RATE_LIMITED',
    'QUERY_TOO_COMPLEX',
  ] as const) {
    if (codes.includes(code)) return code;
  }
  if (ServerError.is(error) && error.statusCode === 401) return 'UNAUTHENTICATED';
  if (ServerError.is(error) && error.statusCode === 403) return 'FORBIDDEN';
  if (ServerError.is(error) && error.statusCode === 429) return 'RATE_LIMITED';
  if (codes.length > 0) return 'INTERNAL_SERVER_ERROR';
  return 'NETWORK';
}

/** BAD_USER_INPUT problems keyed by input field name (e.g. `dueDate`), to show beside each form field. */
export type FieldErrors = Record<string, string>;

export function fieldErrors(error: unknown): FieldErrors {
  const result: FieldErrors = {};
  for (const extensions of extensionsOf(error)) {
    if (extensions.code !== 'BAD_USER_INPUT' || !Array.isArray(extensions.fields)) continue;
    for (const entry of extensions.fields) {
      if (entry && typeof entry === 'object' && 'field' in entry && 'message' in entry) {
        const field = String((entry as { field: unknown }).field);
        // `evidence.0.url` and `input.dueDate` both land on their form field.
        const key = field.replace(/^input\./, '');
        result[key] = result[key] ? `${result[key]}; ${String(entry.message)}` : String(entry.message);
      }
    }
  }
  return result;
}

/** The version a CONFLICT error says the record is at now, if it is one. */
export function conflictVersion(error: unknown): number | undefined {
  for (const extensions of extensionsOf(error)) {
    if (extensions.code === 'CONFLICT') {
      return typeof extensions.currentVersion === 'number' ? extensions.currentVersion : -1;
    }
  }
  return undefined;
}
