import type { Problems } from './errors.js';

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
  if (trimmed.length > max) problems.add(field, `must be at most ${max} characters, got ${trimmed.length}`, 'TOO_LONG');
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
