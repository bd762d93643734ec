import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * What a query selects below a field, by field name (not alias): every occurrence of a name merged, through
 * fragments and inline fragments. A leaf selects nothing further (an empty map). Directives (`@include`,
 * `@skip`) are not evaluated: a field under one counts as selected, which only ever loads more than needed.
 */
export type Selection = Map<string, Selection>;

function collect(info: GraphQLResolveInfo, set: SelectionSetNode | undefined, into: Selection, seen: Set<string>) {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      let below = into.get(name);
      if (!below) {
        below = new Map();
        into.set(name, below);
      }
      // Fragments spread below this field start their own `seen`: the same fragment may be used at each level.
      collect(info, selection.selectionSet, below, new Set());
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collect(info, selection.selectionSet, into, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      collect(info, info.fragments[selection.name.value]?.selectionSet, into, seen);
    }
  }
}

/** The selection below the fields a resolver answers (all of `info.fieldNodes`, merged). */
export function selectionOf(info: GraphQLResolveInfo, nodes: readonly FieldNode[] = info.fieldNodes): Selection {
  const into: Selection = new Map();
  for (const node of nodes) collect(info, node.selectionSet, into, new Set());
  return into;
}

/** The selection on the items of the connection a resolver answers: under `nodes` and `edges { node }`, merged. */
export function itemSelection(info: GraphQLResolveInfo): Selection {
  const connection = selectionOf(info);
  const items: Selection = new Map();
  const merge = (from: Selection | undefined, into: Selection) => {
    for (const [name, below] of from ?? []) {
      let target = into.get(name);
      if (!target) {
        target = new Map();
        into.set(name, target);
      }
      merge(below, target);
    }
  };
  merge(connection.get('nodes'), items);
  merge(connection.get('edges')?.get('node'), items);
  return items;
}
