import { createHash } from 'node:crypto';
import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { MikroORM } from '../../db/orm.js';
import { readAll, type FileStorage } from '../files/file-storage.js';
import { thumbnailKey } from '../files/file.service.js';

/**
 * The whole database as one JSON document (docs/operations.md, "Backup and restore"): every table
 * the product owns, rows ordered by primary key, values as PostgreSQL's to_jsonb gives them in UTC,
 * and the bytes of every stored file. Nothing in it depends on when or where it was made, so an
 * export of an import of an export is the same bytes.
 */
export const EXPORT_FORMAT = 'prachum-export';
export const EXPORT_VERSION = 1;

/** Per-minute counters, meaningless after a restore: the one table left out. */
const LEFT_OUT = new Set(['rate_limit_counter', 'mikro_orm_migrations']);
/** Rows a migration writes itself (the GCM objectives): replaced by the export's, not counted as data. */
const SEEDED = new Set(['gcm_objective']);

export interface ExportedTable {
  name: string;
  columns: string[];
  rows: unknown[][];
}

export interface ExportedFile {
  key: string;
  base64: string;
}

export interface DatabaseExport {
  format: string;
  version: number;
  /** The last migration the exporting database had applied: the schema the rows fit. */
  migration: string;
  tables: ExportedTable[];
  files: ExportedFile[];
}

/** A refusal the operator can act on, said in one line. */
export class BackupError extends Error {}

