import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireStaff } from '../../auth/permissions.js';
import { NotFoundError, Problems } from '../../errors.js';
import { cleanText } from '../../validation.js';
import { recordAudit } from '../audit/audit.service.js';
import { type Commitment, CommitmentSchema } from '../commitments/commitment.entity.js';
import { lockCommitment, type Scope, writeTransaction } from '../commitments/commitment.service.js';
import { requireReporter } from '../commitments/progress.service.js';
import { followUp } from '../notifications/follow-up.js';
import { type DueDateChange, DueDateChangeSchema } from './due-date-change.entity.js';

const REASON_MAX = 2000;
const CLOSED = ['VERIFIED', 'CANCELLED'];

/**
 * Records the secretariat's direct change of a due date (APPLIED) in the transaction of `em`, and keeps
 * the first due date ever set in originalDueDate. Called by updateCommitment.
 */
export function recordAppliedDueDate(
  em: EntityManager,
  scope: Scope,
  commitment: Commitment,
  from: string | null,
  reason: string | null | undefined,
): DueDateChange {
  if (!commitment.originalDueDate) commitment.originalDueDate = from ?? commitment.dueDate ?? null;
  const person = scope.viewer.personId ?? null;
  return em.create(DueDateChangeSchema, {
    commitment: commitment.id,
    from,
    to: commitment.dueDate ?? null,
    reason: reason ?? null,
    status: 'APPLIED',
    requestedBy: person,
    decidedBy: person,
    decidedAt: new Date(),
    createdBy: person,
  });
}

/** A focal point asks the secretariat to move a due date (REQUESTED); one request waits at a time. */
export async function requestDueDateChange(
  scope: Scope,
  input: {
    commitmentId: string;
    version: number;
    dueDate: string | null | undefined;
    reason: string | null | undefined;
  },
): Promise<{ change: DueDateChange; commitment: Commitment }> {
  await requireReporter(scope, input.commitmentId);
  return writeTransaction(scope, input.commitmentId, async (em) => {
    const commitment = await lockCommitment(em, input.commitmentId, input.version);
    const problems = new Problems();
    const reason = cleanText(problems, 'reason', input.reason, REASON_MAX);
    if (!reason) problems.add('reason', 'say why the due date should move', 'REQUIRED');
    if (!input.dueDate) problems.add('dueDate', 'give the new due date', 'REQUIRED');
    else if (input.dueDate === commitment.dueDate)
      problems.add('dueDate', 'is the due date it has already', 'INVALID_STATE', { dueDate: input.dueDate });
    if (CLOSED.includes(commitment.status))
      problems.add('commitmentId', `the commitment is ${commitment.status}`, 'INVALID_STATE', {
        status: commitment.status,
      });
    if (await em.findOne(DueDateChangeSchema, { commitment: commitment.id, status: 'REQUESTED' }))
      problems.add(
        'commitmentId',
        'a request to move its due date is already waiting for the secretariat',
        'INVALID_STATE',
      );
    problems.throwIfAny();
    const person = scope.viewer.personId ?? null;
    const change = em.create(DueDateChangeSchema, {
      commitment: commitment.id,
      from: commitment.dueDate ?? null,
      to: input.dueDate ?? null,
      reason: reason ?? null,
      status: 'REQUESTED',
      requestedBy: person,
      createdBy: person,
    });
    recordAudit(em, scope.viewer, {
      entityType: 'DueDateChange',
      entityId: change.id,
      operation: 'request',
      changes: {
        commitment: { before: null, after: commitment.id },
        dueDate: { before: change.from, after: change.to },
        reason: { before: null, after: reason },
      },
    });
    await followUp(em, {
      id: change.id,
      kind: 'DUE_DATE_CHANGE_REQUESTED',
      commitment: commitment.id,
      actor: person,
      from: change.from ?? null,
      to: change.to ?? null,
      reason,
    });
    return { change, commitment };
  });
}

/** The secretariat accepts a request (the due date moves) or declines it (with the reason). */
export async function decideDueDateChange(
  scope: Scope,
  input: { id: string; accept: boolean; reason?: string | null },
): Promise<{ change: DueDateChange; commitment: Commitment }> {
  requireStaff(scope.viewer, 'decide on due-date changes');
  const found = await scope.em.findOne(DueDateChangeSchema, { id: input.id });
  if (!found) throw new NotFoundError('DueDateChange', input.id);
  return writeTransaction(scope, found.commitment, async (em) => {
    const change = await em.findOneOrFail(DueDateChangeSchema, { id: input.id });
    // Deciding takes no version: it moves only the due date, whatever else changed meanwhile.
    const commitment = await em.findOneOrFail(
      CommitmentSchema,
      { id: change.commitment },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    const problems = new Problems();
    const reason = cleanText(problems, 'reason', input.reason, REASON_MAX);
    if (change.status !== 'REQUESTED')
      problems.add('id', `this request was already ${change.status}`, 'INVALID_STATE', { status: change.status });
    if (!input.accept && !reason) problems.add('reason', 'say why the request is declined', 'REQUIRED');
    if (input.accept && CLOSED.includes(commitment.status))
      problems.add('id', `the commitment is ${commitment.status}; its due date no longer moves`, 'INVALID_STATE', {
        status: commitment.status,
      });
    problems.throwIfAny();
    const person = scope.viewer.personId ?? null;
    change.status = input.accept ? 'ACCEPTED' : 'DECLINED';
    change.decidedBy = person;
    change.decidedAt = new Date();
    change.decisionReason = reason ?? null;
    if (input.accept) {
      const before = commitment.dueDate ?? null;
      if (!commitment.originalDueDate) commitment.originalDueDate = before ?? change.to;
      // The request was made against the due date of its time; the history says what it moved from.
      change.from = before;
      commitment.dueDate = change.to;
      recordAudit(em, scope.viewer, {
        entityType: 'Commitment',
        entityId: commitment.id,
        operation: 'update',
        changes: { dueDate: { before, after: change.to } },
      });
    }
    const event = recordAudit(em, scope.viewer, {
      entityType: 'DueDateChange',
      entityId: change.id,
      operation: input.accept ? 'accept' : 'decline',
      changes: {
        status: { before: 'REQUESTED', after: change.status },
        reason: { before: null, after: reason ?? null },
      },
    });
    await followUp(em, {
      id: event,
      kind: 'DUE_DATE_CHANGE_DECIDED',
      commitment: commitment.id,
      actor: person,
      requester: change.requestedBy ?? null,
      from: change.from ?? null,
      to: change.to ?? null,
      accepted: input.accept,
      reason,
    });
    return { change, commitment };
  });
}
