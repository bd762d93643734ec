import type { Unmasked } from '@apollo/client';
import type { MeetingPageQuery } from '../../graphql/generated.js';
import type { OutboxEntry, ParticipantLabel } from './offline-db.js';

/** The meeting page's answer as the cache and the network have it: every section's fragment merged in. */
export type MeetingPageData = Unmasked<MeetingPageQuery>;

type Meeting = Extract<NonNullable<MeetingPageData['node']>, { __typename: 'Meeting' }>;
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
export function withPendingChanges(data: MeetingPageData, entries: readonly OutboxEntry[]): MeetingPageData {
  const node = data.node;
  if (node?.__typename !== 'Meeting') return data;
  let participations = node.participations;
  let decisions = node.decisions;
  for (const entry of entries) {
    if (entry.kind === 'minutes' || entry.meetingId !== node.id) continue;
    if (entry.kind === 'participation') {
      const { input, shown } = entry;
      const existing = participations.find((p) => p.person.id === entry.personId);
      const organizationId =
        (input.organizationId ? String(input.organizationId) : null) ??
        existing?.organization.id ??
        shown?.organization?.id ??
        null;
      const organization = organizationOf(participations, organizationId, shown) ?? existing?.organization ?? null;
      if (existing) {
        const changed: Participation = {
          ...existing,
          role: input.role,
          attendance: input.attendance,
          organization: organization ?? existing.organization,
        };
        participations = participations.map((p) => (p === existing ? changed : p));
      } else {
        const added: Participation = {
          __typename: 'Participation',
          role: input.role,
          attendance: input.attendance,
          positionHeld: input.positionHeld ?? null,
          sex: input.sex ?? null,
          onBehalfOf: participations.find((p) => p.person.id === input.onBehalfOfId)?.person ?? null,
          person: {
            __typename: 'Person',
            id: entry.personId,
            fullName: shown?.person.fullName ?? null,
            fullNameKm: shown?.person.fullNameKm ?? null,
            position: null,
            positionKm: null,
          },
          // An entry kept before the label was stored: shown under an unnamed organisation until the server answers.
          organization: organization ?? {
            __typename: 'Organization',
            id: organizationId ?? UNKNOWN,
            acronym: '—',
            name: null,
            nameKm: null,
          },
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

const UNKNOWN = 'pending:organization';

/** The organisation a participation is shown under: as the page has it already, else as the form stored it. */
function organizationOf(
  participations: readonly Participation[],
  id: string | null,
  shown: ParticipantLabel | undefined,
): Participation['organization'] | null {
  if (!id) return null;
  const listed = participations.find((p) => p.organization.id === id)?.organization;
  if (listed) return listed;
  const stored = shown?.organization;
  return stored?.id === id ? { __typename: 'Organization', ...stored } : null;
}
