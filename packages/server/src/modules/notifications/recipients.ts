import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role, Viewer } from '../../auth/viewer.js';
import type { Locale } from '../accounts/account.entity.js';
import { commitmentVisibilitySql } from '../commitments/commitment.sql.js';
import { meetingVisibilityWhere } from '../meetings/meeting.service.js';

/** A person who can be told something: they have an active account. */
export interface Recipient {
  person: string;
  organization: string | null;
  fullName: string | null;
  fullNameKm: string | null;
  email: string;
  role: Role;
  locale: Locale;
  emailReminders: boolean;
  emailDigest: boolean;
  emailEvents: boolean;
}

const list = (values: readonly unknown[]) => values.map(() => '?').join(', ');

const RECIPIENT_COLUMNS = `p.id as person, p.organization_id as organization, p.full_name as "fullName",
  p.full_name_km as "fullNameKm", a.email, a.role, a.locale, a.email_reminders as "emailReminders",
  a.email_digest as "emailDigest", a.email_events as "emailEvents"`;

/** The people among `personIds` who have an active account (others cannot read anything we tell them). */
export async function loadRecipients(em: EntityManager, personIds: readonly string[]): Promise<Recipient[]> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return [];
  return em.execute<Recipient[]>(
    `select ${RECIPIENT_COLUMNS} from person p join account a on a.person_id = p.id and a.active
      where p.id in (${list(ids)}) order by p.id`,
    ids,
  );
}

/** Every active account of a role, as recipients. */
export async function recipientsWithRole(em: EntityManager, role: Role): Promise<Recipient[]> {
  return em.execute<Recipient[]>(
    `select ${RECIPIENT_COLUMNS} from person p join account a on a.person_id = p.id and a.active
      where a.role = ? order by p.id`,
    [role],
  );
}

/** How the access rules see a recipient: the same viewer they would be when signed in. */
export function recipientViewer(recipient: Recipient): Viewer {
  return {
    role: recipient.role,
    personId: recipient.person,
    organizationId: recipient.organization ?? undefined,
    canWrite: false,
  };
}

/**
 * The followers of each commitment (DESIGN.md §7): its assignee, the focal points of its lead
 * organisation, whoever created it, and whoever follows it by hand, less those who unfollowed.
 * One statement for any number of commitments.
 */
export async function followersOf(em: EntityManager, commitmentIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(commitmentIds.map((id) => [id, []]));
  if (commitmentIds.length === 0) return result;
  const rows = await em.execute<{ commitment: string; person: string }[]>(
    `select c.id as commitment, f.person
       from commitment c
       cross join lateral (
         select c.assignee_id as person where c.assignee_id is not null
         union select c.created_by where c.created_by is not null
         union select fp.id from person fp where fp.organization_id = c.lead_organization_id and fp.is_focal_point
         union select hf.person_id from commitment_follow hf where hf.commitment_id = c.id and hf.following
       ) f
      where c.id in (${list(commitmentIds)})
        and exists (select 1 from person ep where ep.id = f.person)
        and not exists (select 1 from commitment_follow uf
                         where uf.commitment_id = c.id and uf.person_id = f.person and not uf.following)
      order by c.id, f.person`,
    [...commitmentIds],
  );
  for (const row of rows) result.get(row.commitment)?.push(row.person);
  return result;
}

/** Whether the recipient may read the commitment or meeting, by the same rules as their own queries. */
export async function recipientMaySee(
  em: EntityManager,
  recipient: Recipient,
  record: { commitment?: string | null; meeting?: string | null },
): Promise<boolean> {
  const viewer = recipientViewer(recipient);
  if (record.commitment) {
    const visible = commitmentVisibilitySql(viewer, false, 'c');
    const rows = await em.execute(`select 1 from commitment c where c.id = ? and ${visible.sql}`, [
      record.commitment,
      ...visible.params,
    ]);
    if (rows.length === 0) return false;
  }
  if (record.meeting) {
    const visible = meetingVisibilityWhere(viewer, false, 'm');
    const rows = await em.execute(`select 1 from meeting m where m.id = ?${visible ? ` and ${visible.sql}` : ''}`, [
      record.meeting,
      ...(visible?.params ?? []),
    ]);
    if (rows.length === 0) return false;
  }
  return true;
}
