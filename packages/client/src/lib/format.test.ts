import { describe, expect, it } from 'vitest';
import { dayInPhnomPenh, formatDate, formatDateTime, fromWallTime, pickText, toWallTime } from './format.js';

describe('dates in Asia/Phnom_Penh', () => {
  it('shows instants in Cambodian time whatever the browser zone', () => {
    // 2023-11-01 02:00 UTC is 09:00 in Phnom Penh.
    expect(formatDateTime('2023-11-01T02:00:00Z', 'en')).toMatch(/1 Nov 2023.*09:00/);
  });

  it('writes Khmer dates with Khmer month names and digits', () => {
    expect(formatDateTime('2023-11-01T02:00:00Z', 'km')).toBe('១ វិច្ឆិកា ២០២៣ ម៉ោង ០៩:០០');
    expect(formatDate('2024-03-31', 'km')).toBe('៣១ មីនា ២០២៤');
  });

  it('names the Phnom Penh day of an instant', () => {
    expect(dayInPhnomPenh('2023-11-01T18:30:00Z')).toBe('2023-11-02');
    expect(dayInPhnomPenh('2023-11-01T16:59:00Z')).toBe('2023-11-01');
  });

  it('never shifts a calendar date', () => {
    expect(formatDate('2024-03-31', 'en')).toMatch(/31 Mar 2024/);
  });

  it('round-trips wall time typed into a datetime-local input', () => {
    expect(fromWallTime('2023-11-01T09:00')).toBe('2023-11-01T02:00:00.000Z');
    expect(toWallTime('2023-11-01T02:00:00.000Z')).toBe('2023-11-01T09:00');
    expect(fromWallTime('yesterday')).toBeNull();
  });
});

describe('bilingual record text', () => {
  it('prefers the reader language and falls back to the other', () => {
    expect(pickText('km', 'Review', 'ការពិនិត្យ')).toEqual({ text: 'ការពិនិត្យ', lang: 'km' });
    expect(pickText('en', 'Review', 'ការពិនិត្យ')).toEqual({ text: 'Review', lang: 'en' });
    expect(pickText('en', '', 'ការពិនិត្យ')).toEqual({ text: 'ការពិនិត្យ', lang: 'km' });
    expect(pickText('km', null, null)).toBeNull();
  });
});

describe('counts in the reader’s digits', () => {
  it('writes counts and percentages with Khmer digits in Khmer', async () => {
    const { formatNumber, formatPercent } = await import('./format.js');
    expect(formatNumber(1234, 'en')).toBe('1,234');
    expect(formatNumber(1234, 'km')).toBe('១,២៣៤');
    expect(formatPercent(45.4, 'km')).toBe('៤៥%');
    expect(formatPercent(100, 'en')).toBe('100%');
  });
});

describe('dates typed the way they are shown', () => {
  it('reads the displayed forms in English and Khmer, and day-first numbers', async () => {
    const { formatDate, parseTypedDate } = await import('./format.js');
    expect(parseTypedDate('31 Dec 2026')).toBe('2026-12-31');
    expect(parseTypedDate('31 December 2026')).toBe('2026-12-31');
    expect(parseTypedDate(formatDate('2026-03-01', 'km'))).toBe('2026-03-01');
    expect(parseTypedDate('៣១ ធ្នូ ២០២៦')).toBe('2026-12-31');
    expect(parseTypedDate('31/12/2026')).toBe('2026-12-31');
    expect(parseTypedDate('2026-12-31')).toBe('2026-12-31');
    expect(parseTypedDate(formatDate('2027-06-30', 'en'))).toBe('2027-06-30');
  });

  it('refuses what is not a real date', async () => {
    const { parseTypedDate } = await import('./format.js');
    expect(parseTypedDate('30 Feb 2026')).toBeNull();
    expect(parseTypedDate('tomorrow')).toBeNull();
    expect(parseTypedDate('12/31/2026')).toBeNull();
    expect(parseTypedDate('')).toBeNull();
  });
});

describe('date and time typed the way they are shown', () => {
  it('reads the displayed forms in English and Khmer back to the same Phnom Penh wall time', async () => {
    const { formatWallTime, parseTypedDateTime } = await import('./format.js');
    expect(formatWallTime('2026-12-15T09:00', 'en')).toBe('15 Dec 2026, 09:00');
    expect(parseTypedDateTime(formatWallTime('2026-12-15T09:00', 'en'))).toBe('2026-12-15T09:00');
    expect(parseTypedDateTime(formatWallTime('2026-12-15T14:30', 'km'))).toBe('2026-12-15T14:30');
    expect(parseTypedDateTime('១៥ ធ្នូ ២០២៦ ម៉ោង ០៩:០០')).toBe('2026-12-15T09:00');
    expect(parseTypedDateTime('15/12/2026 9:00')).toBe('2026-12-15T09:00');
    expect(parseTypedDateTime('15 December 2026 2:30 pm')).toBe('2026-12-15T14:30');
    expect(parseTypedDateTime('15 Dec 2026 12:05 am')).toBe('2026-12-15T00:05');
    expect(parseTypedDateTime('2026-12-15T09:00')).toBe('2026-12-15T09:00');
  });

  it('refuses a date without a time, an impossible time or an impossible date', async () => {
    const { parseTypedDateTime } = await import('./format.js');
    expect(parseTypedDateTime('15 Dec 2026')).toBeNull();
    expect(parseTypedDateTime('15 Dec 2026, 24:00')).toBeNull();
    expect(parseTypedDateTime('15 Dec 2026, 09:60')).toBeNull();
    expect(parseTypedDateTime('15 Dec 2026, 13:00 pm')).toBeNull();
    expect(parseTypedDateTime('30 Feb 2026, 09:00')).toBeNull();
    expect(parseTypedDateTime('')).toBeNull();
  });
});
