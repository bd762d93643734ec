import type { EntityManager } from '@mikro-orm/postgresql';
import { requireStaff } from '../../auth/permissions.js';
import { ConflictError, InvalidInputError, NotFoundError, Problems } from '../../errors.js';
import { cleanText, requireEnglishOrKhmer } from '../../validation.js';
import { diff, recordAudit, snapshot } from '../audit/audit.service.js';
import { claimIdempotencyKey } from '../idempotency/idempotency.service.js';
import type { Scope } from '../organizations/organization.service.js';
import { PersonSchema } from '../people/person.entity.js';
import {
  type AgendaItem,
  AgendaItemSchema,
  DecisionSchema,
  type Meeting,
  type MinutesRevision,
  MinutesRevisionSchema,
} from './meeting.entity.js';
import { lockMeeting, requireOpenMeeting, TEXT_MAX, TITLE_MAX, withOptimisticLock } from './meeting.service.js';

export const MINUTES_MAX = 200_000;
const AUDITED = ['meeting', 'position', 'title', 'titleKm', 'presenter', 'minutes', 'minutesKm'];

export interface AgendaItemFields {
  title?: string | null;
  titleKm?: string | null;
  presenter?: string | null;
  minutes?: string | null;
  minutesKm?: string | null;
}

const currentItemVersion = (scope: Scope, id: string) => async () =>
  (await scope.em.fork().findOne(AgendaItemSchema, { id }, { fields: ['version'] }))?.version;

async function agendaOf(em: EntityManager, meetingId: string): Promise<AgendaItem[]> {
  return em.find(AgendaItemSchema, { meeting: meetingId }, { orderBy: { position: 'asc', createdAt: 'asc' } });
}

/**
 * Numbers the agenda from 1 in the given order, leaving a gap at `gap` (for an item being
 * inserted). Positions are written directly so that reordering does not bump the items'
 * versions (a minutes autosave running meanwhile must not fail for it); the loaded
 * entities are refreshed to match.
 */
async function renumber(em: EntityManager, items: AgendaItem[], gap?: number): Promise<void> {
  const moved = items
    .map((item, index) => ({ item, position: gap !== undefined && index + 1 >= gap ? index + 2 : index + 1 }))
    .filter((x) => x.item.position !== x.position);
  if (moved.length === 0) return;
  await em.execute(
    `update agenda_item a set position = x.position
     from (values ${moved.map(() => '(?::uuid, ?::int)').join(', ')}) as x(id, position)
     where a.id = x.id`,
    moved.flatMap((x) => [x.item.id, x.position]),
  );
  await em.find(AgendaItemSchema, { id: { $in: moved.map((x) => x.item.id) } }, { refresh: true });
}

async function checkPresenter(em: EntityManager, problems: Problems, presenter: string | null | undefined) {
  if (presenter && !(await em.findOne(PersonSchema, { id: presenter })))
    problems.add('presenterId', 'no such person', 'NOT_FOUND_REFERENCE');
}

export async function addAgendaItem(
  scope: Scope,
  fields: {
    meeting: string;
    title?: string | null;
    titleKm?: string | null;
    presenter?: string | null;
    position?: number | null;
  },
): Promise<{ agendaItem: AgendaItem; meeting: Meeting }> {
  requireStaff(scope.viewer, 'change agendas');
  return scope.em.transactional(async (em) => {
    const meeting = await lockMeeting(em, fields.meeting, { missing: 'meetingId', mode: 'write' });
    requireOpenMeeting(meeting, 'meetingId', 'the agenda');
    const items = await agendaOf(em, meeting.id);
    const problems = new Problems();
    const title = cleanText(problems, 'title', fields.title, TITLE_MAX) ?? null;
    const titleKm = cleanText(problems, 'titleKm', fields.titleKm, TITLE_MAX) ?? null;
    requireEnglishOrKhmer(problems, 'title', title, titleKm);
    await checkPresenter(em, problems, fields.presenter);
    const last = items.length + 1;
    const position = fields.position ?? last;
    if (!Number.isInteger(position) || position < 1 || position > last) {
      problems.add('position', `must be from 1 to ${last}`, 'OUT_OF_RANGE', { min: 1, max: last });
    }
    problems.throwIfAny();
    await renumber(em, items, position);
    const agendaItem = em.create(AgendaItemSchema, {
      meeting: meeting.id,
      position,
      title,
      titleKm,
      presenter: fields.presenter ?? null,
      createdBy: scope.viewer.personId ?? null,
    });
    recordAudit(em, scope.viewer, {
      entityType: 'AgendaItem',
      entityId: agendaItem.id,
      operation: 'create',
      changes: diff(null, snapshot(agendaItem, AUDITED), AUDITED),
    });
    return { agendaItem, meeting };
  });
}

