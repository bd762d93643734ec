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

/**
 * At most this many characters, by field or argument name, as the services allow (they trim
 * first; this bound comes before any work, so that no input size turns into work).
 */
const MAX_BY_NAME: Record<string, number> = {
  title: 500,
  titleKm: 500,
  description: 10_000,
  descriptionKm: 10_000,
  note: 10_000,
  noteKm: 10_000,
  text: 10_000,
  textKm: 10_000,
  minutes: 200_000,
  minutesKm: 200_000,
  reason: 2_000,
  statusReason: 2_000,
  dueDateReason: 2_000,
  location: 500,
  cadence: 500,
  name: 300,
  nameKm: 300,
  acronym: 40,
  code: 20,
  fullName: 200,
  fullNameKm: 200,
  position: 200,
  positionKm: 200,
  positionHeld: 200,
  // The offline outbox's replay key (modules/idempotency): a UUID in practice.
  idempotencyKey: 100,
  phone: 40,
  email: 254,
  password: 256,
  currentPassword: 256,
  newPassword: 256,
  url: 2_000,
  search: 200,
  entityType: 100,
  after: 200,
  before: 200,
};

/** Where a type's own limit differs from the name's. */
const MAX_BY_POSITION: Record<string, number> = {
  'CreateApiTokenInput.name': 100,
  'CreateReportingPeriodInput.title': 200,
  'CreateReportingPeriodInput.titleKm': 200,
  ...Object.fromEntries(
    ['CreatePlanInput', 'UpdatePlanInput', 'AddPlanGoalInput', 'AddPlanObjectiveInput', 'UpdatePlanObjectiveInput']
      .flatMap((type) => [`${type}.title`, `${type}.titleKm`])
      .concat('UpdateGcmObjectiveInput.titleKm')
      .map((position) => [position, 1_000]),
  ),
};

/** For a String nobody has given a limit yet (the schema test lists them, so that someone does). */
export const DEFAULT_MAX = 1_000;

/** Secrets are compared as typed, so they are never normalised. */
const VERBATIM = new Set(['password', 'currentPassword', 'newPassword']);

/** The maximum length of a String position, and whether it had one of its own. */
export function maxLengthOf(position: string, name: string): { max: number; explicit: boolean } {
  const max = MAX_BY_POSITION[position] ?? MAX_BY_NAME[name];
  return max === undefined ? { max: DEFAULT_MAX, explicit: false } : { max, explicit: true };
}

/** The description of a position, saying its limit (schema.graphql is what partners read). */
function describe(description: string | null | undefined, max: number): string {
  const limit = `At most ${max.toLocaleString('en-US')} characters.`;
  const text = description?.trim();
  if (!text) return limit;
  return `${text}${/[.!?]$/.test(text) ? '' : '.'} ${limit}`;
}

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

/**
 * Where the edge refuses a text. The services clean every text of a mutation's input (trimmed, at
 * most the same limit, with every other mistake of the input reported at once), so there the edge
 * only refuses what is far too long: twice the limit. Filters, orders and arguments have no other
 * check, so there the limit itself is the edge's.
 */
export function edgeRuleOf(position: string, name: string): TextRule {
  const { max: limit } = maxLengthOf(position, name);
  const checkedByService = /^\w+Input\./.test(position);
  return {
    max: checkedByService ? 2 * limit : limit,
    limit,
    ...(VERBATIM.has(name) ? { verbatim: true } : {}),
  };
}

/** Puts each String position's rule on the schema, and its limit in its description, once, when it is built. */
export function applyTextRules(schema: GraphQLSchema): GraphQLSchema {
  for (const { name, field } of textPositions(schema)) {
    const { max } = maxLengthOf(name, field.name);
    const rule = edgeRuleOf(name, field.name);
    const writable = field as { extensions: object; description: string | null | undefined };
    writable.extensions = { ...field.extensions, text: rule };
    writable.description = describe(field.description, max);
  }
  return schema;
}
