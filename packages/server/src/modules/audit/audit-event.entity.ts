import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/** Append-only record of a change; a database trigger refuses UPDATE and DELETE. */
export const AuditEventSchema = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_event',
  indexes: [{ properties: ['entityType', 'entityId'] }],
  triggers: [
    {
      name: 'audit_event_no_change',
      timing: 'before',
      events: ['update', 'delete'],
      forEach: 'row',
      body: "raise exception 'audit events are append-only: % is not allowed', tg_op;",
    },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    at: p
      .datetime()
      .columnType('timestamptz')
      .onCreate(() => new Date())
      .index(),
    actor: p.uuid().nullable().index(),
    /** Who acted when no person did (the operator CLI, a migration). */
    actorLabel: p.string().length(120).nullable(),
    entityType: p.string().length(60),
    entityId: p.uuid(),
    operation: p.string().length(60),
    changes: p.json<Record<string, { before: unknown; after: unknown }>>().nullable(),
  },
});
export type AuditEvent = InferEntity<typeof AuditEventSchema>;
