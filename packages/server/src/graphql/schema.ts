import { writeFile } from 'node:fs/promises';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { resolvers } from '../modules/resolvers.js';
import { schemaFile } from '../paths.js';
import { DateTimeScalar } from './scalars.js';
import { applyTextRules } from './text-limits.js';
import { unusedPubSub } from '../live/live.context.js';

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema, built once per process from the resolver classes. */
export function getSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers,
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    pubSub: unusedPubSub,
  }).then(applyTextRules);
  return built;
}

/** The SDL partners read: sorted, with every description. */
export async function printPublicSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}

export async function emitSchemaFile(): Promise<void> {
  await writeFile(schemaFile, await printPublicSchema());
}
