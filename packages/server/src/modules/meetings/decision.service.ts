import type { EntityManager } from '@mikro-orm/postgresql';
import { requireStaff } from '../../auth/permissions.js';
import { InvalidInputError, NotFoundError, Problems } from '../../errors.js';
import { cleanText, requireEnglishOrKhmer } from '../../validation.js';
import { diff, recordAudit, snapshot } from '../audit/audit.service.js';
import { claimIdempotencyKey, settleIdempotencyKey } from '../idempotency/idempotency.service.js';
import type { Scope } from '../organizations/organization.service.js';
import { AgendaItemSchema, type Decision, DecisionSchema, type Meeting } from './meeting.entity.js';
import { lockMeeting, requireOpenMeeting } from './meeting.service.js';

export const DECISION_MAX = 10_000;
const AUDITED = ['meeting', 'agendaItem', 'position', 'text', 'textKm'];

async function checkAgendaItem(em: EntityManager, problems: Problems, meetingId: string, agendaItem?: string | null) {
  if (!agendaItem) return;
  const item = await em.findOne(AgendaItemSchema, { id: agendaItem });
  if (!item) problems.add('agendaItemId', 'no such agenda item', 'NOT_FOUND_REFERENCE');
  else if (item.meeting !== meetingId)
    problems.add('agendaItemId', 'is an agenda item of another meeting', 'INVALID_COMBINATION');
}

/** A decision that commitments follow from is settled: it no longer changes or goes (field `id`). */
async function requireNoCommitments(em: EntityManager, decision: Decision, action: string): Promise<void> {
  const [{ count, refs }] = await em.execute<{ count: number; refs: string[] | null }[]>(
    `select count(*)::int as count, (array_agg(reference order by reference))[1:5] as refs
       from commitment where decision_id = ?`,
    [decision.id],
  );
  if (count > 0) {
    throw new InvalidInputError([
      {
        field: 'id',
        message: `${count} commitment(s) follow from this decision (${(refs ?? []).join(', ')}): it can no longer ${action}`,
        code: 'IN_USE',
        params: { count, references: refs ?? [] },
      },
    ]);
  }
}

/** Records a decision (numbered after the meeting's earlier ones); frozen once minutes are approved. */
export async function recordDecision(
  scope: Scope,
  fields: { meeting: string; agendaItem?: string | null; text?: string | null; textKm?: string | null },
  options: { idempotencyKey?: string | null } = {},
): Promise<Decision> {
  requireStaff(scope.viewer, 'record decisions');
  return scope.em.transactional(async (em) => {
    const meeting = await lockMeeting(em, fields.meeting, { missing: 'meetingId', mode: 'write' });
    const applied = await claimIdempotencyKey(em, scope.viewer, options.idempotencyKey, 'recordDecision', null);
    if (applied) {
      // Already recorded: the same decision, not a second one.
      const recorded = applied.entityId ? await em.findOne(DecisionSchema, { id: applied.entityId }) : null;
      if (!recorded) throw new NotFoundError('Decision');
      return recorded;
    }
    requireOpenMeeting(meeting, 'meetingId', 'decisions');
    const problems = new Problems();
    const text = cleanText(problems, 'text', fields.text, DECISION_MAX) ?? null;
    const textKm = cleanText(problems, 'textKm', fields.textKm, DECISION_MAX) ?? null;
    requireEnglishOrKhmer(problems, 'text', text, textKm);
    await checkAgendaItem(em, problems, meeting.id, fields.agendaItem);
    problems.throwIfAny();
    const [last] = await em.find(
      DecisionSchema,
      { meeting: meeting.id },
      { orderBy: { position: 'desc' }, limit: 1, fields: ['position'] },
    );
    const decision = em.create(DecisionSchema, {
      meeting: meeting.id,
      agendaItem: fields.agendaItem ?? null,
      position: (last?.position ?? 0) + 1,
      text,
      textKm,
      createdBy: scope.viewer.personId ?? null,
    });
    recordAudit(em, scope.viewer, {
      entityType: 'Decision',
      entityId: decision.id,
      operation: 'create',
      changes: diff(null, snapshot(decision, AUDITED), AUDITED),
    });
    await settleIdempotencyKey(em, scope.viewer, options.idempotencyKey, decision.id);
    return decision;
  });
}

