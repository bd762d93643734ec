import { type FieldProblemCode, InvalidInputError } from '../errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque, globally unique id of a Node: base64url of "Type:uuid". */
export function toGlobalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

/** Decodes a global id without checking its type; undefined when malformed. */
export function parseGlobalId(globalId: string): { type: string; id: string } | undefined {
  if (typeof globalId !== 'string' || globalId.length > 200 || !/^[A-Za-z0-9_-]+$/.test(globalId)) return undefined;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  const type = decoded.slice(0, colon);
  const id = decoded.slice(colon + 1);
  if (!/^[A-Z][A-Za-z]+$/.test(type) || !UUID.test(id)) return undefined;
  return { type, id };
}

/** Decodes a global id that must name a `type`; a malformed or foreign id is bad input on `field`. */
export function fromGlobalId(globalId: string, type: string, field: string): string {
  const parsed = parseGlobalId(globalId);
  if (!parsed || parsed.type !== type) {
    throw new InvalidInputError([{ field, message: `is not a valid ${type} id`, code: 'INVALID_FORMAT' }]);
  }
  return parsed.id;
}

/** Like fromGlobalId, but records the problem and returns undefined, so that every bad field is reported at once. */
export function decodeId(
  globalId: string | null | undefined,
  type: string,
  field: string,
  problems: { add(field: string, message: string, code?: FieldProblemCode): unknown },
): string | undefined {
  if (globalId === undefined || globalId === null) return undefined;
  const parsed = parseGlobalId(globalId);
  if (!parsed || parsed.type !== type) {
    problems.add(field, `is not a valid ${type} id`, 'INVALID_FORMAT');
    return undefined;
  }
  return parsed.id;
}
