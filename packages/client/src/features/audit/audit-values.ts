import { formatDate, formatDateTime, formatNumber, formatPercent, type Language } from '../../lib/format.js';

/** How audit values are put into words; kept apart from the components so that it can be tested alone. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ValueWords {
  language: Language;
  yesNo: [string, string];
  /** An enum value in words, given the field it belongs to. */
  name: (value: string, field: string) => string;
  /** What a referenced record is called, by the id recorded in `changes`. */
  reference: (id: string) => string | null;
  removed: string;
  gcm: (number: number) => string;
}

/**
 * One recorded value in words: empty as a dash; lists joined; records by name (never an id); calendar dates
 * and instants as the page shows them (Phnom Penh); enum values from their catalogues; counts in the reader's
 * digits; else the text.
 */
export function formatAuditValue(value: unknown, field: string, words: ValueWords): string {
  const { language } = words;
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) {
    return value.length ? value.map((v) => formatAuditValue(v, field, words)).join(', ') : '—';
  }
  if (typeof value === 'boolean') return value ? words.yesNo[0] : words.yesNo[1];
  if (typeof value === 'number') {
    if (field === 'gcmObjectives') return words.gcm(value);
    if (field === 'progress') return formatPercent(value, language);
    return formatNumber(value, language);
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const shown = record.title ?? record.fileName ?? record.url ?? record.label;
    return typeof shown === 'string' && shown ? shown : JSON.stringify(value);
  }
  const text = String(value);
  if (UUID.test(text)) return words.reference(text) ?? words.removed;
  if (/^[A-Z][A-Z_]+$/.test(text)) return words.name(text, field);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return formatDate(text, language);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return formatDateTime(text, language);
  return text;
}
