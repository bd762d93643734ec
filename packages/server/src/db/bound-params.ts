import { createRequire } from 'node:module';
import {
  type AnyEntity,
  type Configuration,
  type Dictionary,
  type EntityData,
  type LoggingOptions,
  type QueryResult,
  type RawQueryFragment,
  raw,
  type Transaction,
  Utils,
} from '@mikro-orm/core';
import { type NativeQueryBuilder, PostgreSqlConnection, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { mayPrepareOn, type PreparedRead, preparedRead, refusePrepared, UNPREPARABLE_CODES } from './prepared.js';
import { currentReadRoute, isConnectionFailure, isPlainRead, ReplicaRouter, serverName } from './replicas.js';

/**
 * MikroORM's `execute` writes every parameter into the SQL text (`Platform.formatQuery`), and
 * PostgreSQL's literal escaping walks a string one character at a time in JavaScript: a 900,000
 * character search cost seconds of CPU on the event loop, five times over. Parameters longer than
 * this are sent bound (`$1`) instead, as the driver sends them: their size costs no JavaScript work.
 * Short ones stay inline, where MikroORM's own formatting (arrays, dates, identifiers) is unchanged.
 */
export const BIND_LONGER_THAN = 256;

// kysely is MikroORM's own dependency (CommonJS), loaded once: this is the same module it uses.
const requireFromSql = createRequire(
  createRequire(createRequire(import.meta.url).resolve('@mikro-orm/postgresql')).resolve('@mikro-orm/sql'),
);
const { CompiledQuery } = requireFromSql('kysely') as {
  CompiledQuery: { raw(sql: string, parameters: readonly unknown[]): unknown };
};

/** A parameter's bound form when it is long (text, bytes, a JSON object), else undefined. */
function longForm(value: unknown): unknown {
  if (typeof value === 'string') return value.length > BIND_LONGER_THAN ? value : undefined;
  if (ArrayBuffer.isView(value)) return value.byteLength > BIND_LONGER_THAN ? value : undefined;
  if (Utils.isPlainObject(value)) {
    const json = JSON.stringify(value);
    return json.length > BIND_LONGER_THAN ? json : undefined;
  }
  return undefined;
}

/**
 * The SQL of `sql` with `params` as MikroORM would inline them, except long ones, which become
 * `$1`, `$2`… and are returned to be sent bound. Undefined when nothing is long.
 */
export function bindLongParameters(
  format: (sql: string, params: readonly unknown[]) => string,
  sql: string,
  params: readonly unknown[],
): { sql: string; bound: unknown[] } | undefined {
  const bound: unknown[] = [];
  const mixed = params.map((value) => {
    const long = longForm(value);
    if (long === undefined) return value;
    bound.push(long);
    // A raw fragment is written as it is: the placeholder of the bound value.
    return raw(`$${bound.length}`);
  });
  return bound.length === 0 ? undefined : { sql: format(sql, mixed), bound };
}

/** The cancellation options the query builder puts on the logger context (as AbstractSqlConnection reads them), and the rest. */
function splitAbort(loggerContext: LoggingOptions | undefined) {
  const { signal, inflightQueryAbortStrategy, ...context } = (loggerContext ?? {}) as Record<string, unknown>;
  const abort =
    signal == null && inflightQueryAbortStrategy == null ? undefined : { signal, inflightQueryAbortStrategy };
  return { abort, context };
}

/**
 * PostgreSQL connection that sends long parameters bound (see BIND_LONGER_THAN). On the primary, with read
 * replicas configured, it also routes: a plain read of a request whose route allows it (db/replicas.ts) runs
 * on a replica, and falls back to the primary when the replica does not answer.
 */
export class BoundParamsConnection extends PostgreSqlConnection {
  /** Set on the primary connection when DATABASE_READ_URL names replicas. */
  router: ReplicaRouter<BoundParamsConnection> | undefined;

  override async execute<
    T extends QueryResult | EntityData<AnyEntity> | EntityData<AnyEntity>[] = EntityData<AnyEntity>[],
  >(
    query: string | NativeQueryBuilder | RawQueryFragment,
    params: readonly unknown[] | Dictionary<unknown> = [],
    method: 'all' | 'get' | 'run' = 'all',
    ctx?: Transaction,
    loggerContext?: LoggingOptions,
  ): Promise<T> {
    const route = this.router ? currentReadRoute() : undefined;
    if (route) {
      const read = !ctx && typeof query === 'string' && isPlainRead(query);
      // A request that wrote (or opened a transaction) reads its own writes: it stays on the primary.
      if (!read) route.wrote = true;
      else if (route.replica && !route.wrote) {
        const replica = this.router!.pick();
        if (replica) {
          try {
            const result = await replica.connection.execute<T>(query, params, method, undefined, loggerContext);
            this.router!.answered(replica);
            route.servedBy = replica.name;
            return result;
          } catch (error) {
            if (!isConnectionFailure(error)) throw error;
            this.router!.failed(replica, error);
          }
        }
        route.servedBy = 'primary';
      }
    }
    return this.executeHere<T>(query, params, method, ctx, loggerContext);
  }

  private async executeHere<
    T extends QueryResult | EntityData<AnyEntity> | EntityData<AnyEntity>[] = EntityData<AnyEntity>[],
  >(
    query: string | NativeQueryBuilder | RawQueryFragment,
    params: readonly unknown[] | Dictionary<unknown>,
    method: 'all' | 'get' | 'run',
    ctx?: Transaction,
    loggerContext?: LoggingOptions,
  ): Promise<T> {
    if (typeof query === 'string' && Array.isArray(params) && method === 'all' && !ctx && isPlainRead(query)) {
      const prepared = preparedRead(query, params);
      if (prepared) {
        const rows = await this.executePrepared(query, prepared, loggerContext);
        if (rows) return rows as T;
      }
    }
    if (typeof query !== 'string' || !Array.isArray(params) || params.length === 0)
      return super.execute<T>(query, params, method, ctx, loggerContext);
    const format = (text: string, values: readonly unknown[]) => this.platform.formatQuery(text, values as unknown[]);
    // MikroORM's own execute calls onQuery (which counts the statement) itself: only this way calls it here.
    let split = bindLongParameters(format, query, params);
    if (!split) return super.execute<T>(query, params, method, ctx, loggerContext);
    const sql = this.config.get('onQuery')(query, params as unknown[]);
    if (sql !== query) split = bindLongParameters(format, sql, params)!;
    await this.ensureConnection();
    const { abort, context } = splitAbort(loggerContext);
    return this.executeQuery<T>(
      this.getSql(sql, split.sql, context),
      async () => {
        const client = (ctx ?? this.getClient()) as ReturnType<PostgreSqlConnection['getClient']>;
        const result = await client.executeQuery(CompiledQuery.raw(split.sql, split.bound) as never, abort as never);
        return this.transformRawResult<T>(result, method);
      },
      { query: sql, params: params as unknown[], ...context },
    );
  }

  /**
   * Runs a plain read as a named prepared statement (db/prepared.ts) on a connection of the pool, logged as
   * MikroORM logs its own. Undefined when PostgreSQL cannot prepare it: the caller then runs it as before.
   */
  private async executePrepared(
    query: string,
    prepared: PreparedRead,
    loggerContext?: LoggingOptions,
  ): Promise<Record<string, unknown>[] | undefined> {
    await this.ensureConnection();
    const pool = (await this.getNativeClient()) as {
      connect(): Promise<{
        query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
        release(error?: Error | boolean): void;
      }>;
    };
    const sql = this.config.get('onQuery')(query, prepared.values);
    const { context } = splitAbort(loggerContext);
    const logged = this.config.getLogger().isEnabled('query-params', context)
      ? this.platform.formatQuery(sql, prepared.values)
      : sql;
    try {
      return await this.executeQuery(
        logged,
        async () => {
          const client = await pool.connect();
          try {
            const named = mayPrepareOn(client, prepared.name);
            const result = await client.query({
              ...(named ? { name: prepared.name } : {}),
              text: prepared.text,
              values: prepared.values,
            });
            client.release();
            return result.rows;
          } catch (error) {
            // A connection that failed is dropped from the pool; one that answered with an SQL error is kept.
            client.release(isConnectionFailure(error) ? (error as Error) : undefined);
            throw error;
          }
        },
        { query: sql, params: prepared.values, ...context },
      );
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !UNPREPARABLE_CODES.has(code)) throw error;
      refusePrepared(query);
      return undefined;
    }
  }
}

