import { describe, expect, it } from 'vitest';
import { toDate } from './plain.js';

describe('toDate: PostgreSQL timestamps as the read path gets them', () => {
  it.each([
    ['2026-12-01 09:46:48.785+00', '2026-12-01T09:46:48.785Z'],
    ['2026-12-01 09:46:48.785123+00', '2026-12-01T09:46:48.785Z'],
    ['2026-12-01 09:46:48.7+00', '2026-12-01T09:46:48.700Z'],
    ['2026-12-01 09:46:48.78+00', '2026-12-01T09:46:48.780Z'],
    ['2026-12-01 09:46:48+00', '2026-12-01T09:46:48.000Z'],
    ['2024-02-29 23:59:59.999+00', '2024-02-29T23:59:59.999Z'],
    ['2026-12-01 16:46:48.785+07', '2026-12-01T09:46:48.785Z'],
    ['2026-12-01 15:16:48.785+05:30', '2026-12-01T09:46:48.785Z'],
    ['2026-12-01T09:46:48.785+00:00', '2026-12-01T09:46:48.785Z'],
  ])('%s is %s', (text, iso) => {
    expect((toDate(text) as Date).toISOString()).toBe(iso);
  });

  it('leaves other values as they are', () => {
    const date = new Date();
    expect(toDate(date)).toBe(date);
    expect(toDate(null)).toBeNull();
  });
});
