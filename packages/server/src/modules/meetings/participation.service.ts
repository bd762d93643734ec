import type { EntityManager } from '@mikro-orm/postgresql';
import { requireStaff } from '../../auth/permissions.js';
import { InvalidInputError, Problems } from '../../errors.js';
import { diff, recordAudit, snapshot } from '../audit/audit.service.js';
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
} from './meeting.entity.js';
import { lockMeeting, requireOpenMeeting } from './meeting.service.js';

const AUDITED = ['meeting', 'person', 'organization', 'role', 'attendance'];

/** Adds or changes someone's participation (one per meeting and person); frozen once minutes are approved. */
export async function setParticipation(
  scope: Scope,
  fields: {
    meeting: string;
    person: string;
    organization?: string | null;
    role: ParticipationRole;
    attendance: Attendance;
  },
): Promise<{ participation: Participation; meeting: Meeting }> {
  requireStaff(scope.viewer, 'record participation');
  return scope.em.transactional(async (em) => {
    const meeting = await lockMeeting(em, fields.meeting, { missing: 'meetingId', mode: 'write' });
    requireOpenMeeting(meeting, 'meetingId', 'attendance');
    const problems = new Problems();
    const person = await em.findOne(PersonSchema, { id: fields.person });
    if (!person) problems.add('personId', 'no such person');
    const organization = fields.organization ?? person?.organization ?? null;
    if (fields.organization) {
      if (!(await em.findOne(OrganizationSchema, { id: fields.organization }))) {
        problems.add('organizationId', 'no such organisation');
      }
    } else if (person && !organization) {
      problems.add('organizationId', 'this person has no organisation: say which organisation they represent');
    }
    problems.throwIfAny();
    const existing = await em.findOne(ParticipationSchema, { meeting: meeting.id, person: fields.person });
    if (existing) {
      const before = snapshot(existing, AUDITED);
      existing.organization = organization!;
      existing.role = fields.role;
      existing.attendance = fields.attendance;
      const changes = diff(before, snapshot(existing, AUDITED), AUDITED);
      if (Object.keys(changes).length > 0) {
        recordAudit(em, scope.viewer, {
          entityType: 'Participation',
          entityId: existing.id,
          operation: 'update',
          changes,
        });
      }
      return { participation: existing, meeting };
    }
    return {
      participation: await insertParticipation(em, scope, meeting, { ...fields, organization: organization! }),
      meeting,
    };
  });
}

/** Adds someone to a meeting in the transaction of `em` (audited); adding them to a coming meeting invites them. */
export async function insertParticipation(
  em: EntityManager,
  scope: Scope,
  meeting: Meeting,
  fields: { person: string; organization: string; role: ParticipationRole; attendance: Attendance },
): Promise<Participation> {
  const participation = em.create(ParticipationSchema, {
    meeting: meeting.id,
    person: fields.person,
    organization: fields.organization,
    role: fields.role,
    attendance: fields.attendance,
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
      throw new InvalidInputError([{ field: 'personId', message: 'this person does not take part in the meeting' }]);
    }
    const before = snapshot(participation, AUDITED);
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
