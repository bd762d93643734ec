import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { plainRows, tableOf } from '../db/plain.js';

type Row = { id: string };

/**
 * Per-request DataLoaders, created on first use and never shared across requests.
 * `byId` batches lookups of one entity; `childrenOf` batches one-to-many lists by
 * their foreign key. Module-specific loaders use `custom`.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown, unknown>>();

  constructor(private readonly em: EntityManager) {}

  /** Loads records by primary key, as plain read-only objects; missing ones resolve to undefined. */
  byId<T extends Row>(entity: EntityName<T>): DataLoader<string, T | undefined, unknown> {
    return this.custom(
      `byId:${String((entity as { name?: string }).name ?? entity)}`,
      async (ids: readonly string[]) => {
        const { table } = tableOf(this.em, entity);
        const rows = plainRows(
          this.em,
          entity,
          await this.em.execute(`select * from "${table}" where id in (${ids.map(() => '?').join(', ')})`, [...ids]),
        );
        const byKey = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byKey.get(id));
      },
    );
  }

  /** Loads the rows whose `foreignKey` equals each key, ordered by `orderBy`. */
  childrenOf<T extends object>(
    entity: EntityName<T>,
    foreignKey: keyof T & string,
    orderBy: Partial<Record<keyof T & string, 'asc' | 'desc'>>,
  ): DataLoader<string, T[], unknown> {
    const name = String((entity as { name?: string }).name ?? entity);
    return this.custom(`children:${name}:${foreignKey}:${JSON.stringify(orderBy)}`, async (keys: readonly string[]) => {
      const { table, column } = tableOf(this.em, entity);
      const order = Object.entries(orderBy)
        .map(([prop, direction]) => `"${column(prop)}" ${direction === 'desc' ? 'desc' : 'asc'}`)
        .join(', ');
      const rows = plainRows(
        this.em,
        entity,
        await this.em.execute(
          `select * from "${table}" where "${column(foreignKey)}" in (${keys.map(() => '?').join(', ')})${order ? ` order by ${order}` : ''}`,
          [...keys],
        ),
      );
      const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
      for (const row of rows) groups.get(String(row[foreignKey]))?.push(row);
      return keys.map((key) => groups.get(key) ?? []);
    });
  }

  /** A named loader built by `batch` on first use in this request. */
  custom<K, V>(
    name: string,
    batch: (keys: readonly K[]) => Promise<(V | Error)[]>,
    cacheKey?: (key: K) => unknown,
  ): DataLoader<K, V, unknown> {
    let loader = this.loaders.get(name) as DataLoader<K, V, unknown> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V, unknown>(batch, { maxBatchSize: 1000, cacheKeyFn: cacheKey });
      this.loaders.set(name, loader as DataLoader<unknown, unknown, unknown>);
    }
    return loader;
  }
}
