import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/**
 * Fixed-window request counters (rate limits, login throttling), kept in PostgreSQL so that
 * every server instance sees the same counts. Rows past `expiresAt` are deleted now and then.
 */
export const RateLimitCounterSchema = defineEntity({
  name: 'RateLimitCounter',
  tableName: 'rate_limit_counter',
  properties: {
    key: p.string().length(200).primary(),
    windowStart: p.datetime().columnType('timestamptz').primary(),
    count: p.integer().default(0),
    expiresAt: p.datetime().columnType('timestamptz').index(),
  },
});
export type RateLimitCounter = InferEntity<typeof RateLimitCounterSchema>;
