import { describe, expect, it } from 'vitest';
import {
  addDays,
  completionAddsToStatus,
  highCompletionShare,
  newDueDateProblems,
  newestFirst,
  pendingRequest,
  slipOf,
  sumGroups,
} from './due-dates.js';

describe('how far a due date slipped', () => {
  it('says later or earlier by how many days', () => {
    expect(slipOf(45)).toEqual({ direction: 'later', days: 45 });
    expect(slipOf(1)).toEqual({ direction: 'later', days: 1 });
    expect(slipOf(-10)).toEqual({ direction: 'earlier', days: 10 });
  });

  it('says nothing when the due date never moved, and "back on it" when it moved back', () => {
    expect(slipOf(null)).toBeNull();
    expect(slipOf(undefined, 3)).toBeNull();
    expect(slipOf(0)).toBeNull();
    expect(slipOf(0, 2)).toEqual({ direction: 'none', days: 0 });
  });
});

describe('due date changes', () => {
  const changes = [
    { id: 'a', status: 'APPLIED' as const, at: '2024-03-01T02:00:00Z' },
    { id: 'b', status: 'DECLINED' as const, at: '2024-05-01T02:00:00Z' },
    { id: 'c', status: 'REQUESTED' as const, at: '2024-06-01T02:00:00Z' },
  ];

  it('finds the request that waits for the secretariat', () => {
    expect(pendingRequest(changes)?.id).toBe('c');
    expect(pendingRequest(changes.slice(0, 2))).toBeUndefined();
  });

  it('lists them newest first without changing the list it was given', () => {
    expect(newestFirst(changes).map((c) => c.id)).toEqual(['c', 'b', 'a']);
    expect(changes[0].id).toBe('a');
  });

  it('counts calendar days across months and years', () => {
    expect(addDays('2024-01-31', 1)).toBe('2024-02-01');
    expect(addDays('2024-12-31', 30)).toBe('2025-01-30');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('high completion on the OGP IRM scale', () => {
  it('counts substantial and complete over the commitments that are not cancelled', () => {
    const group = {
      total: 10,
      highCompletion: 3,
      byStatus: [
        { status: 'IN_PROGRESS', count: 6 },
        { status: 'VERIFIED', count: 2 },
        { status: 'CANCELLED', count: 2 },
      ],
    };
    expect(highCompletionShare(group)).toEqual({ count: 3, of: 8, percent: 38 });
  });

  it('has no share when everything is cancelled', () => {
    expect(highCompletionShare({ total: 1, highCompletion: 0, byStatus: [{ status: 'CANCELLED', count: 1 }] })).toEqual(
      { count: 0, of: 0, percent: null },
    );
  });

  it('adds groups up', () => {
    const sum = sumGroups([
      {
        total: 2,
        highCompletion: 1,
        byStatus: [
          { status: 'VERIFIED', count: 1 },
          { status: 'CANCELLED', count: 1 },
        ],
      },
      {
        total: 3,
        highCompletion: 1,
        byStatus: [
          { status: 'CANCELLED', count: 1 },
          { status: 'AT_RISK', count: 2 },
        ],
      },
    ]);
    expect(sum.total).toBe(5);
    expect(sum.highCompletion).toBe(2);
    expect(highCompletionShare(sum)).toEqual({ count: 2, of: 3, percent: 67 });
  });
});

describe('a new due date', () => {
  it('needs a real day other than the current one, and a reason', () => {
    expect(
      newDueDateProblems({ dueDate: '2027-03-31', current: '2026-12-31', reason: 'Budget arrives in Q1' }),
    ).toEqual({});
    expect(newDueDateProblems({ dueDate: '', current: null, reason: ' ' })).toEqual({
      dueDate: 'required',
      reason: 'required',
    });
    expect(newDueDateProblems({ dueDate: '2026-12-31', current: '2026-12-31', reason: 'x' })).toEqual({
      dueDate: 'unchanged',
    });
    expect(newDueDateProblems({ dueDate: '2027-02-30', current: null, reason: 'x' })).toEqual({ dueDate: 'invalid' });
  });
});

describe('the completion level beside a status', () => {
  it('is shown only when it says something the status does not', () => {
    expect(completionAddsToStatus('IN_PROGRESS', 'SUBSTANTIAL')).toBe(true);
    expect(completionAddsToStatus('AT_RISK', 'LIMITED')).toBe(true);
    expect(completionAddsToStatus('AT_RISK', 'NOT_STARTED')).toBe(true);
    expect(completionAddsToStatus('NOT_STARTED', 'NOT_STARTED')).toBe(false);
    expect(completionAddsToStatus('VERIFIED', 'COMPLETE')).toBe(false);
    expect(completionAddsToStatus('CANCELLED', 'LIMITED')).toBe(false);
  });
});
