import type { Context } from '../../graphql/context.js';
import { followersOf } from './recipients.js';

/** The followers of commitments (person ids), batched: one statement per request. */
export function followersLoader(ctx: Context) {
  return ctx.loaders.custom<string, string[]>('commitment:followers', async (ids) => {
    const followers = await followersOf(ctx.em, ids);
    return ids.map((id) => followers.get(id) ?? []);
  });
}
