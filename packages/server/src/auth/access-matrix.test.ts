/**
 * The access matrix (DESIGN.md §1): one table of operation × target (own/other organisation,
 * visibility) × viewer → allowed (Y) or denied (N), one test per cell, through real sign-ins and
 * API tokens over HTTP. Reads must agree between node(id) and the filtered list's totalCount.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database.js';
import { createTestAccount, createTestHttp, createTestToken, type HttpResult, type TestHttp } from '../../test/http.js';
import type { Visibility } from '../db/base.entity.js';
import { toGlobalId } from '../graphql/global-id.js';
import { CommitmentSchema, type CommitmentStatus } from '../modules/commitments/commitment.entity.js';
import { testFactories } from '../test-support/factories.js';
import { MeetingSchema } from '../modules/meetings/meeting.entity.js';
import { PersonSchema } from '../modules/people/person.entity.js';

const VIEWERS = [
  'ADMIN',
  'SECRETARIAT',
  'SECRETARIAT_READ_TOKEN',
  'FOCAL_POINT',
  'PARTNER_WRITE_TOKEN',
  'ANONYMOUS',
  'ANONYMOUS_PUBLIC_READ',
] as const;
type ViewerName = (typeof VIEWERS)[number];
type Cell = 'Y' | 'N';

/** Whose the record is, from the focal point's side: their organisation leads it, supports it, or neither. */
type Owner = 'own' | 'other' | 'supported';
interface Target {
  owner: Owner;
  visibility?: Visibility;
  /** Visibility of the meeting the commitment comes from (defaults to its own). */
  meeting?: Visibility;
}

type Operation =
  | 'read commitment'
  | 'read meeting'
  | 'read person e-mail'
  | 'list audit events'
  | 'list accounts'
  | 'add progress update'
  | 'verify commitment'
  | 'update commitment'
  | 'create commitment'
  | 'update meeting'
  | 'create meeting'
  | 'record decision'
  | 'create organization'
  | 'create account'
  | 'create API token';

const own = (visibility?: Visibility, meeting?: Visibility): Target => ({ owner: 'own', visibility, meeting });
const other = (visibility?: Visibility, meeting?: Visibility): Target => ({ owner: 'other', visibility, meeting });
const supported = (visibility?: Visibility): Target => ({ owner: 'supported', visibility });

