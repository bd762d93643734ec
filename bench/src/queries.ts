import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  type SelectionSetNode,
  visit,
} from 'graphql';

export type ServerName = 'prachum' | 'postgraphile' | 'bare';
export const SERVERS: readonly ServerName[] = ['prachum', 'postgraphile', 'bare'];

/** What a server is asked: the POST body, and how to reduce its `data` to what the three must agree on. */
export interface Request {
  body: string;
  normalise(data: unknown): unknown;
}

export interface BenchQuery {
  label: string;
  /** Undefined where a server cannot express the query. */
  requests: Partial<Record<ServerName, Request>>;
  /** Why a server is left out, when one is. */
  skipped?: Partial<Record<ServerName, string>>;
}

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value ?? {}) as Json;
const list = (value: unknown): Json[] => (Array.isArray(value) ? value : []) as Json[];

/** A uuid from a Prachum global id (base64url "Type:uuid"), or the value itself when it is one already. */
export function rawId(id: unknown): string | null {
  if (typeof id !== 'string') return null;
  if (/^[0-9a-f-]{36}$/.test(id)) return id;
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  return decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) : id;
}

const body = (query: string, variables: Json = {}) => JSON.stringify({ query, variables });

// --- Q1 ------------------------------------------------------------------------------------------

const Q1_PRACHUM = `query Q1($first: Int!) {
  commitments(first: $first) {
    nodes {
      id reference title status progress dueDate
      leadOrganization { id acronym name }
      assignee { id fullName }
      meeting { id title startsAt }
    }
  }
}`;

const Q1_POSTGRAPHILE = `query Q1($first: Int!) {
  allCommitments(first: $first, orderBy: [DUE_DATE_ASC, REFERENCE_ASC, ROW_ID_ASC]) {
    nodes {
      rowId reference title status progress dueDate
      organizationByLeadOrganizationId { rowId acronym name }
      personByAssigneeId { rowId fullName }
      meetingByMeetingId { rowId title startsAt }
    }
  }
}`;

/** Reference, title and the ids of the lead organisation, assignee and meeting, in order. */
const q1Rows = (nodes: Json[], keys: [string, string, string, string]) =>
  nodes.map((n) => [
    rawId(n[keys[0]]),
    n.reference,
    n.title,
    rawId(obj(n[keys[1]])[keys[0]]),
    rawId(obj(n[keys[2]])[keys[0]]),
    rawId(obj(n[keys[3]])[keys[0]]),
  ]);

function q1(first: number): BenchQuery {
  return {
    label: first === 50 ? 'Q1: 50 commitments + lead, assignee, meeting' : `Q1 with first: ${first}`,
    requests: {
      prachum: {
        body: body(Q1_PRACHUM, { first }),
        normalise: (d) =>
          q1Rows(list(obj(obj(d).commitments).nodes), ['id', 'leadOrganization', 'assignee', 'meeting']),
      },
      postgraphile: {
        body: body(Q1_POSTGRAPHILE, { first }),
        normalise: (d) =>
          q1Rows(list(obj(obj(d).allCommitments).nodes), [
            'rowId',
            'organizationByLeadOrganizationId',
            'personByAssigneeId',
            'meetingByMeetingId',
          ]),
      },
      bare: {
        body: body('Q1', { first }),
        normalise: (d) =>
          q1Rows(list(obj(obj(d).commitments).nodes), ['id', 'leadOrganization', 'assignee', 'meeting']),
      },
    },
  };
}

// --- Q2 ------------------------------------------------------------------------------------------

const Q2_PRACHUM = `query Q2 {
  meetings(first: 20) {
    nodes {
      id title startsAt
      participations { role attendance person { id fullName } organization { id acronym } }
      commitments(first: 10) { nodes { id reference title status } }
    }
  }
}`;

const Q2_POSTGRAPHILE = `query Q2 {
  allMeetings(first: 20, orderBy: [STARTS_AT_DESC, ROW_ID_DESC]) {
    nodes {
      rowId title startsAt
      participationsByMeetingId {
        nodes { role attendance personByPersonId { rowId fullName } organizationByOrganizationId { rowId acronym } }
      }
      commitmentsByMeetingId(first: 10, orderBy: [DUE_DATE_ASC, REFERENCE_ASC, ROW_ID_ASC]) {
        nodes { rowId reference title status }
      }
    }
  }
}`;

/**
 * Meeting id and title, its participants (person, organisation, role; sorted: PostGraphile's amber
 * preset cannot order by created_at, an unindexed column) and its first commitments' references in order.
 */
const q2Rows = (meetings: Json[], pg: boolean) =>
  meetings.map((m) => {
    const participations = pg ? list(obj(m.participationsByMeetingId).nodes) : list(m.participations);
    const commitments = list(obj(pg ? m.commitmentsByMeetingId : m.commitments).nodes);
    return [
      rawId(pg ? m.rowId : m.id),
      m.title,
      participations
        .map((p) =>
          [
            rawId(obj(pg ? p.personByPersonId : p.person)[pg ? 'rowId' : 'id']),
            rawId(obj(pg ? p.organizationByOrganizationId : p.organization)[pg ? 'rowId' : 'id']),
            p.role,
            p.attendance,
          ].join(' '),
        )
        .sort(),
      commitments.map((c) => c.reference),
    ];
  });

