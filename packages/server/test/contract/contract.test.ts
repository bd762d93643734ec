import { readFileSync } from 'node:fs';
import { BreakingChangeType, buildSchema, findBreakingChanges, type GraphQLNamedType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printPublicSchema } from '../../src/graphql/schema.js';
import { schemaFile } from '../../src/paths.js';

const contract = buildSchema(readFileSync(new URL('./design-contract.graphql', import.meta.url), 'utf8'));

// A type the contract names but the real schema has more of is fine (additions); these are not breaks.
const ADDITIVE = new Set<string>([BreakingChangeType.TYPE_CHANGED_KIND]);

describe('the public contract (DESIGN.md §6)', () => {
  it('is fully present in the schema, with compatible types', async () => {
    const actual = buildSchema(await printPublicSchema());
    const breaks = findBreakingChanges(contract, actual).filter((change) => !ADDITIVE.has(change.type));
    expect(breaks.map((b) => b.description)).toEqual([]);
  });

  it('has a description on every type and field', async () => {
    const actual = buildSchema(await printPublicSchema());
    const missing: string[] = [];
    for (const type of Object.values(actual.getTypeMap()) as GraphQLNamedType[]) {
      if (type.name.startsWith('__')) continue;
      // The root types have no description of their own in type-graphql; their fields are checked below.
      if (type.name === 'Query' || type.name === 'Mutation' || type.name === 'Subscription') {
        for (const field of Object.values((type as import('graphql').GraphQLObjectType).getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
        }
        continue;
      }
      if (!type.description) missing.push(type.name);
      if (isObjectType(type)) {
        for (const field of Object.values(type.getFields()))
          if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('is what packages/server/schema.graphql holds (run `pnpm --filter @prachum/server schema:emit`)', async () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(await printPublicSchema());
  });
});
