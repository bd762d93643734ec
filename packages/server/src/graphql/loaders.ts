import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { plainRows, tableOf } from '../db/plain.js';

type Row = { id: string };

/** A DataLoader that also keeps what it has, so that a resolver can answer a known record without a promise. */
class KnownLoader<V> extends DataLoader<string, V | undefined, unknown> {
  readonly known = new Map<string, V | undefined>();

  override prime(key: string, value: V | undefined | PromiseLike<V | undefined> | Error): this {
    if (!(value instanceof Error) && !(value && typeof (value as PromiseLike<V>).then === 'function')) {
      if (!this.known.has(key)) this.known.set(key, value as V | undefined);
    }
    return super.prime(key, value);
  }

  override clear(key: string): this {
    this.known.delete(key);
    return super.clear(key);
  }

  override clearAll(): this {
    this.known.clear();
    return super.clearAll();
  }
}

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
    const name = `byId:${String((entity as { name?: string }).name ?? entity)}`;
    let loader = this.loaders.get(name) as KnownLoader<T> | undefined;
    if (!loader) {
      const made: KnownLoader<T> = new KnownLoader<T>(
        async (ids: readonly string[]) => {
          const { table } = tableOf(this.em, entity);
          const rows = plainRows(
            this.em,
            entity,
            await this.em.execute(`select * from "${table}" where id in (${ids.map(() => '?').join(', ')})`, [...ids]),
          );
          const byKey = new Map(rows.map((row) => [row.id, row]));
          return ids.map((id) => {
            const row = byKey.get(id);
            if (!made.known.has(id)) made.known.set(id, row);
            return row;
          });
        },
        { maxBatchSize: 1000 },
      );
      loader = made;
      this.loaders.set(name, loader as unknown as DataLoader<unknown, unknown, unknown>);
    }
    return loader;
  }

  /**
   * The record `byId(entity)` already has for `id` (loaded or primed in this request): the record, null
   * when it is known not to exist, undefined when it is not known yet (then load it).
   */
  known<T extends Row>(entity: EntityName<T>, id: string): T | null | undefined {
    const loader = this.byId(entity) as KnownLoader<T>;
    if (!loader.known.has(id)) return undefined;
    return loader.known.get(id) ?? null;
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
