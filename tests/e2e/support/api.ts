import type { APIRequestContext } from 'playwright-core';
import { unique } from './forms.js';

/** A GraphQL request with the session of a browser context (its cookies), outside the page. */
export async function graphql<T = any>(
  request: APIRequestContext,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await request.post('/graphql', { data: { query, variables } });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data as T;
}

export interface Invitable {
  id: string;
  fullName: string;
}

/**
 * A meeting of the committee made through the API, with two agenda items (Referral pathways, Shelter
 * capacity) and the first `invite` demo people with an organisation invited; `people` are those people
 * in the order they are invited in, for a journey that invites one itself.
 */
export async function seedMeeting(
  request: APIRequestContext,
  options: { title: string; startsAt: string; invite?: number },
): Promise<{ meetingId: string; people: Invitable[] }> {
  const { organizations, people } = await graphql(
    request,
    `{ organizations(first: 100) { nodes { id acronym } }
       people(first: 100) { nodes { id fullName organization { id } } } }`,
  );
  const ncct = organizations.nodes.find((o: { acronym: string }) => o.acronym === 'NCCT') ?? organizations.nodes[0];
  const invitable: Invitable[] = people.nodes.filter(
    (p: { fullName: string | null; organization: unknown }) => p.fullName && p.organization,
  );
  const created = await graphql(
    request,
    `mutation ($input: CreateMeetingInput!) { createMeeting(input: $input) { meeting { id } } }`,
    {
      input: {
        title: unique(options.title),
        kind: 'TECHNICAL_WORKING_GROUP',
        startsAt: options.startsAt,
        organizerId: ncct.id,
      },
    },
  );
  const meetingId: string = created.createMeeting.meeting.id;
  for (const title of ['Referral pathways', 'Shelter capacity']) {
    await graphql(
      request,
      `mutation ($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { agendaItem { id } } }`,
      { input: { meetingId, title } },
    );
  }
  for (const person of invitable.slice(0, options.invite ?? 0)) {
    await graphql(
      request,
      `mutation ($input: SetParticipationInput!) { setParticipation(input: $input) { meeting { id } } }`,
      { input: { meetingId, personId: person.id, role: 'PARTICIPANT', attendance: 'INVITED' } },
    );
  }
  return { meetingId, people: invitable };
}
