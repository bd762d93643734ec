import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/**
 * The idempotency keys of changes already applied, one per account and key (docs/decisions/0020-offline.md).
 * A row is written in the same transaction as the change it stands for, so a key is taken exactly when its
 * change was committed; a replay of the key answers with the record as it is now instead of writing again.
 */
export const IdempotencyKeySchema = defineEntity({
  name: 'IdempotencyKey',
  tableName: 'idempotency_key',
  properties: {
    // The account that sent the change (the nil uuid for the system): keys of different people never collide.
    account: p.uuid().primary(),
    key: p.string().length(100).primary(),
    /** The mutation it was used for (updateAgendaItem, setParticipation, recordDecision). */
    operation: p.string().length(60),
    /** The record the change wrote (filled once the change has made it). */
    entityId: p.uuid().nullable(),
    createdAt: p
      .datetime()
      .columnType('timestamptz')
      .onCreate(() => new Date())
      .index(),
  },
});
export type IdempotencyKey = InferEntity<typeof IdempotencyKeySchema>;
