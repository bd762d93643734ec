import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthConfig } from '../../auth/auth.config.js';
import { requireReader } from '../../auth/permissions.js';
import type { RateLimitStore } from '../../auth/rate-limit.js';
import type { Viewer } from '../../auth/viewer.js';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { NotFoundError, type Problems } from '../../errors.js';
import { decode } from '../../graphql/decode.js';
import { replyWithError } from '../../graphql/errors.js';
import { toGlobalId } from '../../graphql/global-id.js';
import { authenticateHttpRequest, cameOverHttps } from '../../graphql/http.js';
import { Loaders } from '../../graphql/loaders.js';
import { DateScalar, DateTimeScalar } from '../../graphql/scalars.js';
import { COMMITMENT_STATUSES, type CommitmentStatus } from '../commitments/commitment.entity.js';
import type { CommitmentOrderValue } from '../commitments/commitment.service.js';
import type { CommitmentFilterValues } from '../commitments/commitment.sql.js';
import { phnomPenhInstant, todayInPhnomPenh } from '../committee/rules.js';
import type { StatsGroupByValue } from '../commitments/commitment-stats.service.js';
import type { Scope } from '../organizations/organization.service.js';
import type { ProgressReport } from '../reports/report.model.js';
import { findReportingPeriod, periodReportRows, rangeReportRows } from '../reports/report.service.js';
import { reportXlsx } from '../reports/report.xlsx.js';
import {
  type CalendarMeeting,
  commitmentExportRows,
  meetingForCalendar,
  meetingsForCalendar,
} from './exports.service.js';
import { type CalendarEvent, writeCalendar } from './ical.js';
import { commitmentsCsv, commitmentsXlsx } from './spreadsheet.js';

type Query = Record<string, string | string[] | undefined>;

/** By default a calendar starts this many days ago. */
const CALENDAR_DAYS_BACK = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The single value of a query-string parameter (the last one when repeated). */
function single(query: Query, name: string): string | undefined {
  const value = query[name];
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  return last === undefined || last === '' ? undefined : last;
}

/** A query-string date or instant: YYYY-MM-DD (a day in Asia/Phnom_Penh) or an ISO 8601 instant. */
function parseInstant(value: string | undefined, field: string, endOfDay: boolean, problems: Problems) {
  if (value === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    try {
      const day = DateScalar.parseValue(value) as string;
      return phnomPenhInstant(day, endOfDay);
    } catch {
      problems.add(field, 'is not a valid date (YYYY-MM-DD)', 'INVALID_FORMAT');
      return undefined;
    }
  }
  try {
    return DateTimeScalar.parseValue(value) as Date;
  } catch {
    problems.add(field, 'is not a valid date (YYYY-MM-DD) or ISO 8601 instant', 'INVALID_FORMAT');
    return undefined;
  }
}

function parseDate(value: string | undefined, field: string, problems: Problems): string | undefined {
  if (value === undefined) return undefined;
  try {
    return DateScalar.parseValue(value) as string;
  } catch {
    problems.add(field, 'is not a valid date (YYYY-MM-DD)', 'INVALID_FORMAT');
    return undefined;
  }
}

/** A true/false query-string parameter (`true`/`1`, `false`/`0`); undefined when absent. */
function flag(query: Query, name: string, problems: Problems): boolean | undefined {
  const text = single(query, name);
  if (text === undefined) return undefined;
  if (['true', '1'].includes(text)) return true;
  if (['false', '0'].includes(text)) return false;
  problems.add(name, 'must be true or false', 'INVALID_CHOICE');
  return undefined;
}

/**
 * The `commitments` query's filter and order, read from the query string: `status` (repeated
 * or comma-separated), `organizationId`, `leadOrganizationId`, `assigneeId`, `meetingId`,
 * `planObjectiveId` (global ids), `overdue` and `dueDateChangeRequested` (true/false), `dueFrom`, `dueTo`, `gcmObjective`,
 * `search`, `orderBy` (DUE_DATE | REFERENCE | PROGRESS | UPDATED_AT) and `direction` (ASC | DESC).
 */
