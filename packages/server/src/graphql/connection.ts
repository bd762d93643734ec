import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionNode, type SelectionSetNode } from 'graphql';
import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { InvalidInputError, type FieldProblem } from '../errors.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ObjectType({ description: 'Where a page of a connection sits in the whole list.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'More items follow the last one of this page.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'More items come before the first one of this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of this page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page.' })
  endCursor!: string | null;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  /** A number, or (lazy pages) a getter that runs the count only when totalCount is asked for. */
  readonly totalCount: number | Promise<number>;
}

/** A Relay connection type for `NodeType` (named `typeName` in the schema): `edges`, `nodes`, `pageInfo`, `totalCount`. */
export function Connection<TNode extends object>(NodeType: ClassType<TNode>, typeName: string) {
  @ObjectType(`${typeName}Edge`, { description: `An item of a list of ${typeName} objects, with its cursor.` })
  abstract class EdgeClass {
    @Field(() => String, { description: 'Opaque cursor of this item, for `after` and `before`.' })
    cursor!: string;

    @Field(() => NodeType, { description: 'The item.' })
    node!: TNode;
  }

  @ObjectType()
  abstract class ConnectionClass {
    @Field(() => [EdgeClass], { description: 'The items of this page with their cursors.' })
    edges!: EdgeClass[];

    @Field(() => [NodeType], { description: 'The items of this page.' })
    nodes!: TNode[];

    @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list has (with the same filter), over all pages.' })
    totalCount!: number;
  }
  return ConnectionClass;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** A window of a list in offset terms, from the cursors and sizes a client sent. */
export interface Window {
  offset: number;
  limit: number;
  /** The offsets `after`/`before` pointed at, to compute hasPrevious/hasNext. */
  afterOffset: number | undefined;
  beforeOffset: number | undefined;
  last: number | undefined;
}

const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');

function decodeCursor(cursor: string, field: string, problems: FieldProblem[]): number | undefined {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^o:(\d{1,9})$/.exec(text);
  if (!match) {
    problems.push({ field, message: 'is not a cursor from this list', code: 'INVALID_FORMAT' });
    return undefined;
  }
  return Number(match[1]);
}

/**
 * Checks the paging arguments and turns them into a window. Cursors are positions in the
 * ordered, filtered list: stable while the list does not change, simple for partners to use.
 */
export function pageWindow(args: PageArgs): Window {
  const problems: FieldProblem[] = [];
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value !== undefined && value !== null && (value < 0 || value > MAX_PAGE_SIZE)) {
      problems.push({ field: name, message: `must be from 0 to ${MAX_PAGE_SIZE}, got ${value}`, code: 'OUT_OF_RANGE' });
    }
  }
  if (args.first != null && args.last != null)
    problems.push({ field: 'last', message: 'cannot be combined with first', code: 'INVALID_COMBINATION' });
  const afterOffset = args.after ? decodeCursor(args.after, 'after', problems) : undefined;
  const beforeOffset = args.before ? decodeCursor(args.before, 'before', problems) : undefined;
  if (problems.length) throw new InvalidInputError(problems);

  const start = afterOffset === undefined ? 0 : afterOffset + 1;
  if (args.last != null) {
    // Without `before`, the end is unknown until the total is counted: resolved in toPage.
    const end = beforeOffset ?? Number.MAX_SAFE_INTEGER;
    return {
      offset: Math.max(start, end - args.last),
      limit: Math.min(args.last, end - start),
      afterOffset,
      beforeOffset,
      last: args.last,
    };
  }
  const end = beforeOffset ?? Number.MAX_SAFE_INTEGER;
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  return {
    offset: start,
    limit: Math.max(0, Math.min(first, end - start)),
    afterOffset,
    beforeOffset,
    last: undefined,
  };
}

/**
 * `last` without `before` counts back from the end: the window needs the total first.
 * Call this after counting, before fetching rows.
 */
