import type { EntityName } from '@mikro-orm/core';
import {
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isAbstractType,
  isEnumType,
  isListType,
  isObjectType,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { plainFields } from '../db/narrow.js';
import { DomainError } from '../errors.js';
import { currentRequestFacts } from '../logger.js';
import type { Context } from './context.js';
import { toGlobalId } from './global-id.js';

/**
 * Answers in SQL (issue 14, decision 0031): a query whose every field can be written as SQL is answered by
 * ONE statement that builds the whole `data` object in PostgreSQL (`json_build_object`, `json_agg` per list),
 * as PostGraphile and the bare peer do, instead of rows → objects → resolvers → JSON. Any field that cannot
 * (a resolver with rules of its own, arguments nobody reads, a type not registered) makes the whole
 * operation run the usual way, so the answer is the same either way; a test compares the two for every role.
 *
 * What a field is in SQL is said once per module, beside its resolvers (`*.sql-answers.ts`):
 * - a plain field (an entity property declared with `@Field`, no resolver) is its column, written as the
 *   GraphQL scalar serialises it (DateTime as ISO text in UTC, Date as YYYY-MM-DD, enums by name);
 * - every other field is registered with `answerTypeInSql` (ids, relations under their visibility rule,
 *   nested pages) or `answerRootInSql` (top-level lists), using the module's own visibility and filter SQL.
 */

export interface SqlPart {
  sql: string;
  params: unknown[];
}

/** SQL text and parameters, concatenated in order (the parameters follow their `?` in the text). */
export function sqlOf(...parts: (string | SqlPart)[]): SqlPart {
  let sql = '';
  const params: unknown[] = [];
  for (const part of parts) {
    if (typeof part === 'string') sql += part;
    else {
      sql += part.sql;
      for (const param of part.params) params.push(param);
    }
  }
  return { sql, params };
}

/** A string as an SQL literal (only for names and enum values of the schema, never for input). */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** One field being answered in SQL, for the registered function that writes it. */
export interface FieldCall {
  ctx: Context;
  /** The alias of the row this field is read from (empty at the top level). */
  row: string;
  /** The field's arguments, variables applied and coerced as graphql-js does. */
  args(): Record<string, unknown>;
  /** A fresh table alias. */
  alias(prefix: string): string;
  /** The JSON object of this field's (object) type for the row aliased `alias`, or undefined if it cannot be. */
  object(alias: string): SqlPart | undefined;
  /** The fields selected below this one, by response key (connections answer theirs with `connectionSql`). */
  fields(): Map<string, FieldNode[]> | undefined;
  /** The fields selected below `nodes` on `type`, by response key (`@include` and `@skip` applied). */
  fieldsOf(type: GraphQLObjectType, nodes: readonly FieldNode[]): Map<string, FieldNode[]> | undefined;
  /** The JSON object of `type` for `alias` from these nodes' selections (a connection's `nodes`). */
  objectOf(type: GraphQLOutputType, nodes: readonly FieldNode[], alias: string): SqlPart | undefined;
  /** This field's GraphQL type. */
  type: GraphQLOutputType;
}

/** How a field is written in SQL; undefined: it cannot be here (the operation then runs the usual way). */
export type FieldSql = (call: FieldCall) => SqlPart | string | GlobalId | undefined;

interface TypeInSql {
  entity: EntityName<object>;
  fields: Record<string, FieldSql>;
}

const types = new Map<string, TypeInSql>();
const roots = new Map<string, FieldSql>();

/** Says how the fields of GraphQL type `typeName` (rows of `entity`) that are not plain columns are written. */
export function answerTypeInSql<T extends object>(
  typeName: string,
  entity: EntityName<T>,
  fields: Record<string, FieldSql> = {},
): void {
  types.set(typeName, { entity: entity as EntityName<object>, fields: { ...types.get(typeName)?.fields, ...fields } });
}

/** Says how a top-level query field is written in SQL. */
export function answerRootInSql(fieldName: string, field: FieldSql): void {
  roots.set(fieldName, field);
}

/**
 * A Node's global id (graphql/global-id.ts `toGlobalId`: base64url of "Type:uuid"). PostgreSQL sends the
 * uuid under a key that carries the type (`"id\u0001Commitment" : "…"`), and `withGlobalIds` turns it into the
 * global id on the way out: PostgreSQL's base64 cost a third of Q1's statement. Only an answer's own keys
 * can hold that control character (response keys are GraphQL names; in strings it is an escape, `\u0001`, and
 * a quote is `\"`), so no text a user wrote can be taken for one.
 */
export class GlobalId {
  constructor(
    readonly typeName: string,
    readonly column: string,
  ) {}
}

export function globalIdSql(typeName: string, column = 'id'): FieldSql {
  return ({ row }) => new GlobalId(typeName, `${row}.${column}`);
}

const MARK = '\\u0001';
const ID_AFTER_KEY = '" : "';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TYPE_NAME = /^[A-Z][A-Za-z]*$/;

/**
 * An answer's JSON text with its marked uuids written as global ids (see GlobalId): each
 * `"key\u0001Type" : "uuid"` becomes `"key" : "<global id>"`. Anything else that holds the mark (text
 * someone wrote, where it can only be a value, never followed by ` : `) is left as it is.
 */
export function withGlobalIds(json: string): string {
  let out = '';
  let from = 0;
  let at = json.indexOf(MARK);
  while (at !== -1) {
    const typeStart = at + MARK.length;
    const typeEnd = json.indexOf('"', typeStart);
    const idStart = typeEnd + ID_AFTER_KEY.length;
    const type = json.slice(typeStart, typeEnd);
    const id = json.slice(idStart, idStart + 36);
    if (
      typeEnd !== -1 &&
      json.startsWith(ID_AFTER_KEY, typeEnd) &&
      json[idStart + 36] === '"' &&
      TYPE_NAME.test(type) &&
      UUID.test(id)
    ) {
      out += json.slice(from, at) + ID_AFTER_KEY + toGlobalId(type, id);
      from = idStart + 36;
    }
    at = json.indexOf(MARK, typeStart);
  }
  return from === 0 ? json : out + json.slice(from);
}

type Value = string | SqlPart | GlobalId;

/**
 * `json_build_object` of the selected fields, by response key in their order, each written by `write`
 * (`__typename` is the type's name); undefined when any is not SQL. A global id's key carries its type.
 */
function objectSql(
  type: GraphQLObjectType,
  fields: Map<string, FieldNode[]> | undefined,
  write: (name: string, nodes: FieldNode[]) => Value | undefined,
): SqlPart | undefined {
  // json_build_object takes at most 100 arguments.
  if (!fields || fields.size > 50) return undefined;
  const entries: (string | SqlPart)[] = [];
  for (const [key, nodes] of fields) {
    const name = nodes[0]!.name.value;
    const value = name === '__typename' ? literal(type.name) : write(name, nodes);
    if (value === undefined) return undefined;
    if (entries.length) entries.push(', ');
    if (value instanceof GlobalId) entries.push(literal(`${key}\u0001${value.typeName}`), ', ', value.column);
    else entries.push(literal(key), ', ', value);
  }
  return sqlOf('json_build_object(', ...entries, ')');
}

/** base64url without padding of a short ASCII text (under 57 bytes, which base64 writes on one line). */
function base64url(text: string): string {
  return `translate(encode(${text}::bytea, 'base64'), '+/=', '-_')`;
}

/** A list position's cursor (graphql/connection.ts `encodeCursor`). */
const cursorSql = (position: string) => base64url(`('o:' || (${position})::text)`);

/**
 * A to-one relation read through the foreign key `column` of the row: the related row's object, or null when
 * there is none or `visible` (the related type's rule, on its alias) leaves it out.
 */
export function toOneSql(column: string, visible?: (ctx: Context, alias: string) => SqlPart | undefined): FieldSql {
  return (call) => {
    const alias = call.alias('r');
    const object = call.object(alias);
    const target = tableOf(call, call.type);
    if (!object || !target) return undefined;
    const rule = visible?.(call.ctx, alias);
    return sqlOf(
      '(select ',
      object,
      ` from ${target} ${alias} where ${alias}.id = ${call.row}.${column}`,
      rule ? sqlOf(' and ', rule) : '',
      ')',
    );
  };
}

/** A list of the rows of the field's type whose `column` points at this row, in `order` (on their alias). */
export function childListSql(column: string, order: (alias: string) => string): FieldSql {
  return (call) => {
    const alias = call.alias('l');
    const object = call.object(alias);
    const target = tableOf(call, call.type);
    if (!object || !target) return undefined;
    return sqlOf(
      '(select coalesce(json_agg(',
      object,
      ` order by ${order(alias)}), '[]'::json) from ${target} ${alias} where ${alias}.${column} = ${call.row}.id)`,
    );
  };
}

function tableOf(call: FieldCall, type: GraphQLOutputType): string | undefined {
  const named = getNamedType(type);
  const known = types.get(named.name);
  if (!known) return undefined;
  const meta = call.ctx.em.getMetadata().find(known.entity as never) as { tableName?: string } | undefined;
  return meta?.tableName ? `"${meta.tableName}"` : undefined;
}

/** Rows of one page of a list, for `connectionSql`. */
export interface PageSource {
  /**
   * A subquery of the list's rows with `__pos`, each row's position in the whole list from 0: at least the
   * window's rows and, when more follow, one row past it (which tells `hasNextPage`).
   */
  rows: SqlPart;
  offset: number;
  limit: number;
  /** The whole list's count; undefined when `rows` holds every row of the list. */
  total?: SqlPart;
}

/** A connection (`nodes`, `edges`, `pageInfo`, `totalCount`) over a page's rows, as graphql/connection.ts builds it. */
export function connectionSql(call: FieldCall, source: PageSource): SqlPart | undefined {
  const connection = getNullableType(call.type);
  if (!isObjectType(connection)) return undefined;
  const n = call.alias('n');
  const bounds = [source.offset, source.offset + source.limit];
  const inWindow: SqlPart = { sql: `${n}.__pos >= ?::int and ${n}.__pos < ?::int`, params: bounds };
  const kept: SqlPart = { sql: `count(*) filter (where ${inWindow.sql})`, params: bounds };
  const list = (item: SqlPart) =>
    sqlOf('coalesce(json_agg(', item, ` order by ${n}.__pos) filter (where `, inWindow, `), '[]'::json)`);
  const object = objectSql(connection, call.fields(), (name, nodes) => {
    const definition = connection.getFields()[name];
    if (!definition) return undefined;
    if (name === 'nodes') {
      const item = call.objectOf(definition.type, nodes, n);
      return item && list(item);
    }
    if (name === 'edges') {
      const item = edgeSql(call, getNamedType(definition.type) as GraphQLObjectType, nodes, n);
      return item && list(item);
    }
    if (name === 'totalCount') return source.total ? sqlOf('(', source.total, ')') : 'count(*)::int';
    if (name === 'pageInfo') return pageInfoSql(call, definition.type, nodes, n, source, kept);
    return undefined;
  });
  // `group by ()`: one row, also when the page is empty and nothing else aggregates (totalCount alone).
  return object && sqlOf('(select ', object, ' from (', source.rows, `) ${n} group by ())`);
}

function edgeSql(call: FieldCall, edge: GraphQLObjectType, nodes: readonly FieldNode[], n: string) {
  return objectSql(edge, call.fieldsOf(edge, nodes), (name, below) => {
    if (name === 'cursor') return cursorSql(`${n}.__pos`);
    if (name === 'node') return call.objectOf(edge.getFields().node!.type, below, n);
    return undefined;
  });
}

function pageInfoSql(
  call: FieldCall,
  type: GraphQLOutputType,
  nodes: readonly FieldNode[],
  n: string,
  source: PageSource,
  kept: SqlPart,
) {
  const info = getNamedType(type) as GraphQLObjectType;
  return objectSql(info, call.fieldsOf(info, nodes), (name) => {
    if (name === 'hasPreviousPage') return source.offset > 0 ? 'true' : 'false';
    if (name === 'hasNextPage') {
      return { sql: `coalesce(bool_or(${n}.__pos >= ?::int), false)`, params: [source.offset + source.limit] };
    }
    if (name === 'startCursor') {
      return sqlOf('case when ', kept, ' > 0 then ', { sql: cursorSql('?::int'), params: [source.offset] }, ' end');
    }
    if (name === 'endCursor') {
      const last = { sql: cursorSql(`?::int + ${kept.sql} - 1`), params: [source.offset, ...kept.params] };
      return sqlOf('case when ', kept, ' > 0 then ', last, ' end');
    }
    return undefined;
  });
}

// --- The compiler ---------------------------------------------------------------------------------

const TEXT = /^(text|uuid|varchar(\(\d+\))?|character varying(\(\d+\))?|char(\(\d+\))?)$/;
const INTEGER = /^(int|int2|int4|integer|smallint)$/;

/** A column as the GraphQL scalar or enum `type` serialises the value the ORM reads from it; undefined if unsure. */
function scalarSql(type: GraphQLOutputType, column: string, columnType: string): string | undefined {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return undefined;
  if (isEnumType(nullable)) {
    const values = nullable.getValues();
    if (!TEXT.test(columnType) || values.some((value) => typeof value.value !== 'string')) return undefined;
    if (values.every((value) => value.value === value.name)) return column;
    return `case ${column} ${values.map((value) => `when ${literal(value.value as string)} then ${literal(value.name)}`).join(' ')} end`;
  }
  switch (nullable.name) {
    case 'String':
    case 'ID':
      return TEXT.test(columnType) ? column : undefined;
    case 'Int':
      return INTEGER.test(columnType) ? column : undefined;
    case 'Boolean':
      return columnType === 'boolean' ? column : undefined;
    case 'DateTime':
      return columnType === 'timestamptz'
        ? `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
        : undefined;
    case 'Date':
      return columnType === 'date' ? `to_char(${column}, 'YYYY-MM-DD')` : undefined;
    default:
      return undefined;
  }
}

interface ColumnMeta {
  name: string;
  type: string;
}

/** The column of an entity's scalar property, with its SQL type; undefined for anything else. */
function columnOf(ctx: Context, entity: EntityName<object>, property: string): ColumnMeta | undefined {
  const meta = ctx.em.getMetadata().find(entity as never) as unknown as
    | { properties: Record<string, { fieldNames?: string[]; columnTypes?: string[]; kind: string; persist?: boolean }> }
    | undefined;
  const prop = meta?.properties[property];
  if (prop?.kind !== 'scalar' || prop.persist === false || prop.fieldNames?.length !== 1) return undefined;
  const type = prop.columnTypes?.[0]?.toLowerCase();
  return type ? { name: prop.fieldNames[0]!, type } : undefined;
}

class Compiler {
  private aliases = 0;

  constructor(
    readonly schema: GraphQLSchema,
    readonly ctx: Context,
    readonly fragments: Record<string, FragmentDefinitionNode>,
    readonly variables: Record<string, unknown>,
  ) {}

  alias(prefix: string): string {
    this.aliases += 1;
    return `${prefix}${this.aliases}`;
  }

  /** Whether a fragment with this type condition applies to objects of `type`. */
  private applies(type: GraphQLObjectType, condition: string | undefined): boolean {
    if (!condition || condition === type.name) return true;
    const abstract = this.schema.getType(condition);
    return !!abstract && isAbstractType(abstract) && this.schema.isSubType(abstract, type);
  }

  /**
   * Whether a selection is in the answer: `@include(if:)` and `@skip(if:)` evaluated with the variables, as
   * graphql-js does; undefined for any other directive (the operation then takes the usual way).
   */
  private included(selection: SelectionNode): boolean | undefined {
    if (!selection.directives?.length) return true;
    let included = true;
    for (const directive of selection.directives) {
      const known =
        directive.name.value === 'include'
          ? GraphQLIncludeDirective
          : directive.name.value === 'skip'
            ? GraphQLSkipDirective
            : undefined;
      if (!known) return undefined;
      const { if: condition } = getDirectiveValues(known, selection, this.variables) as { if: boolean };
      if (known === GraphQLIncludeDirective ? !condition : condition) included = false;
    }
    return included;
  }

  /**
   * The fields the selection sets select on `type`, by response key, in graphql-js's order (fragments spread
   * in place, `@include` and `@skip` applied); undefined when a field or fragment carries another directive.
   */
  fieldsOf(type: GraphQLObjectType, nodes: readonly FieldNode[]): Map<string, FieldNode[]> | undefined {
    const fields = new Map<string, FieldNode[]>();
    const visit = (set: SelectionSetNode | undefined, seen: Set<string>): boolean => {
      for (const selection of set?.selections ?? []) {
        const included = this.included(selection);
        if (included === undefined) return false;
        if (!included) continue;
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          const known = fields.get(key);
          if (known) known.push(selection);
          else fields.set(key, [selection]);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (this.applies(type, selection.typeCondition?.name.value) && !visit(selection.selectionSet, seen))
            return false;
        } else {
          const name = selection.name.value;
          if (seen.has(name)) continue;
          seen.add(name);
          const fragment = this.fragments[name];
          if (!fragment) return false;
          if (fragment.directives?.length) return false;
          if (this.applies(type, fragment.typeCondition.name.value) && !visit(fragment.selectionSet, seen))
            return false;
        }
      }
      return true;
    };
    for (const node of nodes) if (!visit(node.selectionSet, new Set())) return undefined;
    return fields;
  }

  /** `json_build_object` of the fields selected on `type`, read from the row aliased `row`. */
  object(type: GraphQLOutputType, nodes: readonly FieldNode[], row: string): SqlPart | undefined {
    const named = getNamedType(type);
    if (!isObjectType(named)) return undefined;
    return objectSql(named, this.fieldsOf(named, nodes), (_, below) => this.field(named, below, row));
  }

  /** One field of `type` on the row aliased `row`, in SQL. */
  field(type: GraphQLObjectType, nodes: FieldNode[], row: string): Value | undefined {
    const node = nodes[0]!;
    const name = node.name.value;
    const definition = type.getFields()[name];
    if (!definition) return undefined;
    const known = row ? types.get(type.name) : undefined;
    const written = row ? known?.fields[name] : roots.get(name);
    if (written) return written(this.call(definition, nodes, row));
    if (!known || node.arguments?.length || definition.args.length) return undefined;
    const property = plainFields(type.name).get(name);
    const column = property === undefined ? undefined : columnOf(this.ctx, known.entity, property);
    return column && scalarSql(definition.type, `${row}."${column.name}"`, column.type);
  }

  private call(definition: GraphQLField<unknown, unknown>, nodes: FieldNode[], row: string): FieldCall {
    return {
      ctx: this.ctx,
      row,
      type: definition.type,
      args: () => getArgumentValues(definition, nodes[0]!, this.variables),
      alias: (prefix) => this.alias(prefix),
      object: (alias) => this.object(definition.type, nodes, alias),
      fields: () => {
        const type = getNullableType(definition.type);
        return isObjectType(type) ? this.fieldsOf(type, nodes) : undefined;
      },
      fieldsOf: (type, below) => this.fieldsOf(type, below),
      objectOf: (type, below, alias) => this.object(getNamedType(type), below, alias),
    };
  }
}

/** The one statement answering an operation, or undefined when some field of it cannot be answered in SQL. */
export function operationSql(
  schema: GraphQLSchema,
  ctx: Context,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): SqlPart | undefined {
  const operation = getOperationAST(document, operationName);
  const query = schema.getQueryType();
  if (operation?.operation !== 'query' || operation.directives?.length || !query) return undefined;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) return undefined;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const compiler = new Compiler(schema, ctx, fragments, coerced.coerced);
  const root = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'query' }, selectionSet: operation.selectionSet };
  const fields = compiler.fieldsOf(query, [root as FieldNode]);
  // Nothing to read (`{ __typename }`): no statement.
  if (!fields || [...fields.values()].every((nodes) => nodes[0]!.name.value === '__typename')) return undefined;
  const data = objectSql(query, fields, (_, nodes) => compiler.field(query, nodes, ''));
  return data && sqlOf('select ', data, '::text as data');
}

/**
 * The `data` of an answer built in PostgreSQL, as the JSON text it came as: sent as it is (graphql/http.ts
 * `stringifyResult`), never parsed and written again. Anything else that writes it with JSON.stringify gets
 * the same JSON through `toJSON`.
 */
export class SqlAnswer {
  constructor(readonly json: string) {}

  toJSON(): unknown {
    return JSON.parse(this.json);
  }
}

/** An execution result as JSON text: an answer built in PostgreSQL as it came, anything else by JSON.stringify. */
export function stringifyResult(result: { data?: unknown; errors?: unknown; extensions?: unknown }): string {
  if (result.data instanceof SqlAnswer && !result.errors && !result.extensions) return `{"data":${result.data.json}}`;
  return JSON.stringify(result);
}

/**
 * The answer to an operation from its one statement, or undefined: it cannot be answered in SQL, or its
 * arguments are refused (the usual way then answers with the problem, its code and path), or the statement
 * failed (logged; the usual way answers).
 */
export async function answerInSql(
  schema: GraphQLSchema,
  ctx: Context,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): Promise<ExecutionResult | undefined> {
  let statement: SqlPart | undefined;
  try {
    statement = operationSql(schema, ctx, document, operationName, variables);
  } catch (error) {
    // Refused input or access: the usual way answers with the problem. Anything else is a fault here.
    if (!(error instanceof DomainError)) {
      ctx.logger.error({ err: error, requestId: ctx.requestId }, 'answering in SQL failed; answered the usual way');
    }
    return undefined;
  }
  if (!statement) return undefined;
  try {
    const [row] = await ctx.em.execute<{ data: string }[]>(statement.sql, statement.params);
    const facts = currentRequestFacts();
    if (facts) facts.inSql = true;
    return { data: new SqlAnswer(withGlobalIds(row!.data)) as unknown as Record<string, unknown> };
  } catch (error) {
    ctx.logger.error({ err: error, requestId: ctx.requestId }, 'answering in SQL failed; answered the usual way');
    return undefined;
  }
}
