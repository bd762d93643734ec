import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/**
 * Direct field resolvers (issue 14, decision 0030). type-graphql calls every `@FieldResolver` method through
 * a wrapper that, on each call, looks up the resolver's instance, sorts its parameter list, maps it into a
 * new array and makes an object for the call, and awaits `@Arg` parameters even when nothing is validated.
 * A page of 50 commitments calls four such resolvers per item: the wrappers made a quarter of the garbage of
 * the commitments list. Here a method whose parameters are all `@Root()`, `@Ctx()`, `@Info()` or a scalar or
 * enum `@Arg()`, with no middleware or role, is called directly with the same values. Any other method keeps
 * type-graphql's wrapper. Prachum builds its schema with `validate: false` and no middleware, auth checker or
 * container, so the wrapper adds nothing for these.
 */

type Resolve = GraphQLFieldResolver<unknown, unknown, Record<string, unknown>>;
type Getter = (root: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;

interface ParamMetadata {
  kind: string;
  index: number;
  name?: string;
  propertyName?: string;
  getType?: () => unknown;
  validateSettings?: unknown;
  validateFn?: unknown;
}

const property = (value: unknown, name: string) => (value as Record<string, unknown>)[name];

/** How to read one parameter from the resolver's arguments, or undefined when type-graphql must convert it. */
function getterOf(param: ParamMetadata, inputClasses: Set<unknown>): Getter | undefined {
  const { propertyName } = param;
  switch (param.kind) {
    case 'root':
      // With a type, type-graphql would turn the root into an instance of it.
      if (param.getType) return undefined;
      return propertyName ? (root) => property(root, propertyName) : (root) => root;
    case 'context':
      return propertyName
        ? (_root, _args, context) => property(context, propertyName)
        : (_root, _args, context) => context;
    case 'info':
      return (_root, _args, _context, info) => info;
    case 'arg': {
      const { name } = param;
      // An input object is turned into an instance of its class; a scalar or an enum value is passed as it is.
      if (!name || param.validateSettings !== undefined || param.validateFn || inputClasses.has(param.getType?.())) {
        return undefined;
      }
      return (_root, args) => args[name];
    }
    default:
      return undefined;
  }
}

/** One resolver calling `method` of `instance` with the values of `getters`, in parameter order. */
function direct(instance: object, method: (...values: unknown[]) => unknown, getters: Getter[]): Resolve {
  if (getters.length === 0) return () => method.call(instance);
  if (getters.length === 1) {
    const [first] = getters as [Getter];
    return (root, args, context, info) => method.call(instance, first(root, args, context, info));
  }
  if (getters.length === 2) {
    const [first, second] = getters as [Getter, Getter];
    return (root, args, context, info) =>
      method.call(instance, first(root, args, context, info), second(root, args, context, info));
  }
  return (root, args, context, info) =>
    method.apply(
      instance,
      getters.map((get) => get(root, args, context, info)),
    );
}

/**
 * Replaces type-graphql's wrapper by a direct call on every object type field whose resolver method allows it
 * (see above). Returns the names (`Type.field`) of the fields it changed.
 */
export function callFieldResolversDirectly(schema: GraphQLSchema): string[] {
  const storage = getMetadataStorage();
  const inputClasses = new Set<unknown>([
    ...storage.inputTypes.map((type) => type.target),
    ...storage.argumentTypes.map((type) => type.target),
  ]);
  const typeNames = new Map<unknown, string>(storage.objectTypes.map((type) => [type.target, type.name]));
  const instances = new Map<new () => object, object>();
  const changed: string[] = [];
  for (const resolver of storage.fieldResolvers) {
    if (resolver.kind !== 'external' || resolver.middlewares?.length || resolver.roles?.length) continue;
    const typeName = typeNames.get(resolver.getObjectType?.());
    const type = typeName ? schema.getType(typeName) : undefined;
    const field = isObjectType(type) ? type.getFields()[resolver.schemaName] : undefined;
    if (!field) continue;
    const params = [...((resolver.params ?? []) as ParamMetadata[])].sort((a, b) => a.index - b.index);
    const getters = params.map((param) => getterOf(param, inputClasses));
    if (getters.some((getter) => getter === undefined)) continue;
    const target = resolver.target as new () => object;
    let instance = instances.get(target);
    if (!instance) {
      instance = new target();
      instances.set(target, instance);
    }
    const method = (instance as Record<string, unknown>)[resolver.methodName];
    if (typeof method !== 'function') continue;
    field.resolve = direct(instance, method as (...values: unknown[]) => unknown, getters as Getter[]);
    changed.push(`${typeName}.${resolver.schemaName}`);
  }
  return changed;
}