function q2(): BenchQuery {
  return {
    label: 'Q2: 20 meetings + participations, 10 commitments each',
    requests: {
      prachum: { body: body(Q2_PRACHUM), normalise: (d) => q2Rows(list(obj(obj(d).meetings).nodes), false) },
      postgraphile: {
        body: body(Q2_POSTGRAPHILE),
        normalise: (d) => q2Rows(list(obj(obj(d).allMeetings).nodes), true),
      },
      bare: { body: body('Q2'), normalise: (d) => q2Rows(list(obj(obj(d).meetings).nodes), false) },
    },
  };
}

// --- the dashboard -------------------------------------------------------------------------------

const clientSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../packages/client/src');

async function graphqlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.graphql')).map((e) => path.join(e.parentPath, e.name));
}

/** Adds `__typename` to every selection set below the root, as Apollo Client does before sending. */
function withTypename(document: DocumentNode): DocumentNode {
  return visit(document, {
    SelectionSet: {
      leave(node: SelectionSetNode, _key, parent) {
        if (parent && 'kind' in parent && parent.kind === Kind.OPERATION_DEFINITION) return node;
        const has = node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename');
        if (has) return node;
        return {
          ...node,
          selections: [...node.selections, { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }],
        };
      },
    },
  });
}

/** Drops the client-only `@unmask` directive (data masking), which Apollo Client removes before sending. */
function withoutClientDirectives(document: DocumentNode): DocumentNode {
  return visit(document, {
    Directive(node) {
      return node.name.value === 'unmask' ? null : undefined;
    },
  });
}

/**
 * The Dashboard operation as the web client sends it: routes/dashboard.graphql with the fragments it
 * uses (found in the client's .graphql files), without `@unmask`, plus `__typename` everywhere. Read at run time, so
 * the benchmark follows the client.
 */
export async function loadDashboardDocument(): Promise<{ text: string; variables: string[] }> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const file of await graphqlFiles(clientSrc)) {
    for (const definition of parse(await readFile(file, 'utf8')).definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name?.value === 'Dashboard')
        operation = definition;
    }
  }
  if (!operation) throw new Error(`no Dashboard operation in ${clientSrc}`);
  const used = new Map<string, DefinitionNode>();
  const collect = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (!fragment) throw new Error(`the Dashboard query uses an unknown fragment ${name}`);
        if (!used.has(name)) {
          used.set(name, fragment);
          collect(fragment);
        }
      },
    });
  collect(operation);
  const document = withTypename(
    withoutClientDirectives({ kind: Kind.DOCUMENT, definitions: [operation, ...used.values()] }),
  );
  return {
    text: print(document),
    variables: (operation.variableDefinitions ?? []).map((v) => v.variable.name.value),
  };
}

/** The dashboard's lists reduced to ids, references, totals and stat keys with their counts. */
function dashboardParts(data: unknown): Json {
  const d = obj(data);
  const parts: Json = {};
  for (const alias of ['openCommitments', 'assignedToMe', 'dueDateRequests']) {
    if (d[alias] == null) continue;
    const page = obj(d[alias]);
    parts[alias] = {
      totalCount: page.totalCount,
      nodes: list(page.nodes).map((n) => [
        n.reference,
        n.status,
        n.isOverdue,
        n.completionLevel ?? null,
        list(n.dueDateChanges).map((c) => rawId(c.id)),
      ]),
    };
  }
  for (const alias of ['overdueByOrganization', 'byPlanGoal', 'byGcmObjective', 'byStatus']) {
    if (d[alias] == null) continue;
    parts[alias] = list(d[alias]).map((g) => [
      rawId(g.key),
      g.label,
      g.total,
      g.overdue,
      g.highCompletion,
      Number(g.averageProgress).toFixed(1),
      list(g.byStatus).map((b) => `${b.status}:${b.count}`),
    ]);
  }
  if (d.upcomingMeetings != null) parts.upcomingMeetings = list(obj(d.upcomingMeetings).nodes).map((m) => rawId(m.id));
  const unknown = Object.keys(d).filter((k) => !(k in parts) && d[k] != null);
  if (unknown.length) parts.notCompared = unknown;
  return parts;
}

export interface DashboardVariables {
  /** Start of today in Phnom Penh, as the client computes it. */
  from: string;
  /** The person whose "assigned to me" block is shown (raw uuid). */
  personId: string;
}

function dashboard(document: { text: string; variables: string[] }, values: DashboardVariables): BenchQuery {
  const all: Json = {
    organizationId: null,
    from: values.from,
    personId: Buffer.from(`Person:${values.personId}`).toString('base64url'),
    withAssigned: true,
    staff: true,
  };
  const variables = Object.fromEntries(document.variables.map((name) => [name, all[name] ?? null]));
  return {
    label: 'the dashboard query the client sends',
    requests: {
      prachum: { body: body(document.text, variables), normalise: dashboardParts },
      bare: {
        body: body('Dashboard', { ...variables, personId: values.personId }),
        normalise: dashboardParts,
      },
    },
    skipped: {
      postgraphile:
        'the amber preset has no IN-list or range filters and no aggregates, which every root field of the dashboard needs',
    },
  };
}

/** The queries of issue 14, in the order they are run. */
export async function benchQueries(values: DashboardVariables): Promise<BenchQuery[]> {
  return [q1(50), q1(100), q2(), dashboard(await loadDashboardDocument(), values)];
}
