import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApi } from '../../../test/api.js';
import { createTestDatabase, type TestDatabase } from '../../../test/database.js';
import { secretariat } from '../../../test/viewers.js';
import { commitmentFixtures } from './commitment.fixtures.js';
import { TODAY_SQL, todayInPhnomPenh } from './commitment.sql.js';

let db: TestDatabase;
let api: Awaited<ReturnType<typeof createTestApi>>;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await createTestApi(db.orm);
});
afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

describe('"today" for overdue is the calendar date in Asia/Phnom_Penh (UTC+7)', () => {
  it('in the server: 18:30 UTC is already the next day', () => {
    expect(todayInPhnomPenh(new Date('2024-01-01T16:59:59Z'))).toBe('2024-01-01');
    expect(todayInPhnomPenh(new Date('2024-01-01T17:00:00Z'))).toBe('2024-01-02');
    expect(todayInPhnomPenh(new Date('2024-01-01T18:30:00Z'))).toBe('2024-01-02');
  });

  it('in SQL, whatever the time zone of the database session', async () => {
    const em = db.orm.em.fork();
    const days = await em.transactional(async (tx) => {
      const seen: string[] = [];
      // 26 hours apart: these two zones never share a calendar date, so a session-dependent "today" would show.
      for (const zone of ['Etc/GMT+12', 'Etc/GMT-14']) {
        await tx.execute(`set local time zone '${zone}'`);
        const [row] = await tx.execute<{ today: string }[]>(`select to_char(${TODAY_SQL}, 'YYYY-MM-DD') as today`);
        seen.push(row.today);
      }
      return seen;
    });
    const expected = [todayInPhnomPenh(new Date(Date.now() - 60_000)), todayInPhnomPenh()];
    for (const day of days) expect(expected).toContain(day);
    expect(days[0]).toBe(days[1]);
  });

  it('in the isOverdue field: due yesterday in Phnom Penh is overdue even while it is still that day in UTC', async () => {
    const f = commitmentFixtures(db.orm);
    const lead = await f.organization('MOI');
    const dueUtcToday = await f.commitment({ lead: lead.id, dueDate: '2030-06-01', status: 'IN_PROGRESS' });
    const duePhnomPenhToday = await f.commitment({ lead: lead.id, dueDate: '2030-06-02', status: 'IN_PROGRESS' });
    const done = await f.commitment({ lead: lead.id, dueDate: '2030-06-01', status: 'COMPLETED', progress: 100 });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2030-06-01T18:00:00Z')); // 01:00 on 2 June in Phnom Penh
      const result = await api.run(
        secretariat,
        `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Commitment { isOverdue } } }`,
        {
          ids: [dueUtcToday.gid, duePhnomPenhToday.gid, done.gid],
        },
      );
      expect(result.data!.nodes).toEqual([{ isOverdue: true }, { isOverdue: false }, { isOverdue: false }]);
    } finally {
      vi.useRealTimers();
    }
  });
});