// biome-ignore format: an aligned table is easier to review.
const MATRIX: [Operation, Target, ...Cell[]][] = [
  //                                                                        ADM  SEC  SRT  FP   PAR  ANO  ANP
  ['read commitment', own('INTERNAL'),                                       'Y', 'Y', 'Y', 'Y', 'N', 'N', 'N'],
  ['read commitment', own('PARTNERS'),                                       'Y', 'Y', 'Y', 'Y', 'Y', 'N', 'N'],
  ['read commitment', own('PUBLIC'),                                         'Y', 'Y', 'Y', 'Y', 'Y', 'N', 'Y'],
  ['read commitment', own('PUBLIC', 'INTERNAL'),                             'Y', 'Y', 'Y', 'Y', 'N', 'N', 'N'],
  ['read commitment', other('INTERNAL'),                                     'Y', 'Y', 'Y', 'N', 'N', 'N', 'N'],
  ['read commitment', other('PARTNERS'),                                     'Y', 'Y', 'Y', 'Y', 'Y', 'N', 'N'],
  ['read commitment', other('PUBLIC'),                                       'Y', 'Y', 'Y', 'Y', 'Y', 'N', 'Y'],
  ['read commitment', other('PUBLIC', 'INTERNAL'),                           'Y', 'Y', 'Y', 'N', 'N', 'N', 'N'],
  ['read commitment', other('PARTNERS', 'INTERNAL'),                         'Y', 'Y', 'Y', 'N', 'N', 'N', 'N'],
  ['read commitment', supported('INTERNAL'),                                 'Y', 'Y', 'Y', 'Y', 'N', 'N', 'N'],
  ['read meeting', own('INTERNAL'),                                          'Y', 'Y', 'Y', 'Y', 'N', 'N', 'N'],
  ['read meeting', other('INTERNAL'),                                        'Y', 'Y', 'Y', 'N', 'N', 'N', 'N'],
  ['read meeting', other('PARTNERS'),                                        'Y', 'Y', 'Y', 'Y', 'Y', 'N', 'N'],
  ['read meeting', other('PUBLIC'),                                          'Y', 'Y', 'Y', 'Y', 'Y', 'N', 'Y'],
  ['read person e-mail', other(),                                            'Y', 'Y', 'Y', 'Y', 'N', 'N', 'N'],
  ['list audit events', other(),                                             'Y', 'Y', 'Y', 'N', 'N', 'N', 'N'],
  ['list accounts', other(),                                                 'Y', 'N', 'N', 'N', 'N', 'N', 'N'],
  ['add progress update', own('INTERNAL'),                                   'Y', 'Y', 'N', 'Y', 'N', 'N', 'N'],
  ['add progress update', supported('INTERNAL'),                             'Y', 'Y', 'N', 'Y', 'N', 'N', 'N'],
  ['add progress update', other('INTERNAL'),                                 'Y', 'Y', 'N', 'N', 'N', 'N', 'N'],
  ['add progress update', other('PUBLIC'),                                   'Y', 'Y', 'N', 'N', 'N', 'N', 'N'],
  ['verify commitment', own('INTERNAL'),                                     'Y', 'Y', 'N', 'N', 'N', 'N', 'N'],
  ['update commitment', own('INTERNAL'),                                     'Y', 'Y', 'N', 'N', 'N', 'N', 'N'],
  ['update commitment', other('PUBLIC'),                                     'Y', 'Y', 'N', 'N', 'N', 'N', 'N'],
  ['create commitment', own(),                                               'Y', 'Y', 'N', 'N', 'N', 'N', 'N'],
  ['update meeting', own('INTERNAL'),                                        'Y', 'Y', 'N', 'N', 'N', 'N', 'N'],
  ['update meeting', other('PUBLIC'),                                        'Y', 'Y', 'N', 'N', 'N', 'N', 'N'],
  ['create meeting', own(),                                                  'Y', 'Y', 'N', 'N', 'N', 'N', 'N'],
  ['record decision', other('PUBLIC'),                                       'Y', 'Y', 'N', 'N', 'N', 'N', 'N'],
  ['create organization', other(),                                           'Y', 'Y', 'N', 'N', 'N', 'N', 'N'],
  ['create account', other(),                                                'Y', 'N', 'N', 'N', 'N', 'N', 'N'],
  ['create API token', other(),                                              'Y', 'Y', 'N', 'Y', 'N', 'N', 'N'],
];

let db: TestDatabase;
let http: TestHttp;
let publicHttp: TestHttp;
let fixtures: ReturnType<typeof testFactories>;
const orgs = { own: '', other: '', committee: '' };
const credentials = {} as Record<ViewerName, { cookie?: string; token?: string; app: () => TestHttp }>;
let counter = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  http = await createTestHttp(db);
  publicHttp = await createTestHttp(db, { publicRead: true });
  fixtures = testFactories(db.orm);
  orgs.own = (await fixtures.organization('MATRIX-OWN')).id;
  orgs.other = (await fixtures.organization('MATRIX-OTHER')).id;
  orgs.committee = (await fixtures.organization('MATRIX-NCCT', { kind: 'COMMITTEE' })).id;
  const login = async (role: 'ADMIN' | 'SECRETARIAT' | 'FOCAL_POINT') => {
    const account = await createTestAccount(db, {
      role,
      organizationId: role === 'FOCAL_POINT' ? orgs.own : orgs.committee,
    });
    return { account, cookie: await http.login(account.email, account.password) };
  };
  const admin = await login('ADMIN');
  const secretariat = await login('SECRETARIAT');
  const focal = await login('FOCAL_POINT');
  const partner = await createTestAccount(db, { role: 'PARTNER', organizationId: orgs.other });
  credentials.ADMIN = { cookie: admin.cookie, app: () => http };
  credentials.SECRETARIAT = { cookie: secretariat.cookie, app: () => http };
  credentials.SECRETARIAT_READ_TOKEN = {
    token: await createTestToken(db, secretariat.account.id, 'READ'),
    app: () => http,
  };
  credentials.FOCAL_POINT = { cookie: focal.cookie, app: () => http };
  credentials.PARTNER_WRITE_TOKEN = { token: await createTestToken(db, partner.id, 'WRITE'), app: () => http };
  credentials.ANONYMOUS = { app: () => http };
  credentials.ANONYMOUS_PUBLIC_READ = { app: () => publicHttp };
});
afterAll(async () => {
  await http?.close();
  await publicHttp?.close();
  await db?.drop();
});

