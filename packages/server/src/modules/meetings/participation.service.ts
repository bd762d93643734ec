import type { EntityManager } from '@mikro-orm/postgresql';
import { requireStaff, requireWriteScope } from '../../auth/permissions.js';
import { InvalidInputError, NotFoundError, Problems, UnauthenticatedError } from '../../errors.js';
import type { Page, PageArgs } from '../../graphql/connection.js';
import { listPage } from '../../graphql/list-page.js';
import { plainRows } from '../../db/plain.js';
import { cleanText } from '../../validation.js';
import { diff, recordAudit, snapshot } from '../audit/audit.service.js';
import { claimIdempotencyKey, settleIdempotencyKey } from '../idempotency/idempotency.service.js';
import { followUp } from '../notifications/follow-up.js';
import { OrganizationSchema } from '../organizations/organization.entity.js';
import type { Scope } from '../organizations/organization.service.js';
import { PersonSchema } from '../people/person.entity.js';
import {
  type Attendance,
  type Meeting,
  type Participation,
  type ParticipationRole,
  ParticipationSchema,
  SEXES,
  type Sex,
} from './meeting.entity.js';
import { lockMeeting, requireOpenMeeting } from './meeting.service.js';

const AUDITED = ['meeting', 'person', 'organization', 'role', 'attendance', 'positionHeld', 'onBehalfOf', 'sex'];
export const POSITION_HELD_MAX = 200;
/** What an invitee may answer for themselves. */
export const INVITATION_ANSWERS: readonly Attendance[] = ['CONFIRMED', 'APOLOGIES'];

/** Adds or changes someone's participation (one per meeting and person); frozen once minutes are approved. */
export async function setParticipation(
  scope: Scope,
  fields: {
    meeting: string;
    person: string;
    organization?: string | null;
    role: ParticipationRole;
    attendance: Attendance;
    /** Omitted: unchanged; null or empty: cleared. */
    positionHeld?: string | null;
    onBehalfOf?: string | null;
    sex?: Sex | null;
  },
  options: { idempotencyKey?: string | null } = {},
): Promise<{ participation: Participation; meeting: Meeting }> {
  requireStaff(scope.viewer, 'record participation');
  return scope.em.transactional(async (em) => {
    const meeting = await lockMeeting(em, fields.meeting, { missing: 'meetingId', mode: 'write' });
    const applied = await claimIdempotencyKey(em, scope.viewer, options.idempotencyKey, 'setParticipation', null);
    if (applied) {
      // Already applied: the participation as it is now, unchanged (another change may have come after it).
      const current = applied.entityId ? await em.findOne(ParticipationSchema, { id: applied.entityId }) : null;
      if (!current) throw new NotFoundError('Participation');
      return { participation: current, meeting };
    }
    requireOpenMeeting(meeting, 'meetingId', 'attendance');
    const problems = new Problems();
    const person = await em.findOne(PersonSchema, { id: fields.person });
    if (!person) problems.add('personId', 'no such person', 'NOT_FOUND_REFERENCE');
    const organization = fields.organization ?? person?.organization ?? null;
    if (fields.organization) {
      if (!(await em.findOne(OrganizationSchema, { id: fields.organization }))) {
        problems.add('organizationId', 'no such organisation', 'NOT_FOUND_REFERENCE');
      }
    } else if (person && !organization) {
      problems.add(
        'organizationId',
        'this person has no organisation: say which organisation they represent',
        'REQUIRED',
      );
    }
    const positionHeld = cleanText(problems, 'positionHeld', fields.positionHeld, POSITION_HELD_MAX);
    if (fields.sex != null && !SEXES.includes(fields.sex)) problems.add('sex', 'is unknown', 'INVALID_CHOICE');
    if (fields.onBehalfOf) {
      if (fields.onBehalfOf === fields.person) {
        problems.add('onBehalfOfId', 'a person cannot stand in for themselves', 'CIRCULAR_REFERENCE');
      } else if (!(await em.findOne(ParticipationSchema, { meeting: meeting.id, person: fields.onBehalfOf }))) {
        problems.add('onBehalfOfId', 'add the invited person to the meeting first', 'NOT_FOUND_REFERENCE');
      }
    }
    problems.throwIfAny();
    const extra = {
      ...(positionHeld !== undefined ? { positionHeld } : {}),
      ...(fields.onBehalfOf !== undefined ? { onBehalfOf: fields.onBehalfOf } : {}),
      ...(fields.sex !== undefined ? { sex: fields.sex } : {}),
    };
    const existing = await em.findOne(ParticipationSchema, { meeting: meeting.id, person: fields.person });
    if (existing) {
      const before = snapshot(existing, AUDITED);
      existing.organization = organization!;
      existing.role = fields.role;
      existing.attendance = fields.attendance;
      Object.assign(existing, extra);
      const changes = diff(before, snapshot(existing, AUDITED), AUDITED);
      if (Object.keys(changes).length > 0) {
        recordAudit(em, scope.viewer, {
          entityType: 'Participation',
          entityId: existing.id,
          operation: 'update',
          changes,
        });
      }
      await settleIdempotencyKey(em, scope.viewer, options.idempotencyKey, existing.id);
      return { participation: existing, meeting };
    }
    const participation = await insertParticipation(em, scope, meeting, {
      person: fields.person,
      role: fields.role,
      attendance: fields.attendance,
      organization: organization!,
      ...extra,
    });
    await settleIdempotencyKey(em, scope.viewer, options.idempotencyKey, participation.id);
    return { participation, meeting };
  });
}

