import { plainMapper } from '../../db/plain.js';
import type { PageArgs } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import {
  AgendaItemSchema,
  DecisionSchema,
  type Meeting,
  MinutesRevisionSchema,
  type Participation,
  ParticipationSchema,
} from './meeting.entity.js';
import { OrganizationSchema } from '../organizations/organization.entity.js';
import { PersonSchema } from '../people/person.entity.js';
import { findVisibleMeetings, listSeriesMeetings } from './meeting.service.js';

/** Meetings by id, null where missing or hidden from the viewer (same rules as the meetings list). */
export function visibleMeetingLoader(ctx: Context) {
  return ctx.loaders.custom<string, Meeting | null>('meetings:visible', async (ids) => {
    const rows = await findVisibleMeetings(ctx, ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** The agenda of each meeting, in order. */
export const agendaItemsLoader = (ctx: Context) =>
  ctx.loaders.childrenOf(AgendaItemSchema, 'meeting', { position: 'asc', createdAt: 'asc' });

/** Who was invited to or attended each meeting, in the order they were added. */
export const participationsLoader = (ctx: Context) =>
  ctx.loaders.childrenOf(ParticipationSchema, 'meeting', { createdAt: 'asc', id: 'asc' });

/**
 * The participations of many meetings with their people and organisations, in ONE statement: the
 * participations, then each person and organisation they name once (not once per participation), told
 * apart by `kind`. People and organisations are primed into the request's byId loaders (whole rows) and the
 * participations into participationsLoader, so `participations { person organization }` and
 * `attendanceBySex` cost nothing more.
 */
export function participationsWithPeopleLoader(ctx: Context) {
  return ctx.loaders.custom<string, Participation[]>('meetings:participations+people', async (meetings) => {
    const rows = await ctx.em.execute<{ kind: string; row: Record<string, unknown> }[]>(
      `with p as (select * from participation where meeting_id in (${meetings.map(() => '?').join(', ')}))
       select 0 as kind, to_jsonb(p) as row, p.created_at, p.id from p
       union all select 1, to_jsonb(pe), null, null from person pe where pe.id in (select person_id from p)
       union all select 2, to_jsonb(o), null, null from organization o where o.id in (select organization_id from p)
       order by 1, 3, 4`,
      [...meetings],
    );
    const toParticipation = plainMapper(ctx.em, ParticipationSchema);
    const toPerson = plainMapper(ctx.em, PersonSchema);
    const toOrganization = plainMapper(ctx.em, OrganizationSchema);
    const groups = new Map<string, Participation[]>(meetings.map((id) => [id, []]));
    for (const { kind, row } of rows) {
      if (Number(kind) === 0) {
        const participation = toParticipation(row);
        groups.get(participation.meeting)?.push(participation);
      } else if (Number(kind) === 1) {
        const person = toPerson(row);
        ctx.loaders.byId(PersonSchema).prime(person.id, person);
      } else {
        const organization = toOrganization(row);
        ctx.loaders.byId(OrganizationSchema).prime(organization.id, organization);
      }
    }
    const lists = meetings.map((id) => groups.get(id) ?? []);
    for (const [i, id] of meetings.entries()) participationsLoader(ctx).prime(id, lists[i]!);
    return lists;
  });
}

/** The decisions of each meeting, in order. */
export const decisionsLoader = (ctx: Context) =>
  ctx.loaders.childrenOf(DecisionSchema, 'meeting', { position: 'asc', createdAt: 'asc' });

/** The recorded corrections of each agenda item's approved minutes, oldest first. */
export const revisionsLoader = (ctx: Context) =>
  ctx.loaders.childrenOf(MinutesRevisionSchema, 'agendaItem', { createdAt: 'asc', id: 'asc' });

/** One page of the visible meetings of each series; one query per page size for all series. */
export function seriesMeetingsLoader(ctx: Context, page: PageArgs) {
  return ctx.loaders.custom(`meetings:series:${page.first ?? ''}:${page.after ?? ''}`, (seriesIds: readonly string[]) =>
    listSeriesMeetings(ctx, seriesIds, page),
  );
}
