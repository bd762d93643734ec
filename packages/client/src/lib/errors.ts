import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import i18next from 'i18next';
import { khmerDigits } from './format.js';

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

/**
 * The field problem codes the client translates (the server's FIELD_PROBLEM_CODES, src/errors.ts;
 * a unit test keeps the two lists equal). A code not listed here is shown as INVALID.
 */
export const PROBLEM_CODES = [
  'INVALID',
  'REQUIRED',
  'TOO_LONG',
  'INVALID_FORMAT',
  'INVALID_CHARACTER',
  'INVALID_CHOICE',
  'OUT_OF_RANGE',
  'END_BEFORE_START',
  'TOO_MANY',
  'INVALID_COMBINATION',
  'NOT_FOUND_REFERENCE',
  'DUPLICATE',
  'CIRCULAR_REFERENCE',
  'INVALID_STATE',
  'UNKNOWN_FIELD',
  'INVALID_DATE',
  'NOT_ALLOWED',
  'VISIBILITY_ABOVE_MEETING',
  'VISIBILITY_BELOW_COMMITMENTS',
  'IN_USE',
  'CANCEL_INSTEAD',
  'EVIDENCE_REQUIRED',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One field problem as the server sends it: the field, a stable code, its parameters and English text. */
export interface FieldProblem {
  /** The input field, relative to the mutation's `input` (`title`, `evidence.0.url`). */
  field: string;
  code: ProblemCode;
  params: Record<string, unknown>;
  /** The server's English text: never shown to people when the code is known. */
  message: string;
}

interface Extensions {
  code?: unknown;
  fields?: unknown;
  currentVersion?: unknown;
  retryAfter?: unknown;
}

function extensionsOf(error: unknown): Extensions[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => (e.extensions ?? {}) as Extensions);
  return [];
}

/** Translates a catalogue key: `t` from useTranslation, or i18next's current language by default. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;
const current: Translate = (key, options) => i18next.t(key, options ?? {}) as string;

/** The most telling code of an error from Apollo Client. */
export function errorCode(error: unknown): ErrorCode | undefined {
  if (!error) return undefined;
  const codes = extensionsOf(error).map((e) => e.code);
  // GraphQL's own refusal of a variable (an invalid date-time, a wrong enum value) is bad input too.
  if (codes.includes('GRAPHQL_VALIDATION_FAILED') || codes.includes('BAD_REQUEST')) {
    if (!codes.some((c) => c === 'UNAUTHENTICATED' || c === 'FORBIDDEN' || c === 'CONFLICT')) return 'BAD_USER_INPUT';
  }
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

/** A field path as the form knows it: `input.dueDate` → `dueDate`, `evidence[0].url` → `evidence.0.url`. */
export function formField(field: string): string {
  return field
    .replace(/^input\./, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '');
}

function isProblemCode(code: unknown): code is ProblemCode {
  return typeof code === 'string' && (PROBLEM_CODES as readonly string[]).includes(code);
}

/** Every BAD_USER_INPUT field problem of an error, in the order the server gave them. */
export function fieldProblems(error: unknown): FieldProblem[] {
  const result: FieldProblem[] = [];
  for (const extensions of extensionsOf(error)) {
    if (extensions.code !== 'BAD_USER_INPUT' || !Array.isArray(extensions.fields)) continue;
    for (const entry of extensions.fields) {
      if (!entry || typeof entry !== 'object' || !('field' in entry)) continue;
      const { field, code, params, message } = entry as Record<string, unknown>;
      result.push({
        field: formField(String(field)),
        code: isProblemCode(code) ? code : 'INVALID',
        params:
          params && typeof params === 'object' && !Array.isArray(params) ? (params as Record<string, unknown>) : {},
        message: typeof message === 'string' ? message : '',
      });
    }
  }
  return result;
}

/** Catalogues that name the enum values a problem's parameters may hold (`PARTNERS`, `READ`). */
const VALUE_CATALOGUES = ['visibility', 'tokens.scopes', 'commitmentStatus', 'meetingStatus', 'role'];

/** One parameter in words: counts in the reader's digits, enum values by their catalogue name, lists joined. */
function localParam(value: unknown, language: string, t: Translate): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const parts = value.map((v) => localParam(v, language, t)).filter((v): v is string => v !== undefined);
    return parts.join(language === 'km' ? ' ' : ', ');
  }
  if (typeof value === 'object') return undefined;
  const text = String(value);
  if (typeof value === 'string' && /^[A-Z][A-Z_]+$/.test(text)) {
    for (const group of VALUE_CATALOGUES) if (i18next.exists(`${group}.${text}`)) return t(`${group}.${text}`);
  }
  return language === 'km' && /^[\d.,\s-]+$/.test(text) ? khmerDigits(text) : text;
}

/**
 * A field problem in the viewer's language, from the client catalogues (`problems.*`). A problem whose
 * parameters the catalogue can use says them (`problems.TOO_LONG_max`, `problems.OUT_OF_RANGE_between`);
 * anything else gets the code's general sentence.
 */