/** Changes an agenda item; also the minutes autosave. Approved minutes change only through reviseMinutes. */
export async function updateAgendaItem(
  scope: Scope,
  id: string,
  version: number,
  fields: AgendaItemFields,
  options: { idempotencyKey?: string | null } = {},
): Promise<AgendaItem> {
  requireStaff(scope.viewer, 'change agendas and minutes');
  return withOptimisticLock(scope, { name: 'AgendaItem', current: currentItemVersion(scope, id) }, () =>
    scope.em.transactional(async (em) => {
      const found = await em.findOne(AgendaItemSchema, { id });
      if (!found) throw new NotFoundError('AgendaItem', id);
      const meeting = await lockMeeting(em, found.meeting);
      // Re-read after the meeting lock, so a status change committed meanwhile is seen.
      const item = (await em.findOne(AgendaItemSchema, { id }, { refresh: true }))!;
      // A replay of a change already applied answers with the item as it is now (its version moved on with it).
      // Read it again: a replay that arrived alongside the first send waited for it on the key, after the read above.
      if (await claimIdempotencyKey(em, scope.viewer, options.idempotencyKey, 'updateAgendaItem', id))
        return (await em.findOne(AgendaItemSchema, { id }, { refresh: true }))!;
      if (item.version !== version) throw new ConflictError('AgendaItem', item.version);
      const problems = new Problems();
      const clean: AgendaItemFields = {
        title: cleanText(problems, 'title', fields.title, TITLE_MAX),
        titleKm: cleanText(problems, 'titleKm', fields.titleKm, TITLE_MAX),
        presenter: fields.presenter,
        minutes: cleanText(problems, 'minutes', fields.minutes, MINUTES_MAX),
        minutesKm: cleanText(problems, 'minutesKm', fields.minutesKm, MINUTES_MAX),
      };
      const input: Record<keyof AgendaItemFields, string> = {
        title: 'title',
        titleKm: 'titleKm',
        presenter: 'presenterId',
        minutes: 'minutes',
        minutesKm: 'minutesKm',
      };
      for (const key of Object.keys(input) as (keyof AgendaItemFields)[]) {
        if (clean[key] === undefined || (clean[key] ?? null) === (item[key] ?? null)) continue;
        const isMinutes = key === 'minutes' || key === 'minutesKm';
        if (meeting.status === 'MINUTES_APPROVED') {
          problems.add(
            input[key],
            isMinutes
              ? 'the minutes are approved and frozen: use reviseMinutes to correct them (with a reason)'
              : 'the minutes of this meeting are approved: the agenda can no longer change',
            'INVALID_STATE',
          );
        } else if (meeting.status === 'CANCELLED') {
          problems.add(
            input[key],
            'the meeting is cancelled: its agenda and minutes can no longer change',
            'INVALID_STATE',
          );
        }
      }
      requireEnglishOrKhmer(
        problems,
        'title',
        clean.title === undefined ? item.title : clean.title,
        clean.titleKm === undefined ? item.titleKm : clean.titleKm,
      );
      await checkPresenter(em, problems, clean.presenter);
      problems.throwIfAny();
      const before = snapshot(item, AUDITED);
      for (const key of Object.keys(input) as (keyof AgendaItemFields)[]) {
        if (clean[key] !== undefined) item[key] = clean[key] ?? null;
      }
      const changes = diff(before, snapshot(item, AUDITED), AUDITED);
      if (Object.keys(changes).length > 0) {
        recordAudit(em, scope.viewer, { entityType: 'AgendaItem', entityId: id, operation: 'update', changes });
      }
      return item;
    }),
  );
}

/** Puts the whole agenda of a meeting in a new order; `ids` must list every item once. */
export async function reorderAgendaItems(scope: Scope, meetingId: string, ids: string[]): Promise<Meeting> {
  requireStaff(scope.viewer, 'change agendas');
  return scope.em.transactional(async (em) => {
    const meeting = await lockMeeting(em, meetingId, { missing: 'meetingId', mode: 'write' });
    requireOpenMeeting(meeting, 'meetingId', 'the agenda');
    const items = await agendaOf(em, meetingId);
    const byId = new Map(items.map((item) => [item.id, item]));
    const unique = new Set(ids);
    if (unique.size !== ids.length || ids.length !== items.length || ids.some((id) => !byId.has(id))) {
      throw new InvalidInputError([
        {
          field: 'agendaItemIds',
          message: `must list each of the meeting's ${items.length} agenda items exactly once, in the new order`,
          code: 'INVALID',
          params: { count: items.length },
        },
      ]);
    }
    const ordered = ids.map((id) => byId.get(id)!);
    const before = items.map((item) => item.id);
    await renumber(em, ordered);
    if (before.join() !== ids.join()) {
      recordAudit(em, scope.viewer, {
        entityType: 'Meeting',
        entityId: meetingId,
        operation: 'reorder',
        changes: { agendaItemIds: { before, after: ids } },
      });
    }
    return meeting;
  });
}

