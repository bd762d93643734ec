import { describe, expect, it } from 'vitest';
import type { MeetingPageQuery } from '../../graphql/generated.js';
import type { OutboxEntry } from './offline-db.js';
import { isPendingDecision, withPendingChanges } from './pending-view.js';

const person = (id: string, organization: string) => ({
  __typename: 'Person' as const,
  id,
  fullName: `Person ${id}`,
  fullNameKm: null,
  position: null,
  positionKm: null,
  organization: { __typename: 'Organization' as const, id: organization },
});
const org = (id: string) => ({ __typename: 'Organization' as const, id, acronym: id, name: id, nameKm: null });

function page(): MeetingPageQuery {
  const { organization: _o, ...label } = person('p1', 'o1');
  return {
    __typename: 'Query',
    node: {
      __typename: 'Meeting',
      id: 'm1',
      participations: [
        {
          __typename: 'Participation',
          role: 'PARTICIPANT',
          attendance: 'INVITED',
          positionHeld: null,
          sex: null,
          onBehalfOf: null,
          person: label,
          organization: org('o1'),
        },
      ],
      decisions: [],
    },
    organizations: { __typename: 'OrganizationConnection', nodes: [org('o1'), org('o2')] },
    people: { __typename: 'PersonConnection', nodes: [person('p1', 'o1'), person('p2', 'o2')] },
    gcmObjectives: [],
  } as unknown as MeetingPageQuery;
}

const entry = (change: Record<string, unknown>): OutboxEntry =>
  ({ key: 'k1', owner: 'me', createdAt: '', attempts: 0, status: 'pending', ...change }) as OutboxEntry;

describe('the meeting page with the changes still waiting', () => {
  it('shows attendance changed and people checked in offline, and decisions recorded offline', () => {
    const shown = withPendingChanges(page(), [
      entry({
        kind: 'participation',
        meetingId: 'm1',
        personId: 'p1',
        input: { role: 'CHAIR', attendance: 'ATTENDED' },
      }),
      entry({
        kind: 'participation',
        meetingId: 'm1',
        personId: 'p2',
        input: { role: 'OBSERVER', attendance: 'ATTENDED' },
      }),
      entry({ kind: 'decision', meetingId: 'm1', key: 'd1', input: { text: 'Agreed offline', agendaItemId: null } }),
      entry({ kind: 'decision', meetingId: 'other', key: 'd2', input: { text: 'Another meeting' } }),
    ]);
    const meeting = shown.node as Extract<MeetingPageQuery['node'], { __typename: 'Meeting' }>;
    expect(meeting.participations.map((p) => [p.person.id, p.role, p.attendance, p.organization.id])).toEqual([
      ['p1', 'CHAIR', 'ATTENDED', 'o1'],
      ['p2', 'OBSERVER', 'ATTENDED', 'o2'],
    ]);
    expect(meeting.decisions.map((d) => [d.text, isPendingDecision(d.id)])).toEqual([['Agreed offline', true]]);
  });

  it('leaves the page as it is when nothing waits for it', () => {
    const data = page();
    expect(withPendingChanges(data, [])).toBe(data);
  });
});
