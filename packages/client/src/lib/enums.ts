/**
 * Every value of an enum generated from the schema (`Visibility`, `OrganizationKind`… in graphql/generated.ts), so
 * no screen keeps a copy of the list. The schema lists values alphabetically; an enum whose values have an order
 * people expect (a lifecycle, low to high) passes `rank`, which must name every value, so a value the server adds
 * cannot be left out without the type check saying so.
 */
export function enumValues<T extends string>(
  values: Readonly<Record<string, T>>,
  rank?: Readonly<Record<T, number>>,
): T[] {
  const list = Object.values(values);
  return rank ? list.sort((a, b) => rank[a] - rank[b]) : list;
}

/** Whether a text (from the URL, say) is one of an enum's values. */
export function isEnumValue<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
