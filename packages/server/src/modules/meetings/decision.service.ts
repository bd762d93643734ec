import type { EntityManager } from '@mikro-orm/postgresql';
import { requireStaff } from '../../auth/permissions.js';
import { NotFoundError, Problems } from '../../errors.js';
import { cleanText, requireEnglishOrKhmer } from '../../validation.js';
import { diff, recordAudit, snapshot } from '../audit/audit.service.js';
import type { Scope } from '../organizations/organization.service.js';
import { AgendaItemSchema, type Decision, DecisionSchema } from './meeting.entity.js';
import { lockMeeting, requireOpenMeeting } from './meeting.service.js';

export const DECISION_MAX = 10_000;
const AUDITED = ['meeting', 'agendaItem', 'position', 'text', 'textKm'];

async function checkAgendaItem(em: EntityManager, problems: Problems, meetingId: string, agendaItem?: string | null) {
  if (!agendaItem) return;
  const item = await em.findOne(AgendaItemSchema, { id: agendaItem });
  if (!item) problems.add('agendaItemId', 'no such agenda item');
  else if (item.meeting !== meetingId) problems.add('agendaItemId', 'is an agenda item of another meeting');
}

/** Records a decision (numbered after the meeting's earlier ones); frozen once minutes are approved. */
export async function recordDecision(
  scope: Scope,
  fields: { meeting: string; agendaItem?: string | null; text?: string | null; textKm?: string | null },
): Promise<Decision> {
  requireStaff(scope.viewer, 'record decisions');
  return scope.em.transactional(async (em) => {
    const meeting = await lockMeeting(em, fields.meeting, { missing: 'meetingId', mode: 'write' });
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
    return decision;
  });
}

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
