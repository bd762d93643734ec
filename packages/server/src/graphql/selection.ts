import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * What a query selects below a field, by field name (not alias): every occurrence of a name merged, through
 * fragments and inline fragments. A leaf selects nothing further (an empty map). Directives (`@include`,
 * `@skip`) are not evaluated: a field under one counts as selected, which only ever loads more than needed.
 */
export type Selection = ReadonlyMap<string, Selection>;
type Building = Map<string, Building>;

function collect(info: GraphQLResolveInfo, set: SelectionSetNode | undefined, into: Building, seen: Set<string>) {
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

/**
 * A selection depends only on the field nodes (and the document's fragments, which those belong to), so each
 * is collected once per document: a nested list's resolver runs once per parent item, with the same nodes.
 * Keyed by the first node; the rest are compared, since one node can be merged with different siblings.
 */
function memo(cache: WeakMap<FieldNode, { nodes: readonly FieldNode[]; selection: Selection }[]>) {
  return (nodes: readonly FieldNode[], make: () => Selection): Selection => {
    const [first] = nodes;
    if (!first) return make();
    const entries = cache.get(first) ?? [];
    const known = entries.find(
      (entry) => entry.nodes.length === nodes.length && entry.nodes.every((n, i) => n === nodes[i]),
    );
    if (known) return known.selection;
    const selection = make();
    entries.push({ nodes: [...nodes], selection });
    cache.set(first, entries);
    return selection;
  };
}
const selections = memo(new WeakMap());
const itemSelections = memo(new WeakMap());

/** The selection below the fields a resolver answers (all of `info.fieldNodes`, merged). */
export function selectionOf(info: GraphQLResolveInfo, nodes: readonly FieldNode[] = info.fieldNodes): Selection {
  return selections(nodes, () => {
    const into: Building = new Map();
    for (const node of nodes) collect(info, node.selectionSet, into, new Set());
    return into;
  });
}

/** The selection on the items of the connection a resolver answers: under `nodes` and `edges { node }`, merged. */
export function itemSelection(info: GraphQLResolveInfo): Selection {
  return itemSelections(info.fieldNodes, () => {
    const connection = selectionOf(info);
    const items: Building = new Map();
    const merge = (from: Selection | undefined, into: Building) => {
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
  });
}
