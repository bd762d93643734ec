import { createHash } from 'node:crypto';

/**
 * Prepared reads (issue 14, decision 0030). MikroORM writes every parameter into the SQL text, so each read is
 * a statement PostgreSQL has never seen and plans again: on the commitments list, planning was 0.3 of its
 * 0.8 ms in the database; on the dashboard, 2 of 6.5 ms. A plain read whose parameters are all scalars is sent
 * instead as a named prepared statement with the parameters bound (`$1`…): its text is the same for every
 * request, PostgreSQL parses it once per connection and keeps its plan.
 */

/** More parameters than this (a loader's `in (…)` of many ids) and the text varies too much to keep. */
export const PREPARE_MAX_PARAMS = 32;
/** Statements kept per pooled connection; past this, reads are sent bound but unnamed (planned each time). */
export const PREPARED_PER_CONNECTION = 500;

/**
 * The SQL errors of a statement PostgreSQL cannot prepare with untyped parameters (e.g. `select ?`, where a
 * written literal would have been text): the read is then run as before, and its text not prepared again.
 */
export const UNPREPARABLE_CODES = new Set(['42P18', '42725', '42883', '42804']);

export type Scalar = string | number | boolean | Date | null;

const isScalar = (value: unknown): value is Scalar =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'number' ||
  typeof value === 'boolean' ||
  value instanceof Date;

/**
 * `sql` with its `?` placeholders numbered (`$1`, `$2`…), or undefined when it cannot be done safely: a `??`
 * (an identifier), a jsonb `?|`/`?&` operator, a comment, dollar quoting or an escape string, or a count of
 * placeholders other than `count`. Quoted literals and identifiers are copied as they are.
 */
export function numberPlaceholders(sql: string, count: number): string | undefined {
  let out = '';
  let n = 0;
  let from = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql.charCodeAt(i);
    if (c === 39 /* ' */ || c === 34 /* " */) {
      if (c === 39 && /[eE]/.test(sql[i - 1] ?? '')) return undefined;
      const end = sql.indexOf(sql[i]!, i + 1);
      if (end < 0) return undefined;
      i = end;
    } else if (c === 63 /* ? */) {
      const next = sql[i + 1];
      if (next === '?' || next === '|' || next === '&') return undefined;
      n++;
      out += `${sql.slice(from, i)}$${n}`;
      from = i + 1;
    } else if (
      c === 36 /* $ */ ||
      (c === 45 /* - */ && sql[i + 1] === '-') ||
      (c === 47 /* / */ && sql[i + 1] === '*')
    ) {
      return undefined;
    }
  }
  return n === count ? out + sql.slice(from) : undefined;
}

/** A read as a prepared statement: its numbered text, a name derived from it, and its parameters. */
export interface PreparedRead {
  name: string;
  text: string;
  values: Scalar[];
}

/**
 * Each read's numbered text and name, or null when it cannot be prepared (it has no safe numbering, or
 * PostgreSQL refused it), worked out once per SQL text: the same reads run on every request. Bounded: texts come
 * from the code's statements, but the map is kept from growing without end regardless.
 */
const forms = new Map<string, { text: string; name: string } | null>();
const MAX_FORMS = 10_000;

const remember = (sql: string, form: { text: string; name: string } | null) => {
  if (forms.size < MAX_FORMS || forms.has(sql)) forms.set(sql, form);
  return form;
};

/** The prepared form of a read, or undefined when it must be sent as before. */
export function preparedRead(sql: string, params: readonly unknown[]): PreparedRead | undefined {
  if (params.length > PREPARE_MAX_PARAMS || !params.every(isScalar)) return undefined;
  let form = forms.get(sql);
  if (form === undefined) {
    const text = numberPlaceholders(sql, params.length);
    form = remember(
      sql,
      text === undefined ? null : { text, name: `prachum_${createHash('sha1').update(text).digest('base64url')}` },
    );
  }
  return form ? { ...form, values: params as Scalar[] } : undefined;
}

/** PostgreSQL could not prepare `sql` (UNPREPARABLE_CODES): do not try it again in this process. */
export function refusePrepared(sql: string): void {
  remember(sql, null);
}

const namesByClient = new WeakMap<object, Set<string>>();

/** Whether `client` may keep one more prepared statement called `name` (it already has it, or has room). */
export function mayPrepareOn(client: object, name: string): boolean {
  let names = namesByClient.get(client);
  if (!names) {
    names = new Set();
    namesByClient.set(client, names);
  }
  if (names.has(name)) return true;
  if (names.size >= PREPARED_PER_CONNECTION) return false;
  names.add(name);
  return true;
}
