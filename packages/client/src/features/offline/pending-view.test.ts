import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from './offline-db.js';
import { isPendingDecision, type MeetingPageData, withPendingChanges } from './pending-view.js';

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

function page(): MeetingPageData {
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
    gcmObjectives: [],
  } as unknown as MeetingPageData;
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
        shown: { person: { id: 'p2', fullName: 'Person p2', fullNameKm: null }, organization: org('o2') },
      }),
      entry({ kind: 'decision', meetingId: 'm1', key: 'd1', input: { text: 'Agreed offline', agendaItemId: null } }),
      entry({ kind: 'decision', meetingId: 'other', key: 'd2', input: { text: 'Another meeting' } }),
    ]);
    const meeting = shown.node as Extract<MeetingPageData['node'], { __typename: 'Meeting' }>;
    expect(meeting.participations.map((p) => [p.person.id, p.role, p.attendance, p.organization.id])).toEqual([
      ['p1', 'CHAIR', 'ATTENDED', 'o1'],
      ['p2', 'OBSERVER', 'ATTENDED', 'o2'],
    ]);
    // The newcomer's name and organisation come with the change: the page lists only its participants.
    expect(meeting.participations[1]?.person.fullName).toBe('Person p2');
    expect(meeting.participations[1]?.organization).toMatchObject({ acronym: 'o2', name: 'o2' });
    expect(meeting.decisions.map((d) => [d.text, isPendingDecision(d.id)])).toEqual([['Agreed offline', true]]);
  });

  it('shows a check-in kept before names were stored, without the name, under the organisation if the page has it', () => {
    const shown = withPendingChanges(page(), [
      entry({
        kind: 'participation',
        meetingId: 'm1',
        personId: 'p3',
        input: { role: 'PARTICIPANT', attendance: 'ATTENDED', organizationId: 'o1' },
      }),
      entry({
        kind: 'participation',
        meetingId: 'm1',
        personId: 'p4',
        input: { role: 'PARTICIPANT', attendance: 'ATTENDED' },
      }),
    ]);
    const meeting = shown.node as Extract<MeetingPageData['node'], { __typename: 'Meeting' }>;
    expect(meeting.participations.map((p) => [p.person.id, p.person.fullName, p.organization.acronym])).toEqual([
      ['p1', 'Person p1', 'o1'],
      ['p3', null, 'o1'],
      ['p4', null, '—'],
    ]);
  });

  it('shows a newcomer under an organisation already on the page rather than the stored copy', () => {
    const shown = withPendingChanges(page(), [
      entry({
        kind: 'participation',
        meetingId: 'm1',
        personId: 'p5',
        input: { role: 'PARTICIPANT', attendance: 'ATTENDED' },
        shown: {
          person: { id: 'p5', fullName: 'Person p5', fullNameKm: 'ឈ្មោះ' },
          organization: { id: 'o1', acronym: 'o1', name: null, nameKm: null },
        },
      }),
    ]);
    const meeting = shown.node as Extract<MeetingPageData['node'], { __typename: 'Meeting' }>;
    const added = meeting.participations.find((p) => p.person.id === 'p5');
    expect(added?.person).toMatchObject({ fullName: 'Person p5', fullNameKm: 'ឈ្មោះ' });
    // The page's own copy, with its name, so the newcomer joins that group as it is shown.
    expect(added?.organization).toBe(meeting.participations[0]?.organization);
  });

  it('leaves the page as it is when nothing waits for it', () => {
    const data = page();
    expect(withPendingChanges(data, [])).toBe(data);
  });
});
