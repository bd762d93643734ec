import { Problems } from '../errors.js';
import type { CommitmentStatus } from '../modules/commitments/commitment.entity.js';
import type { CommitmentFilterValues } from '../modules/commitments/commitment.sql.js';
import { GCM_OBJECTIVE_COUNT, isGcmObjectiveNumber } from '../modules/committee/rules.js';
import type { MeetingStatus } from '../modules/meetings/meeting.entity.js';
import type { MeetingFilterData } from '../modules/meetings/meeting.service.js';
import { parseGlobalId } from './global-id.js';

/**
 * The edge's decoders: they turn what a client sent (global ids, filters, ranges) into service
 * arguments. Every problem is collected in one `Problems` and thrown once by `decode`, so a value
 * the build function returns is only ever used when all of it decoded (no `!` needed).
 */
export class Decoder {
  readonly problems = new Problems();

  /** A global id that must name `type` (null and undefined give undefined: "not given"). */
  id(value: string, type: string, field: string): string;
  id(value: string | null | undefined, type: string, field: string): string | undefined;
  id(value: string | null | undefined, type: string, field: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    const parsed = parseGlobalId(value);
    if (parsed && parsed.type === type) return parsed.id;
    this.problems.add(field, `is not a valid ${type} id`, 'INVALID_FORMAT');
    // Never reaches a service: decode() throws before returning.
    return '';
  }

  /** A global id of an update input, where null means "clear it" and undefined "leave it". */
  nullableId(value: string | null | undefined, type: string, field: string): string | null | undefined {
    return value === null ? null : this.id(value, type, field);
  }

  /** A list of global ids, each checked as `field[index]` (null stays null: "clear the list"). */
  ids(values: readonly string[], type: string, field: string): string[];
  ids(values: readonly string[] | undefined, type: string, field: string): string[] | undefined;
  ids(values: readonly string[] | null | undefined, type: string, field: string): string[] | null | undefined;
  ids(values: readonly string[] | null | undefined, type: string, field: string): string[] | null | undefined {
    if (values === undefined || values === null) return values;
    return values.map((value, index) => this.id(value, type, `${field}[${index}]`));
  }

  /** A from–to range whose end may not come before its start (dates YYYY-MM-DD or instants). */
  range<T extends string | Date>(
    from: T | null | undefined,
    to: T | null | undefined,
    fields: [from: string, to: string],
  ): { from: T | undefined; to: T | undefined } {
    const start = from ?? undefined;
    const end = to ?? undefined;
    if (start !== undefined && end !== undefined && before(end, start))
      this.problems.add(fields[1], `must not be before ${leaf(fields[0])}`, 'END_BEFORE_START');
    return { from: start, to: end };
  }

  /** A GCM objective number, 1 to 23 (undefined, with the problem recorded, when it is not one). */
  gcmObjective(value: number | null | undefined, field: string): number | null | undefined {
    if (value === undefined || value === null || isGcmObjectiveNumber(value)) return value;
    this.problems.add(field, `GCM objectives are numbered 1 to ${GCM_OBJECTIVE_COUNT}`, 'OUT_OF_RANGE', {
      min: 1,
      max: GCM_OBJECTIVE_COUNT,
    });
    return undefined;
  }

