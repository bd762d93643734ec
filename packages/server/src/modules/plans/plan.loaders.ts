import type { Loaders } from '../../graphql/loaders.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type GcmObjective, GcmObjectiveSchema } from './plan.entity.js';

/** GCM objectives by number, batched per request (used by plan objectives and commitments). */
export function gcmObjectiveLoader(loaders: Loaders, em: EntityManager) {
  return loaders.custom<number, GcmObjective | undefined>('gcmObjective:byNumber', async (numbers) => {
    const rows = await em.find(GcmObjectiveSchema, { number: { $in: [...numbers] } });
    const byNumber = new Map(rows.map((row) => [row.number, row]));
    return numbers.map((number) => byNumber.get(number));
  });
}

/** The GCM objectives with these numbers, in the given order (unknown numbers are left out). */
export async function loadGcmObjectives(
  loaders: Loaders,
  em: EntityManager,
  numbers: number[],
): Promise<GcmObjective[]> {
  const rows = await gcmObjectiveLoader(loaders, em).loadMany(numbers);
  return rows.filter((row): row is GcmObjective => row !== undefined && !(row instanceof Error));
}