/** Rewords a decision or moves it under another agenda item; rewording is refused once commitments follow from it. */
export async function updateDecision(
  scope: Scope,
  id: string,
  fields: { agendaItem?: string | null; text?: string | null; textKm?: string | null },
): Promise<Decision> {
  requireStaff(scope.viewer, 'change decisions');
  return scope.em.transactional(async (em) => {
    const found = await em.findOne(DecisionSchema, { id });
    if (!found) throw new NotFoundError('Decision', id);
    const meeting = await lockMeeting(em, found.meeting, { mode: 'write' });
    requireOpenMeeting(meeting, 'id', 'decisions');
    const decision = (await em.findOne(DecisionSchema, { id }, { refresh: true }))!;
    const problems = new Problems();
    const text = cleanText(problems, 'text', fields.text, DECISION_MAX);
    const textKm = cleanText(problems, 'textKm', fields.textKm, DECISION_MAX);
    // Its commitments rest on its wording; moving it under another agenda item leaves them true.
    const reworded =
      (text !== undefined && text !== decision.text) || (textKm !== undefined && textKm !== decision.textKm);
    if (reworded) await requireNoCommitments(em, decision, 'change');
    requireEnglishOrKhmer(
      problems,
      'text',
      text === undefined ? decision.text : text,
      textKm === undefined ? decision.textKm : textKm,
    );
    await checkAgendaItem(em, problems, meeting.id, fields.agendaItem);
    problems.throwIfAny();
    const before = snapshot(decision, AUDITED);
    if (text !== undefined) decision.text = text;
    if (textKm !== undefined) decision.textKm = textKm;
    if (fields.agendaItem !== undefined) decision.agendaItem = fields.agendaItem;
    const changes = diff(before, snapshot(decision, AUDITED), AUDITED);
    if (Object.keys(changes).length > 0) {
      recordAudit(em, scope.viewer, { entityType: 'Decision', entityId: id, operation: 'update', changes });
    }
    return decision;
  });
}

/**
 * Removes a decision recorded by mistake (audited); the later decisions of the meeting move up.
 * Refused once commitments follow from it or the meeting's minutes are approved.
 */
export async function removeDecision(scope: Scope, id: string): Promise<Meeting> {
  requireStaff(scope.viewer, 'remove decisions');
  return scope.em.transactional(async (em) => {
    const found = await em.findOne(DecisionSchema, { id });
    if (!found) throw new NotFoundError('Decision', id);
    const meeting = await lockMeeting(em, found.meeting, { mode: 'write' });
    requireOpenMeeting(meeting, 'id', 'decisions');
    const decision = (await em.findOne(DecisionSchema, { id }, { refresh: true }))!;
    await requireNoCommitments(em, decision, 'be removed');
    const before = snapshot(decision, AUDITED);
    const later = await em.find(
      DecisionSchema,
      { meeting: meeting.id, position: { $gt: decision.position } },
      { orderBy: { position: 'asc' } },
    );
    em.remove(decision);
    await em.flush();
    for (const next of later) {
      recordAudit(em, scope.viewer, {
        entityType: 'Decision',
        entityId: next.id,
        operation: 'update',
        changes: { position: { before: next.position, after: next.position - 1 } },
      });
      next.position -= 1;
    }
    recordAudit(em, scope.viewer, {
      entityType: 'Decision',
      entityId: id,
      operation: 'remove',
      changes: diff(before, null, AUDITED),
    });
    return meeting;
  });
}
