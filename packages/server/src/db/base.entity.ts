import { randomUUID } from 'node:crypto';
import { p } from '@mikro-orm/core';

/** The columns every record has (DESIGN.md §2): id, createdAt, updatedAt, createdBy (a person id). */
export const baseProperties = {
  id: p
    .uuid()
    .primary()
    .onCreate(() => randomUUID()),
  createdAt: p
    .datetime()
    .columnType('timestamptz')
    .onCreate(() => new Date()),
  updatedAt: p
    .datetime()
    .columnType('timestamptz')
    .onCreate(() => new Date())
    .onUpdate(() => new Date()),
  createdBy: p.uuid().nullable(),
};

/** Values shared by several modules. */
export const VISIBILITIES = ['INTERNAL', 'PARTNERS', 'PUBLIC'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/**
 * Trigram (pg_trgm) indexes for substring search in English and Khmer: Khmer has no
 * spaces between words, so word-based full-text search would not find words inside it.
 */
export function trigramIndexes(table: string, columns: string[]): { name: string; expression: string }[] {
  return columns.map((column) => ({
    name: `${table}_${column}_trgm`,
    expression: `create index "${table}_${column}_trgm" on "${table}" using gin ("${column}" gin_trgm_ops)`,
  }));
}