export function commitmentQuery(query: Query): {
  filter: CommitmentFilterValues;
  order: CommitmentOrderValue | undefined;
} {
  return decode((d) => {
    // First what GraphQL's coercion would check (the query string has no types), then the shared decoder.
    const { problems } = d;
    const rawStatus = query.status === undefined ? [] : Array.isArray(query.status) ? query.status : [query.status];
    const status = rawStatus.flatMap((s) => s.split(',')).filter((s) => s !== '');
    for (const s of status) {
      if (!COMMITMENT_STATUSES.includes(s as CommitmentStatus)) {
        problems.add('status', `must be one of ${COMMITMENT_STATUSES.join(', ')}, got ${s}`, 'INVALID_CHOICE');
      }
    }
    const overdue = flag(query, 'overdue', problems);
    const dueDateChangeRequested = flag(query, 'dueDateChangeRequested', problems);
    const gcmText = single(query, 'gcmObjective');
    const gcmObjective = gcmText === undefined ? undefined : d.gcmObjective(Number(gcmText), 'gcmObjective');
    const dueFrom = parseDate(single(query, 'dueFrom'), 'dueFrom', problems);
    const dueTo = parseDate(single(query, 'dueTo'), 'dueTo', problems);
    const field = single(query, 'orderBy') ?? 'DUE_DATE';
    if (!['DUE_DATE', 'REFERENCE', 'PROGRESS', 'UPDATED_AT'].includes(field)) {
      problems.add('orderBy', 'must be DUE_DATE, REFERENCE, PROGRESS or UPDATED_AT', 'INVALID_CHOICE');
    }
    const direction = single(query, 'direction') ?? 'ASC';
    if (!['ASC', 'DESC'].includes(direction)) problems.add('direction', 'must be ASC or DESC', 'INVALID_CHOICE');
    const filter = d.commitmentFilter(
      {
        status: status.length ? (status as CommitmentStatus[]) : undefined,
        leadOrganizationId: single(query, 'leadOrganizationId'),
        organizationId: single(query, 'organizationId'),
        assigneeId: single(query, 'assigneeId'),
        meetingId: single(query, 'meetingId'),
        planObjectiveId: single(query, 'planObjectiveId'),
        overdue,
        dueDateChangeRequested,
        dueFrom,
        dueTo,
        gcmObjective,
        search: single(query, 'search'),
      },
      '',
    );
    return { filter: filter ?? {}, order: { field, direction } as CommitmentOrderValue };
  });
}

/** The calendar event of a meeting; `origin` is where the web client is served, for the link. */
export function meetingEvent({ meeting, organizer }: CalendarMeeting, origin: string, stamp: Date): CalendarEvent {
  const id = toGlobalId('Meeting', meeting.id);
  const url = `${origin}/meetings/${encodeURIComponent(id)}`;
  const summary = meeting.title || meeting.titleKm || 'Meeting';
  const organizerName = organizer ? organizer.name || organizer.nameKm || organizer.acronym : undefined;
  const description = [
    organizerName ? `Organiser: ${organizerName}${organizer?.acronym ? ` (${organizer.acronym})` : ''}` : undefined,
    meeting.title && meeting.titleKm ? meeting.titleKm : undefined,
    meeting.status === 'CANCELLED' && meeting.cancellationReason
      ? `Cancelled: ${meeting.cancellationReason}`
      : undefined,
    url,
  ]
    .filter((line) => line !== undefined)
    .join('\n');
  return {
    uid: `${id}@prachum`,
    stamp,
    start: new Date(meeting.startsAt),
    end: meeting.endsAt ? new Date(meeting.endsAt) : null,
    summary,
    location: meeting.location,
    description,
    url,
    lastModified: meeting.updatedAt ? new Date(meeting.updatedAt) : null,
    sequence: meeting.version,
    status: meeting.status === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED',
  };
}

function origin(request: FastifyRequest): string {
  return `${cameOverHttps(request) ? 'https' : 'http'}://${request.host}`;
}

const GROUP_BYS = ['ORGANIZATION', 'STATUS', 'PLAN_GOAL', 'GCM_OBJECTIVE'] as const;

/** The optional `groupBy` of a report export. */
function reportGroupBy(query: Query, problems: Problems): StatsGroupByValue | null {
  const value = single(query, 'groupBy');
  if (!value) return null;
  if ((GROUP_BYS as readonly string[]).includes(value)) return value as StatsGroupByValue;
  problems.add('groupBy', `must be one of ${GROUP_BYS.join(', ')}`, 'INVALID_CHOICE');
  return null;
}

