import { writeFile } from 'node:fs/promises';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import { resolvers } from '../modules/resolvers.js';
import { schemaFile } from '../paths.js';
import { DateTimeScalar } from './scalars.js';
import { callFieldResolversDirectly } from './direct-resolvers.js';
import { applyTextRules } from './text-limits.js';
import { unusedPubSub } from '../live/live.context.js';

let built: Promise<GraphQLSchema> | undefined;

/**
 * type-graphql wraps every field that has no resolver in one of its own that reads the same property
 * (`simple: false`, its default), which costs a call and an object per field and item of every answer.
 * A field that reads the property of its GraphQL name, with no middleware or role (Prachum has none),
 * is marked `simple`: GraphQL's default resolver reads it, with the same result. Field resolvers are
 * unaffected (decision 0024).
 */
function markSimpleFields(): void {
  for (const field of getMetadataStorage().fields) {
    if (field.simple !== undefined || field.name !== field.schemaName) continue;
    if (field.middlewares?.length || field.roles?.length) continue;
    field.simple = true;
  }
}

/** The executable schema, built once per process from the resolver classes. */
export function getSchema(): Promise<GraphQLSchema> {
  if (!built) markSimpleFields();
  built ??= buildSchema({
    resolvers,
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    pubSub: unusedPubSub,
  })
    .then(applyTextRules)
    .then((schema) => {
      callFieldResolversDirectly(schema);
      return schema;
    });
  return built;
}

/** The SDL partners read: sorted, with every description. */
export async function printPublicSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}

export async function emitSchemaFile(): Promise<void> {
  await writeFile(schemaFile, await printPublicSchema());
}
