import { Arg, Ctx, Field, ID, InterfaceType, Query, Resolver } from 'type-graphql';
import { InvalidInputError } from '../errors.js';
import type { Context } from './context.js';
import { parseGlobalId } from './global-id.js';

@InterfaceType({
  description: 'An object with a globally unique, opaque id, refetchable with `node(id)`.',
  resolveType: (value: object) => value.constructor.name,
})
export abstract class Node {
  @Field(() => ID, { description: 'Globally unique, opaque id.' })
  id!: string;
}

/** Fetches one record of a type by its uuid, or null when missing or not visible to the viewer. */
type NodeFetcher = (ctx: Context, id: string) => Promise<object | null | undefined>;
const fetchers = new Map<string, NodeFetcher>();

/** Modules register how `node(id)` finds their types (with the same visibility rules as everywhere). */
export function registerNodeType(typeName: string, fetch: NodeFetcher): void {
  fetchers.set(typeName, fetch);
}

/** A record of a type by its uuid, exactly as `node(id)` finds it: null when missing or not visible. */
export async function loadVisibleNode(ctx: Context, typeName: string, id: string): Promise<object | null> {
  const fetch = fetchers.get(typeName);
  return fetch ? ((await fetch(ctx, id)) ?? null) : null;
}

async function fetchNode(ctx: Context, globalId: string, field: string): Promise<object | null> {
  const parsed = parseGlobalId(globalId);
  const fetch = parsed && fetchers.get(parsed.type);
  if (!parsed || !fetch) throw new InvalidInputError([{ field, message: 'is not a valid id', code: 'INVALID_FORMAT' }]);
  return (await fetch(ctx, parsed.id)) ?? null;
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its global id; null when it does not exist or is not visible to you.',
  })
  node(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<object | null> {
    return fetchNode(ctx, id, 'id');
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: 'Several objects by their global ids, in the same order; null for each one missing or not visible.',
  })
  nodes(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: Context): Promise<(object | null)[]> {
    if (ids.length > 100)
      throw new InvalidInputError([{ field: 'ids', message: 'at most 100 ids at a time', code: 'TOO_MANY' }]);
    return Promise.all(ids.map((id, index) => fetchNode(ctx, id, `ids[${index}]`)));
  }
}
