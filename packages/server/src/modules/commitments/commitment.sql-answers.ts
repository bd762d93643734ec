import { requireReader } from '../../auth/permissions.js';
import { pageWindow } from '../../graphql/connection.js';
import { decode } from '../../graphql/decode.js';
import {
  answerRootInSql,
  answerTypeInSql,
  connectionSql,
  globalIdSql,
  sqlOf,
  toOneSql,
} from '../../graphql/sql-answers.js';
import { overdueSql } from '../committee/rules.js';
import { MeetingSchema } from '../meetings/meeting.entity.js';
import { meetingVisibilityWhere } from '../meetings/meeting.service.js';
import { CommitmentSchema } from './commitment.entity.js';
import { completionLevelSql } from './commitment.sql.js';
import type { CommitmentFilter } from './commitment.type.js';
import {
  type CommitmentOrderValue,
  commitmentOrderSql,
  commitmentPageSql,
  commitmentWhere,
} from './commitment.service.js';

// Commitments answered in SQL (graphql/sql-answers.ts), field for field as commitment.resolver.ts answers them.

answerTypeInSql('Commitment', CommitmentSchema, {
  id: globalIdSql('Commitment'),
  leadOrganization: toOneSql('lead_organization_id'),
  assignee: toOneSql('assignee_id'),
  // Null when the viewer may not see the meeting, as visibleMeetingLoader answers.
  meeting: toOneSql('meeting_id', (ctx, alias) => meetingVisibilityWhere(ctx.viewer, ctx.config.publicRead, alias)),
  isOverdue: ({ row }) => overdueSql(row),
  completionLevel: ({ row }) => completionLevelSql(`${row}.status`, `${row}.progress`),
});

interface ListArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  filter?: CommitmentFilter | null;
  orderBy?: CommitmentOrderValue | null;
}

// Query.commitments: the page commitment.service.ts lists, its rows numbered in the list's order.
answerRootInSql('commitments', (call) => {
  const args = call.args() as ListArgs;
  const filter = decode((d) => d.commitmentFilter(args.filter));
  const page = commitmentPageSql(call.ctx, { filter, order: args.orderBy, page: args });
  if (!page) return undefined;
  const x = call.alias('p');
  return connectionSql(call, {
    rows: sqlOf(
      {
        sql: `select ${x}.*, (row_number() over (order by ${page.orderOn(x)}) - 1 + ?::int)::int as __pos from (`,
        params: [page.window.offset],
      },
      page.rows,
      `) ${x}`,
    ),
    offset: page.window.offset,
    limit: page.window.limit,
    total: page.count,
  });
});

// Meeting.commitments: the meeting's commitments the viewer may see, by due date (commitmentsOfParentLoader).
answerTypeInSql('Meeting', MeetingSchema, {
  commitments: (call) => {
    requireReader(call.ctx.viewer, call.ctx.config.publicRead);
    const args = call.args() as ListArgs;
    const window = pageWindow({ first: args.first, after: args.after });
    const c = call.alias('c');
    const where = commitmentWhere(call.ctx, null, c);
    return connectionSql(call, {
      rows: sqlOf(
        `select ${c}.*, (row_number() over (order by ${commitmentOrderSql(null, c)}) - 1)::int as __pos
         from commitment ${c} where ${c}.meeting_id = ${call.row}.id and `,
        where,
      ),
      offset: window.offset,
      limit: window.limit,
    });
  },
});
