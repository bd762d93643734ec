import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  isGcmObjectiveNumber,
  isOverdue,
  OPEN_STATUSES,
  OPEN_STATUSES_SQL,
  phnomPenhInstant,
  phnomPenhTime,
  todayInPhnomPenh,
} from './rules.js';

describe('the committee rules', () => {
  it('counts the day in Phnom Penh, seven hours ahead of UTC', () => {
    expect(todayInPhnomPenh(new Date('2024-03-31T16:59:59Z'))).toBe('2024-03-31');
    expect(todayInPhnomPenh(new Date('2024-03-31T17:00:00Z'))).toBe('2024-04-01');
    expect(phnomPenhInstant('2024-04-01').toISOString()).toBe('2024-03-31T17:00:00.000Z');
    expect(phnomPenhInstant('2024-04-01', true).toISOString()).toBe('2024-04-01T16:59:59.999Z');
    expect(phnomPenhTime(new Date('2023-11-01T02:30:00Z'))).toBe('2023-11-01T09:30:00+07:00');
  });

  it('adds and counts calendar days across months and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2023-12-25', '2024-01-08')).toBe(14);
    expect(daysBetween('2024-01-08', '2023-12-25')).toBe(-14);
  });

  it('calls a commitment overdue only when due before today and still open', () => {
    expect(OPEN_STATUSES).toEqual(['NOT_STARTED', 'IN_PROGRESS', 'AT_RISK']);
    expect(OPEN_STATUSES_SQL).toBe("('NOT_STARTED', 'IN_PROGRESS', 'AT_RISK')");
    const today = '2024-05-10';
    expect(isOverdue({ dueDate: '2024-05-09', status: 'AT_RISK' }, today)).toBe(true);
    expect(isOverdue({ dueDate: '2024-05-10', status: 'AT_RISK' }, today)).toBe(false);
    expect(isOverdue({ dueDate: null, status: 'NOT_STARTED' }, today)).toBe(false);
    for (const status of ['COMPLETED', 'VERIFIED', 'CANCELLED'] as const) {
      expect(isOverdue({ dueDate: '2024-01-01', status }, today)).toBe(false);
    }
  });

  it('knows the GCM objectives are numbered 1 to 23', () => {
    expect([0, 1, 23, 24, 2.5].map(isGcmObjectiveNumber)).toEqual([false, true, true, false, false]);
  });
});