/** Serves the calendar (iCalendar) and spreadsheet (XLSX, CSV) exports, authenticated as /graphql is. */
export async function registerExports(
  app: FastifyInstance,
  {
    config,
    database,
    auth = config.auth,
    store,
  }: { config: Config; database: Database; auth?: AuthConfig; store: RateLimitStore },
): Promise<void> {
  /** Authenticates, runs `work` with the viewer's scope, and answers errors as every route does (graphql/errors.ts). */
  const handle =
    (work: (scope: Scope, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const em = database.orm.em.fork();
      const viewer: Viewer | undefined = await authenticateHttpRequest(request, reply, { em, auth, store });
      if (!viewer) return reply;
      reply.header('cache-control', 'no-store');
      try {
        requireReader(viewer, config.publicRead);
        return await work({ em, viewer, config: { publicRead: config.publicRead } }, request, reply);
      } catch (error) {
        return replyWithError(request, reply, error, { viewer, exposeDetails: !config.isProduction });
      }
    };

  const sendCalendar = (reply: FastifyReply, fileName: string, body: string) =>
    reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .send(body);

  app.get(
    '/exports/meetings.ics',
    handle(async (scope, request, reply) => {
      const query = request.query as Query;
      const { from, to } = decode((d) =>
        d.range(
          parseInstant(single(query, 'from'), 'from', false, d.problems),
          parseInstant(single(query, 'to'), 'to', true, d.problems),
          ['from', 'to'],
        ),
      );
      const now = new Date();
      const meetings = await meetingsForCalendar(scope, {
        from: from ?? new Date(now.getTime() - CALENDAR_DAYS_BACK * DAY_MS),
        to,
      });
      const body = writeCalendar({
        name: 'Prachum meetings',
        events: meetings.map((m) => meetingEvent(m, origin(request), now)),
      });
      return sendCalendar(reply, 'prachum-meetings.ics', body);
    }),
  );

  app.get(
    '/exports/meetings/:id.ics',
    handle(async (scope, request, reply) => {
      const { id: globalId } = request.params as { id: string };
      const id = decode((d) => d.id(globalId, 'Meeting', 'id'));
      const meeting = await meetingForCalendar(scope, id);
      // Hidden and missing look the same, as in node().
      if (!meeting) throw new NotFoundError('Meeting', globalId);
      const body = writeCalendar({
        name: meeting.meeting.title || meeting.meeting.titleKm || 'Prachum meeting',
        events: [meetingEvent(meeting, origin(request), new Date())],
      });
      const day = new Date(meeting.meeting.startsAt).toISOString().slice(0, 10);
      return sendCalendar(reply, `prachum-meeting-${day}.ics`, body);
    }),
  );

  app.get(
    '/exports/commitments.xlsx',
    handle(async (scope, request, reply) => {
      const { filter, order } = commitmentQuery(request.query as Query);
      const rows = await commitmentExportRows(scope, filter, order);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="commitments-${todayInPhnomPenh()}.xlsx"`)
        .send(await commitmentsXlsx(rows));
    }),
  );

  const sendReport = async (scope: Scope, reply: FastifyReply, report: ProgressReport, title: string, name: string) =>
    reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${name}.xlsx"`)
      .send(await reportXlsx({ em: scope.em, loaders: new Loaders(scope.em) }, report, title));

  app.get(
    '/exports/reports.xlsx',
    handle(async (scope, request, reply) => {
      const query = request.query as Query;
      const { filter } = commitmentQuery(query);
      const from = single(query, 'from') ?? '';
      const to = single(query, 'to') ?? '';
      const groupBy = decode((d) => {
        if (!from) d.problems.add('from', 'give the first day, YYYY-MM-DD', 'REQUIRED');
        if (!to) d.problems.add('to', 'give the last day, YYYY-MM-DD', 'REQUIRED');
        return reportGroupBy(query, d.problems);
      });
      const rows = await rangeReportRows(scope, from, to, filter);
      return sendReport(
        scope,
        reply,
        { from, to, rows, groupBy },
        `Progress report ${from} – ${to}`,
        `report-${from}-${to}`,
      );
    }),
  );

  app.get(
    '/exports/reporting-periods/:id.xlsx',
    handle(async (scope, request, reply) => {
      const { id: globalId } = request.params as { id: string };
      const { id, groupBy } = decode((d) => ({
        id: d.id(globalId, 'ReportingPeriod', 'id'),
        groupBy: reportGroupBy(request.query as Query, d.problems),
      }));
      const period = await findReportingPeriod(scope, id);
      const [rows] = await periodReportRows(scope, [period]);
      const title = period.title || period.titleKm || `${period.startsOn} – ${period.endsOn}`;
      const report = { from: period.startsOn, to: period.endsOn, rows, groupBy };
      return sendReport(scope, reply, report, title, `report-${period.startsOn}-${period.endsOn}`);
    }),
  );

  app.get(
    '/exports/commitments.csv',
    handle(async (scope, request, reply) => {
      const { filter, order } = commitmentQuery(request.query as Query);
      const rows = await commitmentExportRows(scope, filter, order);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="commitments-${todayInPhnomPenh()}.csv"`)
        .send(commitmentsCsv(rows));
    }),
  );
}
