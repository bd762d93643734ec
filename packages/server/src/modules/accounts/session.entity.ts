import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { AccountSchema } from './account.entity.js';

/**
 * A signed-in browser. The cookie holds an opaque random value; only its SHA-256 is stored here,
 * so a copy of the database does not let anyone sign in.
 */
export const SessionSchema = defineEntity({
  name: 'Session',
  tableName: 'session',
  properties: {
    /** Hex SHA-256 of the cookie value. */
    id: p.string().length(64).primary(),
    account: p.manyToOne(AccountSchema).mapToPk().index().deleteRule('cascade'),
    createdAt: p
      .datetime()
      .columnType('timestamptz')
      .onCreate(() => new Date()),
    /** Last request seen (updated at most once a minute); the idle timeout counts from here. */
    lastSeenAt: p
      .datetime()
      .columnType('timestamptz')
      .onCreate(() => new Date()),
    /** The absolute end of the session, whatever the activity. */
    expiresAt: p.datetime().columnType('timestamptz').index(),
    /** Idle timeout of this session in seconds (the setting when it was created). */
    idleTimeoutSeconds: p.integer(),
  },
});
export type Session = InferEntity<typeof SessionSchema>;
