import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

type Row = Record<string, unknown>;
type Mapper = (row: Row) => object;

const digits = (text: string, from: number, to: number) => {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
};

/**
 * PostgreSQL's text form of a UTC timestamptz, '2026-12-01 09:46:48.785+00' (the sessions' time zone is UTC),
 * read digit by digit: a row has several, and rewriting each into ISO form made three strings per value.
 */
function utcTimestamp(text: string): Date | undefined {
  const length = text.length;
  if (length < 22 || text.charCodeAt(10) !== 32 || !text.endsWith('+00')) return undefined;
  let ms = 0;
  if (text.charCodeAt(19) === 46 /* . */) {
    // Up to six digits of fraction: milliseconds are the first three.
    const end = length - 3;
    for (let i = 20; i < 23; i++) ms = ms * 10 + (i < end ? text.charCodeAt(i) - 48 : 0);
  } else if (length !== 22) return undefined;
  return new Date(
    Date.UTC(
      digits(text, 0, 4),
      digits(text, 5, 7) - 1,
      digits(text, 8, 10),
      digits(text, 11, 13),
      digits(text, 14, 16),
      digits(text, 17, 19),
      ms,
    ),
  );
}

/** PostgreSQL's text form of timestamptz ('2026-12-01 09:46:48.785+00') or JSON's ISO form, as a Date. */
export function toDate(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  // JSON's ISO form (to_jsonb of a row) parses as it is; only the text form needs rewriting.
  if (value.charCodeAt(10) === 84 /* T */) return new Date(value);
  return utcTimestamp(value) ?? new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
}

const mappers = new Map<string, Mapper>();

/**
 * The read path's mapper: rows of `entity` (snake_case columns, as `select t.*` or `to_jsonb(t)` give them)
 * become plain objects with the entity's property names and types, skipping MikroORM's hydration, identity
 * map and unit of work, which reads do not need and which cost most of their CPU. The objects are instances
 * of a class named after the entity, because GraphQL's Node interface tells types apart by that name.
 * Writes keep loading managed entities.
 */
export function plainMapper<T extends object>(em: EntityManager, entity: EntityName<T>): (row: Row) => T {
  const meta = em.getMetadata().get(entity as never) as unknown as {
    className: string;
    props: { name: string; fieldNames?: string[]; kind: string; runtimeType?: string; persist?: boolean }[];
  };
  let mapper = mappers.get(meta.className);
  if (!mapper) {
    const columns = meta.props
      .filter(
        (p) =>
          p.persist !== false &&
          p.fieldNames?.length === 1 &&
          (p.kind === 'scalar' || p.kind === 'm:1' || p.kind === '1:1'),
      )
      .map((p) => ({ field: p.fieldNames![0], prop: p.name, date: p.runtimeType === 'Date' }));
    const Named = { [meta.className]: class {} }[meta.className];
    mapper = (row) => {
      const object = new Named() as Row;
      for (const { field, prop, date } of columns) {
        const value = row[field];
        object[prop] = value === undefined ? null : date && value !== null ? toDate(value) : value;
      }
      return object;
    };
    mappers.set(meta.className, mapper);
  }
  return mapper as (row: Row) => T;
}

/** Maps many rows with plainMapper. */
export function plainRows<T extends object>(em: EntityManager, entity: EntityName<T>, rows: Row[]): T[] {
  const map = plainMapper(em, entity);
  return rows.map(map);
}

/** The table and column names of an entity's properties, for hand-written reads. */
export function tableOf<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
): { table: string; column: (prop: string) => string } {
  const meta = em.getMetadata().get(entity as never) as unknown as {
    tableName: string;
    properties: Record<string, { fieldNames: string[] }>;
  };
  return {
    table: meta.tableName,
    column: (prop) => {
      const field = meta.properties[prop]?.fieldNames?.[0];
      if (!field) throw new Error(`${meta.tableName} has no column for ${prop}`);
      return field;
    },
  };
}