/** Adds someone to a meeting in the transaction of `em` (audited); adding them to a coming meeting invites them. */
export async function insertParticipation(
  em: EntityManager,
  scope: Scope,
  meeting: Meeting,
  fields: {
    person: string;
    organization: string;
    role: ParticipationRole;
    attendance: Attendance;
    positionHeld?: string | null;
    onBehalfOf?: string | null;
    sex?: Sex | null;
  },
): Promise<Participation> {
  const participation = em.create(ParticipationSchema, {
    meeting: meeting.id,
    person: fields.person,
    organization: fields.organization,
    role: fields.role,
    attendance: fields.attendance,
    positionHeld: fields.positionHeld ?? null,
    onBehalfOf: fields.onBehalfOf ?? null,
    sex: fields.sex ?? null,
    createdBy: scope.viewer.personId ?? null,
  });
  const event = recordAudit(em, scope.viewer, {
    entityType: 'Participation',
    entityId: participation.id,
    operation: 'create',
    changes: diff(null, snapshot(participation, AUDITED), AUDITED),
  });
  if (meeting.status === 'PLANNED' && meeting.startsAt > new Date()) {
    await followUp(em, {
      id: event,
      kind: 'MEETING_INVITATION',
      meeting: meeting.id,
      person: participation.person,
      actor: scope.viewer.personId ?? null,
    });
  }
  return participation;
}

export async function removeParticipation(scope: Scope, meetingId: string, personId: string): Promise<Meeting> {
  requireStaff(scope.viewer, 'record participation');
  return scope.em.transactional(async (em) => {
    const meeting = await lockMeeting(em, meetingId, { missing: 'meetingId', mode: 'write' });
    requireOpenMeeting(meeting, 'meetingId', 'attendance');
    const participation = await em.findOne(ParticipationSchema, { meeting: meetingId, person: personId });
    if (!participation) {
      throw new InvalidInputError([
        { field: 'personId', message: 'this person does not take part in the meeting', code: 'NOT_FOUND_REFERENCE' },
      ]);
    }
    const before = snapshot(participation, AUDITED);
    // Whoever stood in for the removed person no longer stands in for anyone.
    const substitutes = await em.find(ParticipationSchema, { meeting: meetingId, onBehalfOf: personId });
    for (const substitute of substitutes) {
      recordAudit(em, scope.viewer, {
        entityType: 'Participation',
        entityId: substitute.id,
        operation: 'update',
        changes: { onBehalfOf: { before: personId, after: null } },
      });
      substitute.onBehalfOf = null;
    }
    em.remove(participation);
    recordAudit(em, scope.viewer, {
      entityType: 'Participation',
      entityId: participation.id,
      operation: 'remove',
      changes: diff(before, null, AUDITED),
    });
    return meeting;
  });
}

/**
 * The viewer's invitations to meetings still to come (PLANNED, not yet ended), soonest first, with
 * their attendance; an account without a person has none.
 */
export async function listMyInvitations(scope: Scope, page: PageArgs): Promise<Page<Participation>> {
  if (!scope.viewer.role) throw new UnauthenticatedError();
  const personId = scope.viewer.personId;
  if (!personId) return listPage(page, { count: async () => 0, rows: async () => [] });
  const where = `p.person_id = ? and m.status = 'PLANNED' and coalesce(m.ends_at, m.starts_at) >= now()`;
  return listPage(page, {
    count: async () => {
      const [{ count }] = await scope.em.execute<{ count: string }[]>(
        `select count(*) as count from participation p join meeting m on m.id = p.meeting_id where ${where}`,
        [personId],
      );
      return Number(count);
    },
    rows: async ({ limit, offset }) => {
      const rows = await scope.em.execute<Record<string, unknown>[]>(
        `select p.* from participation p join meeting m on m.id = p.meeting_id where ${where}
         order by m.starts_at asc, m.id asc limit ? offset ?`,
        [personId, limit, offset],
      );
      return plainRows(scope.em, ParticipationSchema, rows);
    },
  });
}

/**
 * An invitee confirms or sends apologies for themselves (any role, from a session or a WRITE token).
 * Someone not invited is told the meeting does not exist; a meeting no longer PLANNED is refused.
 */
export async function respondToInvitation(
  scope: Scope,
  meetingId: string,
  attendance: Attendance,
): Promise<{ participation: Participation; meeting: Meeting }> {
  if (!scope.viewer.role) throw new UnauthenticatedError();
  requireWriteScope(scope.viewer);
  const personId = scope.viewer.personId;
  if (!personId) throw new NotFoundError('Meeting', meetingId);
  const problems = new Problems();
  if (!INVITATION_ANSWERS.includes(attendance)) {
    problems.add('attendance', 'answer CONFIRMED or APOLOGIES', 'INVALID_CHOICE', {
      allowed: [...INVITATION_ANSWERS],
    });
  }
  problems.throwIfAny();
  return scope.em.transactional(async (em) => {
    const meeting = await lockMeeting(em, meetingId, { mode: 'write' });
    const participation = await em.findOne(ParticipationSchema, { meeting: meetingId, person: personId });
    if (!participation) throw new NotFoundError('Meeting', meetingId);
    if (meeting.status !== 'PLANNED') {
      throw new InvalidInputError([
        {
          field: 'meetingId',
          message: `the meeting is ${meeting.status}: invitations can be answered only before it is held`,
          code: 'INVALID_STATE',
          params: { status: meeting.status },
        },
      ]);
    }
    const before = snapshot(participation, AUDITED);
    participation.attendance = attendance;
    const changes = diff(before, snapshot(participation, AUDITED), AUDITED);
    if (Object.keys(changes).length > 0) {
      recordAudit(em, scope.viewer, {
        entityType: 'Participation',
        entityId: participation.id,
        operation: 'respond',
        changes: { meeting: { before: meetingId, after: meetingId }, ...changes },
      });
    }
    return { participation, meeting };
  });
}