/** Removes an agenda item that no decision refers to, and closes the gap in the numbering. */
export async function removeAgendaItem(scope: Scope, id: string): Promise<Meeting> {
  requireStaff(scope.viewer, 'change agendas');
  return scope.em.transactional(async (em) => {
    const found = await em.findOne(AgendaItemSchema, { id });
    if (!found) throw new NotFoundError('AgendaItem', id);
    const meeting = await lockMeeting(em, found.meeting, { mode: 'write' });
    requireOpenMeeting(meeting, 'id', 'the agenda');
    const decisions = await em.count(DecisionSchema, { agendaItem: id });
    if (decisions > 0) {
      throw new InvalidInputError([
        {
          field: 'id',
          message: `${decisions} decision(s) were recorded under this item: move them to another item first (updateDecision)`,
          code: 'IN_USE',
          params: { count: decisions },
        },
      ]);
    }
    const item = (await em.findOne(AgendaItemSchema, { id }, { refresh: true }))!;
    const before = snapshot(item, AUDITED);
    em.remove(item);
    await em.flush();
    await renumber(
      em,
      (await agendaOf(em, meeting.id)).filter((other) => other.id !== id),
    );
    recordAudit(em, scope.viewer, {
      entityType: 'AgendaItem',
      entityId: id,
      operation: 'remove',
      changes: diff(before, null, AUDITED),
    });
    return meeting;
  });
}

/** Corrects approved minutes: the earlier text is kept in a MinutesRevision with who, when and why. */
export async function reviseMinutes(
  scope: Scope,
  id: string,
  version: number,
  fields: { minutes?: string | null; minutesKm?: string | null; reason: string },
): Promise<{ agendaItem: AgendaItem; revision: MinutesRevision }> {
  requireStaff(scope.viewer, 'correct minutes');
  return withOptimisticLock(scope, { name: 'AgendaItem', current: currentItemVersion(scope, id) }, () =>
    scope.em.transactional(async (em) => {
      const found = await em.findOne(AgendaItemSchema, { id });
      if (!found) throw new NotFoundError('AgendaItem', id);
      const meeting = await lockMeeting(em, found.meeting);
      const item = (await em.findOne(AgendaItemSchema, { id }, { refresh: true }))!;
      if (item.version !== version) throw new ConflictError('AgendaItem', item.version);
      const problems = new Problems();
      if (meeting.status !== 'MINUTES_APPROVED') {
        problems.add(
          'agendaItemId',
          `the minutes are not approved yet (the meeting is ${meeting.status}): change them with updateAgendaItem`,
          'INVALID_STATE',
        );
      }
      const reason = cleanText(problems, 'reason', fields.reason, TEXT_MAX);
      if (!reason) problems.add('reason', 'say why the approved minutes are corrected', 'REQUIRED');
      const minutes = cleanText(problems, 'minutes', fields.minutes, MINUTES_MAX);
      const minutesKm = cleanText(problems, 'minutesKm', fields.minutesKm, MINUTES_MAX);
      const after = {
        minutes: minutes === undefined ? (item.minutes ?? null) : minutes,
        minutesKm: minutesKm === undefined ? (item.minutesKm ?? null) : minutesKm,
      };
      if (after.minutes === (item.minutes ?? null) && after.minutesKm === (item.minutesKm ?? null)) {
        problems.add('minutes', 'give corrected minutes or minutesKm that differ from the approved text', 'REQUIRED');
      }
      problems.throwIfAny();
      const revision = em.create(MinutesRevisionSchema, {
        agendaItem: id,
        reason: reason!,
        minutesBefore: item.minutes ?? null,
        minutesKmBefore: item.minutesKm ?? null,
        minutesAfter: after.minutes,
        minutesKmAfter: after.minutesKm,
        createdBy: scope.viewer.personId ?? null,
      });
      const before = snapshot(item, AUDITED);
      item.minutes = after.minutes;
      item.minutesKm = after.minutesKm;
      recordAudit(em, scope.viewer, {
        entityType: 'AgendaItem',
        entityId: id,
        operation: 'reviseMinutes',
        changes: {
          ...diff(before, snapshot(item, AUDITED), AUDITED),
          reason: { before: null, after: reason },
          revisionId: { before: null, after: revision.id },
        },
      });
      return { agendaItem: item, revision };
    }),
  );
}