interface TableInfo {
  name: string;
  columns: string[];
  primaryKey: string[];
  /** Columns that point at another row of the same table (organization.parent_id). */
  selfReferences: { column: string; references: string }[];
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The product's tables (the public schema, less LEFT_OUT), parents before the tables that point at them. */
async function productTables(em: EntityManager): Promise<TableInfo[]> {
  const tables = await em.execute<{ name: string }[]>(
    `select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const columns = await em.execute<{ table: string; column: string }[]>(
    `select table_name as table, column_name as column from information_schema.columns
      where table_schema = 'public' order by table_name, ordinal_position`,
  );
  const keys = await em.execute<{ table: string; column: string; kind: string; references: string; target: string }[]>(
    `select c.conrelid::regclass::text as table, a.attname as column, c.contype as kind,
            coalesce(c.confrelid::regclass::text, '') as references,
            coalesce(fa.attname, '') as target
       from pg_constraint c
       join pg_namespace n on n.oid = c.connamespace and n.nspname = 'public'
       cross join lateral unnest(c.conkey) with ordinality as k(attnum, position)
       join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
       left join lateral unnest(c.confkey) with ordinality as fk(attnum, position) on fk.position = k.position
       left join pg_attribute fa on fa.attrelid = c.confrelid and fa.attnum = fk.attnum
      where c.contype in ('p', 'f')
      order by 1, c.contype, k.position`,
  );
  const unquote = (name: string) => name.replace(/^"|"$/g, '');
  const infos = new Map<string, TableInfo & { parents: Set<string> }>();
  for (const { name } of tables) {
    if (LEFT_OUT.has(name)) continue;
    infos.set(name, { name, columns: [], primaryKey: [], selfReferences: [], parents: new Set() });
  }
  for (const { table, column } of columns) infos.get(table)?.columns.push(column);
  for (const key of keys) {
    const info = infos.get(unquote(key.table));
    if (!info) continue;
    if (key.kind === 'p') info.primaryKey.push(key.column);
    else if (unquote(key.references) === info.name)
      info.selfReferences.push({ column: key.column, references: key.target });
    else info.parents.add(unquote(key.references));
  }
  // Topological order; ties by name, so the order never changes.
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  const visit = (name: string, path: Set<string>) => {
    if (done.has(name)) return;
    const info = infos.get(name);
    if (!info) return;
    if (path.has(name)) throw new Error(`the tables ${[...path].join(', ')} point at each other`);
    path.add(name);
    for (const parent of [...info.parents].sort()) visit(parent, path);
    path.delete(name);
    done.add(name);
    const { parents: _parents, ...table } = info;
    ordered.push(table);
  };
  for (const name of [...infos.keys()].sort()) visit(name, new Set());
  return ordered;
}

/** Rows of a self-referencing table with every parent before its children (order otherwise kept). */
function parentsFirst(table: TableInfo, rows: unknown[][]): unknown[][] {
  if (table.selfReferences.length === 0) return rows;
  const index = (column: string) => table.columns.indexOf(column);
  const refs = table.selfReferences.map((ref) => ({ from: index(ref.column), to: index(ref.references) }));
  const byKey = new Map(rows.map((row) => [JSON.stringify(refs.map((r) => row[r.to])), row]));
  const placed = new Set<unknown[]>();
  const result: unknown[][] = [];
  const place = (row: unknown[], depth: number) => {
    if (placed.has(row) || depth > rows.length) return;
    for (const ref of refs) {
      const parentKey = row[ref.from];
      if (parentKey === null || parentKey === undefined) continue;
      const parent = byKey.get(JSON.stringify(refs.map((r) => (r === ref ? parentKey : row[r.to]))));
      if (parent && parent !== row) place(parent, depth + 1);
    }
    placed.add(row);
    result.push(row);
  };
  for (const row of rows) place(row, 0);
  return result;
}

async function lastMigration(em: EntityManager): Promise<string> {
  const [row] = await em.execute<{ name: string }[]>(
    'select name from mikro_orm_migrations order by executed_at desc, id desc limit 1',
  );
  if (!row) throw new BackupError('the database has no migrations applied; run `pnpm prachum migrate` first');
  return row.name;
}

/** Reads the whole database (in one repeatable-read snapshot) and the stored files. */
export async function exportDatabase(orm: MikroORM, storage: FileStorage): Promise<DatabaseExport> {
  const em = orm.em.fork();
  return em.transactional(
    async (tx) => {
      // Instants in UTC whatever the server's time zone: the same database always gives the same text.
      await tx.execute(`set local time zone 'UTC'`);
      const migration = await lastMigration(tx);
      const tables: ExportedTable[] = [];
      for (const table of await productTables(tx)) {
        const order = (table.primaryKey.length ? table.primaryKey : table.columns).map(quote).join(', ');
        const rows = await tx.execute<{ row: Record<string, unknown> }[]>(
          `select to_jsonb(t) as row from ${quote(table.name)} t order by ${order}`,
        );
        tables.push({
          name: table.name,
          columns: table.columns,
          rows: parentsFirst(
            table,
            rows.map(({ row }) => table.columns.map((column) => row[column] ?? null)),
          ),
        });
      }
      const files: ExportedFile[] = [];
      const stored = tables.find((t) => t.name === 'stored_file');
      if (stored) {
        const id = stored.columns.indexOf('id');
        const thumb = stored.columns.indexOf('has_thumbnail');
        const keys = stored.rows.flatMap((row) => [
          String(row[id]),
          ...(row[thumb] === true ? [thumbnailKey(String(row[id]))] : []),
        ]);
        for (const key of keys.sort()) {
          const stream = await storage.get(key);
          if (!stream) throw new BackupError(`the file store has no object ${key}, which the database names`);
          files.push({ key, base64: (await readAll(stream)).toString('base64') });
        }
      }
      return { format: EXPORT_FORMAT, version: EXPORT_VERSION, migration, tables, files };
    },
    { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
  );
}

/** The export as text: a fixed layout with one row per line, so that equal databases give equal bytes. */
export function serializeExport(data: DatabaseExport): string {
  const lines: string[] = ['{'];
  lines.push(`"format": ${JSON.stringify(data.format)},`);
  lines.push(`"version": ${JSON.stringify(data.version)},`);
  lines.push(`"migration": ${JSON.stringify(data.migration)},`);
  /** The items of a list, one a line, each but the last followed by a comma. */
  const list = (items: string[]) => items.map((item, i) => (i < items.length - 1 ? `${item},` : item));
  lines.push('"tables": [');
  const tables = data.tables.map((table) =>
    [
      `{"name": ${JSON.stringify(table.name)}, "columns": ${JSON.stringify(table.columns)}, "rows": [`,
      ...list(table.rows.map((row) => JSON.stringify(row))),
      ']}',
    ].join('\n'),
  );
  for (const line of list(tables)) lines.push(line);
  lines.push('],');
  lines.push('"files": [');
  for (const line of list(data.files.map((file) => JSON.stringify({ key: file.key, base64: file.base64 }))))
    lines.push(line);
  lines.push(']');
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** Reads an export, refusing anything that is not one this version can load, in one line. */
export function parseExport(text: string, knownMigrations: readonly string[]): DatabaseExport {
  let data: Partial<DatabaseExport>;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BackupError(`the file is not JSON (${(error as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || data.format !== EXPORT_FORMAT)
    throw new BackupError(`the file is not a Prachum export (its "format" is not "${EXPORT_FORMAT}")`);
  if (data.version !== EXPORT_VERSION)
    throw new BackupError(
      `the file is in export format version ${JSON.stringify(data.version)}; this Prachum reads version ${EXPORT_VERSION} only`,
    );
  if (typeof data.migration !== 'string' || !knownMigrations.includes(data.migration))
    throw new BackupError(
      `the file was made by a database at migration ${JSON.stringify(data.migration)}, which this Prachum does not know; import it with the version that made it, or a newer one`,
    );
  if (!Array.isArray(data.tables) || !Array.isArray(data.files))
    throw new BackupError('the file has no "tables" or "files" list');
  return data as DatabaseExport;
}

/** Tables holding rows (migration-seeded ones aside), with their counts: why a database is not empty. */
async function rowsPresent(em: EntityManager, tables: TableInfo[]): Promise<string[]> {
  const found: string[] = [];
  for (const table of tables) {
    if (SEEDED.has(table.name)) continue;
    const [{ count }] = await em.execute<{ count: string }[]>(`select count(*) as count from ${quote(table.name)}`);
    if (Number(count) > 0) found.push(`${count} in ${table.name}`);
  }
  return found;
}

const CHUNK = 500;

/**
 * Loads an export into an empty database: migrated to the export's migration first, the rows of
 * every table in one transaction (a database that already holds data is refused), the files into
 * the store, then the later migrations. The audit table's trigger allows these inserts.
 */
export async function importDatabase(
  orm: MikroORM,
  storage: FileStorage,
  data: DatabaseExport,
  migrateRest: () => Promise<unknown>,
): Promise<{ rows: number; tables: number; files: number }> {
  await orm.migrator.up({ to: data.migration });
  const em = orm.em.fork();
  const tables = await productTables(em);
  const present = await rowsPresent(em, tables);
  if (present.length > 0)
    throw new BackupError(
      `the database is not empty (${present.slice(0, 4).join(', ')}${present.length > 4 ? ', …' : ''}); import only into an empty one`,
    );
  const known = new Map(tables.map((table) => [table.name, table]));
  for (const table of data.tables) {
    const info = known.get(table.name);
    if (!info) throw new BackupError(`the file has a table "${table.name}" this database does not have`);
    const missing = table.columns.filter((column) => !info.columns.includes(column));
    if (missing.length) throw new BackupError(`the table ${table.name} has no column ${missing.join(', ')} here`);
  }

  // Check the files before anything is written.
  const stored = data.tables.find((t) => t.name === 'stored_file');
  const expected = new Map<string, string>();
  if (stored) {
    const id = stored.columns.indexOf('id');
    const sha = stored.columns.indexOf('sha256');
    for (const row of stored.rows) expected.set(String(row[id]), String(row[sha]));
  }
  const files = data.files.map((file) => ({ key: file.key, bytes: Buffer.from(file.base64, 'base64') }));
  for (const file of files) {
    const sha = expected.get(file.key);
    if (sha && createHash('sha256').update(file.bytes).digest('hex') !== sha)
      throw new BackupError(`the file ${file.key} in the export does not match its SHA-256`);
  }
  const missingFiles = [...expected.keys()].filter((key) => !files.some((file) => file.key === key));
  if (missingFiles.length) throw new BackupError(`the export lacks the bytes of file ${missingFiles[0]}`);

  let rows = 0;
  const written: string[] = [];
  try {
    for (const file of files) {
      await storage.put(file.key, file.bytes, 'application/octet-stream');
      written.push(file.key);
    }
    await em.transactional(async (tx) => {
      await tx.execute(`set local time zone 'UTC'`);
      for (const table of data.tables) {
        if (SEEDED.has(table.name)) await tx.execute(`delete from ${quote(table.name)}`);
        const columns = table.columns.map(quote).join(', ');
        for (let start = 0; start < table.rows.length; start += CHUNK) {
          const chunk = table.rows
            .slice(start, start + CHUNK)
            .map((row) => Object.fromEntries(table.columns.map((column, i) => [column, row[i]])));
          await tx.execute(
            `insert into ${quote(table.name)} (${columns})
             select ${columns} from jsonb_populate_recordset(null::${quote(table.name)}, ?::jsonb)`,
            [JSON.stringify(chunk)],
          );
        }
        rows += table.rows.length;
      }
    });
  } catch (error) {
    await Promise.allSettled(written.map((key) => storage.delete(key)));
    throw error;
  }
  await migrateRest();
  return { rows, tables: data.tables.length, files: files.length };
}
