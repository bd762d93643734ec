import { describe, expect, it } from 'vitest';
import {
  changeOfParams,
  defaultRange,
  groupingOfParams,
  isDay,
  previousQuarter,
  quarterOf,
  quarterTitle,
  rangeProblems,
  reportExportUrl,
  selectionOfParams,
} from './report-range.js';

describe('a report range', () => {
  it('accepts a range whose end is on or after its start', () => {
    expect(rangeProblems('2026-10-01', '2026-12-31')).toEqual({});
    expect(rangeProblems('2026-10-01', '2026-10-01')).toEqual({});
  });

  it('names what is missing or wrong, by field', () => {
    expect(rangeProblems('', '')).toEqual({ from: 'required', to: 'required' });
    expect(rangeProblems('2026-12-31', '2026-10-01')).toEqual({ to: 'beforeStart' });
    expect(rangeProblems('2026-02-30', '2026-03-01')).toEqual({ from: 'invalid' });
    expect(rangeProblems('2026-01-01', '31/12/2026')).toEqual({ to: 'invalid' });
  });

  it('knows real calendar days', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-1-01')).toBe(false);
    expect(isDay(null)).toBe(false);
  });

  it('finds the quarter of a day and the one before', () => {
    expect(quarterOf('2026-12-01')).toEqual({ quarter: 4, year: 2026, startsOn: '2026-10-01', endsOn: '2026-12-31' });
    expect(quarterOf('2024-02-29')).toEqual({ quarter: 1, year: 2024, startsOn: '2024-01-01', endsOn: '2024-03-31' });
    expect(previousQuarter('2026-02-10')).toEqual({
      quarter: 4,
      year: 2025,
      startsOn: '2025-10-01',
      endsOn: '2025-12-31',
    });
    expect(previousQuarter('2026-08-31').startsOn).toBe('2026-04-01');
  });

  it('names a quarter in English and Khmer', () => {
    expect(quarterTitle(quarterOf('2026-12-01'))).toEqual({ title: 'Q4 2026', titleKm: 'ត្រីមាសទី៤ ឆ្នាំ២០២៦' });
  });

  it('starts with the year so far', () => {
    expect(defaultRange('2026-12-01')).toEqual({ from: '2026-01-01', to: '2026-12-01' });
  });
});

describe('the report in the address', () => {
  it('reads a period, else a valid range', () => {
    expect(selectionOfParams(new URLSearchParams('period=UmVw&from=2026-01-01&to=2026-02-01'))).toEqual({
      kind: 'period',
      periodId: 'UmVw',
    });
    expect(selectionOfParams(new URLSearchParams('from=2026-01-01&to=2026-02-01'))).toEqual({
      kind: 'range',
      from: '2026-01-01',
      to: '2026-02-01',
    });
    expect(selectionOfParams(new URLSearchParams('from=2026-03-01&to=2026-02-01'))).toBeNull();
    expect(selectionOfParams(new URLSearchParams(''))).toBeNull();
  });

  it('reads the grouping and the opened figure, ignoring unknown values', () => {
    expect(groupingOfParams(new URLSearchParams('groupBy=PLAN_GOAL'))).toBe('PLAN_GOAL');
    expect(groupingOfParams(new URLSearchParams('groupBy=NONSENSE'))).toBe('ORGANIZATION');
    expect(changeOfParams(new URLSearchParams('change=BECAME_OVERDUE'))).toBe('BECAME_OVERDUE');
    expect(changeOfParams(new URLSearchParams('change=DELETED'))).toBeNull();
  });
});

describe('the XLSX download', () => {
  it('links a range report and a period report', () => {
    expect(reportExportUrl({ kind: 'range', from: '2026-10-01', to: '2026-12-31' }, 'PLAN_GOAL')).toBe(
      '/exports/reports.xlsx?from=2026-10-01&to=2026-12-31&groupBy=PLAN_GOAL',
    );
    expect(reportExportUrl({ kind: 'period', periodId: 'UmVwb3J0aW5nUGVyaW9kOjE=' }, 'ORGANIZATION')).toBe(
      '/exports/reporting-periods/UmVwb3J0aW5nUGVyaW9kOjE%3D.xlsx?groupBy=ORGANIZATION',
    );
  });
});
