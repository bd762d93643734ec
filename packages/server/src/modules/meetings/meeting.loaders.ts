import type { PageArgs } from '../../graphql/connection.js';
import type { Context } from '../../graphql/context.js';
import {
  AgendaItemSchema,
  DecisionSchema,
  type Meeting,
  MinutesRevisionSchema,
  ParticipationSchema,
} from './meeting.entity.js';
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
