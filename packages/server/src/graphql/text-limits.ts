import {
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLSchema,
  getNamedType,
  isInputObjectType,
  isObjectType,
} from 'graphql';
import type { TextRule } from '../validation.js';

/**
 * The rule of every String an operation can send: input fields and arguments, by name. The rules
 * sit on the schema (`extensions.text`), where graphql/text-input.ts reads them for every request.
 */

/** Secrets are compared as typed, so they are never normalised. */
const VERBATIM = new Set(['password', 'currentPassword', 'newPassword']);

/** Every String input field and argument of the schema, as `Type.field` or `Type.field(argument)`. */
export function textPositions(schema: GraphQLSchema): { name: string; field: GraphQLInputField | GraphQLArgument }[] {
  const positions: { name: string; field: GraphQLInputField | GraphQLArgument }[] = [];
  const isString = (field: GraphQLInputField | GraphQLArgument) => getNamedType(field.type).name === 'String';
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        if (isString(field)) positions.push({ name: `${type.name}.${field.name}`, field });
    } else if (isObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        for (const argument of field.args)
          if (isString(argument))
            positions.push({ name: `${type.name}.${field.name}(${argument.name})`, field: argument });
    }
  }
  return positions;
}

/** Puts each String position's rule on the schema, once, when it is built. */
export function applyTextRules(schema: GraphQLSchema): GraphQLSchema {
  for (const { field } of textPositions(schema)) {
    const rule: TextRule = VERBATIM.has(field.name) ? { verbatim: true } : {};
    (field as { extensions: object }).extensions = { ...field.extensions, text: rule };
  }
  return schema;
}