/**
 * MikroORM's PostgreSQL driver with BoundParamsConnection for the primary and any read replicas. Every
 * caller gets the primary connection, which sends a request's reads to a replica only when the request's
 * read route allows it: MikroORM's own choice (`preferReadReplicas`, random replica) would send staff and
 * read-after-write to replicas too.
 */
export class BoundParamsDriver extends PostgreSqlDriver {
  constructor(config: Configuration) {
    super(config);
    const writable = this as unknown as { connection: PostgreSqlConnection; replicas: PostgreSqlConnection[] };
    const primary = new BoundParamsConnection(this.config);
    writable.connection = primary;
    const targets: { name: string; connection: BoundParamsConnection }[] = [];
    writable.replicas = this.createReplicas((options) => {
      const connection = new BoundParamsConnection(this.config, options, 'read');
      targets.push({ name: serverName(String(options.clientUrl ?? '')), connection });
      return connection;
    });
    if (targets.length > 0) primary.router = new ReplicaRouter(targets);
  }

  override getConnection(_type: 'read' | 'write' = 'write'): BoundParamsConnection {
    return (this as unknown as { connection: BoundParamsConnection }).connection;
  }
}

/** The read-replica router of an ORM's driver; undefined without replicas. */
export function replicaRouterOf(driver: unknown): ReplicaRouter<BoundParamsConnection> | undefined {
  return driver instanceof BoundParamsDriver ? driver.getConnection().router : undefined;
}
