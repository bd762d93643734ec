import { registerEnumType } from 'type-graphql';

/** Turns a const list of names into the object type-graphql registers as a GraphQL enum. */
export function graphqlEnum<const T extends readonly string[]>(
  values: T,
  name: string,
  description: string,
  valueDescriptions: Record<T[number], string>,
): Record<T[number], T[number]> {
  const object = Object.fromEntries(values.map((v) => [v, v])) as Record<T[number], T[number]>;
  const valuesConfig = Object.fromEntries(
    values.map((v) => [v, { description: valueDescriptions[v as T[number]] }]),
  ) as Record<T[number], { description: string }>;
  registerEnumType(object, { name, description, valuesConfig });
  return object;
}
