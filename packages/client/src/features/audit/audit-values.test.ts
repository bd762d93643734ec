import { describe, expect, it } from 'vitest';
import { formatAuditValue, type ValueWords } from './audit-values.js';

const person = '0b8e8f0e-7a0e-4c51-9d0c-3f1a2b3c4d5e';
const removed = '11111111-2222-4333-8444-555555555555';

function words(language: 'en' | 'km'): ValueWords {
  return {
    language,
    yesNo: language === 'km' ? ['បាទ/ចាស', 'ទេ'] : ['Yes', 'No'],
    name: (value, field) => (field === 'sex' && value === 'FEMALE' ? (language === 'km' ? 'ស្រី' : 'Female') : value),
    reference: (id) => (id === person ? (language === 'km' ? 'សុខ ចាន់ធា' : 'Sok Chantha') : null),
    removed: language === 'km' ? '(បានដកចេញ)' : '(removed)',
    gcm: (number) => `GCM ${number}`,
  };
}

describe('audit values in words', () => {
  it('names people and organisations instead of showing their ids', () => {
    expect(formatAuditValue(person, 'presenter', words('en'))).toBe('Sok Chantha');
    expect(formatAuditValue(person, 'presenter', words('km'))).toBe('សុខ ចាន់ធា');
    expect(formatAuditValue(removed, 'presenter', words('en'))).toBe('(removed)');
    expect(formatAuditValue([person, removed], 'supportingOrganizations', words('en'))).toBe('Sok Chantha, (removed)');
  });

  it('writes calendar dates and instants as the pages do, in Phnom Penh time', () => {
    expect(formatAuditValue('2026-12-31', 'dueDate', words('en'))).toMatch(/31 Dec 2026/);
    expect(formatAuditValue('2026-12-31', 'dueDate', words('km'))).toBe('៣១ ធ្នូ ២០២៦');
    expect(formatAuditValue('2023-11-01T02:00:00.000Z', 'startsAt', words('km'))).toBe('១ វិច្ឆិកា ២០២៣ ម៉ោង ០៩:០០');
  });

  it('uses the catalogues for enum values and the reader’s digits for counts', () => {
    expect(formatAuditValue('FEMALE', 'sex', words('km'))).toBe('ស្រី');
    expect(formatAuditValue(45, 'progress', words('km'))).toBe('៤៥%');
    expect(formatAuditValue(3, 'position', words('km'))).toBe('៣');
    expect(formatAuditValue(true, 'active', words('en'))).toBe('Yes');
    expect(formatAuditValue(null, 'location', words('en'))).toBe('—');
    expect(formatAuditValue([1, 7], 'gcmObjectives', words('en'))).toBe('GCM 1, GCM 7');
  });
});
