import type { MeetingPageQuery } from '../../graphql/generated.js';
import type { OutboxEntry } from './offline-db.js';

type Meeting = Extract<NonNullable<MeetingPageQuery['node']>, { __typename: 'Meeting' }>;
type Participation = Meeting['participations'][number];
type Decision = Meeting['decisions'][number];

/** The id a decision recorded offline shows under until the server gives it its own. */
export const pendingDecisionId = (key: string) => `pending:${key}`;

/** Whether a decision on the page is one recorded offline and not yet on the server. */
export const isPendingDecision = (id: string) => id.startsWith('pending:');

/**
 * The meeting page as the viewer left it: the server's last answer with the attendance and decisions still in
 * the outbox laid over it (minutes waiting are shown by their editor). Used for the page read offline and for
 * the cache the moment a change is made.
 */
export function withPendingChanges(data: MeetingPageQuery, entries: readonly OutboxEntry[]): MeetingPageQuery {
  const node = data.node;
  if (node?.__typename !== 'Meeting') return data;
  let participations = node.participations;
  let decisions = node.decisions;
  for (const entry of entries) {
    if (entry.kind === 'minutes' || entry.meetingId !== node.id) continue;
    if (entry.kind === 'participation') {
      const { input } = entry;
      const existing = participations.find((p) => p.person.id === entry.personId);
      const organizationId =
        (input.organizationId ? String(input.organizationId) : null) ??
        existing?.organization.id ??
        personOrganization(data, entry);
      const organization =
        data.organizations.nodes.find((o) => o.id === organizationId) ?? existing?.organization ?? null;
      if (existing) {
        const changed: Participation = {
          ...existing,
          role: input.role,
          attendance: input.attendance,
          organization: organization ?? existing.organization,
        };
        participations = participations.map((p) => (p === existing ? changed : p));
      } else {
        const person = data.people.nodes.find((p) => p.id === entry.personId);
        if (!person || !organization) continue;
        const { organization: _home, ...label } = person;
        const added: Participation = {
          __typename: 'Participation',
          role: input.role,
          attendance: input.attendance,
          positionHeld: null,
          sex: null,
          onBehalfOf: null,
          person: label,
          organization,
        };
        participations = [...participations, added];
      }
    } else if (entry.kind === 'decision') {
      const id = pendingDecisionId(entry.key);
      if (decisions.some((d) => d.id === id)) continue;
      const { text = null, textKm = null, agendaItemId } = entry.input;
      const decision: Decision = {
        __typename: 'Decision',
        id,
        text,
        textKm,
        agendaItem: agendaItemId ? { __typename: 'AgendaItem', id: String(agendaItemId) } : null,
        commitments: [],
      };
      decisions = [...decisions, decision];
    }
  }
  if (participations === node.participations && decisions === node.decisions) return data;
  return { ...data, node: { ...node, participations, decisions } };
}

function personOrganization(data: MeetingPageQuery, entry: { personId: string }): string | undefined {
  return data.people.nodes.find((p) => p.id === entry.personId)?.organization?.id;
}