const organizationOf = (target: Target) => (target.owner === 'own' ? orgs.own : orgs.other);

async function meetingFor(target: Target, visibility: Visibility) {
  return fixtures.meeting({
    organizer: organizationOf(target),
    startsAt: '2024-05-01T02:00:00Z',
    visibility,
    title: `Matrix meeting ${++counter}`,
  });
}

async function commitmentFor(target: Target, status: CommitmentStatus = 'IN_PROGRESS') {
  const visibility = target.visibility ?? 'INTERNAL';
  const meeting = await meetingFor(target, target.meeting ?? visibility);
  return fixtures.commitment({
    lead: organizationOf(target),
    supporters: target.owner === 'supported' ? [orgs.own] : [],
    visibility,
    meeting: meeting.id,
    status,
    progress: status === 'COMPLETED' ? 100 : 10,
  });
}

async function versionOf(entity: typeof CommitmentSchema | typeof MeetingSchema, id: string): Promise<number> {
  return (await db.orm.em.fork().findOneOrFail(entity as typeof CommitmentSchema, { id })).version;
}

type Outcome = 'Y' | 'N' | `unexpected: ${string}`;
const DENIALS = ['FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND'];

/** A write is allowed when it succeeds, denied when refused for who is asking; anything else is a failure. */
function writeOutcome(result: HttpResult, field: string): Outcome {
  const code = result.body.errors?.[0]?.extensions?.code;
  if (result.status === 401 || (code && DENIALS.includes(code))) return 'N';
  if (!result.body.errors && result.body.data?.[field]) return 'Y';
  return `unexpected: ${result.status} ${JSON.stringify(result.body)}`;
}

/** A read is allowed when node(id) shows the record and the list counts it; denied when neither does. */
function readOutcome(node: HttpResult, list?: HttpResult): Outcome {
  const seen = node.body.data?.node != null;
  const refused = node.body.data?.node === null || node.body.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED';
  if (!list) return seen ? 'Y' : refused ? 'N' : `unexpected: ${JSON.stringify(node.body)}`;
  const counted = list.body.data?.commitments?.totalCount;
  const listRefused = counted === 0 || list.body.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED';
  if (seen && counted === 1) return 'Y';
  if (refused && listRefused) return 'N';
  return `unexpected: node ${JSON.stringify(node.body)} list ${JSON.stringify(list.body)}`;
}

