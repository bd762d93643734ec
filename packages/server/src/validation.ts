import type { FieldProblemCode, Problems } from './errors.js';

/** Trims a text input; empty becomes null. Records a problem when it is longer than `max`. */
export function cleanText(
  problems: Problems,
  field: string,
  value: string | null | undefined,
  max: number,
): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const trimmed = value.trim();
  if (trimmed.length > max)
    problems.add(field, `must be at most ${max} characters, got ${trimmed.length}`, 'TOO_LONG', {
      max,
      length: trimmed.length,
    });
  return trimmed === '' ? null : trimmed;
}

/** DESIGN.md §2: a text people read comes in English and Khmer; either may be empty but not both. */
export function requireEnglishOrKhmer(
  problems: Problems,
  field: string,
  english: string | null | undefined,
  khmer: string | null | undefined,
): void {
  if (!english && !khmer)
    problems.add(field, `give the English or the Khmer text (${field} or ${field}Km)`, 'REQUIRED');
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function cleanEmail(
  problems: Problems,
  field: string,
  value: string | null | undefined,
): string | null | undefined {
  const text = cleanText(problems, field, value, 254);
  if (text && !EMAIL.test(text)) problems.add(field, 'is not an e-mail address', 'INVALID_FORMAT');
  return text ? text.toLowerCase() : text;
}

/** An http(s) URL, for evidence links. */
export function cleanUrl(
  problems: Problems,
  field: string,
  value: string | null | undefined,
): string | null | undefined {
  const text = cleanText(problems, field, value, 2000);
  if (!text) return text;
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      problems.add(field, 'must be an http or https link', 'INVALID_FORMAT');
  } catch {
    problems.add(field, 'is not a valid link (e.g. https://example.org/report.pdf)', 'INVALID_FORMAT');
  }
  return text;
}

/** Escapes LIKE wildcards so a search for "50%" finds "50%", not everything. */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * A list's search as a MikroORM condition: any of `fields` contains `search` (case-insensitive, wildcards taken
 * literally); undefined when there is nothing to search for.
 */
export function searchCondition<F extends string>(
  search: string | null | undefined,
  fields: readonly F[],
): { $or: Record<F, { $ilike: string }>[] } | undefined {
  const text = search?.trim();
  if (!text) return undefined;
  const pattern = likePattern(text);
  return { $or: fields.map((field) => ({ [field]: { $ilike: pattern } }) as Record<F, { $ilike: string }>) };
}

/** What is wrong with a text, in the words and codes of field problems. */
export interface TextProblem {
  message: string;
  code: Extract<FieldProblemCode, 'TOO_LONG' | 'INVALID_CHARACTER'>;
  /** For TOO_LONG: the limit and the length sent. */
  params?: { max: number; length: number };
}

/** How a text may look where it enters: its maximum length, and whether it is kept as sent (secrets). */
export interface TextRule {
  /** Longer is refused here. */
  max?: number;
  /** The limit people are told, when `max` leaves the exact check to the service (see graphql/text-limits.ts). */
  limit?: number;
  /** Passwords are compared as typed: checked, but not normalised. */
  verbatim?: boolean;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Checks a text from outside once, where it enters (GraphQL, the REST routes, the CLI): at most
 * `max` characters (UTF-16 code units, as everywhere else), no U+0000 (PostgreSQL cannot store
 * it) and well-formed Unicode (a lone UTF-16 surrogate cannot be stored or encoded). Returns the
 * text in Unicode normalisation form C, or what is wrong with it.
 */
export function checkText(value: string, rule: TextRule = {}): { text: string } | { problem: TextProblem } {
  // Length first: it costs nothing, and the other checks read the whole text.
  if (rule.max !== undefined && value.length > rule.max) {
    const limit = rule.limit ?? rule.max;
    return {
      problem: {
        message: `must be at most ${limit} characters, got ${value.length}`,
        code: 'TOO_LONG',
        params: { max: limit, length: value.length },
      },
    };
  }
  if (value.includes('\u0000'))
    return { problem: { message: 'must not contain the NUL character (U+0000)', code: 'INVALID_CHARACTER' } };
  if (LONE_SURROGATE.test(value))
    return {
      problem: {
        message: 'must be well-formed Unicode (it contains a lone UTF-16 surrogate)',
        code: 'INVALID_CHARACTER',
      },
    };
  return { text: rule.verbatim ? value : value.normalize('NFC') };
}