export function problemText(problem: Pick<FieldProblem, 'code' | 'params'>, t: Translate = current): string {
  const language = i18next.resolvedLanguage ?? i18next.language ?? 'en';
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(problem.params)) {
    const text = localParam(value, language, t);
    if (text !== undefined && text !== '') params[key] = text;
  }
  const variants: string[] = [];
  if (params.min !== undefined && params.max !== undefined) variants.push('between');
  variants.push(...Object.keys(params).sort());
  for (const variant of variants) {
    const key = `problems.${problem.code}_${variant}`;
    if (i18next.exists(key)) return t(key, params);
  }
  return t(`problems.${problem.code}`, params);
}

/** BAD_USER_INPUT problems keyed by form field name (e.g. `dueDate`), in the viewer's language, to show beside each field. */
export type FieldErrors = Record<string, string>;

/** Each field's problems as sentences from the client catalogues (never the server's English text). */
export function fieldErrors(error: unknown, t: Translate = current): FieldErrors {
  const result: FieldErrors = {};
  for (const problem of fieldProblems(error)) {
    const text = problemText(problem, t);
    const key = problem.field;
    if (!result[key]) result[key] = text;
    else if (!result[key].split(' · ').includes(text)) result[key] = `${result[key]} · ${text}`;
  }
  return result;
}

/** The problems a form cannot show beside one of its fields: each named by the field's label, never its API name. */
export function unplacedProblems(error: unknown, shownFields: readonly string[], t: Translate = current): string[] {
  const shown = new Set(shownFields);
  return fieldProblems(error)
    .filter((problem) => !shown.has(problem.field))
    .map((problem) => {
      const label = fieldLabel(problem.field, t);
      const text = problemText(problem, t);
      return label ? `${label}: ${text}` : text;
    });
}

/** The label of an input field in the viewer's language (`leadOrganizationId` → "Lead organisation"), or null. */
export function fieldLabel(field: string, t: Translate = current): string | null {
  const name = field.split('.')[0] ?? field;
  const candidates = [name, name.replace(/Ids?$/, ''), name.replace(/Ids$/, 's')];
  for (const candidate of candidates) {
    if (i18next.exists(`audit.field.${candidate}`)) return t(`audit.field.${candidate}`);
  }
  return null;
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

/** How many seconds a RATE_LIMITED error asks to wait, when it says. */
export function retryAfterSeconds(error: unknown): number | undefined {
  for (const extensions of extensionsOf(error)) {
    if (extensions.code === 'RATE_LIMITED' && typeof extensions.retryAfter === 'number' && extensions.retryAfter > 0) {
      return Math.ceil(extensions.retryAfter);
    }
  }
  return undefined;
}

/** A rule the browser knows before sending: required, and the server's maximum length (graphql/text-limits.ts). */
export interface TextRule {
  required?: boolean;
  max?: number;
}

/** The server's maximum lengths of the texts the forms send (checked against graphql/text-limits.ts by a test). */
export const TEXT_MAX = {
  title: 500,
  titleKm: 500,
  description: 10_000,
  descriptionKm: 10_000,
  note: 10_000,
  noteKm: 10_000,
  text: 10_000,
  textKm: 10_000,
  minutes: 200_000,
  minutesKm: 200_000,
  reason: 2_000,
  location: 500,
  name: 300,
  nameKm: 300,
  acronym: 40,
  fullName: 200,
  fullNameKm: 200,
  position: 200,
  positionKm: 200,
  positionHeld: 200,
  phone: 40,
  email: 254,
  tokenName: 100,
} as const;

/**
 * Checks texts before they are sent, so that every problem the browser can know shows at once beside its
 * field, in the same words as the server's would. `either` names pairs where one of the two is needed
 * (an English or a Khmer title): the problem is shown on both.
 */
export function checkTexts(
  values: Record<string, { value: string | null | undefined } & TextRule>,
  options: { either?: [string, string][] } = {},
  t: Translate = current,
): FieldErrors {
  const result: FieldErrors = {};
  for (const [field, rule] of Object.entries(values)) {
    const value = (rule.value ?? '').trim();
    if (rule.required && !value) result[field] = problemText({ code: 'REQUIRED', params: {} }, t);
    else if (rule.max !== undefined && value.length > rule.max) {
      result[field] = problemText({ code: 'TOO_LONG', params: { max: rule.max, length: value.length } }, t);
    }
  }
  for (const [a, b] of options.either ?? []) {
    if (!(values[a]?.value ?? '').trim() && !(values[b]?.value ?? '').trim()) {
      const text = t('problems.EITHER_LANGUAGE');
      result[a] = result[a] ?? text;
      result[b] = result[b] ?? text;
    }
  }
  return result;
}

/** Whether a check found anything. */
export const hasProblems = (problems: FieldErrors): boolean => Object.keys(problems).length > 0;
