import type { Visibility } from '../../db/base.entity.js';
import type { MikroORM } from '../../db/orm.js';
import { testFactories } from '../../test-support/factories.js';

export { daysFromToday } from '../../test-support/factories.js';

/**
 * The commitment tests' names for the shared factories (test-support/factories.ts): the same rows, with
 * the meeting and decision taking their arguments in the order these tests pass them.
 */
export function commitmentFixtures(orm: MikroORM) {
  const make = testFactories(orm);
  return {
    ...make,
    meeting: (organizer: string, startsAt: string, visibility: Visibility = 'INTERNAL', title = 'Review') =>
      make.meeting({ organizer, startsAt, visibility, title }),
    decision: (meeting: string, text = 'Decided') => make.decision(meeting, { text }),
  };
}
