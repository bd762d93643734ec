import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { getMetadataStorage } from 'type-graphql';
import type { Selection } from '../graphql/selection.js';

/**
 * Narrow reads: the columns a selection needs, so that a hot list reads and parses only those (issue 14,
 * decision 0024). A narrow object is only ever handed to the resolvers of the selection it was read for,
 * never primed into a shared loader, so a field that is not selected is never read from it.
 */

const plainByType = new Map<string, Map<string, string>>();

/**
 * The fields of GraphQL object type `typeName` that read an entity property as it is: declared with
 * `@Field` on the type, with no field resolver, middleware or role of their own. Field name → property.
 * Read from type-graphql's metadata once the schema is built, so a field resolver added later is seen.
 */
export function plainFields(typeName: string): Map<string, string> {
  let plain = plainByType.get(typeName);
  if (plain) return plain;
  plain = new Map();
  const storage = getMetadataStorage();
  const type = storage.objectTypes.find((candidate) => candidate.name === typeName);
  if (type) {
    const resolved = new Set(
      storage.fieldResolvers
        .filter((resolver) => resolver.getObjectType?.() === type.target)
        .map((resolver) => resolver.schemaName),
    );
    for (const field of type.fields ?? []) {
      if (resolved.has(field.schemaName) || field.middlewares?.length || field.roles?.length) continue;
      plain.set(field.schemaName, field.name);
    }
  }
  plainByType.set(typeName, plain);
  return plain;
}

/** Which entity properties a field resolver reads (hand-checked against the resolver; see each entity's use). */
export type ResolverProps = Record<string, readonly string[]>;

/**
 * The columns of `entity` that answer `selection` on GraphQL type `typeName` (always with `id`), or
 * undefined when some selected field is neither a plain property nor listed in `resolved` (the caller then
 * reads whole rows, as before). Fields listed in `resolved` with a selection below them are the caller's to
 * check (relations).
 */
export function narrowColumns<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  typeName: string,
  selection: Selection,
  resolved: ResolverProps,
): readonly string[] | undefined {
  // Selections are collected once per document (graphql/selection.ts), so a nested list asks again with the
  // same one for every parent item: answer it once.
  const byResolved = columnsBySelection.get(selection) ?? new Map<ResolverProps, Map<string, string[] | undefined>>();
  columnsBySelection.set(selection, byResolved);
  const byType = byResolved.get(resolved) ?? new Map<string, string[] | undefined>();
  byResolved.set(resolved, byType);
  if (byType.has(typeName)) return byType.get(typeName);
  const columns = columnsFor(em, entity, typeName, selection, resolved);
  byType.set(typeName, columns);
  return columns;
}

const columnsBySelection = new WeakMap<Selection, Map<ResolverProps, Map<string, string[] | undefined>>>();

function columnsFor<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  typeName: string,
  selection: Selection,
  resolved: ResolverProps,
): string[] | undefined {
  const meta = em.getMetadata().get(entity as never) as unknown as {
    properties: Record<string, { fieldNames?: string[]; kind: string; persist?: boolean }>;
  };
  const columnOf = (prop: string) => {
    const property = meta.properties[prop];
    if (!property || property.persist === false || property.fieldNames?.length !== 1) return undefined;
    return property.kind === 'scalar' || property.kind === 'm:1' || property.kind === '1:1'
      ? property.fieldNames[0]
      : undefined;
  };
  const plain = plainFields(typeName);
  const columns = new Set<string>(['id']);
  for (const [name, below] of selection) {
    if (name === '__typename') continue;
    const props = Object.hasOwn(resolved, name) ? resolved[name] : undefined;
    const prop = props ? undefined : plain.get(name);
    if (!props && (prop === undefined || below.size > 0)) return undefined;
    for (const each of props ?? [prop!]) {
      const column = columnOf(each);
      if (!column) return undefined;
      columns.add(column);
    }
  }
  return [...columns];
}

/** `json_build_object` of `columns` of the row aliased `alias`, keyed by column name (as `to_jsonb` would be). */
export function jsonOf(alias: string, columns: readonly string[]): string {
  return `json_build_object(${columns.map((column) => `'${column}', ${alias}."${column}"`).join(', ')})`;
}
