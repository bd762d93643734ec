import { needsTotalFirst, pageWindow } from '../../graphql/connection.js';
import { decode } from '../../graphql/decode.js';
import {
  answerRootInSql,
  answerTypeInSql,
  childListSql,
  connectionSql,
  globalIdSql,
  sqlOf,
  toOneSql,
} from '../../graphql/sql-answers.js';
import { MeetingSchema, ParticipationSchema } from './meeting.entity.js';
import { type MeetingOrderData, meetingListWhere, meetingOrderSql } from './meeting.service.js';
import type { MeetingFilter } from './meeting.type.js';

// Meetings answered in SQL (graphql/sql-answers.ts), field for field as meeting.resolver.ts answers them.

answerTypeInSql('Meeting', MeetingSchema, {
  id: globalIdSql('Meeting'),
  organizer: toOneSql('organizer_id'),
  chair: toOneSql('chair_id'),
  // In the order participationsLoader reads them.
  participations: childListSql('meeting_id', (alias) => `${alias}.created_at, ${alias}.id`),
});

answerTypeInSql('Participation', ParticipationSchema, {
  person: toOneSql('person_id'),
  organization: toOneSql('organization_id'),
  meeting: toOneSql('meeting_id'),
});

// Query.meetings: the page listMeetings reads, its rows numbered in the list's order.
answerRootInSql('meetings', (call) => {
  const args = call.args() as {
    first?: number | null;
    after?: string | null;
    last?: number | null;
    before?: string | null;
    filter?: MeetingFilter | null;
    orderBy?: MeetingOrderData | null;
  };
  const filter = decode((d) => d.meetingFilter(args.filter));
  const window = pageWindow(args);
  if (needsTotalFirst(window)) return undefined;
  const where = meetingListWhere(call.ctx, filter, 'm');
  const x = call.alias('p');
  return connectionSql(call, {
    rows: sqlOf(
      {
        sql: `select ${x}.*, (row_number() over (order by ${meetingOrderSql(args.orderBy, x)}) - 1 + ?::int)::int as __pos from (select m.* from meeting m where `,
        params: [window.offset],
      },
      where,
      {
        sql: ` order by ${meetingOrderSql(args.orderBy, 'm')} limit ? offset ?) ${x}`,
        params: [window.limit + 1, window.offset],
      },
    ),
    offset: window.offset,
    limit: window.limit,
    total: sqlOf('select count(*)::int from meeting m where ', where),
  });
});
