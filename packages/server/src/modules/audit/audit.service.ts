import type { EntityManager } from '@mikro-orm/postgresql';
import { maySeeAudit } from '../../auth/permissions.js';
import type { Viewer } from '../../auth/viewer.js';
import { ForbiddenError, UnauthenticatedError } from '../../errors.js';
import type { Page, PageArgs } from '../../graphql/connection.js';
import { queryBuilderPage } from '../../graphql/list-page.js';
import { type AuditEvent, AuditEventSchema } from './audit-event.entity.js';
import { auditMessage } from '../../live/live.message.js';
import { queueLive } from '../../live/live.outbox.js';

export type Changes = Record<string, { before: unknown; after: unknown }>;

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normalise);
  return value ?? null;
}

/** The fields whose values differ between two snapshots, as { field: { before, after } }. */
export function diff(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  fields: string[],
): Changes {
  const changes: Changes = {};
  for (const field of fields) {
    const b = normalise(before?.[field]);
    const a = normalise(after?.[field]);
    if (JSON.stringify(b) !== JSON.stringify(a)) changes[field] = { before: b, after: a };
  }
  return changes;
}

/** A copy of the named fields of an entity, taken before it changes. */
export function snapshot<T extends object>(entity: T, fields: string[]): Record<string, unknown> {
  const record = entity as Record<string, unknown>;
  return Object.fromEntries(fields.map((field) => [field, normalise(record[field])]));
}

/**
 * Adds an audit event to the unit of work of `em`: it is written in the same
 * transaction as the change it records, or not at all. Returns the event's id.
 */
export function recordAudit(
  em: EntityManager,
  viewer: Viewer,
  event: { entityType: string; entityId: string; operation: string; changes?: Changes | null; actorLabel?: string },
): string {
  // Subscribers hear of it when (and only if) the transaction commits.
  queueLive(em, auditMessage(event, viewer.personId));
  return em.create(AuditEventSchema, {
    actor: viewer.personId ?? null,
    actorLabel:
      event.actorLabel ?? (viewer.personId ? null : viewer.accountId ? `account:${viewer.accountId}` : 'system'),
    entityType: event.entityType,
    entityId: event.entityId,
    operation: event.operation,
    changes: event.changes ?? null,
  }).id;
}

export interface AuditEventQuery {
  entityType?: string | null;
  /** A record's type and uuid (from its global id); combined with entityType, both must match. */
  entity?: { type: string; id: string };
  actor?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** Audit events, newest first: staff only (anonymous viewers are told to sign in, others are refused). */
export async function listAuditEvents(
  scope: { em: EntityManager; viewer: Viewer },
  filter: AuditEventQuery,
  page: PageArgs,
): Promise<Page<AuditEvent>> {
  if (!scope.viewer.role) throw new UnauthenticatedError();
  if (!maySeeAudit(scope.viewer)) throw new ForbiddenError('Only the secretariat may read the audit trail');
  const qb = scope.em.createQueryBuilder(AuditEventSchema, 'a');
  if (filter.entityType) qb.andWhere({ entityType: filter.entityType });
  if (filter.entity) qb.andWhere({ entityType: filter.entity.type, entityId: filter.entity.id });
  if (filter.actor) qb.andWhere({ actor: filter.actor });
  if (filter.from) qb.andWhere({ at: { $gte: filter.from } });
  if (filter.to) qb.andWhere({ at: { $lte: filter.to } });
  return queryBuilderPage(qb.orderBy({ at: 'desc', id: 'desc' }), page);
}