async function perform(operation: Operation, target: Target, viewer: ViewerName): Promise<Outcome> {
  const { cookie, token, app } = credentials[viewer];
  const gql = (query: string, variables?: Record<string, unknown>) => app().gql(query, variables, { cookie, token });
  const NODE = 'query($id: ID!) { node(id: $id) { id } }';
  switch (operation) {
    case 'read commitment': {
      const commitment = await commitmentFor(target);
      const node = await gql(NODE, { id: commitment.gid });
      const list = await gql('query($s: String) { commitments(filter: { search: $s }) { totalCount } }', {
        s: commitment.reference,
      });
      return readOutcome(node, list);
    }
    case 'read meeting': {
      const meeting = await meetingFor(target, target.visibility ?? 'INTERNAL');
      return readOutcome(await gql(NODE, { id: meeting.gid }));
    }
    case 'read person e-mail': {
      const em = db.orm.em.fork();
      const person = em.create(PersonSchema, {
        fullName: `Contact ${++counter}`,
        organization: orgs.other,
        email: `contact${counter}@other.example.org`,
        phone: '+855 12 345 678',
      });
      await em.flush();
      const result = await gql('query($id: ID!) { node(id: $id) { ... on Person { email phone } } }', {
        id: toGlobalId('Person', person.id),
      });
      const data = result.body.data?.node;
      if (data?.email && data.phone) return 'Y';
      if (
        (data && data.email === null && data.phone === null) ||
        result.body.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED'
      )
        return 'N';
      return `unexpected: ${JSON.stringify(result.body)}`;
    }
    case 'list audit events':
      return writeOutcome(await gql('{ auditEvents(first: 1) { totalCount } }'), 'auditEvents');
    case 'list accounts':
      return writeOutcome(await gql('{ accounts(first: 1) { totalCount } }'), 'accounts');
    case 'add progress update': {
      const commitment = await commitmentFor(target);
      const result = await gql(
        'mutation($input: AddProgressUpdateInput!) { addProgressUpdate(input: $input) { commitment { progress } } }',
        {
          input: {
            commitmentId: commitment.gid,
            version: await versionOf(CommitmentSchema, commitment.id),
            progress: 50,
            note: 'Half done',
          },
        },
      );
      return writeOutcome(result, 'addProgressUpdate');
    }
    case 'verify commitment': {
      const commitment = await commitmentFor(target, 'COMPLETED');
      const result = await gql(
        'mutation($input: VerifyCommitmentInput!) { verifyCommitment(input: $input) { commitment { status } } }',
        { input: { id: commitment.gid, version: await versionOf(CommitmentSchema, commitment.id), accept: true } },
      );
      return writeOutcome(result, 'verifyCommitment');
    }
    case 'update commitment': {
      const commitment = await commitmentFor(target);
      const result = await gql(
        'mutation($input: UpdateCommitmentInput!) { updateCommitment(input: $input) { commitment { title } } }',
        { input: { id: commitment.gid, version: await versionOf(CommitmentSchema, commitment.id), title: 'Changed' } },
      );
      return writeOutcome(result, 'updateCommitment');
    }
    case 'create commitment': {
      const result = await gql(
        'mutation($input: CreateCommitmentInput!) { createCommitment(input: $input) { commitment { id } } }',
        {
          input: { title: `New ${++counter}`, leadOrganizationId: toGlobalId('Organization', organizationOf(target)) },
        },
      );
      return writeOutcome(result, 'createCommitment');
    }
    case 'update meeting': {
      const meeting = await meetingFor(target, target.visibility ?? 'INTERNAL');
      const result = await gql(
        'mutation($input: UpdateMeetingInput!) { updateMeeting(input: $input) { meeting { id } } }',
        { input: { id: meeting.gid, version: await versionOf(MeetingSchema, meeting.id), location: 'Phnom Penh' } },
      );
      return writeOutcome(result, 'updateMeeting');
    }
    case 'create meeting': {
      const result = await gql(
        'mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { meeting { id } } }',
        {
          input: {
            title: `Planned ${++counter}`,
            kind: 'CONSULTATION',
            startsAt: '2030-01-15T02:00:00Z',
            organizerId: toGlobalId('Organization', organizationOf(target)),
          },
        },
      );
      return writeOutcome(result, 'createMeeting');
    }
    case 'record decision': {
      const meeting = await meetingFor(target, target.visibility ?? 'INTERNAL');
      const result = await gql(
        'mutation($input: RecordDecisionInput!) { recordDecision(input: $input) { decision { id } } }',
        { input: { meetingId: meeting.gid, text: 'Agreed' } },
      );
      return writeOutcome(result, 'recordDecision');
    }
    case 'create organization':
      return writeOutcome(
        await gql(
          'mutation($a: String!) { createOrganization(input: { acronym: $a, name: "New", kind: NGO }) { organization { id } } }',
          {
            a: `NEW-${++counter}`,
          },
        ),
        'createOrganization',
      );
    case 'create account':
      return writeOutcome(
        await gql('mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }', {
          input: { email: `new${++counter}@matrix.example.org`, password: 'a long matrix passphrase', role: 'PARTNER' },
        }),
        'createAccount',
      );
    case 'create API token':
      return writeOutcome(
        await gql('mutation { createApiToken(input: { name: "matrix", scope: READ }) { token } }'),
        'createApiToken',
      );
  }
}

const describeTarget = (t: Target) =>
  [
    t.owner === 'own'
      ? 'own organisation'
      : t.owner === 'supported'
        ? 'supported by own organisation'
        : 'other organisation',
    t.visibility,
    t.meeting && `in a ${t.meeting} meeting`,
  ]
    .filter(Boolean)
    .join(', ');

describe('access matrix', () => {
  for (const [operation, target, ...cells] of MATRIX) {
    describe(`${operation} (${describeTarget(target)})`, () => {
      VIEWERS.forEach((viewer, index) => {
        const expected = cells[index]!;
        it(`${viewer}: ${expected === 'Y' ? 'allowed' : 'denied'}`, async () => {
          expect(await perform(operation, target, viewer)).toBe(expected);
        });
      });
    });
  }

  it('has a cell for every viewer in every row', () => {
    for (const [, , ...cells] of MATRIX) expect(cells).toHaveLength(VIEWERS.length);
  });
});