export function settleWindow(window: Window, totalCount: number): Window {
  if (window.last === undefined || window.beforeOffset !== undefined) return window;
  const start = window.afterOffset === undefined ? 0 : window.afterOffset + 1;
  const offset = Math.max(start, totalCount - window.last);
  return { ...window, offset, limit: Math.max(0, totalCount - offset) };
}

/** The edges of a page, built only if a query asks for them (most ask for `nodes`). */
function lazyEdges<T>(page: Omit<Page<T>, 'edges'>, rows: T[], offset: number): Page<T> {
  let edges: Page<T>['edges'] | undefined;
  return Object.defineProperty(page, 'edges', {
    enumerable: true,
    get() {
      edges ??= rows.map((node, index) => ({ cursor: encodeCursor(offset + index), node }));
      return edges;
    },
  }) as Page<T>;
}

/** Wraps fetched rows as a connection page. */
export function toPage<T>(rows: T[], window: Window, totalCount: number): Page<T> {
  return lazyEdges(
    {
      nodes: rows,
      totalCount,
      pageInfo: {
        hasPreviousPage: window.offset > 0,
        hasNextPage: window.offset + rows.length < totalCount,
        startCursor: rows.length ? encodeCursor(window.offset) : null,
        endCursor: rows.length ? encodeCursor(window.offset + rows.length - 1) : null,
      },
    },
    rows,
    window.offset,
  );
}

/**
 * Wraps a page fetched with one row more than the window (`rows.length > window.limit` means more follow),
 * counting the whole list only if `totalCount` is asked for. Lists answer this way unless `last` without
 * `before` needs the total first.
 */
export function toLazyPage<T>(rows: T[], window: Window, count: () => Promise<number>): Page<T> {
  const more = rows.length > window.limit;
  const kept = more ? rows.slice(0, window.limit) : rows;
  let counted: Promise<number> | undefined;
  return lazyEdges(
    {
      nodes: kept,
      get totalCount() {
        counted ??= count();
        return counted;
      },
      pageInfo: {
        hasPreviousPage: window.offset > 0,
        hasNextPage: more,
        startCursor: kept.length ? encodeCursor(window.offset) : null,
        endCursor: kept.length ? encodeCursor(window.offset + kept.length - 1) : null,
      },
    },
    kept,
    window.offset,
  );
}

/** Whether a window needs the total before its rows can be fetched (`last` without `before`). */
export function needsTotalFirst(window: Window): boolean {
  return window.last !== undefined && window.beforeOffset === undefined;
}

/**
 * The names of the fields selected on the items of the connection a resolver answers (under `nodes` and
 * `edges { node }`, through fragments and inline fragments), so that a list can load in its own statement
 * the relations the query will ask for next. Directives (`@include`, `@skip`) are not evaluated: a field
 * under one counts as selected, which only costs a join that was not needed.
 */
export function selectedItemFields(info: GraphQLResolveInfo): Set<string> {
  // Calls `onField` for every field of a selection set, looking through fragments (each spread once).
  const fieldsOf = (
    set: SelectionSetNode | undefined,
    onField: (field: FieldNode) => void,
    seen = new Set<string>(),
  ) => {
    for (const selection of set?.selections ?? ([] as readonly SelectionNode[])) {
      if (selection.kind === Kind.FIELD) onField(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) fieldsOf(selection.selectionSet, onField, seen);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        fieldsOf(info.fragments[selection.name.value]?.selectionSet, onField, seen);
      }
    }
  };
  const names = new Set<string>();
  const addItemFields = (item: FieldNode) => fieldsOf(item.selectionSet, (field) => names.add(field.name.value));
  for (const connection of info.fieldNodes) {
    fieldsOf(connection.selectionSet, (field) => {
      if (field.name.value === 'nodes') addItemFields(field);
      else if (field.name.value === 'edges') {
        fieldsOf(field.selectionSet, (edgeField) => {
          if (edgeField.name.value === 'node') addItemFields(edgeField);
        });
      }
    });
  }
  return names;
}