  /** The `commitments` filter (GraphQL's CommitmentFilter, or the exports' query string), problems under `prefix.`. */
  commitmentFilter(
    filter: CommitmentFilterFields | null | undefined,
    prefix = 'filter',
  ): CommitmentFilterValues | undefined {
    if (!filter) return undefined;
    const at = (name: string) => (prefix ? `${prefix}.${name}` : name);
    const gcmObjective = this.gcmObjective(filter.gcmObjective, at('gcmObjective'));
    this.range(filter.dueFrom, filter.dueTo, [at('dueFrom'), at('dueTo')]);
    return {
      status: filter.status,
      leadOrganization: this.id(filter.leadOrganizationId, 'Organization', at('leadOrganizationId')),
      organization: this.id(filter.organizationId, 'Organization', at('organizationId')),
      assignee: this.id(filter.assigneeId, 'Person', at('assigneeId')),
      meeting: this.id(filter.meetingId, 'Meeting', at('meetingId')),
      planObjective: this.id(filter.planObjectiveId, 'PlanObjective', at('planObjectiveId')),
      overdue: filter.overdue,
      dueFrom: filter.dueFrom,
      dueTo: filter.dueTo,
      gcmObjective,
      search: filter.search,
      dueDateChangeRequested: filter.dueDateChangeRequested,
    };
  }

  /** The `meetings` filter, problems under `prefix.`. */
  meetingFilter(filter: MeetingFilterFields | null | undefined, prefix = 'filter'): MeetingFilterData {
    const at = (name: string) => (prefix ? `${prefix}.${name}` : name);
    this.range(filter?.from, filter?.to, [at('from'), at('to')]);
    return {
      from: filter?.from,
      to: filter?.to,
      status: filter?.status,
      search: filter?.search,
      organizer: this.id(filter?.organizerId, 'Organization', at('organizerId')),
      participantOrganization: this.id(
        filter?.participantOrganizationId,
        'Organization',
        at('participantOrganizationId'),
      ),
      series: this.id(filter?.seriesId, 'MeetingSeries', at('seriesId')),
    };
  }
}

/** An input's fields as an update takes them: each one optional, null where it clears the value. */
export type Changes<T> = { [K in keyof T]?: T[K] | null };

/**
 * The Create and Update inputs of a record from one list of fields: `fields(required)` declares them
 * once, as an abstract input class, and the Update input gets each of them optional. The concrete
 * inputs extend `Create` and `Update` (adding e.g. `id` and `version`).
 */
export function inputFields<T extends object>(fields: (required: boolean) => abstract new () => T) {
  return {
    Create: fields(true),
    Update: fields(false) as unknown as abstract new () => Changes<T>,
  };
}

/** The fields of a commitment filter as clients send them (global ids, dates YYYY-MM-DD). */
export interface CommitmentFilterFields {
  status?: CommitmentStatus[] | null;
  leadOrganizationId?: string | null;
  organizationId?: string | null;
  assigneeId?: string | null;
  meetingId?: string | null;
  planObjectiveId?: string | null;
  overdue?: boolean | null;
  dueFrom?: string | null;
  dueTo?: string | null;
  gcmObjective?: number | null;
  search?: string | null;
  dueDateChangeRequested?: boolean | null;
}

/** The fields of a meeting filter as clients send them. */
export interface MeetingFilterFields {
  from?: Date | null;
  to?: Date | null;
  status?: MeetingStatus[] | null;
  search?: string | null;
  organizerId?: string | null;
  participantOrganizationId?: string | null;
  seriesId?: string | null;
}

/**
 * Runs `build` with a fresh Decoder and throws every problem it (or `build` itself, through
 * `decoder.problems`) found, at once, as BAD_USER_INPUT; otherwise returns what `build` made.
 */
export function decode<T>(build: (decoder: Decoder) => T): T {
  const decoder = new Decoder();
  const value = build(decoder);
  decoder.problems.throwIfAny();
  return value;
}

/** Like decode, for a build that has to look something up (e.g. the viewer's language). */
export async function decodeAsync<T>(build: (decoder: Decoder) => Promise<T>): Promise<T> {
  const decoder = new Decoder();
  const value = await build(decoder);
  decoder.problems.throwIfAny();
  return value;
}

function before(a: string | Date, b: string | Date): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() < b.getTime() : String(a) < String(b);
}

/** `filter.dueFrom` → `dueFrom`: the messages name the sibling field as the client wrote it. */
function leaf(field: string): string {
  return field.slice(field.lastIndexOf('.') + 1);
}
